import { INestApplication } from '@nestjs/common';
import { createLogger, internalSecrets } from '@omnibox/platform';
import { SEARCH_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { SearchAppModule } from './app.module';
import { SearchConfig } from './config';

/** Starts the search service (used by main.ts and by tests). */
export function startSearch(config: SearchConfig): Promise<INestApplication> {
  return startBackendApp(SearchAppModule.forRoot(config), {
    logger: createLogger('search', config.LOG_LEVEL),
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    grpc: { host: config.GRPC_HOST, port: config.GRPC_PORT, contracts: [SEARCH_CONTRACT], secrets: internalSecrets(config) },
  });
}
