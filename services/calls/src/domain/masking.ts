import type { CallerScope } from '@omnibox/contracts';

/** The mask of a hidden digit (API.md: `+•••••••4321`). */
const HIDDEN = '•';

/** CAL-1: a phone number shown to an agent when the workspace masks numbers: only its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return HIDDEN.repeat(digits.length);
  return `+${HIDDEN.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** CAL-1: owners and managers (and API tokens, which act as managers) always see whole numbers. */
export const seesWholeNumbers = (caller: CallerScope): boolean => caller.kind === 'api' || caller.role !== 'agent';

/** The phone number as this caller may see it. */
export function phoneFor(caller: CallerScope, phone: string | null, maskPhoneNumbers: boolean): string | null {
  if (!phone || !maskPhoneNumbers || seesWholeNumbers(caller)) return phone;
  return maskPhone(phone);
}
