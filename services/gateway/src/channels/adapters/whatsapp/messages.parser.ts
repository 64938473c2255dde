import type { InboundCallEvent, InboundContact, InboundMessageEvent, InboundStatusEvent, Referral } from '@omnibox/contracts';
import { isObject, Json, listAt, nameParts, objectAt, textAt, unixTimeAt } from '../webhook-json';

type Message = InboundMessageEvent['message'];

/** WhatsApp media types, each fetched by its media id (CHN-3) and kept as an attachment. */
const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/aac': 'aac', 'audio/amr': 'amr', 'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf' };

/** The sender as a contact: their WhatsApp id, profile name and phone number. */
export function whatsAppContact(waId: string, profiles: Json[]): InboundContact {
  const profile = profiles.find((entry) => textAt(entry, 'wa_id') === waId);
  return { externalId: waId, ...nameParts(textAt(objectAt(profile, 'profile'), 'name')), phone: `+${waId.replace(/^\+/, '')}` };
}

/**
 * One entry of `value.messages` as our message event, keyed by its `wamid` (the idempotency key). Text,
 * media by id, location, contacts, button and list replies, template button replies, reactions; a
 * `context` is the quoted message (MSG-4), a `referral` the click-to-WhatsApp ad (CNV-9); anything else
 * is kept raw (MSG-7). A call permission answer is a call event for the calls service.
 */
export function messageEvent(raw: unknown, profiles: Json[], receivedAt: string): InboundMessageEvent | InboundCallEvent | null {
  const id = textAt(raw, 'id', 200);
  const from = textAt(raw, 'from', 40);
  if (!id || !from || !isObject(raw)) return null;
  const timestamp = unixTimeAt(raw, 'timestamp') ?? receivedAt;
  const contact = whatsAppContact(from, profiles);
  const quoted = textAt(objectAt(raw, 'context'), 'id', 200);
  const interactive = objectAt(raw, 'interactive');
  if (raw.type === 'interactive' && textAt(interactive, 'type') === 'call_permission_reply') {
    const reply = objectAt(interactive, 'call_permission_reply');
    // Names our request by the id WhatsApp gave the request message.
    return { type: 'call', id, timestamp, contact: { externalId: contact.externalId, firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone }, call: { id: quoted ?? id, direction: 'incoming', event: textAt(reply, 'response') === 'accept' ? 'permission_accepted' : 'permission_rejected' } };
  }
  const message = messageBody(raw);
  if (quoted && !message.replyToId) message.replyToId = quoted;
  const referral = referralOf(objectAt(raw, 'referral'));
  if (referral) message.payload = { ...(isObject(message.payload) ? message.payload : {}), referral: raw.referral };
  return { type: 'message', id, timestamp, contact, message, ...(referral ? { referral } : {}) };
}

function messageBody(raw: Json): Message {
  const type = textAt(raw, 'type', 40) ?? 'unknown';
  const details = objectAt(raw, type);
  if (type === 'text' && textAt(details, 'body')) return { type: 'text', text: textAt(details, 'body', 20_000) };
  if ((MEDIA as readonly string[]).includes(type) && textAt(details, 'id')) {
    const contentType = textAt(details, 'mime_type', 100)?.split(';')[0].trim();
    const mediaId = textAt(details, 'id', 200)!;
    const fileName = textAt(details, 'filename', 255) ?? `${type}-${mediaId}.${EXTENSIONS[contentType ?? ''] ?? 'bin'}`;
    return {
      type: 'attachment',
      text: textAt(details, 'caption', 20_000),
      attachment: { kind: type === 'sticker' ? 'image' : type, providerFileId: mediaId, fileName, ...(contentType ? { contentType } : {}) },
      ...(type === 'sticker' || details?.voice ? { payload: { whatsapp: { type, ...(details?.voice ? { voice: true } : {}), ...(details?.animated ? { animated: true } : {}) } } } : {}),
    };
  }
  if (type === 'location' && details) {
    const place = [textAt(details, 'name', 500), textAt(details, 'address', 1000)].filter(Boolean).join(', ');
    return { type: 'location', text: place || `${textAt(details, 'latitude')}, ${textAt(details, 'longitude')}`, payload: { location: details } };
  }
  if (type === 'contacts') {
    const names = listAt(raw, 'contacts').map((card) => textAt(objectAt(card, 'name'), 'formatted_name', 200)).filter(Boolean);
    return { type: 'contacts', text: names.join(', ') || 'Contact card', payload: { contacts: raw.contacts } };
  }
  if (type === 'interactive') {
    const kind = textAt(details, 'type');
    const reply = kind === 'button_reply' || kind === 'list_reply' ? objectAt(details, kind) : undefined;
    if (reply && textAt(reply, 'title')) return { type: 'quick_reply', text: textAt(reply, 'title', 1000), payload: { [kind!]: reply } };
  }
  if (type === 'button' && textAt(details, 'text')) return { type: 'quick_reply', text: textAt(details, 'text', 1000), payload: { button: details } };
  if (type === 'reaction' && details) {
    // An empty emoji is WhatsApp's way of removing a reaction.
    return { type: 'reaction', text: textAt(details, 'emoji', 32) || undefined, replyToId: textAt(details, 'message_id', 200), payload: { reaction: details } };
  }
  // MSG-7: kept as WhatsApp sent it (unsupported, system, order, a type added later …).
  return { type: 'unsupported', payload: raw };
}

/** CNV-9: a click-to-WhatsApp ad's referral: its source id as the code, its URL. */
function referralOf(referral: Json | undefined): Referral | undefined {
  if (!referral) return undefined;
  const code = textAt(referral, 'source_id', 200) ?? textAt(referral, 'ctwa_clid', 200);
  if (!code) return undefined;
  const url = textAt(referral, 'source_url', 2000);
  return { code, ...(url ? { url } : {}) };
}

const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/** One entry of `value.statuses` (MSG-2): sent, delivered, read, or failed with the error's title. */
export function statusEvent(raw: unknown, receivedAt: string): InboundStatusEvent | null {
  const messageId = textAt(raw, 'id', 200);
  const status = textAt(raw, 'status') as (typeof STATUSES)[number] | undefined;
  if (!messageId || !status || !STATUSES.includes(status)) return null;
  const error = status === 'failed' ? errorText(listAt(raw, 'errors')) : undefined;
  return { type: 'status', messageId, status, ...(error ? { error } : {}), timestamp: unixTimeAt(raw, 'timestamp') ?? receivedAt };
}

/** A WhatsApp error list in words: its title, its details when they add something, and its code. */
export function errorText(errors: unknown[]): string {
  const first = errors.find(isObject);
  if (!first) return 'WhatsApp reported the message failed without saying why';
  const title = textAt(first, 'title', 500) ?? textAt(first, 'message', 500) ?? 'Failed';
  const details = textAt(objectAt(first, 'error_data'), 'details', 1000);
  const code = textAt(first, 'code', 20);
  return `${title}${details && details !== title ? `: ${details}` : ''}${code ? ` (${code})` : ''}`;
}
