export * from './object-storage';
export * from './put-stream';
export * from './storage-errors';
export * from './content-sniffing';
export * from './sniffed-body';
export * from './copy-from-url';
export * from './media-copy-config';
