import { bearer, eventually } from '@omnibox/testing';
import { postProviderEvent, sign } from '../support/fake-provider';
import { Call, CallsWorld, startCallsWorld } from './calls-world';

const bearerOf = (world: CallsWorld, name: string) => bearer(world.users[name].token);

/**
 * The call lists over the real gateway: tabs under each restriction (CAL-1), masked numbers (CAL-1),
 * call logs per view by the inbox's rules (CAL-4), the status filter.
 */
describe('call lists (CAL-1, CAL-4, VIS-1…4)', () => {
  let world: CallsWorld;
  /** One call per situation: unassigned, Ana's, Dee's (Support), Cid's, waiting in Sales' inbox. */
  const calls: Record<'unassigned' | 'ana' | 'dee' | 'cid' | 'salesWaiting', Call> = {} as never;

  const only = (ids: string[] | number, ...wanted: Array<keyof typeof calls>) => {
    expect(Array.isArray(ids)).toBe(true);
    const ours = new Set(Object.values(calls).map((call) => call.id));
    return expect((ids as string[]).filter((id) => ours.has(id)).sort()).toEqual(wanted.map((name) => calls[name].id).sort());
  };

  beforeAll(async () => {
    world = await startCallsWorld();
    await world.directoryReady();
    for (const name of Object.keys({ unassigned: 0, ana: 0, dee: 0, cid: 0, salesWaiting: 0 }) as Array<keyof typeof calls>) {
      const providerCallId = world.nextId();
      await world.callEvent(`lists-${name}-${providerCallId}`, providerCallId, 'ringing');
      calls[name] = await world.callOf(providerCallId);
    }
    await world.assign(calls.ana.contactId, { mode: 'user', userId: world.users.ana.id });
    await world.assign(calls.dee.contactId, { mode: 'user', userId: world.users.dee.id });
    await world.assign(calls.cid.contactId, { mode: 'user', userId: world.users.cid.id });
    await world.assign(calls.salesWaiting.contactId, { mode: 'team', teamId: world.sales });
    // Calls follow their contact's owner (the conversations service's events reach the calls service).
    await eventually(async () => (await world.tab('cid', 'mine')).toString().includes(calls.cid.id), 'Cid’s call in his tab');
    await eventually(async () => {
      const ben = await world.tab('ben', 'unassigned');
      return Array.isArray(ben) && ben.includes(calls.salesWaiting.id);
    }, 'the Sales call in Ben’s Unassigned tab');
  }, 180000);

  afterAll(async () => world?.stop());

  it('CAL-1: the owner sees every call; Assigned to me and Unassigned split them', async () => {
    only(await world.tab('olivia', 'all'), 'unassigned', 'ana', 'dee', 'cid', 'salesWaiting');
    only(await world.tab('olivia', 'mine'));
    only(await world.tab('olivia', 'unassigned'), 'unassigned', 'salesWaiting');
  });

  it('CAL-1: an agent with restriction none sees every call; their own under Assigned to me', async () => {
    only(await world.tab('ana', 'all'), 'unassigned', 'ana', 'dee', 'cid', 'salesWaiting');
    only(await world.tab('ana', 'mine'), 'ana');
    only(await world.tab('ana', 'unassigned'), 'unassigned', 'salesWaiting');
  });

  it('CAL-1: an agent with restriction team sees their own and their team members’ contacts, and their team’s unassigned ones; an empty tab is an empty list', async () => {
    only(await world.tab('ben', 'all'), 'ana', 'cid', 'salesWaiting');
    only(await world.tab('ben', 'unassigned'), 'salesWaiting');
    expect(await world.tab('ben', 'mine')).toEqual([]);
  });

  it('CAL-1: an agent with restriction self sees only their own contacts’ calls, and may open only Assigned to me (403 for all)', async () => {
    only(await world.tab('cid', 'mine'), 'cid');
    expect(await world.tab('cid', 'all')).toBe(403);
    expect(await world.tab('cid', 'unassigned')).toBe(403);
    expect((await world.get('cid', `/v1/calls/${calls.ana.id}`)).status).toBe(404);
    expect((await world.get('cid', `/v1/calls/${calls.cid.id}`)).status).toBe(200);
  });

  it('CAL-1: with masking on, agents see the last four digits of the number and managers see it whole', async () => {
    await world.settings({ calls: { maskPhoneNumbers: true } });
    const agentView = (await world.get('ana', `/v1/calls/${calls.ana.id}`)).body;
    expect(agentView.contact.phone).toBe('+•••••••4321');
    expect((await world.get('ana', '/v1/calls').query({ tab: 'mine' })).body.items.find((call: Call) => call.id === calls.ana.id).contact.phone).toBe('+•••••••4321');
    expect((await world.get('mia', `/v1/calls/${calls.ana.id}`)).body.contact.phone).toBe('+15550004321');
    expect((await world.get('olivia', `/v1/calls/${calls.ana.id}`)).body.contact.phone).toBe('+15550004321');
    await world.settings({ calls: { maskPhoneNumbers: false } });
    expect((await world.get('ana', `/v1/calls/${calls.ana.id}`)).body.contact.phone).toBe('+15550004321');
  });

  it('CAL-4: a team view’s call log holds the calls of its team’s and members’ contacts, by the same rules as its conversation list', async () => {
    const log = async (name: string, view: string) => {
      const res = await world.get(name, `/v1/inbox/${view}/calls`).query({ limit: '200' });
      return res.status === 200 ? (res.body.items as Call[]).map((call) => call.id as string) : res.status;
    };
    only(await log('olivia', `team:${world.sales}`), 'ana', 'cid', 'salesWaiting');
    only(await log('olivia', `team:${world.sales}:unassigned`), 'salesWaiting');
    only(await log('olivia', `team:${world.support}`), 'dee');
    only(await log('ana', 'mine'), 'ana');
    only(await log('olivia', 'unassigned'), 'unassigned', 'salesWaiting');
    // INB-1 / INB-2: the views a caller may open are the inbox's.
    expect(await log('ben', 'all')).toBe(403);
    only(await log('ben', `team:${world.sales}`), 'ana', 'cid', 'salesWaiting');
    expect(await log('ana', `team:${world.support}`)).toBe(403);
    expect(await log('cid', `team:${world.sales}`)).toBe(403);
  });

  it('CAL-4: custom and blocked views have no call log (400); a name that is no view is 400', async () => {
    expect((await world.get('olivia', '/v1/inbox/custom:abc/calls')).status).toBe(400);
    expect((await world.get('olivia', '/v1/inbox/blocked/calls')).status).toBe(400);
    const bad = await world.get('olivia', '/v1/inbox/everything/calls');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('view');
  });

  it('the status filter lists ringing, ongoing, ended or missed calls; pages follow each other without repeats', async () => {
    only(await world.tab('olivia', 'all', { status: 'ringing' }), 'unassigned', 'ana', 'dee', 'cid', 'salesWaiting');
    only(await world.tab('olivia', 'all', { status: 'missed' }));
    const first = await world.get('olivia', '/v1/calls').query({ limit: '2' });
    expect(first.body.items).toHaveLength(2);
    const second = await world.get('olivia', '/v1/calls').query({ limit: '2', cursor: first.body.nextCursor });
    expect(second.body.items.map((call: Call) => call.id)).not.toContain(first.body.items[0].id);
    expect(second.body.items[0].startedAt <= first.body.items[1].startedAt).toBe(true);
    expect((await world.get('olivia', '/v1/calls').query({ status: 'talking' })).status).toBe(400);
    expect((await world.get('olivia', '/v1/calls').query({ tab: 'everything' })).status).toBe(400);
  });

  it('workspace settings: everyone reads them; owners and managers change them (403 for agents); a bad value is 400 naming the field', async () => {
    const read = await world.get('ana', '/v1/workspace/settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ timezone: 'UTC', calls: { recording: false, transcripts: false, maxDurationSeconds: 3600, maskPhoneNumbers: false } });
    expect((await world.api.patch('/v1/workspace/settings').set(bearerOf(world, 'ana')).send({ timezone: 'Asia/Jakarta' })).status).toBe(403);
    const zone = await world.api.patch('/v1/workspace/settings').set(bearerOf(world, 'mia')).send({ timezone: 'Mars/Olympus' });
    expect([zone.status, zone.body.error.details.field]).toEqual([400, 'timezone']);
    const short = await world.api.patch('/v1/workspace/settings').set(bearerOf(world, 'mia')).send({ calls: { maxDurationSeconds: 4 } });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('maxDurationSeconds');
    const changed = await world.api.patch('/v1/workspace/settings').set(bearerOf(world, 'mia')).send({ timezone: 'Asia/Jakarta' });
    expect(changed.body).toMatchObject({ timezone: 'Asia/Jakarta', calls: { maxDurationSeconds: 3600 } });
    await world.settings({ timezone: 'UTC' });
  });

  it('ingress: a provider call event with a bad field is refused with 400 naming the field', async () => {
    const bad = (call: Record<string, unknown>) => ({ type: 'call', id: `bad-${world.nextId()}`, contact: { externalId: 'bad-caller' }, call: { id: 'c', direction: 'incoming', event: 'ringing', ...call } });
    expect(await postProviderEvent(world.platform.gatewayUrl, world.whatsapp, bad({ direction: 'sideways' }))).toBe(400);
    expect(await postProviderEvent(world.platform.gatewayUrl, world.whatsapp, bad({ event: 'exploded' }))).toBe(400);
    expect(await postProviderEvent(world.platform.gatewayUrl, world.whatsapp, bad({ recording: { url: 'ftp://x/y' } }))).toBe(400);
    const raw = JSON.stringify(bad({ durationSeconds: -3 }));
    const res = await world.api.post(`/v1/channels/${world.whatsapp.id}/events`).set('content-type', 'application/json').set('x-channel-signature', sign(world.whatsapp.secret, raw)).send(raw);
    expect([res.status, res.body.error.details.field]).toEqual([400, 'call.durationSeconds']);
  });
});
