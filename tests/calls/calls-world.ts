import { EventEnvelope } from '@omnibox/contracts';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { consumerCaughtUp, outboxDrained } from '../support/settled';

export type Call = Record<string, any>;
type CallKind = 'ringing' | 'answered' | 'ended' | 'missed' | 'rejected' | 'failed' | 'permission_requested' | 'permission_accepted' | 'permission_rejected';

let sequence = 0;

/**
 * A workspace over the real gateway with every service the calls need, users of every role and
 * restriction, a WhatsApp channel whose provider is a loopback server, and an observer of the calls
 * service's events:
 *   olivia owner · mia manager · ana agent/none (Sales) · ben agent/team (Sales) · cid agent/self (Sales)
 *   dee agent/none (Support)
 */
export async function startCallsWorld(extraEnv: Record<string, string> = {}) {
  const provider = await new FakeProvider().start();
  const platform: RunningPlatform = await startPlatform(
    { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
    ['contacts', 'conversations', 'calls', 'gateway'],
    undefined,
    // `test`: providers (this loopback server) may be reached on loopback.
    { CALL_TIMER_POLL_MS: '200', ...extraEnv },
  );
  const api = request(platform.gatewayUrl);
  const tag = uniqueName('cl');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const users: Record<string, { id: string; token: string }> = {};
  const as = (name: string) => bearer(users[name].token);
  const get = (name: string, path: string) => api.get(path).set(as(name));
  const post = (name: string, path: string, body: unknown = {}) => api.post(path).set(as(name)).send(body as object);

  const workspace = await api.post('/v1/workspaces').send({ name: 'Calls Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
  users.olivia = { id: workspace.body.user.id, token: workspace.body.token };
  const workspaceId = workspace.body.workspace.id as string;
  const addUser = async (name: string, role: 'agent' | 'manager', restriction: 'none' | 'team' | 'self' = 'none') => {
    const created = await post('olivia', '/v1/users', { firstName: name, email: email(name), password: 'agent-password-1', role, ...(role === 'agent' ? { restriction } : {}) });
    expect(created.status).toBe(201);
    users[name] = { id: created.body.id, token: '' };
  };
  await addUser('mia', 'manager');
  await addUser('ana', 'agent', 'none');
  await addUser('ben', 'agent', 'team');
  await addUser('cid', 'agent', 'self');
  await addUser('dee', 'agent', 'none');
  const sales = (await post('olivia', '/v1/teams', { name: 'Sales', memberIds: [users.ana.id, users.ben.id, users.cid.id] })).body.id as string;
  const support = (await post('olivia', '/v1/teams', { name: 'Support', memberIds: [users.dee.id] })).body.id as string;
  for (const name of Object.keys(users).filter((n) => n !== 'olivia')) {
    users[name].token = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
  }
  const whatsapp = (await post('olivia', '/v1/channels', { type: 'whatsapp', name: 'WhatsApp', config: { outboundUrl: `${provider.url}/calls` } })).body as { id: string; secret: string };

  // Every event the calls service announces, as the notifications service and the timeline see them.
  const nats: NatsHandle = await connectNats(sharedEngineUrls.NATS_URL, 'calls-test');
  const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
  const events: EventEnvelope[] = [];
  const observerDurable = uniqueName('clobs');
  const observer = new EventConsumer(bus, { durable: observerDurable, filter: '*.calls.>', handle: async (event) => void events.push(event) }, createLogger('t', 'silent'));
  await observer.start();

  const mongo = await MongoClient.connect(sharedEngineUrls.MONGODB_URL);

  /**
   * Positive control for "changed nothing" checks: every accepted provider event is handled, what that
   * announced is on the stream, the calls service's own reactions to it (recordings, the log,
   * assignment) are done, and the observer has every call event.
   */
  async function settled() {
    await consumerCaughtUp(bus, 'calls-ingress');
    await outboxDrained(mongo.db(`${platform.env.MONGODB_DATABASE_PREFIX}_calls`));
    for (const durable of ['calls-recordings', 'calls-log', 'calls-assignment', observerDurable]) await consumerCaughtUp(bus, durable);
  }

  /** A provider call event on the signed ingress (202 expected). */
  async function callEvent(externalId: string, callId: string, kind: CallKind, extra: { direction?: 'incoming' | 'outgoing'; at?: string; id?: string; call?: Record<string, unknown>; contact?: Record<string, unknown> } = {}) {
    const event = {
      type: 'call',
      id: extra.id ?? `ev.${callId}.${kind}.${++sequence}`,
      timestamp: extra.at ?? new Date().toISOString(),
      contact: { externalId, firstName: `Caller ${externalId}`, phone: '+15550004321', ...extra.contact },
      call: { id: callId, direction: extra.direction ?? 'incoming', event: kind, ...extra.call },
    };
    expect(await postProviderEvent(platform.gatewayUrl, whatsapp, event)).toBe(202);
    return event;
  }

  /** The call with this provider id as the owner sees it, once it matches. */
  function callOf(providerCallId: string, matches: (call: Call) => boolean = () => true, what = 'the call'): Promise<Call> {
    return eventually(async () => {
      const page = await get('olivia', '/v1/calls').query({ limit: 200 });
      const call = (page.body.items as Call[] | undefined)?.find((item) => item.providerCallId === providerCallId);
      if (!call) return null;
      const fresh = (await get('olivia', `/v1/calls/${call.id}`)).body as Call;
      return matches(fresh) ? fresh : null;
    }, `${what} (${providerCallId})`, 15000);
  }

  /** A contact by its identity on the WhatsApp channel, once the contacts service has it. */
  const contactOf = (externalId: string): Promise<string> =>
    eventually(async () => (await get('olivia', '/v1/contacts').query({ channelId: whatsapp.id, externalId })).body.items?.[0]?.id as string | undefined, `contact ${externalId}`);

  return {
    platform,
    provider,
    api,
    users,
    workspaceId,
    sales,
    support,
    whatsapp,
    events,
    get,
    post,
    callEvent,
    callOf,
    contactOf,
    settled,
    /** Ids of the calls a user lists under a tab (or 403). */
    async tab(name: string, tab: string, query: Record<string, string> = {}) {
      const res = await get(name, '/v1/calls').query({ tab, limit: '200', ...query });
      return res.status === 200 ? (res.body.items as Call[]).map((call) => call.id as string) : res.status;
    },
    /** The contact writes first, so its thread is in the inbox lists. */
    async inbound(externalId: string, text: string) {
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText(externalId, text))).toBe(202);
      const contactId = await contactOf(externalId);
      await eventually(async () => (await get('olivia', `/v1/conversations/${contactId}`)).body.lastMessage?.preview === text, `"${text}" on the thread`);
      return contactId;
    },
    async assign(contactId: string, body: Record<string, unknown>) {
      const res = await post('olivia', `/v1/conversations/${contactId}/assignee`, body);
      expect(res.status).toBe(200);
    },
    /** The calls service's copy of the directory has the teams (team views open). */
    async directoryReady() {
      await eventually(async () => (await get('olivia', `/v1/inbox/team:${support}/calls`)).status === 200, 'the calls service to know the teams', 15000);
    },
    async settings(body: Record<string, unknown>) {
      const res = await api.patch('/v1/workspace/settings').set(as('olivia')).send(body);
      expect(res.status).toBe(200);
      return res.body;
    },
    nextId: () => `${tag}-${++sequence}`,
    async stop() {
      await mongo.close();
      await observer.stop();
      await nats.close();
      await platform.stop();
      await provider.stop();
    },
  };
}

export type CallsWorld = Awaited<ReturnType<typeof startCallsWorld>>;
