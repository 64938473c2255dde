import { CallSnapshot, CallUpdated, EventEnvelope, ThreadAccess } from '@omnibox/contracts';
import { eventually } from '@omnibox/testing';
import { RealtimeClient } from '../inbox/realtime-client';
import { Call, CallsWorld, startCallsWorld } from './calls-world';

type CallUpdate = EventEnvelope<{ call: CallSnapshot; changed: string[]; access: ThreadAccess; contactBlocked: boolean }>;

/** Call updates the calls service announced for one call, in order. */
const updatesOf = (events: EventEnvelope[], callId: string) => events.filter((event): event is CallUpdate => CallUpdated.is(event) && event.data.call.id === callId);

/**
 * Calls over the real gateway: agents answering (CAL-3), provider events repeated and out of order,
 * the events consumers rely on (NTF-1 missed calls, the timeline, realtime frames), activity (CAL-5).
 */
describe('calls and agents (CAL-2, CAL-3, CAL-5, NTF-1)', () => {
  let world: CallsWorld;

  beforeAll(async () => {
    world = await startCallsWorld();
  }, 180000);

  afterAll(async () => world?.stop());

  it('CAL-3: answering a call from an unassigned contact assigns the contact to the agent: on the conversation and in Mine', async () => {
    const externalId = `answer-${world.nextId()}`;
    const contactId = await world.inbound(externalId, 'I will call you now');
    const providerCallId = world.nextId();
    await world.callEvent(externalId, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId);
    const answered = await world.post('ana', `/v1/calls/${call.id}/answer`);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'ongoing', answeredBy: world.users.ana.id, assigneeId: world.users.ana.id });
    expect(answered.body.answeredAt).toBeTruthy();
    // The provider was told, with its own id of the call.
    expect(world.provider.calls.some((sent) => sent.body.action === 'answer' && sent.body.providerCallId === providerCallId && sent.body.callId === call.id)).toBe(true);
    await eventually(async () => (await world.get('ana', `/v1/conversations/${contactId}`)).body.assigneeId === world.users.ana.id, 'the conversation assigned to Ana');
    await eventually(async () => (await world.get('ana', '/v1/inbox/mine/conversations')).body.items?.some((item: Call) => item.contactId === contactId), 'the thread in Ana’s Mine');
    expect(await world.tab('ana', 'mine')).toContain(call.id);
    const timeline = (await world.get('ana', `/v1/conversations/${contactId}/timeline`)).body.items as Call[];
    expect(timeline.find((item) => item.category === 'assignment')).toMatchObject({ type: 'assigned', actorId: world.users.ana.id });
  });

  it('CAL-3: two agents answering the same call: one gets 200, the other 409', async () => {
    const providerCallId = world.nextId();
    await world.callEvent(`race-${providerCallId}`, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId);
    const [first, second] = await Promise.all([world.post('ana', `/v1/calls/${call.id}/answer`), world.post('dee', `/v1/calls/${call.id}/answer`)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? 'ana' : 'dee';
    expect((await world.get('olivia', `/v1/calls/${call.id}`)).body.answeredBy).toBe(world.users[winner].id);
    expect(world.provider.calls.filter((sent) => sent.body.action === 'answer' && sent.body.callId === call.id)).toHaveLength(1);
    // Not ringing any more and nobody else on it: 422.
    await world.post(winner, `/v1/calls/${call.id}/end`).expect(200);
    expect((await world.post('ana', `/v1/calls/${call.id}/answer`)).status).toBe(422);
  });

  it('CAL-2: an ongoing call is ended by the agent with its talk time; a declined call ends rejected', async () => {
    const providerCallId = world.nextId();
    await world.callEvent(`end-${providerCallId}`, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId);
    await world.post('ana', `/v1/calls/${call.id}/answer`).expect(200);
    const ended = await world.post('ana', `/v1/calls/${call.id}/end`);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'completed' });
    expect(Date.parse(ended.body.endedAt)).toBeGreaterThanOrEqual(Date.parse(ended.body.answeredAt));
    const other = world.nextId();
    await world.callEvent(`decline-${other}`, other, 'ringing');
    const declined = await world.post('dee', `/v1/calls/${(await world.callOf(other)).id}/decline`);
    expect(declined.body).toMatchObject({ status: 'rejected', endReason: 'rejected' });
  });

  it('provider events out of order and repeated: an ended before its answered still ends the call with the right duration, and a repeat changes nothing', async () => {
    const providerCallId = world.nextId();
    const externalId = `order-${providerCallId}`;
    const start = Date.now() - 120_000;
    const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
    await world.callEvent(externalId, providerCallId, 'ringing', { at: at(0) });
    const ended = await world.callEvent(externalId, providerCallId, 'ended', { at: at(70) });
    await world.callEvent(externalId, providerCallId, 'answered', { at: at(10) });
    const call = await world.callOf(providerCallId, (c) => c.status === 'ended', 'the call ended');
    expect(call).toMatchObject({ status: 'ended', endReason: 'completed', answeredAt: at(10), endedAt: at(70), durationSeconds: 60, startedAt: at(0) });
    // The same provider event again (same id) is accepted and changes nothing.
    await world.callEvent(externalId, providerCallId, 'ended', { at: at(90), id: ended.id });
    await world.callEvent(externalId, providerCallId, 'ringing', { at: at(0) });
    await world.settled();
    expect((await world.get('olivia', `/v1/calls/${call.id}`)).body).toMatchObject({ endedAt: at(70), durationSeconds: 60, status: 'ended' });
    const endings = updatesOf(world.events, call.id).filter((event) => event.data.changed.includes('status') && event.data.call.status === 'ended');
    expect(endings).toHaveLength(1);
  });

  it('NTF-1: a missed call publishes the event the notifications service turns into missed_call, with the assignee and the thread’s access', async () => {
    const providerCallId = world.nextId();
    const externalId = `missed-${providerCallId}`;
    await world.callEvent(externalId, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId);
    await world.assign(call.contactId, { mode: 'user', userId: world.users.dee.id });
    await eventually(async () => (await world.get('olivia', `/v1/calls/${call.id}`)).body.assigneeId === world.users.dee.id, 'the call following its contact’s new owner');
    await world.callEvent(externalId, providerCallId, 'ended');
    await world.callOf(providerCallId, (c) => c.status === 'missed', 'the call missed');
    const missed = await eventually(() => updatesOf(world.events, call.id).find((event) => event.data.call.status === 'missed'), 'calls.call.updated with status missed');
    expect(missed.type).toBe('calls.call.updated');
    expect(missed.data).toMatchObject({ changed: expect.arrayContaining(['status']), contactBlocked: false, access: { assigneeId: world.users.dee.id }, call: { status: 'missed', endReason: 'missed', assigneeId: world.users.dee.id } });
    // CAL-5: the call is on the conversation timeline too.
    await eventually(async () => ((await world.get('olivia', `/v1/conversations/${call.contactId}/timeline`)).body.items as Call[]).some((item) => item.category === 'call' && item.type === 'missed'), 'a missed call event on the timeline');
  });

  it('VIS-4: call.updated frames reach only users who may see the contact’s thread', async () => {
    const [ana, ben, cid] = await Promise.all(['ana', 'ben', 'cid'].map((name) => RealtimeClient.open(world.platform.gatewayUrl, world.users[name].token)));
    try {
      const providerCallId = world.nextId();
      await world.callEvent(`frames-${providerCallId}`, providerCallId, 'ringing');
      const call = await world.callOf(providerCallId);
      const isThis = (frame: { type: string; data: Call }) => frame.type === 'call.updated' && frame.data.id === call.id;
      await ana.waitFor(isThis, 'Ana’s call.updated frame');
      // The same call, once its contact is Cid's: now Cid (self) and Ben (Cid's teammate) receive it.
      await world.assign(call.contactId, { mode: 'user', userId: world.users.cid.id });
      await eventually(async () => (await world.get('cid', `/v1/calls/${call.id}`)).status === 200, 'the call visible to Cid');
      await world.post('cid', `/v1/calls/${call.id}/answer`).expect(200);
      const answered = (frame: { type: string; data: Call }) => isThis(frame) && frame.data.status === 'ongoing';
      await cid.waitFor(answered, 'Cid’s frame of his answer');
      await ben.waitFor(answered, 'Ben’s frame of his teammate’s call');
      expect(cid.frames.filter(isThis).map((frame) => frame.data.status)).toEqual(['ongoing']);
      expect(ben.frames.filter(isThis).map((frame) => frame.data.status)).toEqual(['ongoing']);
      expect(ana.frames.find(answered)?.data.contact.phone).toBeNull();
    } finally {
      await Promise.all([ana.close(), ben.close(), cid.close()]);
    }
  });

  it('CAL-3: calling an unassigned contact places the call through the channel’s adapter and assigns the contact', async () => {
    const externalId = `outgoing-${world.nextId()}`;
    const contactId = await world.inbound(externalId, 'please call me back');
    const placed = await world.post('dee', '/v1/calls', { contactId });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ direction: 'outgoing', status: 'ringing', contactId, channelId: world.whatsapp.id, assigneeId: world.users.dee.id });
    const connect = world.provider.calls.find((sent) => sent.body.action === 'connect' && sent.body.callId === placed.body.id);
    expect(connect?.body.contact).toMatchObject({ externalId });
    await eventually(async () => (await world.get('dee', `/v1/conversations/${contactId}`)).body.assigneeId === world.users.dee.id, 'the contact assigned to Dee');
    // The provider names the call by its own id from then on: an unanswered outgoing call ends unanswered.
    const providerCallId = connect!.answer!.body as { id: string };
    await world.callEvent(externalId, providerCallId.id, 'ended', { direction: 'outgoing' });
    await eventually(async () => (await world.get('dee', `/v1/calls/${placed.body.id}`)).body.endReason === 'unanswered', 'the outgoing call ended unanswered');
  });

  it('CAL-5: a contact’s call activity is grouped by date, newest first, ongoing calls first within a day, with permission answers', async () => {
    const externalId = `activity-${world.nextId()}`;
    const yesterday = new Date(Date.now() - 26 * 3600_000);
    const old = world.nextId();
    // Its end first: a call created ringing since yesterday is past the maximum duration, and on a busy
    // machine the poller ended it as `max_duration` before its `ended` arrived (CAL-2 working, this test flaky).
    await world.callEvent(externalId, old, 'ended', { at: new Date(yesterday.getTime() + 60_000).toISOString(), call: { durationSeconds: 40 } });
    await world.callEvent(externalId, old, 'ringing', { at: yesterday.toISOString() });
    const missed = world.nextId();
    await world.callEvent(externalId, missed, 'ringing', { at: new Date(Date.now() - 60_000).toISOString() });
    await world.callEvent(externalId, missed, 'missed', { at: new Date(Date.now() - 30_000).toISOString() });
    const live = world.nextId();
    await world.callEvent(externalId, live, 'ringing', { at: new Date(Date.now() - 90_000).toISOString() });
    await world.callEvent(externalId, live, 'answered', { at: new Date(Date.now() - 80_000).toISOString() });
    await world.callEvent(externalId, `perm-${live}`, 'permission_accepted');
    const contactId = await world.contactOf(externalId);
    const activity = await eventually(async () => {
      const body = (await world.get('olivia', `/v1/contacts/${contactId}/calls`)).body;
      const count = (body.groups ?? []).reduce((sum: number, group: { items: unknown[] }) => sum + group.items.length, 0);
      return count === 4 && body.groups[0].items[0].status === 'ongoing' ? body : null;
    }, 'four activity entries');
    // Days in the workspace's time zone (UTC by default), newest first; within a day the ongoing call first, then newest first.
    const groups = activity.groups as Array<{ date: string; items: Call[] }>;
    expect(groups.map((group) => group.date)).toEqual([...groups.map((group) => group.date)].sort().reverse());
    for (const group of groups) {
      for (const item of group.items) expect(item.at.slice(0, 10)).toBe(group.date);
      const order = group.items.map((item) => (item.status === 'ongoing' ? '0' : '1') + (9e15 - Date.parse(item.at)));
      expect(order).toEqual([...order].sort());
    }
    const items = groups.flatMap((group) => group.items);
    expect(items.find((item) => item.status === 'ongoing')).toMatchObject({ type: 'incoming' });
    expect(items.find((item) => item.type === 'missed')).toMatchObject({ status: 'missed' });
    expect(items.find((item) => item.type === 'permission_accepted')).toMatchObject({ status: 'accepted' });
    expect(items.find((item) => item.status === 'ended')).toMatchObject({ type: 'incoming', durationSeconds: 40 });
    expect(groups[groups.length - 1].items.at(-1)).toMatchObject({ status: 'ended' });
    // VIS-4: a self agent who may not see the contact gets 404.
    expect((await world.get('cid', `/v1/contacts/${contactId}/calls`)).status).toBe(404);
  });
});
