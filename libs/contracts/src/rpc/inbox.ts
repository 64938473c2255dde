// Types generated from inbox.proto (`npm run proto`), for both ends of the contract.
export type { InboxDefinition } from '../generated/omnibox/inbox/v1/Inbox';
export type { Sidebar, Sidebar__Output } from '../generated/omnibox/inbox/v1/Sidebar';
export type { Conversation as InboxConversation, Conversation__Output as InboxConversation__Output } from '../generated/omnibox/inbox/v1/Conversation';
export type { CustomView as InboxCustomView, CustomView__Output as InboxCustomView__Output } from '../generated/omnibox/inbox/v1/CustomView';
export type { Filter as InboxFilter, Filter__Output as InboxFilter__Output } from '../generated/omnibox/inbox/v1/Filter';
export type { Sharing as InboxSharing, Sharing__Output as InboxSharing__Output } from '../generated/omnibox/inbox/v1/Sharing';
export type { ConversationPage as InboxConversationPage, ConversationPage__Output as InboxConversationPage__Output } from '../generated/omnibox/inbox/v1/ConversationPage';
export type { Condition as InboxCondition } from '../generated/omnibox/inbox/v1/Condition';
