/** Reading a provider's JSON leniently: a field of the wrong kind reads as absent. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const objectAt = (value: unknown, key: string): Json | undefined => (isObject(value) && isObject(value[key]) ? value[key] : undefined);
export const listAt = (value: unknown, key: string): unknown[] => (isObject(value) && Array.isArray(value[key]) ? value[key] : []);

/** A string (or a number, which providers use for ids), cut to `max` characters. */
export function textAt(value: unknown, key: string, max = 10_000): string | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  if (typeof found === 'string') return found.slice(0, max);
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}

/** A Unix time in seconds (as a number or a string of digits) as ISO 8601; absent when it is not one. */
export function unixTimeAt(value: unknown, key: string): string | undefined {
  const raw = textAt(value, key, 20);
  if (!raw || !/^\d{1,12}$/.test(raw)) return undefined;
  return new Date(Number(raw) * 1000).toISOString();
}

/** A display name split into first and last name at its first space. */
export function nameParts(name: string | undefined): { firstName?: string; lastName?: string } {
  const trimmed = name?.trim().slice(0, 200);
  if (!trimmed) return {};
  const space = trimmed.indexOf(' ');
  if (space < 0) return { firstName: trimmed.slice(0, 100) };
  return { firstName: trimmed.slice(0, space).slice(0, 100), lastName: trimmed.slice(space + 1).trim().slice(0, 100) || undefined };
}
