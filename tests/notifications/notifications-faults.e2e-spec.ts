import { eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { Notification, NotificationsWorld, pause, startNotificationsWorld } from './notifications-world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

const THREADS = 8;
const MESSAGES = 4;

/**
 * NTF-3 across a crash: the notifications service is killed (SIGKILL) while conversation events stream
 * in and started again; JetStream redelivers what it had not acknowledged, and every notification is
 * in the centre exactly once, coalesced counts exact.
 */
describe('notifications lose and duplicate nothing across a crash (NTF-3)', () => {
  let platform: RunningPlatform | undefined;
  let world: NotificationsWorld | undefined;
  let notifications: ServiceProcess | undefined;

  afterAll(async () => {
    notifications?.kill('SIGKILL');
    await world?.stop();
    await platform?.stop();
  });

  it('the notifications service is killed mid-stream and started again: every notification exactly once', async () => {
    const namespace = uniqueName('nf');
    const engines = { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL };
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    platform = await startPlatform(engines, ['contacts', 'conversations', 'gateway'], namespace, { NOTIFICATIONS_GRPC_URL: `127.0.0.1:${grpcPort}`, SNOOZE_POLL_MS: '100' });
    const serviceEnv = { ...platform.env, GRPC_PORT: String(grpcPort), MONGODB_DATABASE: `${namespace}_notifications` };
    notifications = await startServiceProcess('notifications', serviceEnv, httpPort);
    world = await startNotificationsWorld({ platform });
    const { users } = world;

    const contacts = Array.from({ length: THREADS }, (_, i) => `${namespace}-c${i}`);
    const threads: string[] = [];
    let crash: Promise<void> | undefined;
    for (const [i, contact] of contacts.entries()) {
      if (i === Math.floor(THREADS / 3)) {
        crash = (async () => {
          notifications!.kill('SIGKILL');
          await notifications!.exited;
          // Events keep coming while the service is down.
          await pause(1500);
          notifications = await startServiceProcess('notifications', serviceEnv, httpPort);
        })();
      }
      const contactId = await world.inbound(contact, `hello ${i}`);
      threads.push(contactId);
      await world.assign(contactId, { mode: 'team', teamId: world.sales });
      for (let k = 0; k < MESSAGES; k++) await world.send(contact, `m ${i}.${k}`);
      expect((await world.post('olivia', `/v1/conversations/${contactId}/comments`, { text: `{{@user.${users.dee.id}}} look at ${i}` })).status).toBe(201);
    }
    await crash;

    // Once JetStream has redelivered what the killed process held (after its ack wait), all is there.
    const expectAll = async (): Promise<{ ana: Notification[]; dee: Notification[] }> => {
      const [ana, dee] = [(await world!.centre('ana')).items, (await world!.centre('dee')).items];
      const complete = threads.every(
        (contactId) =>
          ana.some((n) => n.contactId === contactId && n.kind === 'team_assigned') &&
          ana.some((n) => n.contactId === contactId && n.kind === 'team_message' && n.count === MESSAGES) &&
          dee.some((n) => n.contactId === contactId && n.kind === 'mentioned'),
      );
      return complete ? { ana, dee } : (null as never);
    };
    const { ana, dee } = await eventually(expectAll, 'every notification after the crash', 90000, 500);
    // Events the killed process held without a notification to show for them come back only after the
    // consumer's ack wait (30 s from their delivery), which may end after every notification is there.
    await world.settled(45000);
    for (const [i, contactId] of threads.entries()) {
      const mine = (kind: string, list: Notification[]) => list.filter((n) => n.contactId === contactId && n.kind === kind);
      expect([i, mine('team_assigned', ana).length, mine('team_message', ana).length, mine('mentioned', dee).length]).toEqual([i, 1, 1, 1]);
      expect(mine('team_message', ana)[0]).toMatchObject({ count: MESSAGES, body: `m ${i}.${MESSAGES - 1}` });
    }
    // And nothing more came meanwhile.
    expect((await world.centre('ana')).items.filter((n) => threads.includes(n.contactId!))).toHaveLength(ana.filter((n) => threads.includes(n.contactId!)).length);
    expect((await world.centre('dee')).items.filter((n) => threads.includes(n.contactId!))).toHaveLength(THREADS);
  }, 240000);
});
