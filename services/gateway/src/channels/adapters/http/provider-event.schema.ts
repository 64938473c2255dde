import { CALL_PROVIDER_EVENTS, CONTACT_OPENERS, INBOUND_MESSAGE_TYPES } from '@omnibox/contracts';
import { apiSchema, JsonSchema, object } from '../../../openapi/api-schemas';

/**
 * The signed ingress body (API.md "Channels and event ingress", "Calls") with the limits
 * `parseProviderEvent` enforces; provider-event.schema.spec.ts probes the parser at each limit, so the
 * two cannot drift. Fields the parser does not know are ignored, so objects stay open; `null` counts
 * as absent.
 */

/** Optional text of at most `max` characters. */
const text = (max: number, extra: JsonSchema = {}): JsonSchema => ({ type: ['string', 'null'], maxLength: max, ...extra });
/** Required text: not blank. */
const required = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
/** A provider's id: required text, or a number, which is taken as text. */
const id = (max: number): JsonSchema => ({ ...required(max), type: ['string', 'integer'] });
const seconds: JsonSchema = { type: ['integer', 'null'], minimum: 0, maximum: 604_800 };
const timestamp: JsonSchema = { type: 'string', format: 'date-time', description: 'when the provider saw it; now when absent' };

const open = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({ type: 'object', properties, required });

const contactFields = { externalId: id(200), firstName: text(100), lastName: text(100), phone: text(40) };
const contact = open({ ...contactFields, email: text(254) }, ['externalId']);
const referral = open({ code: required(200), url: text(2000) }, ['code']);

const attachment = open({ kind: required(50), url: required(2000), fileName: required(255) }, ['kind', 'url', 'fileName']);
const email = open({ subject: text(1000), html: text(500_000), cc: { type: ['array', 'null'], items: { type: 'string' }, maxItems: 100 }, messageId: text(500), inReplyTo: text(500) }, []);
const messageFields = { text: text(20_000), attachment, email, replyToId: text(200), payload: { description: 'the provider\'s raw content, kept as sent (MSG-7)' } };
const TEXT_TYPES = ['text', 'quick_reply', 'story_reply'];

const message = {
  oneOf: [
    open({ ...messageFields, type: { enum: TEXT_TYPES }, text: { type: 'string', minLength: 1, maxLength: 20_000 } }, ['type', 'text']),
    open({ ...messageFields, type: { const: 'attachment' } }, ['type', 'attachment']),
    open({ ...messageFields, type: { enum: INBOUND_MESSAGE_TYPES.filter((type) => type !== 'attachment' && !TEXT_TYPES.includes(type)) } }, ['type']),
  ],
};

export const MessageEvent = apiSchema('ProviderMessageEvent', open({ type: { const: 'message' }, id: id(200), timestamp, contact, message, referral }, ['type', 'id', 'contact', 'message']));

export const StatusEvent = apiSchema(
  'ProviderStatusEvent',
  open({ type: { const: 'status' }, messageId: { ...id(200), description: 'the id the provider answered when the message was sent, or our message id' }, status: { enum: ['sent', 'delivered', 'read', 'failed'] }, error: text(2000), timestamp }, ['type', 'messageId', 'status']),
);

const eventData: JsonSchema = { type: 'object', description: 'at most 10 000 characters of JSON, nested at most 8 levels; no key with a "." or a NUL, starting with "$", or empty, and no list directly inside a list (the database stores it as given)' };
export const ChannelEvent = apiSchema(
  'ProviderChannelEvent',
  open(
    {
      type: { const: 'event' },
      id: id(200),
      timestamp,
      contact,
      event: {
        oneOf: [
          open({ category: { const: 'open' }, type: { enum: [...CONTACT_OPENERS] }, data: eventData }, ['category', 'type']),
          open({ category: { enum: ['page', 'channel'] }, type: required(64), data: eventData }, ['category', 'type']),
        ],
      },
      referral,
    },
    ['type', 'id', 'contact', 'event'],
  ),
);

const recording = open({ url: { type: 'string', maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }, durationSeconds: seconds, contentType: text(100) }, ['url']);
const transcript = open({ text: required(200_000), language: text(35) }, ['text']);
export const CallEvent = apiSchema(
  'ProviderCallEvent',
  open(
    {
      type: { const: 'call' },
      id: id(200),
      timestamp,
      contact: open(contactFields, ['externalId']),
      call: open({ id: id(200), direction: { enum: ['incoming', 'outgoing'] }, event: { enum: [...CALL_PROVIDER_EVENTS] }, reason: text(200), durationSeconds: seconds, recording, transcript }, ['id', 'direction', 'event']),
    },
    ['type', 'id', 'contact', 'call'],
  ),
);

/** A provider event: a message, a delivery status, a channel event (CNV-9) or a call event. */
export const ProviderEvent = {
  oneOf: [MessageEvent, StatusEvent, ChannelEvent, CallEvent],
  discriminator: { propertyName: 'type', mapping: { message: MessageEvent.$ref, status: StatusEvent.$ref, event: ChannelEvent.$ref, call: CallEvent.$ref } },
};

export const Accepted = apiSchema('Accepted', object({ accepted: { const: true } }));

export const PROVIDER_EVENT_EXAMPLES = {
  message: { type: 'message', id: 'wamid.1', timestamp: '2026-01-01T10:00:00Z', contact: { externalId: '6281234567890', firstName: 'Rita' }, message: { type: 'text', text: 'Hello' } },
  status: { type: 'status', messageId: 'wamid.1', status: 'delivered', timestamp: '2026-01-01T10:00:05Z' },
  event: { type: 'event', id: 'open.1', contact: { externalId: '6281234567890' }, event: { category: 'open', type: 'welcome' } },
  call: { type: 'call', id: 'call.1.ringing', contact: { externalId: '6281234567890' }, call: { id: 'call.1', direction: 'incoming', event: 'ringing' } },
};
