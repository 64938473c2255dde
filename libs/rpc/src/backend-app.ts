import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttpApp, NestPinoLogger } from '@omnibox/platform';
import type { Logger } from 'pino';
import { BackendGrpcServer } from './backend-grpc-server';
import { GrpcContract, grpcServerOptions, ServiceErrorFilter } from './server';

export interface BackendAppOptions {
  logger: Logger;
  http: { host: string; port: number };
  grpc: {
    host: string;
    port: number;
    contracts: GrpcContract[];
    /** INTERNAL_SECRET (and, while it is rotated, the previous one): caller scopes signed otherwise are refused. */
    secrets: string[];
  };
}

/**
 * Starts a backend service the one way they all start: HTTP for `/health/*`, gRPC for the gateway's
 * calls (its contracts plus grpc.health.v1) with the caller scope verified on every call, shutdown hooks that drain consumers before engines close.
 */
export async function startBackendApp(module: DynamicModule, options: BackendAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: new NestPinoLogger(options.logger), bodyParser: false, abortOnError: false });
  configureHttpApp(app, { errorFilter: new ServiceErrorFilter() });
  const grpc = grpcServerOptions(options.grpc.host, options.grpc.port, options.grpc.contracts);
  app.connectMicroservice({ strategy: new BackendGrpcServer(grpc.options, options.grpc.secrets) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(options.http.port, options.http.host);
  return app;
}
