import { eventually, sharedEngineUrls } from '@omnibox/testing';
import { FakeProvider } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { attachmentsWorld, bucketContents, FILES } from './attachments-world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

/** Uploads become orphans after 0.004 h (14.4 s) here, time enough to send one; every replica sweeps every 200 ms. */
const SWEEP = { ATTACHMENT_ORPHAN_HOURS: '0.004', ATTACHMENT_SWEEP_INTERVAL_MS: '200' };

describe('uploads never sent are deleted after ATTACHMENT_ORPHAN_HOURS (MSG-10)', () => {
  let platform: RunningPlatform;
  let provider: FakeProvider;
  let secondReplica: ServiceProcess;
  let world: Awaited<ReturnType<typeof attachmentsWorld>>;

  beforeAll(async () => {
    provider = await new FakeProvider().start();
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway'], undefined, SWEEP);
    // A second replica of the conversations service on the same database and bucket sweeps alongside.
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    secondReplica = await startServiceProcess('conversations', { ...platform.env, HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort), MONGODB_DATABASE: `${platform.env.MONGODB_DATABASE_PREFIX}_conversations` }, httpPort);
    world = await attachmentsWorld(platform.gatewayUrl, provider);
  }, 120000);

  afterAll(async () => {
    secondReplica?.kill('SIGTERM');
    await secondReplica?.exited;
    await platform?.stop();
    await provider?.stop();
  });

  it('an upload never sent goes, file and record, once past its age, with two replicas sweeping; a sent one stays', async () => {
    const contactId = await world.inbound('keeps-files');
    const sent = await world.uploadFile(world.tokens.ana, 'sent.pdf', FILES.pdf('sent'));
    expect((await world.send(world.tokens.ana, contactId, { type: 'attachment', attachment: { id: sent.id } })).status).toBe(201);
    const orphan = await world.uploadFile(world.tokens.ana, 'forgotten.pdf', FILES.pdf('forgotten'));
    expect((await world.api.get(`/v1/attachments/${orphan.id}`).set({ Authorization: `Bearer ${world.tokens.ana}` })).status).toBe(200);

    await eventually(
      async () => {
        const record = await world.api.get(`/v1/attachments/${orphan.id}`).set({ Authorization: `Bearer ${world.tokens.ana}` });
        const { keys } = await bucketContents(platform.env);
        return record.status === 404 && !keys.some((key) => key.endsWith(orphan.id));
      },
      'the orphaned upload to be swept',
      45000,
      250,
    );
    const { keys } = await bucketContents(platform.env);
    expect(keys.some((key) => key.endsWith(sent.id))).toBe(true);
    const content = await world.api.get(`/v1/attachments/${sent.id}/content`).set({ Authorization: `Bearer ${world.tokens.ana}` }).buffer(true);
    expect(content.status).toBe(200);
    expect(String(content.body)).toContain('sent');
  }, 90000);
});
