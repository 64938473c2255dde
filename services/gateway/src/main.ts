import 'reflect-metadata';
import { loadConfig, runService } from '@omnibox/platform';
import { createGateway } from './app';
import { GatewayConfig } from './config';

void runService('gateway', async () => {
  const config = loadConfig(GatewayConfig);
  const app = await createGateway(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  return { app, describe: `http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}` };
});
