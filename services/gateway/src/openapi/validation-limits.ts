import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The limits the validation enforces, as OpenAPI keywords: every request body, query and nested input
 * DTO is validated by class-validator (libs/platform `createValidationPipe`), and the document takes its
 * formats, lengths, patterns, enums and ranges from those same decorators, so the two cannot drift.
 */

type Keywords = Record<string, unknown>;
/** A DTO class, as class-validator keys its metadata. */
export type Dto = abstract new (...args: never[]) => object;

/** What one class-validator constraint says in JSON Schema; null when it only restates the type. */
const KEYWORDS: Record<string, (constraints: unknown[]) => Keywords | null> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isObject: () => ({ type: 'object' }),
  isArray: () => ({ isArray: true }),
  isLength: ([min, max]) => ({ minLength: min, ...(max !== undefined ? { maxLength: max } : {}) }),
  minLength: ([min]) => ({ minLength: min }),
  maxLength: ([max]) => ({ maxLength: max }),
  matches: ([pattern]) => ({ pattern: (pattern as RegExp).source }),
  isIn: ([values]) => ({ enum: values }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  isEmail: () => ({ format: 'email' }),
  isIso8601: () => ({ format: 'date-time' }),
  isUrl: ([options]) => ({ format: 'uri', ...urlPattern(options as { protocols?: string[] } | undefined) }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayUnique: () => ({ uniqueItems: true }),
  isNotEmptyObject: () => ({ minProperties: 1 }),
};

/** `isUrl` with a list of protocols: the scheme is part of the limit. */
function urlPattern(options: { protocols?: string[] } | undefined): Keywords {
  return options?.protocols?.length ? { pattern: `^(${options.protocols.join('|')})://` } : {};
}

/** Keywords of an array's items, not of the array itself (`each: true`). */
const ITEM_KEYWORDS = new Set(['type', 'minLength', 'maxLength', 'pattern', 'enum', 'minimum', 'maximum', 'format']);

export interface PropertyLimits {
  required: boolean;
  keywords: Keywords;
  items: Keywords;
}

/** The limits of each validated property of a DTO class (its parents' included), and constraints no keyword expresses. */
export function limitsOf(dto: Dto): { properties: Map<string, PropertyLimits>; unexpressed: string[] } {
  const metadata: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
  const properties = new Map<string, PropertyLimits>();
  const unexpressed: string[] = [];
  for (const entry of metadata) {
    const property = properties.get(entry.propertyName) ?? { required: true, keywords: {}, items: {} };
    properties.set(entry.propertyName, property);
    if (entry.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      // @IsOptional, or @ValidateIf: required only together with another field, which the 400 names.
      property.required = false;
      continue;
    }
    if (entry.type !== ValidationTypes.CUSTOM_VALIDATION) continue; // isDefined, nested and whitelist: the type says it
    const describe = KEYWORDS[entry.name ?? ''];
    if (!describe) {
      unexpressed.push(`${dto.name}.${entry.propertyName}: ${entry.name}`);
      continue;
    }
    const keywords = describe(entry.constraints ?? []) ?? {};
    for (const [keyword, value] of Object.entries(keywords)) {
      if (entry.each && ITEM_KEYWORDS.has(keyword)) property.items[keyword] = value;
      else property.keywords[keyword] = value;
    }
  }
  return { properties, unexpressed };
}

/** Every class class-validator knows (request DTOs, and configs, which no document shows). */
export function validatedClasses(): Dto[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter((target): target is Dto => typeof target === 'function');
}

/**
 * Writes each DTO's limits into its `@ApiProperty` metadata (adding properties only validated), which
 * @nestjs/swagger turns into component schemas and query parameters. Limits override what an
 * `@ApiProperty` says, since the validation is what the server does.
 */
export function describeValidationLimits(classes: Dto[] = validatedClasses()): void {
  for (const dto of classes) {
    for (const [name, { required, keywords, items }] of limitsOf(dto).properties) {
      const { isArray, ...schema } = keywords;
      const options: Keywords = { ...schema, required };
      // Items' string limits: @nestjs/swagger moves these keywords into `items` of an array property.
      if (isArray) Object.assign(options, { isArray: true }, items, items.type ? { type: items.type } : {});
      ApiProperty(options)(dto.prototype, name);
    }
  }
}
