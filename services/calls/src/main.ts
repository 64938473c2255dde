import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { startCalls } from './app';
import { CallsConfig } from './config';

void runService('calls', async () => {
  const config = loadConfig(CallsConfig);
  const app = await startCalls(config);
  return { app, describe: `http://${config.HTTP_HOST}:${config.HTTP_PORT} (health), gRPC ${config.GRPC_HOST}:${config.GRPC_PORT}` };
});
