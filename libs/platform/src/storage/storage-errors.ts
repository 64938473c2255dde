/**
 * What can go wrong with the object store, in the platform's words. The shared error mapping
 * (`toAppError`) answers an unavailable store with 503 and an object over its size limit with 413, so
 * neither ever reaches a client as a 500.
 */

/** The object store did not answer, or answered that it cannot serve now (5xx, timeouts, refused). */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`object storage unavailable: ${describe(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** A stored object would be larger than the limit the caller set; nothing was kept. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the object is larger than the limit of ${maxBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

/** A `Range` that starts past the end of the object (HTTP 416). */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly range: string) {
    super(`range ${range} is outside the object`);
    this.name = 'RangeNotSatisfiableError';
  }
}

/** Errors of the network itself: the store is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
/** S3 error names that mean "not now" rather than "not so". */
const UNAVAILABLE_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ServiceUnavailable', 'SlowDown', 'InternalError', 'NetworkingError']);

interface SdkErrorShape {
  name?: string;
  code?: string;
  errors?: unknown[];
  $metadata?: { httpStatusCode?: number };
}

/**
 * True when an error of the S3 client says the store cannot be reached or cannot serve now. A refused
 * connection to a name with several addresses arrives as an AggregateError holding one per address.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as SdkErrorShape;
  if (shape.code && NETWORK_CODES.has(shape.code)) return true;
  // An error the SDK could not recognise as an Error (one from another realm, as under Jest) arrives
  // re-made from its text, without its code: "AWS SDK error wrapper for Error: connect ECONNREFUSED …".
  if ([...NETWORK_CODES].some((code) => String((error as { message?: unknown }).message ?? '').includes(code))) return true;
  if (shape.name && UNAVAILABLE_NAMES.has(shape.name)) return true;
  if ((shape.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return Array.isArray(shape.errors) && shape.errors.some(isStorageUnavailable);
}

/** The HTTP status the store answered with, when it answered at all. */
export function storageStatus(error: unknown): number | undefined {
  return (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
}

/** Wraps an unavailability error of the client in StorageUnavailableError; other errors stay as they are. */
export function classifyStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || !isStorageUnavailable(error)) return error;
  return new StorageUnavailableError(error);
}

function describe(cause: unknown): string {
  const shape = cause as (SdkErrorShape & { message?: string }) | null;
  return [shape?.name, shape?.code, shape?.message].filter(Boolean).join(' ') || String(cause);
}
