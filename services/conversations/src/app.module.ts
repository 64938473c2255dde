import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { ConversationsConfig } from './config';

/** The conversations service: threads (one per contact), messages, comments, timeline events, assignment, snooze and the inbox views built from them. */
@Module({})
export class ConversationsModule {
  static forRoot(config: ConversationsConfig): DynamicModule {
    return {
      module: ConversationsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'conversations',
          config,
          mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE },
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
        }),
        MessagingModule.forRoot(),
      ],
      controllers: [GrpcHealthController],
    };
  }
}
