import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens nested class-validator errors into dotted field paths (`owner.email`, `memberIds.1`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * Validates every request body, query and param DTO: unknown fields are refused, and the 400 names
 * the first field to fix in its message and lists every problem in `details.fields`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ObjectBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const first = fields[0] ?? { field: 'body', problems: ['is invalid'] };
      return new AppError(400, 'invalid_input', `${first.field}: ${first.problems.join('; ')}`, {
        field: first.field,
        fields,
      });
    },
  });
}

/**
 * A body declared as a DTO class must be a JSON object (the JSON parser takes only objects and
 * arrays): class-validator finds nothing wrong with an array (`[]` has no fields to check), which then
 * reached the handler and failed there with a 500.
 */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const dto = metadata.metatype && metadata.metatype !== Object && metadata.metatype !== Array;
    if (metadata.type === 'body' && dto && Array.isArray(value)) {
      throw new AppError(400, 'invalid_input', 'body: must be a JSON object', { field: 'body', fields: [{ field: 'body', problems: ['must be a JSON object'] }] });
    }
    return super.transform(value, metadata);
  }
}
