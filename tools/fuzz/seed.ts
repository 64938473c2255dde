import { randomBytes } from 'node:crypto';
import { eventually, LoopbackPushService } from '@omnibox/testing';
import { FakeProvider, incomingText, postProviderEvent } from '../../tests/support/fake-provider';

/**
 * What the fuzzer's hooks (hooks.py) put into requests so that they reach real resources and 2xx
 * answers: a workspace owner's token, users, teams, a channel with its secret, threads with messages,
 * a finished call with its recording and transcript, an upload, a custom view, a notification, and
 * push subscriptions a browser would make.
 */
export interface FuzzSeed {
  gatewayUrl: string;
  ownerToken: string;
  ownerId: string;
  /** An agent whose password no fuzzed request changes: valid log-ins. */
  login: { email: string; password: string };
  /** In the team; named as assignee, collaborator and member. */
  memberId: string;
  /** The one user `PATCH /v1/users/{id}` changes (never the owner, whose token the fuzzer uses). */
  patchUserId: string;
  teamId: string;
  patchTeamId: string;
  channel: { id: string; secret: string };
  /** Contacts with a thread on the channel (never blocked, deleted or merged away). */
  threadContacts: Array<{ id: string; externalId: string }>;
  blockableContactId: string;
  mergeTargetContactId: string;
  messageId: string;
  callId: string;
  /** Incoming calls still ringing, and calls the owner answered: one per case of the call actions. */
  ringingCalls: string[];
  answeredCalls: string[];
  attachmentId: string;
  customViewId: string;
  notificationIds: string[];
  /** Subscriptions as a browser hands them over, unused: bodies for `POST /v1/push-subscriptions`. */
  pushSubscriptions: Array<{ endpoint: string; keys: { p256dh: string; auth: string } }>;
}

const PASSWORD = 'fuzz-password-1';

export class SeedClient {
  constructor(private readonly gatewayUrl: string) {}

  // Answers are read by the field names API.md gives them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, token: string | undefined, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) [payload, headers['content-type']] = [JSON.stringify(body), 'application/json'];
    const res = await fetch(`${this.gatewayUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding: ${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

export async function seedWorkspace(gatewayUrl: string, provider: FakeProvider, push: LoopbackPushService): Promise<FuzzSeed> {
  const api = new SeedClient(gatewayUrl);
  const tag = randomBytes(4).toString('hex');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const workspace = await api.call('POST', '/v1/workspaces', undefined, { name: 'Fuzz Co', owner: { firstName: 'Olga', email: email('owner'), password: PASSWORD } });
  const owner: string = workspace.token;
  const ownerId: string = workspace.user.id;
  const agent = async (who: string) => (await api.call('POST', '/v1/users', owner, { firstName: who, email: email(who), password: PASSWORD, role: 'agent' })).id as string;
  const [memberId, patchUserId] = [await agent('member'), await agent('target')];
  await agent('login');
  const memberToken: string = (await api.call('POST', '/v1/auth/login', undefined, { email: email('member'), password: PASSWORD })).token;
  const teamId: string = (await api.call('POST', '/v1/teams', owner, { name: 'Sales', memberIds: [memberId] })).id;
  const patchTeamId: string = (await api.call('POST', '/v1/teams', owner, { name: 'Spare', memberIds: [] })).id;
  const channel: { id: string; secret: string } = await api.call('POST', '/v1/channels', owner, { type: 'api', name: 'Fuzz API', config: { outboundUrl: `${provider.url}/send` } });

  // Threads come from incoming messages, so their contacts are reachable on the channel.
  const threadContacts: FuzzSeed['threadContacts'] = [];
  for (const externalId of ['fuzz-0', 'fuzz-1', 'fuzz-2']) {
    if ((await postProviderEvent(gatewayUrl, channel, incomingText(externalId, 'Hello, I need help with my order'))) !== 202) throw new Error('seeding: ingress refused a message');
    const found = await eventually(async () => (await api.call('GET', `/v1/contacts?channelId=${channel.id}&externalId=${externalId}`, owner)).items[0] ?? null, `contact ${externalId}`, 30_000);
    threadContacts.push({ id: found.id, externalId });
  }
  const messageId: string = await eventually(async () => (await api.call('GET', `/v1/conversations/${threadContacts[0].id}/timeline`, owner)).items.find((item: { kind: string }) => item.kind === 'message')?.id ?? null, 'the first message', 30_000);
  const contact = async (firstName: string) => (await api.call('POST', '/v1/contacts', owner, { firstName })).id as string;
  const [blockableContactId, mergeTargetContactId] = [await contact('Blockable'), await contact('Merge target')];

  const callId = await seedFinishedCall(api, owner, gatewayUrl, channel, provider, threadContacts[0].externalId);
  const { ringing: ringingCalls, answered: answeredCalls } = await seedCallPool(api, owner, gatewayUrl, channel, tag, 80);
  const upload = new FormData();
  upload.append('file', new Blob([Buffer.from('%PDF-1.4\nfuzz seed\n%%EOF\n')], { type: 'application/pdf' }), 'seed.pdf');
  const attachmentId: string = (await api.call('POST', '/v1/attachments', owner, upload)).id;
  const customViewId: string = (await api.call('POST', '/v1/custom-inboxes', owner, { name: 'VIP', filter: { all: [{ field: 'tag', op: 'eq', value: 'vip' }] } })).id;

  // NTF-1: a colleague's mention makes a notification for the owner.
  await api.call('POST', `/v1/conversations/${threadContacts[1].id}/comments`, memberToken, { text: `{{@user.${ownerId}}} could you look at this?` });
  const notificationIds: string[] = await eventually(async () => {
    const { items } = await api.call('GET', '/v1/notifications', owner);
    return items.length > 0 ? items.map((item: { id: string }) => item.id) : null;
  }, 'a notification for the owner', 30_000);
  const pushSubscriptions = Array.from({ length: 200 }, () => push.subscribe());

  return {
    gatewayUrl,
    ownerToken: owner,
    ownerId,
    login: { email: email('login'), password: PASSWORD },
    memberId,
    patchUserId,
    teamId,
    patchTeamId,
    channel,
    threadContacts,
    blockableContactId,
    mergeTargetContactId,
    messageId,
    callId,
    ringingCalls,
    answeredCalls,
    attachmentId,
    customViewId,
    notificationIds,
    pushSubscriptions,
  };
}

/** CAL-5: a call answered and ended, whose recording and transcript the provider delivered. */
async function seedFinishedCall(api: SeedClient, owner: string, gatewayUrl: string, channel: { id: string; secret: string }, provider: FakeProvider, externalId: string): Promise<string> {
  await api.call('PATCH', '/v1/workspace/settings', owner, { calls: { recording: true, transcripts: true } });
  provider.media.set('seed-call.mp3', { contentType: 'audio/mpeg', body: Buffer.concat([Buffer.from('ID3'), randomBytes(4096)]) });
  const providerCallId = `seed-call-${randomBytes(3).toString('hex')}`;
  const event = (kind: string, extra: Record<string, unknown> = {}) => ({ type: 'call', id: `${providerCallId}.${kind}`, timestamp: new Date().toISOString(), contact: { externalId }, call: { id: providerCallId, direction: 'incoming', event: kind, ...extra } });
  for (const step of [event('ringing'), event('answered'), event('ended', { durationSeconds: 30, recording: { url: `${provider.url}/media/seed-call.mp3`, contentType: 'audio/mpeg' }, transcript: { text: 'Hello, how can I help?', language: 'en' } })]) {
    if ((await postProviderEvent(gatewayUrl, channel, step)) !== 202) throw new Error('seeding: ingress refused a call event');
  }
  return eventually(async () => {
    const { items } = await api.call('GET', '/v1/calls?limit=200', owner);
    const call = items.find((item: { providerCallId: string }) => item.providerCallId === providerCallId);
    return call?.recording.status === 'available' && call.transcript.available ? (call.id as string) : null;
  }, 'the seeded call with its recording and transcript', 60_000);
}

/**
 * Calls for the call actions (answer, decline, end, record), made before the run: one made on demand
 * (an ingress event, then waiting for the calls service to show it) took most of the few seconds the
 * fuzzer gives each operation, so those operations drew a handful of cases and often no 2xx. Half stay
 * ringing, half are answered by the owner; each from a caller of its own.
 */
async function seedCallPool(api: SeedClient, owner: string, gatewayUrl: string, channel: { id: string; secret: string }, tag: string, count: number): Promise<{ ringing: string[]; answered: string[] }> {
  const providerIds = Array.from({ length: count }, (_, i) => `fuzz-pool-${tag}-${i}`);
  const ringing = (providerId: string) => ({ type: 'call', id: `${providerId}.ringing`, timestamp: new Date().toISOString(), contact: { externalId: `caller-${providerId}` }, call: { id: providerId, direction: 'incoming', event: 'ringing' } });
  for (let start = 0; start < count; start += 10) {
    const statuses = await Promise.all(providerIds.slice(start, start + 10).map((providerId) => postProviderEvent(gatewayUrl, channel, ringing(providerId))));
    if (statuses.some((status) => status !== 202)) throw new Error('seeding: ingress refused a ringing call');
  }
  const callIds = await eventually(async () => {
    const found = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string; providerCallId: string }>; nextCursor: string | null } = await api.call('GET', `/v1/calls?status=ringing&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, owner);
      for (const item of page.items) found.set(item.providerCallId, item.id);
      cursor = page.nextCursor;
    } while (cursor);
    const ids = providerIds.map((providerId) => found.get(providerId));
    return ids.every(Boolean) ? (ids as string[]) : null;
  }, 'the pool of ringing calls', 60_000);
  const half = Math.floor(count / 2);
  for (const callId of callIds.slice(half)) await api.call('POST', `/v1/calls/${callId}/answer`, owner);
  return { ringing: callIds.slice(0, half), answered: callIds.slice(half) };
}
