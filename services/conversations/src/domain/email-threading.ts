import type { RuleRefusal } from './thread';

/** E-mail subjects compared without reply / forward prefixes and case (MSG-8). */
export function normaliseSubject(subject: string | null | undefined): string {
  return (subject ?? '').replace(/^\s*((re|fwd?|aw|wg)\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * MSG-8 for an outgoing e-mail: a new e-mail needs a subject; a reply threads under the e-mail it
 * answers unless its subject is changed, which starts a new e-mail thread.
 */
export function outgoingEmailThread(
  input: { subject?: string; replyTo?: { subject: string | null; messageId: string | null; threadKey: string | null } | null },
  newKey: string,
): { subject: string; threadKey: string; inReplyTo: string | null } | RuleRefusal {
  if (!input.replyTo) {
    if (!input.subject?.trim()) return { refused: 'subject_required', message: 'A new e-mail needs a subject (email.subject); replies (email.replyToMessageId) do not' };
    return { subject: input.subject.trim(), threadKey: newKey, inReplyTo: null };
  }
  const original = input.replyTo.subject ?? '';
  const subject = input.subject?.trim() || (normaliseSubject(original) ? `Re: ${original.replace(/^\s*(re\s*:\s*)+/i, '')}` : 'Re:');
  const sameSubject = normaliseSubject(subject) === normaliseSubject(original);
  if (!sameSubject) return { subject, threadKey: newKey, inReplyTo: null };
  return { subject, threadKey: input.replyTo.threadKey ?? newKey, inReplyTo: input.replyTo.messageId };
}

/**
 * MSG-8 for an incoming e-mail: a reply joins the e-mail thread of the message it answers (of the same
 * contact), unless its subject was changed; anything else starts its own thread.
 */
export function incomingEmailThreadKey(
  subject: string | null | undefined,
  answered: { contactId: string; subject: string | null | undefined; threadKey: string | null | undefined } | null,
  contactId: string,
  ownKey: string,
): string {
  if (answered && answered.contactId === contactId && normaliseSubject(answered.subject) === normaliseSubject(subject)) return answered.threadKey ?? ownKey;
  return ownKey;
}
