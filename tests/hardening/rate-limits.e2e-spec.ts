import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@omnibox/platform';
import { bearer, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { createGateway } from '../../services/gateway/src/app';
import { GatewayConfig } from '../../services/gateway/src/config';
import { incomingText, sign } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18: rate limits in Redis hold across gateway replicas; a burst past them gets 429 with Retry-After. */
describe('rate limits across two gateway replicas', () => {
  let platform: RunningPlatform;
  let second: INestApplication;
  let replicas: Array<ReturnType<typeof request>>;
  const tag = uniqueName('rl');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const limits = {
    // A production deployment, whose address-wide limits are not loosened for 127.0.0.1.
    DEPLOYMENT_PROFILE: 'production',
    RATE_LIMIT_LOGINS_PER_ADDRESS_PER_MINUTE: '40',
    RATE_LIMIT_WORKSPACES_PER_ADDRESS_PER_HOUR: '4',
    RATE_LIMIT_CALLS_PER_TOKEN_PER_MINUTE: '25',
    RATE_LIMIT_INGRESS_PER_CHANNEL_PER_SECOND: '5',
  };

  beforeAll(async () => {
    const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
    platform = await startPlatform(engines, ['gateway'], undefined, limits);
    second = await createGateway(loadConfig(GatewayConfig, { ...platform.env, MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_gateway` }));
    await second.listen(0, '127.0.0.1');
    replicas = [request(platform.gatewayUrl), request(second.getHttpServer())];
  });
  afterAll(async () => {
    await second?.close();
    await platform?.stop();
  });

  const replica = (i: number) => replicas[i % 2];

  it('failed logins per e-mail: after 10 wrong passwords, spread over both replicas, the e-mail is refused with 429 and Retry-After, even with the right password', async () => {
    const owner = await replica(0).post('/v1/workspaces').send({ name: 'Locked Co', owner: { firstName: 'Lou', email: email('lou'), password: 'the-right-password' } });
    expect(owner.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await replica(i).post('/v1/auth/login').send({ email: email('lou'), password: `wrong-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const locked = await replica(1).post('/v1/auth/login').send({ email: email('lou'), password: 'the-right-password' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.error.code).toBe('rate_limited');
    // Another e-mail is not affected.
    await replica(0).post('/v1/workspaces').send({ name: 'Free Co', owner: { firstName: 'Fay', email: email('fay'), password: 'fay-password-1' } });
    expect((await replica(1).post('/v1/auth/login').send({ email: email('fay'), password: 'fay-password-1' })).status).toBe(200);
  });

  it('workspace creation per client address: the creation past the limit is 429 on either replica', async () => {
    // Two workspaces were created above from this address; two more fit in the hour, then none.
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await replica(i).post('/v1/workspaces').send({ name: `Co ${i}`, owner: { firstName: 'W', email: email(`w${i}`), password: 'workspace-pass-1' } })).status);
    expect(created).toEqual([201, 201, 429]);
  });

  it('API calls per token: the call past the limit is 429 with Retry-After, counted across replicas', async () => {
    const token = (await replica(0).post('/v1/auth/login').send({ email: email('fay'), password: 'fay-password-1' })).body.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 27; i++) statuses.push((await replica(i).get('/v1/me').set(bearer(token))).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(25);
    expect(statuses.slice(25)).toEqual([429, 429]);
  });

  it('provider events per channel: a burst past the per-second limit is 429 with Retry-After; the provider retries later', async () => {
    const owner = (await replica(0).post('/v1/auth/login').send({ email: email('w0'), password: 'workspace-pass-1' })).body.token as string;
    const channel = (await replica(0).post('/v1/channels').set(bearer(owner)).send({ type: 'api', name: 'API' })).body as { id: string; secret: string };
    const results = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const raw = JSON.stringify(incomingText(`burst-${i}`, `message ${i}`));
        const res = await replica(i).post(`/v1/channels/${channel.id}/events`).set('content-type', 'application/json').set('x-channel-signature', sign(channel.secret, raw)).send(raw);
        return { status: res.status, retryAfter: res.headers['retry-after'] };
      }),
    );
    const refused = results.filter((result) => result.status === 429);
    expect(results.filter((result) => result.status === 202).length).toBeLessThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((result) => Number(result.retryAfter) >= 1)).toBe(true);
  });

  it('the client address behind a proxy: each client the trusted proxy forwards has its own allowance; a peer the gateway does not trust cannot forge one', async () => {
    const create = (target: ReturnType<typeof request>, client: string, i: string) =>
      target.post('/v1/workspaces').set('x-forwarded-for', client).send({ name: `Fwd ${i}`, owner: { firstName: 'F', email: email(`fwd-${i}`), password: 'forwarded-pass-1' } });
    // The replicas trust loopback (the default, TRUST_PROXY=loopback): this address used up its four
    // creations above, yet clients forwarded from it are counted apart.
    const forwarded = [];
    for (let i = 0; i < 5; i++) forwarded.push((await create(replica(i), '203.0.113.7', `a${i}`)).status);
    expect(forwarded).toEqual([201, 201, 201, 201, 429]);
    expect((await create(replica(0), '203.0.113.8', 'b')).status).toBe(201);
    // A gateway trusting only another proxy takes the peer's own address: the forged header changes nothing.
    const untrusting = await createGateway(loadConfig(GatewayConfig, { ...platform.env, ...limits, TRUST_PROXY: '192.0.2.1', MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_gateway` }));
    try {
      await untrusting.listen(0, '127.0.0.1');
      expect((await create(request(untrusting.getHttpServer()), '198.51.100.9', 'c')).status).toBe(429);
    } finally {
      await untrusting.close();
    }
  });
});
