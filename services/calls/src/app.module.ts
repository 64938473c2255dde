import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { objectStorageOptions, PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { CallsApiModule } from './calls-api.module';
import { CallsCoreModule } from './calls-core.module';
import { CallsConfig } from './config';
import { ContactsSyncModule } from './contacts-sync.module';
import { FollowUpModule } from './follow-up.module';
import { IngestModule } from './ingest.module';

/** The calls service: voice calls, call logs and call activity (CAL-1…5), and the workspace settings calls read. */
@Module({})
export class CallsModule {
  static forRoot(config: CallsConfig): DynamicModule {
    return {
      module: CallsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'calls',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true', commandStats: config.MONGODB_COMMAND_STATS === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
          storage: objectStorageOptions(config),
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        CallsCoreModule,
        CallsApiModule,
        IngestModule,
        ContactsSyncModule,
        FollowUpModule,
      ],
      controllers: [GrpcHealthController],
    };
  }
}
