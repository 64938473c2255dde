import { eventually } from '@omnibox/testing';
import { compareSeq } from '../../services/gateway/src/realtime/realtime.messages';
import { incomingText, postProviderEvent } from '../support/fake-provider';
import { InboxWorld, startInboxWorld } from './inbox-world';
import { RealtimeClient, upgradeStatus } from './realtime-client';

/**
 * The realtime WebSocket over two gateway replicas on the same engines: pushes reach only users who may
 * see the thread, and a reconnecting client resumes where it left off.
 */
describe('inbox realtime (INB-8, VIS-4)', () => {
  let world: InboxWorld;
  let platform: InboxWorld['platform'];
  let users: InboxWorld['users'];
  let whatsapp: InboxWorld['whatsapp'];
  let tokenOf: InboxWorld['tokenOf'];
  let post: InboxWorld['post'];
  let inbound: InboxWorld['inbound'];
  let assign: InboxWorld['assign'];
  let secondUrl: InboxWorld['secondUrl'];
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    world = await startInboxWorld({ secondReplica: true });
    ({ platform, users, whatsapp, tokenOf, post, inbound, assign, secondUrl } = world);
  }, 120000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.close()));
    await world?.stop();
  });

  describe('realtime', () => {
    it('the WebSocket needs a valid token (header or ?token=)', async () => {
      expect(await upgradeStatus(platform.gatewayUrl, null)).toBe(401);
      expect(await upgradeStatus(platform.gatewayUrl, 'not-a-token')).toBe(401);
      expect(await upgradeStatus(platform.gatewayUrl, tokenOf('ana'))).toBe(101);
    });

    it('INB-8 / VIS-4: pushes reach the users who may see the thread on either replica, and no one else', async () => {
      const thread = await inbound('rt-1', 'hello realtime');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      // Threads cid and eve may see, for the positive control at the end.
      const cidsThread = await inbound('rt-1-cid', 'for cid');
      await assign(cidsThread, { mode: 'user', userId: users.cid.id });
      const evesThread = await inbound('rt-1-eve', 'for eve');
      await assign(evesThread, { mode: 'user', userId: users.eve.id });
      const ana = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'));
      const owner = await RealtimeClient.open(secondUrl, tokenOf('olivia'), { viaQuery: true });
      const ben = await RealtimeClient.open(secondUrl, tokenOf('ben'));
      const cid = await RealtimeClient.open(platform.gatewayUrl, tokenOf('cid'));
      const eve = await RealtimeClient.open(secondUrl, tokenOf('eve'));
      clients.push(ana, owner, ben, cid, eve);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-1', 'pushed to you'))).toBe(202);
      const isIt = (frame: any) => frame.type === 'message.created' && frame.data.text === 'pushed to you';
      for (const client of [ana, owner, ben]) await client.waitFor(isIt, 'message.created');
      await ana.waitFor((frame) => frame.type === 'conversation.updated' && frame.data.contactId === thread && frame.data.unreadCount >= 1, 'conversation.updated');
      await ana.waitFor((frame) => frame.type === 'inbox.updated' && frame.data.standard.find((s: any) => s.view === 'mine').hasNew, 'inbox.updated with the Mine dot');
      const comment = await post('olivia', `/v1/conversations/${thread}/comments`, { text: 'internal note' });
      expect(comment.status).toBe(201);
      await ana.waitFor((frame) => frame.type === 'comment.created' && frame.data.text === 'internal note', 'comment.created');
      expect((await post('olivia', `/v1/conversations/${thread}/typing`, { typing: true })).status).toBe(200);
      await ana.waitFor((frame) => frame.type === 'typing' && frame.data.contactId === thread && frame.data.userId === users.olivia.id, 'typing');
      expect((await post('olivia', `/v1/conversations/${thread}/status`, { status: 'closed' })).status).toBe(200);
      await owner.waitFor((frame) => frame.type === 'event.created' && frame.data.type === 'closed' && frame.data.contactId === thread, 'event.created');
      // Positive control: cid and eve each get a frame of their own thread published after the last one
      // of this thread, so by then they would have (wrongly) received anything of it.
      for (const [client, own] of [[cid, cidsThread], [eve, evesThread]] as const) {
        expect((await post('olivia', `/v1/conversations/${own}/comments`, { text: `after the close ${own}` })).status).toBe(201);
        await client.waitFor((frame) => frame.type === 'comment.created' && frame.data.text === `after the close ${own}`, 'the control comment');
      }
      for (const client of [cid, eve]) {
        const leaked = client.frames.filter((frame) => JSON.stringify(frame.data ?? {}).includes(thread) || (frame.type === 'message.created' && frame.data.text === 'pushed to you'));
        expect(leaked).toEqual([]);
      }
      expect(ben.frames.some((frame) => frame.type === 'typing')).toBe(true);
    });

    it('INB-6: a dot cleared by opening the view is pushed off, and the next message pushes it on again', async () => {
      const thread = await inbound('rt-3', 'before the dot');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      await post('ana', '/v1/inbox/mine/seen');
      const ana = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'));
      clients.push(ana);
      const mineDot = (frame: { type: string; data?: any }) => (frame.type === 'inbox.updated' ? frame.data.standard.find((row: any) => row.view === 'mine')?.hasNew : undefined);
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-3', 'lights Mine'))).toBe(202);
      // Each step looks only at the frames after the one before.
      const after = (earlier: object) => (frame: object) => ana.frames.indexOf(frame as never) > ana.frames.indexOf(earlier as never);
      const lit = await ana.waitFor((frame) => mineDot(frame) === true, 'inbox.updated with the Mine dot');
      expect((await post('ana', '/v1/inbox/mine/seen')).status).toBe(200);
      const cleared = await ana.waitFor((frame) => mineDot(frame) === false && after(lit)(frame), 'inbox.updated without the Mine dot');
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-3', 'lights Mine again'))).toBe(202);
      await ana.waitFor((frame) => mineDot(frame) === true && after(cleared)(frame), 'inbox.updated with the Mine dot again');
    });

    it('INB-8: a client that reconnects with the seq of its last frame gets what it missed, in order', async () => {
      const ana = await RealtimeClient.open(secondUrl, tokenOf('ana'));
      // The owner stays connected: once the frame reaches them, it is in the log a reconnect replays.
      const owner = await RealtimeClient.open(platform.gatewayUrl, tokenOf('olivia'));
      clients.push(owner);
      const thread = await inbound('rt-2', 'before the drop');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      await ana.waitFor((frame) => frame.type === 'conversation.updated' && frame.data.contactId === thread && frame.data.assigneeId === users.ana.id, 'assignment pushed');
      const resumeFrom = ana.lastSeq()!;
      await ana.close();
      expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-2', 'while you were away'))).toBe(202);
      await owner.waitFor((frame) => frame.type === 'message.created' && frame.data.text === 'while you were away', 'the frame published');
      const back = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'), { after: resumeFrom });
      clients.push(back);
      const missed = await back.waitFor((frame) => frame.type === 'message.created' && frame.data.text === 'while you were away', 'missed message replayed');
      const ready = back.frames.findIndex((frame) => frame.type === 'ready');
      expect(back.frames.indexOf(missed)).toBeLessThan(ready);
      expect(back.frames[ready].data).toMatchObject({ resumed: true });
      const seqs = back.frames.filter((frame) => frame.seq).map((frame) => frame.seq!);
      expect(new Set(seqs).size).toBe(seqs.length);
    });

    it('INB-8: a socket gets its frames in seq order, also while its user is resolved again after a directory change', async () => {
      const thread = await inbound('rt-5', 'before the change');
      await assign(thread, { mode: 'user', userId: users.ana.id });
      const ana = await RealtimeClient.open(platform.gatewayUrl, tokenOf('ana'));
      clients.push(ana);
      // A directory change: the next frames find a new directory version and resolve ana's access again
      // (a round trip each) before they are sent. The hub checks the version at most once a second.
      expect((await post('olivia', '/v1/teams', { name: `Order ${Date.now()}`, memberIds: [] })).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const texts = Array.from({ length: 10 }, (_, i) => `in order ${i}`);
      for (const text of texts) expect(await postProviderEvent(platform.gatewayUrl, whatsapp, incomingText('rt-5', text))).toBe(202);
      await eventually(() => texts.every((text) => ana.frames.some((frame) => frame.type === 'message.created' && frame.data.text === text)), 'every message pushed');
      expect(ana.frames.filter((frame) => frame.type === 'message.created').map((frame) => frame.data.text)).toEqual(texts);
      // Sidebar pushes go out as read, with the seq of the frame that asked for them; every other frame in seq order.
      const seqs = ana.frames.filter((frame) => frame.seq && frame.type !== 'inbox.updated').map((frame) => frame.seq!);
      expect(seqs.filter((seq, i) => i > 0 && compareSeq(seqs[i - 1], seq) >= 0)).toEqual([]);
    });
  });
});
