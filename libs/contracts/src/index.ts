export * from './events';
export * from './identity/caller';
export * from './proto-path';
export * from './identity/visibility';
