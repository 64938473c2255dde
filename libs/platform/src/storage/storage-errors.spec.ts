import { toAppError } from '../http/error-filter';
import { classifyStorageError, isStorageUnavailable, ObjectTooLargeError, StorageUnavailableError } from './storage-errors';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8333'), { code: 'ECONNREFUSED' });
const answered = (name: string, httpStatusCode: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

describe('object storage errors', () => {
  it('a store that refuses connections, times out or answers 5xx is unavailable', () => {
    expect(isStorageUnavailable(refused)).toBe(true);
    expect(isStorageUnavailable(new AggregateError([refused, refused]))).toBe(true);
    expect(isStorageUnavailable(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:8333'))).toBe(true);
    expect(isStorageUnavailable(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isStorageUnavailable(answered('ServiceUnavailable', 503))).toBe(true);
    expect(isStorageUnavailable(answered('InternalError', 500))).toBe(true);
  });

  it('an answer about the request itself (missing object, refused credentials) is not unavailability', () => {
    expect(isStorageUnavailable(answered('NoSuchKey', 404))).toBe(false);
    expect(isStorageUnavailable(answered('AccessDenied', 403))).toBe(false);
    expect(isStorageUnavailable(new Error('bug'))).toBe(false);
  });

  it('unavailability is wrapped once, keeping its cause; other errors pass unchanged', () => {
    const wrapped = classifyStorageError(refused) as StorageUnavailableError;
    expect(wrapped).toBeInstanceOf(StorageUnavailableError);
    expect(wrapped.message).toContain('object storage unavailable');
    expect(wrapped.cause).toBe(refused);
    expect(classifyStorageError(wrapped)).toBe(wrapped);
    const denied = answered('AccessDenied', 403);
    expect(classifyStorageError(denied)).toBe(denied);
  });

  it('the shared error mapping answers 503 naming object storage, and 413 for an object over its limit, never 500', () => {
    expect(toAppError(new StorageUnavailableError(refused)).toBody()).toEqual({
      error: { code: 'dependency_unavailable', message: 'object storage is unavailable, retry later', details: { dependency: 'object storage' } },
    });
    // A refused connection that did not come through the storage port says nothing about the store.
    expect(toAppError(refused).status).toBe(500);
    const tooLarge = toAppError(new ObjectTooLargeError(1024));
    expect([tooLarge.status, tooLarge.code, tooLarge.details]).toEqual([413, 'payload_too_large', { maxBytes: 1024 }]);
  });
});
