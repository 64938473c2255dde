import type { InboundMessageEvent } from '@omnibox/contracts';
import { isObject, Json, listAt, objectAt, textAt, unixTimeAt } from '../webhook-json';

type Message = InboundMessageEvent['message'];

/**
 * A Telegram `Update` as our message event (see README.md): `message` and `edited_message`, from a
 * private chat (a group chat is one contact). Telegram numbers messages per chat, so our key of a
 * message is `<chat id>:<message_id>`; an edit is a message of its own quoting the original.
 */
export function updateEvent(update: unknown, receivedAt: string): InboundMessageEvent | null {
  const edited = objectAt(update, 'edited_message');
  const raw = objectAt(update, 'message') ?? edited;
  const chat = objectAt(raw, 'chat');
  const chatId = textAt(chat, 'id', 40);
  const messageId = textAt(raw, 'message_id', 20);
  if (!raw || !chatId || !messageId) return null;
  const from = objectAt(raw, 'from') ?? chat;
  const key = (id: string) => `${chatId}:${id}`;
  const message = messageBody(raw, key(messageId));
  const quoted = textAt(objectAt(raw, 'reply_to_message'), 'message_id', 20);
  if (quoted) message.replyToId = key(quoted);
  const editedAt = edited ? unixTimeAt(raw, 'edit_date') : undefined;
  if (edited) {
    message.replyToId = key(messageId);
    message.payload = { ...(isObject(message.payload) ? message.payload : {}), telegram: { edited: true, editDate: editedAt ?? null } };
  }
  return {
    type: 'message',
    id: edited ? `${key(messageId)}:edit:${textAt(raw, 'edit_date', 20) ?? receivedAt}` : key(messageId),
    timestamp: editedAt ?? unixTimeAt(raw, 'date') ?? receivedAt,
    contact: { externalId: chatId, firstName: textAt(from, 'first_name', 100) ?? textAt(chat, 'title', 100), lastName: textAt(from, 'last_name', 100) },
    message,
  };
}

/** A file named by Telegram's file id (fetched with `getFile` and the bot token, CHN-3). */
function file(kind: string, details: Json | undefined, fallbackName: string, caption: string | undefined, contentType?: string): Message | null {
  const fileId = textAt(details, 'file_id', 300);
  if (!fileId) return null;
  const type = contentType ?? textAt(details, 'mime_type', 100);
  return { type: 'attachment', text: caption, attachment: { kind, providerFileId: fileId, fileName: textAt(details, 'file_name', 255) ?? fallbackName, ...(type ? { contentType: type } : {}) } };
}

function messageBody(raw: Json, key: string): Message {
  const caption = textAt(raw, 'caption', 20_000);
  const text = textAt(raw, 'text', 20_000);
  if (text) return { type: 'text', text };
  // The largest size of a photo is the last one Telegram lists.
  const photo = listAt(raw, 'photo').filter(isObject).at(-1);
  const sticker = objectAt(raw, 'sticker');
  const media =
    file('image', photo, `photo-${key}.jpg`, caption, 'image/jpeg') ??
    file('document', objectAt(raw, 'document'), `document-${key}`, caption) ??
    file('audio', objectAt(raw, 'voice'), `voice-${key}.ogg`, caption) ??
    file('audio', objectAt(raw, 'audio'), `audio-${key}`, caption) ??
    file('video', objectAt(raw, 'video'), `video-${key}.mp4`, caption) ??
    file('image', sticker, `sticker-${key}.${sticker?.is_video ? 'webm' : sticker?.is_animated ? 'tgs' : 'webp'}`, textAt(sticker, 'emoji', 32));
  if (media) return sticker ? { ...media, payload: { telegram: { sticker: true } } } : media;
  const location = objectAt(raw, 'location');
  if (location) return { type: 'location', text: `${textAt(location, 'latitude')}, ${textAt(location, 'longitude')}`, payload: { location } };
  const contact = objectAt(raw, 'contact');
  if (contact) return { type: 'contacts', text: [textAt(contact, 'first_name', 100), textAt(contact, 'last_name', 100)].filter(Boolean).join(' ') || 'Contact card', payload: { contacts: [contact] } };
  // MSG-7: kept as Telegram sent it (polls, games, dice, a type added later …).
  return { type: 'unsupported', payload: raw };
}
