import { INestApplication } from '@nestjs/common';
import { createLogger, internalSecrets } from '@omnibox/platform';
import { CONTACTS_CONTRACT, startBackendApp } from '@omnibox/rpc';
import { ContactsAppModule } from './app.module';
import { ContactsConfig } from './config';

/** Starts the contacts service (used by main.ts and by tests). */
export function startContacts(config: ContactsConfig): Promise<INestApplication> {
  return startBackendApp(ContactsAppModule.forRoot(config), {
    logger: createLogger('contacts', config.LOG_LEVEL),
    http: { host: config.HTTP_HOST, port: config.HTTP_PORT },
    grpc: { host: config.GRPC_HOST, port: config.GRPC_PORT, contracts: [CONTACTS_CONTRACT], secrets: internalSecrets(config) },
  });
}
