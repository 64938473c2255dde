export * from './caller-metadata';
export * from './errors';
export * from './server';
export * from './client';
export * from './backend-app';
export * from './handle-call';
export * from './contracts';
