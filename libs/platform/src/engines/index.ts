export * from './mongo';
export * from './redis';
export * from './nats';
export * from './elasticsearch';
