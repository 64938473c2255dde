import { ContactsDefinition, EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { CONTACTS_CONTRACT, GrpcClient, systemCaller } from '@omnibox/rpc';
import { bearer, eventually, isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { allAnnouncementsReceived } from '../support/settled';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

/**
 * CON-3 "merging is safe to retry and never loses a message": the contacts service runs in its own
 * process and is killed (SIGKILL) in the middle of a merge; after it restarts, the client's retry
 * completes the merge with every channel, note and field in the kept contact.
 */
describe('a merge cut short by a contacts-service crash completes on retry with nothing lost (CON-3)', () => {
  const namespace = uniqueName('mr');
  const base = isolatedEnv(namespace);
  const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
  let serviceEnv: Record<string, string>;
  let httpPort: number;
  let contacts: ServiceProcess | undefined;
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let owner: string;
  let workspaceId: string;
  let nats: NatsHandle;
  let bus: EventBus;
  let consumer: EventConsumer;
  const collector = uniqueName('mr');
  let mongo: MongoClient;
  const events: EventEnvelope[] = [];
  const as = bearer;

  const startContacts = async (failpoints = '') => {
    contacts = await startServiceProcess('contacts', { ...serviceEnv, OMNIBOX_FAILPOINTS: failpoints }, httpPort);
  };

  beforeAll(async () => {
    httpPort = await freePort();
    const grpcPort = await freePort();
    serviceEnv = { ...base, ...engines, GRPC_PORT: String(grpcPort), MONGODB_DATABASE: `${namespace}_contacts` };
    await startContacts();
    platform = await startPlatform(engines, ['gateway'], namespace, { CONTACTS_GRPC_URL: `127.0.0.1:${grpcPort}` });
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Crashy Co', owner: { firstName: 'Olga', email: `olga.${namespace}@example.com`, password: 'owner-password-1' } });
    owner = workspace.body.token;
    workspaceId = workspace.body.workspace.id;
    await api.post('/v1/custom-fields').set(as(owner)).send({ key: 'plan', name: 'Plan', type: 'text' }).expect(201);
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'merge-restart-test');
    mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);
    bus = new EventBus(nats.connection, { stream: base.EVENT_STREAM, subjectPrefix: base.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    consumer = new EventConsumer(bus, { durable: collector, filter: '*.contacts.contact.merged', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
    await consumer.start();
  });

  afterAll(async () => {
    await mongo?.close();
    await consumer?.stop();
    await nats?.close();
    await platform?.stop();
    contacts?.kill('SIGKILL');
  });

  it.each(['contacts.merge.after-record', 'contacts.merge.after-move'])('crash at %s, restart, retry: the kept contact has everything, the merged one is gone, one merge event', async (point) => {
    const grpc = new GrpcClient<ContactsDefinition>({ contract: CONTACTS_CONTRACT, service: 'Contacts', url: platform.env.CONTACTS_GRPC_URL, secret: base.INTERNAL_SECRET, displayName: 'contacts' });
    const kept = await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Kept', tags: ['a'] });
    const resolved = await grpc.call('ResolveChannelContact', { channelId: 'line-1', channelType: 'line', externalId: `u-${point}` }, systemCaller(workspaceId, 'test'));
    grpc.close();
    const sourceId = resolved.contact!.id;
    await api.patch(`/v1/contacts/${sourceId}`).set(as(owner)).send({ lastName: 'Source', email: `source.${point}@example.com`, tags: ['b'], customFields: { plan: 'gold' } }).expect(200);
    await api.post(`/v1/contacts/${sourceId}/notes`).set(as(owner)).send({ text: 'note one' }).expect(201);
    await api.post(`/v1/contacts/${sourceId}/notes`).set(as(owner)).send({ text: 'note two' }).expect(201);

    // Restart the service with the crash point armed, then merge: the process dies mid-merge.
    contacts!.kill('SIGTERM');
    await contacts!.exited;
    await startContacts(point);
    const cut = await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: sourceId });
    expect(cut.status).toBe(503);
    expect(cut.body.error.details.dependency).toBe('contacts service');
    expect((await contacts!.exited).signal).toBe('SIGKILL');

    await startContacts();
    const retried = await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: sourceId });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: kept.body.id, firstName: 'Kept', lastName: 'Source', email: `source.${point}@example.com`, tags: ['a', 'b'], customFields: { plan: 'gold' } });
    expect((await api.get(`/v1/contacts/${sourceId}`).set(as(owner))).status).toBe(404);
    const channels = await api.get(`/v1/contacts/${kept.body.id}/channels`).set(as(owner));
    expect(channels.body.items).toEqual([{ channelId: 'line-1', type: 'line', externalId: `u-${point}` }]);
    const notes = await api.get(`/v1/contacts/${kept.body.id}/notes`).set(as(owner));
    expect(notes.body.items.map((n: { text: string }) => n.text)).toEqual(['note two', 'note one']);
    const byIdentity = await api.get('/v1/contacts').query({ channelId: 'line-1', externalId: `u-${point}` }).set(as(owner));
    expect(byIdentity.body.items.map((c: { id: string }) => c.id)).toEqual([kept.body.id]);

    const merged = await eventually(() => events.find((e) => e.aggregateId === kept.body.id), 'contacts.contact.merged');
    expect(merged.data).toMatchObject({ sourceContactId: sourceId, movedChannels: [{ channelId: 'line-1', externalId: `u-${point}` }] });
    await api.post(`/v1/contacts/${kept.body.id}/merge`).set(as(owner)).send({ sourceContactId: sourceId }).expect(200);
    await allAnnouncementsReceived(bus, collector, [mongo.db(`${namespace}_contacts`)]);
    expect(events.filter((e) => e.aggregateId === kept.body.id)).toHaveLength(1);
  });
});
