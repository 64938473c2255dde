import { anyJson, apiSchema, boolean, freeObject, integer, JsonSchema, listOf, nullable, object, oneOfValues, pageOf, string, time } from '../openapi/api-schemas';

/** API.md "Conversations" answers, as the mappers in ./mappers write them: every field present, null when empty. */

const optionalText = nullable(string());
const DIRECTIONS = ['incoming', 'outgoing'];

const lastMessage = nullable(object({ id: string(), direction: oneOfValues(DIRECTIONS), at: time, preview: string() }));

/** The fields of a conversation in every answer (`typingUserIds` only where the thread itself is read). */
export const conversationFields: Record<string, JsonSchema> = {
  contactId: string(),
  contact: nullable(object({ id: string(), firstName: string(), lastName: optionalText, blocked: boolean })),
  status: oneOfValues(['open', 'closed', 'snoozed']),
  previousStatus: nullable(oneOfValues(['open', 'closed', 'snoozed'])),
  snoozedUntil: nullable(time),
  assigneeId: optionalText,
  teamId: optionalText,
  collaboratorIds: listOf(string()),
  unreadCount: integer({ minimum: 0 }),
  lastMessage,
  lastMessageAt: nullable(time),
  lastIncomingAt: nullable(time),
  statusSince: time,
  episode: integer({ minimum: 0, description: 'open → closed spans so far' }),
  typingUserIds: listOf(string()),
};
export const Conversation = apiSchema('Conversation', object(conversationFields, ['typingUserIds']));

const SENDERS = ['contact', 'user', 'workflow', 'bot', 'integration', 'provider', 'api', 'broadcast'];

const messageFields = {
  kind: { const: 'message' },
  id: string(),
  contactId: string(),
  direction: oneOfValues(DIRECTIONS),
  channelId: optionalText,
  type: string({ description: 'text, template, attachment, email, or an incoming provider type' }),
  text: optionalText,
  status: oneOfValues(['received', 'pending', 'sent', 'delivered', 'read', 'failed']),
  error: optionalText,
  sender: nullable(object({ category: oneOfValues(SENDERS), userId: string(), name: optionalText }, ['userId', 'name'])),
  replyToId: optionalText,
  linkPreview: nullable(object({ url: string(), title: optionalText, description: optionalText, image: optionalText })),
  attachment: nullable(
    object({ id: string(), fileName: string(), storedName: string(), contentType: string(), size: integer({ minimum: 0 }), status: oneOfValues(['stored', 'unavailable']), reason: optionalText }),
  ),
  template: nullable(object({ name: string(), language: string(), parameters: listOf(string()) })),
  email: nullable(
    object(
      { subject: optionalText, html: optionalText, cc: listOf(string()), bcc: listOf(string()), messageId: optionalText, inReplyTo: optionalText, threadKey: optionalText },
      ['subject', 'html', 'bcc', 'messageId', 'inReplyTo', 'threadKey'],
    ),
  ),
  payload: { ...anyJson, description: 'what the provider sent, as sent (MSG-7)' },
  broadcastId: optionalText,
  suppressed: boolean,
  createdAt: time,
};
export const Message = apiSchema('Message', object(messageFields));
export const LinkedMessage = apiSchema('LinkedMessage', object({ ...messageFields, link: string({ format: 'uri', description: 'deep link into the inbox app (MSG-5)' }) }));

export const Comment = apiSchema(
  'Comment',
  object({ kind: { const: 'comment' }, id: string(), contactId: string(), text: string(), authorId: string(), mentionIds: listOf(string()), createdAt: time }),
);

export const TimelineEvent = apiSchema(
  'TimelineEvent',
  object({
    kind: { const: 'event' },
    id: string(),
    contactId: string(),
    category: string(),
    type: string(),
    source: string(),
    actorId: optionalText,
    data: nullable(freeObject),
    referral: nullable(object({ code: string(), url: string() }, ['url'])),
    createdAt: time,
  }),
);

export const TimelineItem = apiSchema('TimelineItem', {
  oneOf: [Message, Comment, TimelineEvent],
  discriminator: { propertyName: 'kind', mapping: { message: Message.$ref, comment: Comment.$ref, event: TimelineEvent.$ref } },
});
export const TimelinePage = pageOf('TimelineItem', TimelineItem);

export const Typing = apiSchema('Typing', object({ typing: boolean, typingUserIds: listOf(string()) }));
export const BroadcastAccepted = apiSchema('BroadcastAccepted', object({ id: string(), count: integer({ minimum: 0, description: 'contacts the broadcast goes to' }) }));
