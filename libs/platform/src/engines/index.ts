export * from './mongo';
export * from './insert-batcher';
export * from './redis';
export * from './nats';
export * from './elasticsearch';
export * from './batcher';
