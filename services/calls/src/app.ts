import { INestApplication } from '@nestjs/common';
import { createLogger, internalSecrets } from '@omnibox/platform';
import { CALLS_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { CallsModule } from './app.module';
import { CallsConfig } from './config';

/** Starts the calls service (used by main.ts and by tests). */
export function startCalls(config: CallsConfig): Promise<INestApplication> {
  return startBackendApp(CallsModule.forRoot(config), {
    logger: createLogger('calls', config.LOG_LEVEL),
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    grpc: { host: config.GRPC_HOST, port: config.GRPC_PORT, contracts: [CALLS_CONTRACT], secrets: internalSecrets(config) },
  });
}
