const MENTION = /\{\{@user\.([A-Za-z0-9_-]{1,64})\}\}/g;

/** SRC-2: the users mentioned in a comment, `{{@user.<id>}}`, each once, in order. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((match) => match[1]))];
}
