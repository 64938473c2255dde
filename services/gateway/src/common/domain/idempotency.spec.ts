import { isIdempotencyKey, isWrite, requestFingerprint, retryOf } from './idempotency';

describe('idempotency keys', () => {
  const fingerprint = requestFingerprint('POST', '/v1/teams', { name: 'Sales' });

  it('a retry of a finished write gets the first answer again', () => {
    expect(retryOf({ state: 'done', request: fingerprint, body: { id: 't1' } }, fingerprint)).toEqual({ outcome: 'replay', body: { id: 't1' } });
  });

  it('a retry while the first write still runs is told so', () => {
    expect(retryOf({ state: 'pending', request: fingerprint }, fingerprint)).toEqual({ outcome: 'in_progress' });
  });

  it('the same key with another request is refused, even while the first still runs', () => {
    const other = requestFingerprint('POST', '/v1/teams', { name: 'Support' });
    expect(retryOf({ state: 'done', request: fingerprint, body: {} }, other)).toEqual({ outcome: 'key_reused' });
    expect(retryOf({ state: 'pending', request: fingerprint }, other)).toEqual({ outcome: 'key_reused' });
  });

  it('requests are the same when method, URL and body are', () => {
    expect(requestFingerprint('POST', '/v1/teams', { name: 'Sales' })).toBe(fingerprint);
    expect(requestFingerprint('PATCH', '/v1/teams', { name: 'Sales' })).not.toBe(fingerprint);
    expect(requestFingerprint('POST', '/v1/teams', undefined)).toBe(requestFingerprint('POST', '/v1/teams', null));
  });

  it('keys are 1 to 200 letters, digits or _ . : -, and only writes take them', () => {
    expect(isIdempotencyKey('order-42:retry_1.a')).toBe(true);
    expect(isIdempotencyKey('')).toBe(false);
    expect(isIdempotencyKey('a b')).toBe(false);
    expect(isIdempotencyKey('k'.repeat(201))).toBe(false);
    expect(['POST', 'PATCH', 'PUT', 'DELETE'].every(isWrite)).toBe(true);
    expect(isWrite('GET')).toBe(false);
  });
});
