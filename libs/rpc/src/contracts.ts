import type { GrpcContract } from './server';

/** The gRPC contracts between services (files under libs/contracts/proto). */
export const CONTACTS_CONTRACT: GrpcContract = { package: 'omnibox.contacts.v1', file: 'contacts.proto' };
export const CONVERSATIONS_CONTRACT: GrpcContract = { package: 'omnibox.conversations.v1', file: 'conversations.proto' };
export const SEARCH_CONTRACT: GrpcContract = { package: 'omnibox.search.v1', file: 'search.proto' };
export const INBOX_CONTRACT: GrpcContract = { package: 'omnibox.inbox.v1', file: 'inbox.proto' };
export const NOTIFICATIONS_CONTRACT: GrpcContract = { package: 'omnibox.notifications.v1', file: 'notifications.proto' };
export const CALLS_CONTRACT: GrpcContract = { package: 'omnibox.calls.v1', file: 'calls.proto' };
