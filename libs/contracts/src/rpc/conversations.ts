// Types generated from conversations.proto (`npm run proto`), for both ends of the contract: the
// service answers the plain message types, the gateway receives the `__Output` ones (defaults filled).
export type { ConversationsDefinition } from '../generated/omnibox/conversations/v1/Conversations';
export type { Conversation as ConversationMessage, Conversation__Output as ConversationAnswer } from '../generated/omnibox/conversations/v1/Conversation';
export type { Message as MessageMessage, Message__Output as MessageAnswer } from '../generated/omnibox/conversations/v1/Message';
export type { Comment as CommentMessage, Comment__Output as CommentAnswer } from '../generated/omnibox/conversations/v1/Comment';
export type { TimelineEvent as TimelineEventMessage, TimelineEvent__Output as TimelineEventAnswer } from '../generated/omnibox/conversations/v1/TimelineEvent';
export type { TimelineItem as TimelineItemMessage, TimelineItem__Output as TimelineItemAnswer } from '../generated/omnibox/conversations/v1/TimelineItem';
export type { TimelinePage as TimelinePageMessage, TimelinePage__Output as TimelinePageAnswer } from '../generated/omnibox/conversations/v1/TimelinePage';
export type { EmailDetails__Output as EmailDetailsAnswer } from '../generated/omnibox/conversations/v1/EmailDetails';
export type { SendMessageRequest__Output as SendMessageReceived } from '../generated/omnibox/conversations/v1/SendMessageRequest';
export type { BroadcastRequest__Output as BroadcastReceived } from '../generated/omnibox/conversations/v1/BroadcastRequest';
export type { AttachmentsDefinition } from '../generated/omnibox/conversations/v1/Attachments';
export type { Attachment as AttachmentMessage, Attachment__Output as AttachmentAnswer } from '../generated/omnibox/conversations/v1/Attachment';
export type { AttachmentRead as AttachmentReadMessage, AttachmentRead__Output as AttachmentReadAnswer } from '../generated/omnibox/conversations/v1/AttachmentRead';
export type { MessageAttachment__Output as MessageAttachmentAnswer } from '../generated/omnibox/conversations/v1/MessageAttachment';
