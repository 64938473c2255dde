import { IsOptional, Matches, ValidateIf } from 'class-validator';

/**
 * A field that may be left out. Only an absent field skips its validators: `null` is a value like any
 * other, and the field's type check refuses it (400 naming the field). class-validator's own
 * `@IsOptional` skips `null` too, which let `null` through to code that trims, hashes or stores the
 * value (a 500, or a `null` stored where the API promises a boolean; found by test:fuzz, four times).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/**
 * A field the API documents as nullable: absent leaves it as it is, `null` clears it, and only other
 * values are validated. Use it only where API.md says `null` is accepted.
 */
export function Nullable(): PropertyDecorator {
  return IsOptional();
}

/**
 * A name or text that is stored trimmed must have something left after trimming: one of spaces or tabs
 * only would be stored empty, which the schema refuses (a 500 on POST /v1/teams and the API token's
 * name, found by test:fuzz). `\S` as JSON Schema's unanchored `pattern` says the same to clients.
 */
export function NotBlank(): PropertyDecorator {
  return Matches(/\S/, { message: '$property must not be blank' });
}
