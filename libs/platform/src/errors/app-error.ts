/**
 * The one error type of the platform. Its `status` and `code` map straight onto API.md's error shape
 * `{ error: { code, message, details? } }`; the gRPC layer carries it between services unchanged.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** 429 with `Retry-After` (seconds): the caller went over a rate limit; the message says which. */
export function rateLimited(what: string, retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'rate_limited', `${what}: too many requests; retry in ${seconds} s`, { retryAfterSeconds: seconds });
}

/** 400: the request is malformed; `field` names what to fix. */
export function invalidInput(field: string, message: string, code = 'invalid_input'): AppError {
  return new AppError(400, code, `${field}: ${message}`, { field });
}
export function unauthenticated(message = 'Missing or invalid bearer token', code = 'unauthenticated'): AppError {
  return new AppError(401, code, message);
}
export function forbidden(message: string, code = 'forbidden'): AppError {
  return new AppError(403, code, message);
}
/** 404: missing, or not visible to the caller (VIS-4): the two are never told apart. */
export function notFound(what: string, code = 'not_found'): AppError {
  return new AppError(404, code, `${what} was not found`);
}
export function conflict(message: string, code = 'conflict', details?: Record<string, unknown>): AppError {
  return new AppError(409, code, message, details);
}
/** 422: the input is well formed but a product rule refuses it; `message` gives the reason. */
export function ruleViolation(code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(422, code, message, details);
}
export function dependencyUnavailable(dependency: string, details?: Record<string, unknown>): AppError {
  return new AppError(503, 'dependency_unavailable', `${dependency} is unavailable, retry later`, { dependency, ...details });
}
