import 'reflect-metadata';
import { loadConfig, runService, startMetricsServer } from '@omnibox/platform';
import { createGateway } from './app';
import { GatewayConfig } from './config';

void runService('gateway', async () => {
  const config = loadConfig(GatewayConfig);
  const app = await createGateway(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  if (config.GATEWAY_METRICS_PORT) await startMetricsServer(config.GATEWAY_METRICS_PORT, config.GATEWAY_HOST);
  const metrics = config.GATEWAY_METRICS_PORT ? `, metrics on :${config.GATEWAY_METRICS_PORT}` : '';
  return { app, describe: `http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}${metrics}` };
});
