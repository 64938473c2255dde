import type { MessageSnapshot } from '@omnibox/contracts';
import type { Delivery } from '../../../application/ports';

/** The Bot API method and parameters of an outgoing message, or why Telegram cannot carry it. */
export type TelegramRequest = { method: string; parameters: Record<string, unknown> } | { refused: string };

const FILE_METHODS = { image: ['sendPhoto', 'photo'], video: ['sendVideo', 'video'], audio: ['sendAudio', 'audio'], document: ['sendDocument', 'document'] } as const;

/** Our key of a Telegram message is `<chat id>:<message_id>`; the Bot API wants the message_id. */
export function telegramMessageId(key: string | undefined): number | null {
  const match = key ? /^-?\d+:(\d+)$/.exec(key) : null;
  return match ? Number(match[1]) : null;
}

/**
 * `sendMessage` for a text (its link preview off when the sender removed it, MSG-6), `sendPhoto`,
 * `sendVideo`, `sendAudio` or `sendDocument` for a file by the signed URL of our copy (CHN-3, Telegram
 * fetches it), with `reply_parameters` naming the quoted message (MSG-4).
 */
export function sendRequest(delivery: Delivery, message: MessageSnapshot): TelegramRequest {
  if (message.template) return { refused: 'Telegram has no message templates; send a text instead' };
  const parameters: Record<string, unknown> = { chat_id: delivery.address };
  const quoted = delivery.replyContext ? telegramMessageId(delivery.quotedProviderMessageId) : null;
  if (quoted !== null) parameters.reply_parameters = { message_id: quoted, allow_sending_without_reply: true };
  const file = delivery.attachment;
  if (file) {
    const [method, field] = FILE_METHODS[file.kind];
    return { method, parameters: { ...parameters, [field]: file.url, ...(message.text ? { caption: message.text.slice(0, 1024) } : {}) } };
  }
  return { method: 'sendMessage', parameters: { ...parameters, text: message.text ?? '', link_preview_options: { is_disabled: message.linkPreview === null } } };
}
