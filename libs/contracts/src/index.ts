export * from './events';
export * from './identity/caller';
export * from './proto-path';
export * from './identity/visibility';
export * from './channels/channel-capabilities';
export * from './conversations/mentions';
export * from './inbox/inbox-views';
export * from './inbox/custom-filter';
