export * from './metrics';
export * from './tracing';
export * from './http-observability';
