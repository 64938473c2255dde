import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

/**
 * @nestjs/swagger writes OpenAPI 3.0's `nullable: true`; OpenAPI 3.1 (JSON Schema 2020-12) says a value
 * may be null with the type `null`: `type: [T, "null"]`, or `anyOf` beside a reference.
 */
export function nullableAs31(schema: Node): Node {
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (typeof rest.type === 'string') {
    const values = Array.isArray(rest.enum) ? { enum: [...(rest.enum as unknown[]), null] } : {};
    return { ...rest, type: [rest.type, 'null'], ...values };
  }
  return { anyOf: [rest, { type: 'null' }] };
}

/** The document with every 3.0-only keyword said the 3.1 way. */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const converted = Object.fromEntries(Object.entries(value as Node).map(([key, child]) => [key, walk(child)]));
    return 'nullable' in converted ? nullableAs31(converted) : converted;
  };
  return { ...(walk(document) as OpenAPIObject), openapi: '3.1.0' };
}
