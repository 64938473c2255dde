export * from './event-bus';
export * from './outbox';
export * from './consumer';
export * from './processed-events';
export * from './messaging.module';
export * from './document-lock';
export * from './consumer-subjects';
