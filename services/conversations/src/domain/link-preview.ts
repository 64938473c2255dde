const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/i;

/** MSG-6: the first URL of a message, trailing punctuation dropped. */
export function firstUrl(text: string | null | undefined): string | null {
  const match = text ? URL_PATTERN.exec(text) : null;
  return match ? match[0].replace(/[.,;:!?)\]]+$/, '') : null;
}

/**
 * MSG-6: the link a message gets a preview of: the first URL of a text message, on a channel that
 * shows previews, unless the sender removed it (`linkPreview: false`).
 */
export function linkToPreview(message: { type: string; text?: string | null; linkPreview?: boolean }, channel: { config: { supportsLinkPreview: boolean } }): string | null {
  if (message.type !== 'text' || !channel.config.supportsLinkPreview || message.linkPreview === false) return null;
  return firstUrl(message.text);
}
