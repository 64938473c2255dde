import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@omnibox/platform';
import { uniqueName } from '@omnibox/testing';
import { startConversations } from '../../services/conversations/src/app';
import { ConversationsConfig } from '../../services/conversations/src/config';
import { NotificationsWorld, pause, startNotificationsWorld } from './notifications-world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

/**
 * CNV-7: a snoozed thread's assignee gets the ⏰ reminder when it wakes, exactly once, with three
 * replicas of the conversations service polling for due snoozes.
 */
describe('snooze reminders (CNV-7, NTF-1)', () => {
  let world: NotificationsWorld;
  let users: NotificationsWorld['users'];
  const replicas: INestApplication[] = [];
  const reminders = async (name: string, contactId: string) => (await world.centre(name)).items.filter((n) => n.kind === 'snooze_woke' && n.contactId === contactId);

  beforeAll(async () => {
    world = await startNotificationsWorld();
    users = world.users;
    for (let i = 0; i < 2; i++) {
      const config = loadConfig(ConversationsConfig, {
        ...world.platform.env,
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(await freePort()),
        MONGODB_DATABASE: `${world.platform.env.MONGODB_DATABASE_PREFIX}_conversations`,
      });
      replicas.push(await startConversations(config));
    }
  }, 120000);

  afterAll(async () => {
    await Promise.allSettled(replicas.map((app) => app.close()));
    await world?.stop();
  });

  it('CNV-7: a snoozed thread’s assignee gets snooze_woke at wake-up, once, with three replicas of conversations', async () => {
    const contactId = await world.inbound(uniqueName('z'), 'remind me later');
    await world.assign(contactId, { mode: 'user', userId: users.ana.id });
    const until = new Date(Date.now() + 1500).toISOString();
    expect((await world.post('olivia', `/v1/conversations/${contactId}/snooze`, { until })).status).toBe(200);
    expect(await reminders('ana', contactId)).toEqual([]);
    const reminder = await world.waitFor('ana', (n) => n.kind === 'snooze_woke' && n.contactId === contactId, 'the reminder', 20000);
    expect(reminder).toMatchObject({ title: '⏰ Customer', read: false, count: 1 });
    expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(Date.parse(until));
    // Every replica polls twice more, then nothing else may have come.
    await pause(1000);
    await world.settled();
    expect(await reminders('ana', contactId)).toHaveLength(1);
    expect(await reminders('olivia', contactId)).toEqual([]);
  });

  it('CNV-7 / NTF-3: unsnoozed early by someone else reminds the assignee; by the assignee, nobody', async () => {
    const byOwner = await world.inbound(uniqueName('z'), 'early one');
    const byHerself = await world.inbound(uniqueName('z'), 'early two');
    for (const contactId of [byOwner, byHerself]) {
      await world.assign(contactId, { mode: 'user', userId: users.ana.id });
      expect((await world.post('olivia', `/v1/conversations/${contactId}/snooze`, { until: new Date(Date.now() + 3600_000).toISOString() })).status).toBe(200);
    }
    expect((await world.post('ana', `/v1/conversations/${byHerself}/unsnooze`)).status).toBe(200);
    expect((await world.post('olivia', `/v1/conversations/${byOwner}/unsnooze`)).status).toBe(200);
    await world.waitFor('ana', (n) => n.kind === 'snooze_woke' && n.contactId === byOwner, 'the reminder of an early wake');
    await world.settled();
    expect(await reminders('ana', byHerself)).toEqual([]);
  });
});
