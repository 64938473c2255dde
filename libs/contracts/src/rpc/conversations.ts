// Types generated from conversations.proto (`npm run proto`), for both ends of the contract.
export type { ConversationsDefinition } from '../generated/omnibox/conversations/v1/Conversations';
