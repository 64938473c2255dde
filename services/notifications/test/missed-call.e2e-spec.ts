import { INestApplication } from '@nestjs/common';
import { CallerScope, CallSnapshot, CallUpdated, NO_ACCESS_GRANTS, NotificationsDefinition, TeamCreated, ThreadAccess, UserCreated } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { connectNats, loadConfig, NatsHandle } from '@omnibox/platform';
import { GrpcClient, NOTIFICATIONS_CONTRACT } from '@omnibox/rpc';
import { consumersCaughtUp, eventually, isolatedEnv, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import webpush from 'web-push';
import { startNotifications } from '../src/app';
import { NotificationsConfig } from '../src/config';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../../tools/engines/engines.js');

/**
 * CAL-5 / NTF-1 at the service's edges: `calls.call.updated` events published on the stream (as the
 * calls service will), notifications read over the service's gRPC contract.
 */
describe('missed calls notify who was expected to take them (CAL-5, NTF-1)', () => {
  const env = isolatedEnv(uniqueName('mc'));
  const workspaceId = uniqueName('w');
  let app: INestApplication;
  let nats: NatsHandle;
  let bus: EventBus;
  let client: GrpcClient<NotificationsDefinition>;
  const user = (id: string, role: 'owner' | 'agent', restriction: 'none' | 'self') => ({ id, firstName: id, lastName: '', email: `${id}@example.com`, role, restriction, canViewBlocked: true });
  const caller = (id: string, restriction: CallerScope['restriction'] = 'none'): CallerScope => ({ workspaceId, principalId: id, kind: 'user', role: 'agent', restriction, teamIds: [], teamMemberIds: [], canViewBlocked: true });
  const call = (id: string, status: CallSnapshot['status']): CallSnapshot => ({
    id,
    contactId: `contact-${id}`,
    channelId: 'ch',
    channelType: 'whatsapp',
    direction: 'incoming',
    status,
    assigneeId: null,
    answeredBy: null,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    endedAt: new Date().toISOString(),
    durationSeconds: 0,
    endReason: status === 'missed' ? 'missed' : null,
  });
  const publish = (snapshot: CallSnapshot, changed: string[], access: Partial<ThreadAccess>, contactBlocked = false) =>
    bus.publish(CallUpdated.create({ workspaceId, aggregateId: snapshot.id, actor: { kind: 'system' }, data: { call: snapshot, changed, access: { ...NO_ACCESS_GRANTS, ...access }, contactBlocked } }));
  /** Every call event published so far handled (events of different calls run side by side). */
  const handled = () => consumersCaughtUp(bus, { durables: ['notifications-calls'], timeoutMs: 10000 });
  const missedCalls = async (userId: string, restriction: CallerScope['restriction'] = 'none') =>
    (await client.call('ListNotifications', { unread: false, limit: 200 }, caller(userId, restriction))).items.filter((item) => item.kind === 'missed_call');

  beforeAll(async () => {
    const vapid = webpush.generateVAPIDKeys();
    const grpcPort = await freePort();
    const config = loadConfig(NotificationsConfig, {
      ...env,
      NATS_URL: sharedEngineUrls.NATS_URL,
      REDIS_URL: sharedEngineUrls.REDIS_URL,
      MONGODB_URL: sharedEngineUrls.MONGODB_URL,
      MONGODB_DATABASE: `${env.MONGODB_DATABASE_PREFIX}_notifications`,
      HTTP_PORT: String(await freePort()),
      GRPC_PORT: String(grpcPort),
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:tests@example.com',
    });
    app = await startNotifications(config);
    client = new GrpcClient({ contract: NOTIFICATIONS_CONTRACT, service: 'Notifications', url: `127.0.0.1:${grpcPort}`, secret: env.INTERNAL_SECRET, displayName: 'notifications service' });
    nats = await connectNats(sharedEngineUrls.NATS_URL, 'missed-call-test');
    bus = new EventBus(nats.connection, { stream: env.EVENT_STREAM, subjectPrefix: env.EVENT_SUBJECT_PREFIX });
    for (const [id, role, restriction] of [['olivia', 'owner', 'none'], ['ana', 'agent', 'none'], ['sam', 'agent', 'self'], ['ben', 'agent', 'none']] as const) {
      await bus.publish(UserCreated.create({ workspaceId, aggregateId: id, data: { user: user(id, role, restriction) } }));
    }
    await bus.publish(TeamCreated.create({ workspaceId, aggregateId: 'sales', data: { team: { id: 'sales', name: 'Sales', memberIds: ['ana', 'sam'] } } }));
    const jsm = await bus.manager();
    await eventually(async () => {
      const info = await jsm.consumers.info(env.EVENT_STREAM, 'notifications-directory');
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= 5;
    }, 'the directory copy');
  }, 60000);

  afterAll(async () => {
    client?.close();
    await nats?.close();
    await app?.close();
  });

  it('NTF-1: a missed call notifies the contact’s assignee, once however often it is announced', async () => {
    const missed = call('c1', 'missed');
    await publish(missed, ['status', 'endedAt', 'endReason'], { assigneeId: 'ana', teamId: 'sales' });
    await publish(missed, ['status'], { assigneeId: 'ana', teamId: 'sales' });
    await publish(missed, ['recording'], { assigneeId: 'ana', teamId: 'sales' });
    await handled();
    const notified = (await missedCalls('ana')).find((item) => item.callId === 'c1');
    expect(notified).toMatchObject({ contactId: 'contact-c1', title: 'Missed call', count: 1, read: false });
    expect(notified!.body).toContain('whatsapp');
    expect((await missedCalls('ana')).filter((item) => item.callId === 'c1')).toHaveLength(1);
    expect(await missedCalls('olivia')).toEqual([]);
  });

  it('NTF-1: for an unassigned contact, the members of the thread’s team who may see it (VIS-4)', async () => {
    await publish(call('c2', 'missed'), ['status'], { teamId: 'sales' });
    await eventually(async () => (await missedCalls('ana')).some((item) => item.callId === 'c2'), 'ana’s missed_call');
    // The self agent of the team cannot see an unassigned thread; ben is not in the team.
    await publish(call('c3', 'missed'), ['status'], { assigneeId: 'ben' });
    await handled();
    expect((await missedCalls('sam', 'self')).map((item) => item.callId)).toEqual([]);
    expect((await missedCalls('ben')).map((item) => item.callId)).toEqual(['c3']);
  });

  it('NTF-3: a call of a blocked contact, or one that ended otherwise, notifies nobody', async () => {
    await publish(call('c4', 'missed'), ['status'], { assigneeId: 'ana' }, true);
    await publish(call('c5', 'ended'), ['status'], { assigneeId: 'ana' });
    await publish(call('c6', 'missed'), ['status'], { assigneeId: 'ana' });
    await handled();
    expect((await missedCalls('ana')).map((item) => item.callId).sort()).toEqual(['c1', 'c2', 'c6']);
  });
});
