/**
 * The answer shapes of API.md as JSON Schema (OpenAPI 3.1), declared by each feature beside its
 * mappers (`<feature>.schemas.ts`) and collected here into the document's `components.schemas`.
 * Objects list every field a mapper always writes as required, and no others: an answer with a field
 * the document does not name fails the fuzzer's schema check, so the two stay in step.
 */
export type JsonSchema = Record<string, unknown>;
export interface SchemaRef {
  $ref: string;
}

const SCHEMAS = new Map<string, JsonSchema>();

/** Registers a named schema for `components.schemas` and answers a reference to it. */
export function apiSchema(name: string, schema: JsonSchema): SchemaRef {
  const known = SCHEMAS.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(schema)) throw new Error(`OpenAPI schema ${name} is declared twice, differently`);
  SCHEMAS.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

export function registeredSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(SCHEMAS);
}

export const string = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const boolean: JsonSchema = { type: 'boolean' };
export const time: JsonSchema = { type: 'string', format: 'date-time' };
export const oneOfValues = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
export const listOf = (items: JsonSchema | SchemaRef): JsonSchema => ({ type: 'array', items });
/** Free-form JSON a client or provider gave (payloads, custom fields, event data). */
export const anyJson: JsonSchema = {};
export const freeObject: JsonSchema = { type: 'object' };

/** The schema, or `null` (API.md: every field present, `null` when empty). */
export function nullable(schema: JsonSchema | SchemaRef): JsonSchema {
  if ('$ref' in schema) return { anyOf: [schema, { type: 'null' }] };
  const { type, enum: values, ...rest } = schema as JsonSchema & { type?: string | string[]; enum?: unknown[] };
  if (typeof type !== 'string') return { anyOf: [schema, { type: 'null' }] };
  return { ...rest, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) };
}

/** An object of exactly these fields; those named in `optional` may be absent. */
export function object(properties: Record<string, JsonSchema | SchemaRef>, optional: string[] = []): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties).filter((key) => !optional.includes(key)), additionalProperties: false };
}

/** API.md's list envelope `{items, nextCursor}`, named `<Item>Page`, with more fields when a list has them. */
export function pageOf(name: string, item: SchemaRef, more: Record<string, JsonSchema> = {}, optional: string[] = []): SchemaRef {
  return apiSchema(`${name}Page`, object({ items: listOf(item), nextCursor: nullable(string()), ...more }, optional));
}

/** API.md's error shape, the answer of every 4xx and 5xx. */
export const ErrorBody = apiSchema(
  'Error',
  object({
    error: object(
      {
        code: string({ pattern: '^[a-z][a-z0-9_]*$', description: 'snake_case code a client can branch on' }),
        message: string({ description: 'what went wrong and how to fix it; a 400 names the field first' }),
        details: { type: 'object', description: 'e.g. `field` and `fields` of a 400, `retryAfterSeconds` of a 429' },
      },
      ['details'],
    ),
  }),
);
