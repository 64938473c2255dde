import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { startContacts } from './app';
import { ContactsConfig } from './config';

void runService('contacts', async () => {
  const config = loadConfig(ContactsConfig);
  const app = await startContacts(config);
  return { app, describe: `http://${config.HTTP_HOST}:${config.HTTP_PORT} (health), gRPC ${config.GRPC_HOST}:${config.GRPC_PORT}` };
});
