import type { CustomFieldType, CustomFieldValue } from '@omnibox/contracts';
import { normaliseEmail, normalisePhone } from './identifiers';

export const CUSTOM_FIELD_TYPES: readonly CustomFieldType[] = ['text', 'number', 'email', 'url', 'phone', 'list', 'checkbox', 'date', 'time'];

export interface CustomFieldDefinition {
  key: string;
  name: string;
  type: CustomFieldType;
  /** The allowed values of a `list` field. */
  options: string[];
}

/** A refused input: `field` is the path the client must fix (e.g. `customFields.birthday`). */
export interface FieldProblem {
  field: string;
  message: string;
}

const KEY = /^[a-z][a-z0-9_]{0,63}$/;

/** Checks a new definition (CON-2): a stable snake_case key, a known type, options for lists only. */
export function checkDefinition(input: { key: string; name: string; type: string; options?: string[] }): CustomFieldDefinition | FieldProblem {
  if (!KEY.test(input.key)) return { field: 'key', message: 'must start with a letter and use only a-z, 0-9 and _ (at most 64 characters)' };
  if (!input.name.trim()) return { field: 'name', message: 'must not be empty' };
  if (!CUSTOM_FIELD_TYPES.includes(input.type as CustomFieldType)) return { field: 'type', message: `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}` };
  const options = [...new Set((input.options ?? []).map((option) => option.trim()).filter(Boolean))];
  if (input.type === 'list' && options.length === 0) return { field: 'options', message: 'a list field needs at least one option' };
  if (input.type !== 'list' && (input.options ?? []).length > 0) return { field: 'options', message: 'only list fields take options' };
  return { key: input.key, name: input.name.trim(), type: input.type as CustomFieldType, options };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const EXPECTED: Record<CustomFieldType, string> = {
  text: 'a text',
  number: 'a number',
  email: 'an e-mail address',
  url: 'an http(s) URL',
  phone: 'a phone number',
  list: 'one of the options',
  checkbox: 'true or false',
  date: 'a date written YYYY-MM-DD',
  time: 'a time written HH:mm or HH:mm:ss',
};

/** Checks one value against its definition and answers it in stored form (e-mails lower-cased, phones normalised). */
export function checkValue(definition: CustomFieldDefinition, value: unknown, countryCode?: string | null): CustomFieldValue | FieldProblem {
  const field = `customFields.${definition.key}`;
  const refuse = (): FieldProblem => ({
    field,
    message: `must be ${EXPECTED[definition.type]}${definition.type === 'list' ? ` (${definition.options.join(', ')})` : ''} for the ${definition.type} field "${definition.name}"`,
  });
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? value : refuse();
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : refuse();
    case 'email':
      return (typeof value === 'string' && normaliseEmail(value)) || refuse();
    case 'url':
      return typeof value === 'string' && isWebUrl(value) ? value : refuse();
    case 'phone':
      return (typeof value === 'string' && normalisePhone(value, countryCode)) || refuse();
    case 'list':
      return typeof value === 'string' && definition.options.includes(value) ? value : refuse();
    case 'checkbox':
      return typeof value === 'boolean' ? value : refuse();
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? value : refuse();
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? value : refuse();
  }
}

/**
 * Checks a set of custom-field values against the workspace definitions: unknown keys are refused,
 * `null` removes a key (in `removed`). Answers the values to store or the first problem found.
 */
export function checkValues(
  definitions: CustomFieldDefinition[],
  values: Record<string, unknown>,
  countryCode?: string | null,
): { set: Record<string, CustomFieldValue>; removed: string[] } | FieldProblem {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const set: Record<string, CustomFieldValue> = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) return { field: `customFields.${key}`, message: 'is not a custom field of this workspace; define it first with POST /v1/custom-fields' };
    if (value === null) {
      removed.push(key);
      continue;
    }
    const checked = checkValue(definition, value, countryCode);
    if (typeof checked === 'object') return checked;
    set[key] = checked;
  }
  return { set, removed };
}

export function isProblem(value: unknown): value is FieldProblem {
  return typeof value === 'object' && value !== null && 'field' in value && 'message' in value;
}
