import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Phones are stored normalised so that the same number written with other punctuation is found
 * (CON-3 merge suggestions, exact lookup): E.164 when the number carries a country prefix or the
 * contact's country is known, otherwise its digits (with the leading `+` when it had one).
 * Answers null when the text holds too few digits to be a phone number.
 */
export function normalisePhone(raw: string, countryCode?: string | null): string | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 17 || /[a-z]/i.test(trimmed.replace(/^tel:/i, ''))) return null;
  const country = countryCode && /^[A-Za-z]{2}$/.test(countryCode) ? (countryCode.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (parsed && parsed.isPossible()) return parsed.number;
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E-mails compare case-insensitively, so they are stored lower-cased; null when it is not an address. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return EMAIL.test(value) && value.length <= 254 ? value : null;
}
