export * from './object-storage';
export * from './put-stream';
export * from './storage-errors';
