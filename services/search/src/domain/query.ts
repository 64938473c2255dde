/**
 * How a search box's text is read (SRH-1, SRH-2, SRH-4, SRH-5, SRH-9). Pure functions: the
 * Elasticsearch adapter turns what they answer into queries, nothing here knows about it.
 */

/** SRH-4: message and comment search starts at this many characters (an emoji counts as one). */
export const MESSAGE_QUERY_MIN_CHARACTERS = 3;
/** Longer text is not a search; it is refused rather than cut, so the user knows. */
export const QUERY_MAX_CHARACTERS = 200;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters as a person counts them: grapheme clusters, so 👍🏽 (two code points), 👨‍👩‍👧 (five) and
 * é written as e + accent each count as one.
 */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** A query the user must fix: `message` says how (the adapter answers 400 naming `q`). */
export interface QueryProblem {
  problem: string;
}

export function isQueryProblem(value: unknown): value is QueryProblem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

/** Spaces of any kind collapse to one; case is left to the analyzers (lower-cased on both sides). */
export function tidy(raw: string | undefined | null): string {
  return (raw ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function checkLength(text: string, min: number): QueryProblem | null {
  const length = countCharacters(text);
  if (length < min) {
    return { problem: min === 1 ? 'is required: type something to search for' : `must be at least ${min} characters (an emoji counts as one); it has ${length}` };
  }
  if (length > QUERY_MAX_CHARACTERS) return { problem: `must be at most ${QUERY_MAX_CHARACTERS} characters` };
  return null;
}

// ---- messages and comments (SRH-4, SRH-5) ------------------------------------------------------------

/**
 * What a message query means:
 * - `word`: one word (or one emoji, or one number) → messages containing that word;
 * - `phrase`: several words → messages containing them next to each other, in that order;
 * - `email`: an address, part of one or `@domain` → messages mentioning a matching address;
 * - `numbers`: only numbers (`016 014`) → messages containing any of them.
 */
export type MessageQuery =
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; text: string }
  | { kind: 'email'; prefix: string }
  | { kind: 'numbers'; numbers: string[] };

const EMAILISH = /^[^\s@]*@[^\s@]*$/u;
const NUMBER = /^\d+$/u;

export function parseMessageQuery(raw: string | undefined | null): MessageQuery | QueryProblem {
  const text = tidy(raw);
  const problem = checkLength(text, MESSAGE_QUERY_MIN_CHARACTERS);
  if (problem) return problem;
  const words = text.split(' ');
  if (words.length === 1 && EMAILISH.test(text) && text.replace('@', '').length > 0) {
    return { kind: 'email', prefix: text.toLowerCase() };
  }
  if (words.length > 1 && words.every((word) => NUMBER.test(word))) return { kind: 'numbers', numbers: [...new Set(words)] };
  return words.length === 1 ? { kind: 'word', text } : { kind: 'phrase', text };
}

/**
 * The e-mail addresses written in a message, and the forms an e-mail query may start with: the
 * address itself, and `@domain` (SRH-5: `@gmail` finds every gmail address).
 */
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

export function emailsIn(text: string): string[] {
  return [...new Set((text.match(EMAIL_IN_TEXT) ?? []).map((address) => address.toLowerCase().replace(/[.]+$/, '')))];
}

/** Indexed forms of an address; an e-mail query matches when it is a prefix of one of them. */
export function emailForms(address: string): string[] {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return [lower];
  const domain = lower.slice(at + 1);
  return [lower, `@${domain}`, domain];
}

// ---- contacts (SRH-1, SRH-2) ---------------------------------------------------------------------------

/**
 * A contact query. Every word must match the start of a word of the first or last name, or be a
 * prefix of the e-mail address, its local part or its domain, or (when it holds digits) a prefix of
 * the phone's digits. A query of digits and phone punctuation only (`0812-3456`, `+62 812 3456`) is one
 * phone prefix. Independently, the whole query matches a custom field value exactly (SRH-2).
 */
export interface ContactQuery {
  /** Lower-cased words, each a prefix. */
  words: string[];
  /** Digits of the whole query when it reads as a phone number (at least 3 digits), else null. */
  phoneDigits: string | null;
  /** The whole query, for the exact custom-field match. */
  exact: string;
}

const PHONEISH = /^\+?[\d\s().\-/]+$/u;

export function parseContactQuery(raw: string | undefined | null): ContactQuery | QueryProblem {
  const text = tidy(raw);
  const problem = checkLength(text, 1);
  if (problem) return problem;
  const digits = text.replace(/\D/g, '');
  const phoneDigits = PHONEISH.test(text) && digits.length >= 3 ? digits : null;
  return { words: text.toLowerCase().split(' '), phoneDigits, exact: text.toLowerCase() };
}

/** Digits of one word when it could be part of a phone number (`0812-3456` → `08123456`), else null. */
export function wordDigits(word: string): string | null {
  if (!PHONEISH.test(word)) return null;
  const digits = word.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}
