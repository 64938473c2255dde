export * from './envelope';
export * from './directory-events';
export * from './contact-events';
export * from './channel-events';
export * from './conversation-events';
export * from './inbox-events';
export * from './call-events';
export * from './notification-events';
