import { bearer, eventually, sharedEngineUrls, startPrivateEngine, TestEngine } from '@omnibox/testing';
import request from 'supertest';
import { FakeProvider } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { attachmentsWorld, FILES } from './attachments-world';

describe('the object store goes down: readiness names it, files answer 503 (never 500), and everything recovers (MSG-10)', () => {
  let s3: TestEngine & { env: Record<string, string>; dispose(): Promise<void> };
  let platform: RunningPlatform;
  let provider: FakeProvider;
  let world: Awaited<ReturnType<typeof attachmentsWorld>>;

  const readiness = (service: 'gateway' | 'conversations') => request(platform.services[service]!.url).get('/health/ready');

  beforeAll(async () => {
    s3 = await startPrivateEngine('s3');
    provider = await new FakeProvider().start();
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL, ...s3.env },
      ['contacts', 'conversations', 'gateway'],
    );
    world = await attachmentsWorld(platform.gatewayUrl, provider);
  }, 120000);

  afterAll(async () => {
    await platform?.stop();
    await provider?.stop();
    await s3?.dispose();
  });

  it('killing the store turns gateway and conversations readiness to 503 naming object-storage; uploads and reads 503; a restart heals them', async () => {
    const kept = await world.uploadFile(world.tokens.ana, 'kept.pdf', FILES.pdf('kept through the outage'));
    const contactId = await world.inbound('outage-customer');
    for (const service of ['gateway', 'conversations'] as const) expect((await readiness(service)).status).toBe(200);

    await s3.kill();
    for (const service of ['gateway', 'conversations'] as const) {
      const down = await eventually(async () => {
        const res = await readiness(service);
        return res.status === 503 ? res : null;
      }, `${service} readiness to report the store down`, 20000);
      expect(down.body.error).toMatchObject({ code: 'dependency_unavailable', details: { down: ['object-storage'] } });
    }
    const upload = await world.upload(world.tokens.ana, [{ name: 'file', fileName: 'during.pdf', body: FILES.pdf('during') }]);
    expect([upload.status, upload.body.error.code]).toEqual([503, 'dependency_unavailable']);
    expect(upload.body.error.message).toContain('object storage');
    const read = await world.api.get(`/v1/attachments/${kept.id}/content`).set(bearer(world.tokens.ana));
    expect([read.status, read.body.error.code]).toEqual([503, 'dependency_unavailable']);
    // Text goes on: only files need the store.
    expect((await world.send(world.tokens.ana, contactId, { type: 'text', text: 'files are down, words are not' })).status).toBe(201);

    await s3.start(); // same port and data; the services are not restarted
    for (const service of ['gateway', 'conversations'] as const) {
      await eventually(async () => (await readiness(service)).status === 200, `${service} ready again`, 60000);
    }
    expect((await world.uploadFile(world.tokens.ana, 'after.pdf', FILES.pdf('after'))).status).toBe('stored');
    const again = await world.api.get(`/v1/attachments/${kept.id}/content`).set(bearer(world.tokens.ana)).buffer(true);
    expect(again.status).toBe(200);
    expect(String(again.body)).toContain('kept through the outage');
  }, 180000);
});
