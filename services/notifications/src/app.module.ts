import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { NotificationsConfig } from './config';
import { NotificationsFeatureModule } from './notifications.module';

/** The notifications service: the per-user notification centre, Web Push subscriptions and reminders (NTF-1, NTF-2). */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'notifications',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: config.MONGODB_SYNC_INDEXES === 'true', commandStats: config.MONGODB_COMMAND_STATS === 'true' },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot({ store: 'mongo' }),
        NotificationsFeatureModule,
      ],
      controllers: [GrpcHealthController],
    };
  }
}
