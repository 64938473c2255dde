import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { configureHttpApp, createLogger, NestPinoLogger } from '@omnibox/platform';
import { GatewayModule } from './app.module';
import { mountProviderIngress } from './channels/adapters/http/ingress.route';
import { mountProviderWebhooks } from './channels/adapters/http/webhook.route';
import { GatewayConfig } from './config';
import { buildApiDocument } from './openapi/api-document';

/** Creates the gateway application (used by main.ts and by tests); call `listen` to serve it. */
export async function createGateway(config: GatewayConfig): Promise<INestApplication> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await NestFactory.create(GatewayModule.forRoot(config), { logger: new NestPinoLogger(logger), bodyParser: false, abortOnError: false });
  const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);
  configureHttpApp(app, { corsOrigins: list(config.CORS_ORIGINS), trustProxy: list(config.TRUST_PROXY) });
  mountProviderIngress(app);
  mountProviderWebhooks(app);
  const document = buildApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'v1/openapi.json' });
  return app;
}
