import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { startConversations } from './app';
import { ConversationsConfig } from './config';

void runService('conversations', async () => {
  const config = loadConfig(ConversationsConfig);
  const app = await startConversations(config);
  return { app, describe: `http://${config.HTTP_HOST}:${config.HTTP_PORT} (health), gRPC ${config.GRPC_HOST}:${config.GRPC_PORT}` };
});
