export * from './load-config';
export * from './validators';
export * from './common-config';
export * from './object-storage-config';
