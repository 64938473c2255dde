import { INestApplication } from '@nestjs/common';
import { createLogger, internalSecrets } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, INBOX_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { ConversationsModule } from './app.module';
import { ConversationsConfig } from './config';

/** Starts the conversations service (used by main.ts and by tests). */
export function startConversations(config: ConversationsConfig): Promise<INestApplication> {
  return startBackendApp(ConversationsModule.forRoot(config), {
    logger: createLogger('conversations', config.LOG_LEVEL),
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    grpc: { host: config.GRPC_HOST, port: config.GRPC_PORT, contracts: [CONVERSATIONS_CONTRACT, INBOX_CONTRACT], secrets: internalSecrets(config) },
  });
}
