import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { startSearch } from './app';
import { SearchConfig } from './config';

void runService('search', async () => {
  const config = loadConfig(SearchConfig);
  const app = await startSearch(config);
  return { app, describe: `http://${config.HTTP_HOST}:${config.HTTP_PORT} (health), gRPC ${config.GRPC_HOST}:${config.GRPC_PORT}` };
});
