import { CALL_PROVIDER_EVENTS, CallProviderEventKind, CONTACT_OPENERS, eventDataProblem, INBOUND_MESSAGE_TYPES, InboundCallEvent, InboundContact, InboundMessageType, ProviderEvent } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(body: Json, key: string, path: string, { required = false, max = 10_000 } = {}): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw invalidInput(`${path}${key}`, 'is required');
    return undefined;
  }
  if (typeof value !== 'string' && !(typeof value === 'number' && (key === 'id' || key === 'externalId' || key === 'messageId'))) throw invalidInput(`${path}${key}`, 'must be a string');
  const out = String(value);
  if (required && out.trim() === '') throw invalidInput(`${path}${key}`, 'must not be empty');
  if (out.length > max) throw invalidInput(`${path}${key}`, `must be at most ${max} characters`);
  return out;
}

function time(body: Json, key: string): string {
  const value = body[key];
  if (value === undefined) return new Date().toISOString();
  const parsed = typeof value === 'number' ? new Date(value) : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) throw invalidInput(key, 'must be an ISO 8601 time');
  return parsed.toISOString();
}

function strings(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string') || value.length > 100) throw invalidInput(path, 'must be a list of at most 100 strings');
  return value as string[];
}

/** Checks a provider event of API.md "Channels and event ingress" and keeps only what it defines. */
export function parseProviderEvent(body: unknown): ProviderEvent {
  if (!isObject(body)) throw invalidInput('body', 'must be a JSON object');
  if (body.type === 'status') {
    const status = body.status;
    if (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed') throw invalidInput('status', 'must be sent, delivered, read or failed');
    return { type: 'status', messageId: text(body, 'messageId', '', { required: true, max: 200 })!, status, error: text(body, 'error', '', { max: 2000 }), timestamp: time(body, 'timestamp') };
  }
  if (body.type === 'event') return parseChannelEvent(body);
  if (body.type === 'call') return parseCallEvent(body);
  if (body.type !== 'message') throw invalidInput('type', 'must be "message", "status", "event" or "call"');
  if (!isObject(body.contact)) throw invalidInput('contact', 'is required');
  if (!isObject(body.message)) throw invalidInput('message', 'is required');
  const contact = body.contact;
  const message = body.message;
  const messageType = message.type;
  if (typeof messageType !== 'string' || !(INBOUND_MESSAGE_TYPES as readonly string[]).includes(messageType)) throw invalidInput('message.type', `must be one of ${INBOUND_MESSAGE_TYPES.join(', ')}`);
  let attachment;
  if (message.attachment !== undefined) {
    if (!isObject(message.attachment)) throw invalidInput('message.attachment', 'must be an object');
    attachment = {
      kind: text(message.attachment, 'kind', 'message.attachment.', { required: true, max: 50 })!,
      url: text(message.attachment, 'url', 'message.attachment.', { required: true, max: 2000 })!,
      fileName: text(message.attachment, 'fileName', 'message.attachment.', { required: true, max: 255 })!,
    };
  }
  let email;
  if (message.email !== undefined) {
    if (!isObject(message.email)) throw invalidInput('message.email', 'must be an object');
    const given = message.email;
    email = {
      subject: text(given, 'subject', 'message.email.', { max: 1000 }),
      html: text(given, 'html', 'message.email.', { max: 500_000 }),
      cc: strings(given.cc, 'message.email.cc'),
      messageId: text(given, 'messageId', 'message.email.', { max: 500 }),
      inReplyTo: text(given, 'inReplyTo', 'message.email.', { max: 500 }),
    };
  }
  if ((messageType === 'text' || messageType === 'quick_reply' || messageType === 'story_reply') && !message.text) throw invalidInput('message.text', `is required for a ${messageType} message`);
  if (messageType === 'attachment' && !attachment) throw invalidInput('message.attachment', 'is required for an attachment message');
  const referral = parseReferral(body);
  return {
    type: 'message',
    id: text(body, 'id', '', { required: true, max: 200 })!,
    timestamp: time(body, 'timestamp'),
    contact: parseContact(contact),
    message: {
      type: messageType as InboundMessageType,
      text: text(message, 'text', 'message.', { max: 20_000 }),
      attachment,
      email,
      replyToId: text(message, 'replyToId', 'message.', { max: 200 }),
      // MSG-7: unsupported content is kept as sent.
      payload: message.payload,
    },
    ...(referral ? { referral } : {}),
  };
}

function parseContact(contact: Json): InboundContact {
  return {
    externalId: text(contact, 'externalId', 'contact.', { required: true, max: 200 })!,
    firstName: text(contact, 'firstName', 'contact.', { max: 100 }),
    lastName: text(contact, 'lastName', 'contact.', { max: 100 }),
    phone: text(contact, 'phone', 'contact.', { max: 40 }),
    email: text(contact, 'email', 'contact.', { max: 254 }),
  };
}

function parseReferral(body: Json) {
  if (body.referral === undefined) return undefined;
  if (!isObject(body.referral)) throw invalidInput('referral', 'must be an object');
  return { code: text(body.referral, 'code', 'referral.', { required: true, max: 200 })!, url: text(body.referral, 'url', 'referral.', { max: 2000 }) };
}

const CHANNEL_EVENT_CATEGORIES = ['open', 'page', 'channel'] as const;

/** A channel event (CNV-9): an opening without a message, a web-chat page change, a channel notice. */
function parseChannelEvent(body: Json): ProviderEvent {
  if (!isObject(body.contact)) throw invalidInput('contact', 'is required');
  if (!isObject(body.event)) throw invalidInput('event', 'is required');
  const category = body.event.category;
  if (typeof category !== 'string' || !(CHANNEL_EVENT_CATEGORIES as readonly string[]).includes(category)) throw invalidInput('event.category', `must be one of ${CHANNEL_EVENT_CATEGORIES.join(', ')}`);
  const type = text(body.event, 'type', 'event.', { required: true, max: 64 })!;
  if (category === 'open' && !(CONTACT_OPENERS as readonly string[]).includes(type)) throw invalidInput('event.type', `must be one of ${CONTACT_OPENERS.join(', ')} for an open event`);
  const data = body.event.data;
  if (data !== undefined && !isObject(data)) throw invalidInput('event.data', 'must be an object');
  if (data && JSON.stringify(data).length > 10_000) throw invalidInput('event.data', 'must be at most 10 000 characters of JSON');
  // Shown on the timeline as given (CNV-9), so it must be a document the database can store.
  const problem = data ? eventDataProblem(data, 'event.data') : null;
  if (problem) throw invalidInput(problem.field, problem.message);
  const referral = parseReferral(body);
  return {
    type: 'event',
    id: text(body, 'id', '', { required: true, max: 200 })!,
    timestamp: time(body, 'timestamp'),
    contact: parseContact(body.contact),
    event: { category: category as 'open' | 'page' | 'channel', type, ...(data ? { data } : {}) },
    ...(referral ? { referral } : {}),
  };
}

/** A whole number of seconds (at most a week), or absent. */
function seconds(body: Json, key: string, path: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 7 * 86400) throw invalidInput(`${path}${key}`, 'must be a whole number of seconds from 0 to 604800');
  return value;
}

/** A provider call event (API.md "Calls"): the calls service applies it (CAL-1…5). */
function parseCallEvent(body: Json): InboundCallEvent {
  if (!isObject(body.contact)) throw invalidInput('contact', 'is required');
  if (!isObject(body.call)) throw invalidInput('call', 'is required');
  const call = body.call;
  if (call.direction !== 'incoming' && call.direction !== 'outgoing') throw invalidInput('call.direction', 'must be incoming or outgoing');
  if (typeof call.event !== 'string' || !(CALL_PROVIDER_EVENTS as readonly string[]).includes(call.event)) throw invalidInput('call.event', `must be one of ${CALL_PROVIDER_EVENTS.join(', ')}`);
  let recording: InboundCallEvent['call']['recording'];
  if (call.recording !== undefined) {
    if (!isObject(call.recording)) throw invalidInput('call.recording', 'must be an object');
    const url = text(call.recording, 'url', 'call.recording.', { required: true, max: 2000 })!;
    if (!/^https?:\/\//i.test(url)) throw invalidInput('call.recording.url', 'must be an http(s) URL');
    recording = { url, durationSeconds: seconds(call.recording, 'durationSeconds', 'call.recording.'), contentType: text(call.recording, 'contentType', 'call.recording.', { max: 100 }) };
  }
  let transcript: InboundCallEvent['call']['transcript'];
  if (call.transcript !== undefined) {
    if (!isObject(call.transcript)) throw invalidInput('call.transcript', 'must be an object');
    transcript = { text: text(call.transcript, 'text', 'call.transcript.', { required: true, max: 200_000 })!, language: text(call.transcript, 'language', 'call.transcript.', { max: 35 }) };
  }
  return {
    type: 'call',
    id: text(body, 'id', '', { required: true, max: 200 })!,
    timestamp: time(body, 'timestamp'),
    contact: (({ email: _email, ...contact }) => contact)(parseContact(body.contact)),
    call: {
      id: text(call, 'id', 'call.', { required: true, max: 200 })!,
      direction: call.direction,
      event: call.event as CallProviderEventKind,
      reason: text(call, 'reason', 'call.', { max: 200 }),
      durationSeconds: seconds(call, 'durationSeconds', 'call.'),
      ...(recording ? { recording } : {}),
      ...(transcript ? { transcript } : {}),
    },
  };
}
