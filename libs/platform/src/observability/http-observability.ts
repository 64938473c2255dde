import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { createServer, Server } from 'node:http';
import { Public } from '../http/public';
import { httpRequestDuration, metricsRegistry } from './metrics';
import { extractTraceContext, inSpan, SpanKind } from './tracing';

/**
 * Per HTTP request: a server span (continuing the caller's `traceparent`) around the handler, and its
 * duration in `http_request_duration_seconds` by route pattern (never the raw path: ids would explode
 * the label set).
 */
export function httpObservabilityMiddleware(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path === '/metrics' || req.path.startsWith('/health/')) return;
    const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
    httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  const parent = extractTraceContext((key) => req.header(key));
  void inSpan(
    `HTTP ${req.method}`,
    SpanKind.SERVER,
    { 'http.request.method': req.method, 'url.path': req.path },
    (span) =>
      new Promise<void>((resolve) => {
        res.on('finish', () => {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (req.route?.path) span.updateName(`HTTP ${req.method} ${req.baseUrl ?? ''}${req.route.path}`);
          resolve();
        });
        res.on('close', () => resolve());
        next();
      }),
    parent,
  );
}

/** `GET /metrics` in Prometheus text format, on a backend service's health port. */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  async metrics(@Res() res: Response) {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}

/** A separate port serving only `GET /metrics` (the gateway's admin port: never the public API port). */
export async function startMetricsServer(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
