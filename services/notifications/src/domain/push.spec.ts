import { deliveryOf, endpointProblem, keysProblem, PUSH_LANES_PER_SUBSCRIPTION, pushLaneOf, pushOutcome, pushWanted, retryAfterMs, topicOf } from './push';

describe('Web Push (NTF-2)', () => {
  it('NTF-2: pushes about one thread share a Topic, so they replace each other', () => {
    expect(topicOf('c1', 'n1')).toBe(topicOf('c1', 'n2'));
    expect(topicOf('c1', 'n1')).not.toBe(topicOf('c2', 'n1'));
    expect(topicOf('c1', 'n1')).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });

  it('NTF-2: no push to a user whose socket is open and active, unless they asked for it', () => {
    expect(pushWanted(true, false)).toBe(false);
    expect(pushWanted(true, true)).toBe(true);
    expect(pushWanted(false, false)).toBe(true);
  });

  it('push endpoints are https in production; http only on loopback in development and tests', () => {
    expect(endpointProblem('https://fcm.googleapis.com/fcm/send/abc', 'production')).toBeNull();
    expect(endpointProblem('http://127.0.0.1:9000/push/x', 'production')).toMatch(/https/);
    expect(endpointProblem('http://127.0.0.1:9000/push/x', 'test')).toBeNull();
    expect(endpointProblem('http://push.example.com/x', 'development')).toMatch(/https/);
    expect(endpointProblem('https://user:pw@push.example.com/x', 'production')).toMatch(/credentials/);
    expect(endpointProblem('not a url', 'test')).toMatch(/absolute/);
  });

  it('subscription keys must be what browsers hand over', () => {
    const point = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
    expect(keysProblem({ p256dh: point, auth: Buffer.alloc(16).toString('base64url') })).toBeNull();
    expect(keysProblem({ p256dh: 'short', auth: Buffer.alloc(16).toString('base64url') })).toMatchObject({ field: 'keys.p256dh' });
    expect(keysProblem({ p256dh: point, auth: 'x' })).toMatchObject({ field: 'keys.auth' });
  });

  it('NTF-2: 404 and 410 remove the subscription; 429 and 5xx retry after Retry-After, else with back-off; others give up', () => {
    expect(pushOutcome({ status: 201 }, 1, 5)).toEqual({ outcome: 'sent' });
    expect(pushOutcome({ status: 410 }, 1, 5)).toEqual({ outcome: 'gone' });
    expect(pushOutcome({ status: 404 }, 1, 5)).toEqual({ outcome: 'gone' });
    expect(pushOutcome({ status: 429, retryAfter: '3' }, 1, 5)).toEqual({ outcome: 'retry', afterMs: 3000 });
    expect(pushOutcome({ status: 503 }, 2, 5)).toEqual({ outcome: 'retry', afterMs: 2000 });
    expect(pushOutcome(null, 1, 5)).toEqual({ outcome: 'retry', afterMs: 1000 });
    expect(pushOutcome({ status: 503 }, 5, 5)).toMatchObject({ outcome: 'rejected' });
    expect(pushOutcome({ status: 400 }, 1, 5)).toMatchObject({ outcome: 'rejected' });
  });

  it('Retry-After is read in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it('messages live an hour at the push service, reminders and mentions a day, more urgently', () => {
    expect(deliveryOf('team_message')).toEqual({ ttlSeconds: 3600, urgency: 'normal' });
    expect(deliveryOf('mentioned')).toEqual({ ttlSeconds: 86400, urgency: 'high' });
  });

  it('NTF-2: one thread’s pushes to a subscription share a lane (they replace each other, in order); other threads spread over a few lanes of that subscription only', () => {
    const topics = Array.from({ length: 200 }, (_, i) => topicOf(`contact-${i}`, 'n'));
    expect(pushLaneOf('sub-1', topics[0])).toBe(pushLaneOf('sub-1', topics[0]));
    const lanes = new Set(topics.map((topic) => pushLaneOf('sub-1', topic)));
    expect(lanes.size).toBe(PUSH_LANES_PER_SUBSCRIPTION);
    for (const lane of lanes) expect(lane.startsWith('sub-1|')).toBe(true);
    expect(pushLaneOf('sub-2', topics[0])).not.toBe(pushLaneOf('sub-1', topics[0]));
  });
});
