import type { MessageSnapshot } from '@omnibox/contracts';
import type { Delivery } from '../../../application/ports';

/**
 * The body of `POST /{version}/{phone-number-id}/messages` for an outgoing message (WhatsApp Cloud
 * API): a template with its body parameters, media by link (the signed URL of our copy, CHN-3), or a
 * text with its link-preview flag (MSG-6); a reply carries `context.message_id` (MSG-4).
 */
export function messageRequest(delivery: Delivery, message: MessageSnapshot): Record<string, unknown> {
  const base: Record<string, unknown> = { messaging_product: 'whatsapp', recipient_type: 'individual', to: delivery.address.replace(/[^\d]/g, '') };
  if (delivery.replyContext && delivery.quotedProviderMessageId) base.context = { message_id: delivery.quotedProviderMessageId };
  if (message.template) {
    const parameters = message.template.parameters.map((text) => ({ type: 'text', text }));
    return { ...base, type: 'template', template: { name: message.template.name, language: { code: message.template.language }, ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}) } };
  }
  const file = delivery.attachment;
  if (file) {
    const media: Record<string, unknown> = { link: file.url };
    // WhatsApp shows captions on images, videos and documents, and a document's file name.
    if (message.text && file.kind !== 'audio') media.caption = message.text;
    if (file.kind === 'document') media.filename = file.fileName;
    return { ...base, type: file.kind, [file.kind]: media };
  }
  return { ...base, type: 'text', text: { body: message.text ?? '', preview_url: message.linkPreview !== null } };
}

/** Marks the contact's message read; with `typing`, shows the typing indicator too (MSG-9). */
export function readRequest(providerMessageId: string, typing: boolean): Record<string, unknown> {
  return { messaging_product: 'whatsapp', status: 'read', message_id: providerMessageId, ...(typing ? { typing_indicator: { type: 'text' } } : {}) };
}

/** Graph API error codes of throttling and passing trouble: worth a retry. */
const PASSING_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/** A Graph API error (`{error: {message, code, error_data: {details}}}`) in the provider's words, and whether it may pass. */
export function graphError(body: Record<string, unknown> | null, status: number): { text: string; passing: boolean } {
  const error = (body?.error ?? null) as { message?: unknown; code?: unknown; error_data?: { details?: unknown } } | null;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details = typeof error?.error_data?.details === 'string' && error.error_data.details !== message ? `: ${error.error_data.details}` : '';
  const code = typeof error?.code === 'number' ? error.code : null;
  return { text: `${message}${details}${code !== null ? ` (code ${code})` : ''}`, passing: code !== null && PASSING_CODES.has(code) };
}
