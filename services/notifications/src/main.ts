import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { startNotifications } from './app';
import { NotificationsConfig } from './config';

void runService('notifications', async () => {
  const config = loadConfig(NotificationsConfig);
  const app = await startNotifications(config);
  return { app, describe: `http://${config.HTTP_HOST}:${config.HTTP_PORT} (health), gRPC ${config.GRPC_HOST}:${config.GRPC_PORT}` };
});
