import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { CallsConfig } from './config';

/** The calls service: voice calls, call logs and call activity (CAL-1…5). */
@Module({})
export class CallsModule {
  static forRoot(config: CallsConfig): DynamicModule {
    return {
      module: CallsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'calls',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true' },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
      ],
      controllers: [GrpcHealthController],
    };
  }
}
