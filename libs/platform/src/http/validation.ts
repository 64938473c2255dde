import { ValidationError, ValidationPipe } from '@nestjs/common';
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
  return new ValidationPipe({
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
