import { INestApplication } from '@nestjs/common';
import { createLogger, internalSecrets } from '@omnibox/platform';
import { NOTIFICATIONS_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { NotificationsModule } from './app.module';
import { NotificationsConfig } from './config';

/** Starts the notifications service (used by main.ts and by tests). */
export function startNotifications(config: NotificationsConfig): Promise<INestApplication> {
  return startBackendApp(NotificationsModule.forRoot(config), {
    logger: createLogger('notifications', config.LOG_LEVEL),
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    grpc: { host: config.GRPC_HOST, port: config.GRPC_PORT, contracts: [NOTIFICATIONS_CONTRACT], secrets: internalSecrets(config) },
  });
}
