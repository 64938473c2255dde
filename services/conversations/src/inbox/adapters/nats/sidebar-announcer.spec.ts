import { derivedEventId, EventEnvelope } from '@omnibox/contracts';
import type { EventBus } from '@omnibox/messaging';
import { GATHER_MS, JetStreamSidebarAnnouncer } from './sidebar-announcer';

function announcerWith(publish: (event: EventEnvelope) => Promise<unknown>) {
  const published: EventEnvelope[] = [];
  const bus = { publish: async (event: EventEnvelope) => (await publish(event), published.push(event)) } as unknown as EventBus;
  return { announcer: new JetStreamSidebarAnnouncer(bus), published };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JetStreamSidebarAnnouncer', () => {
  it('announces the changes of a workspace within the window once, to everyone if any was', async () => {
    const { announcer, published } = announcerWith(async () => undefined);
    await Promise.all([announcer.changed('ws1', 'e1:counts', 'everyone'), announcer.changed('ws1', 'e2:dots', ['u1']), announcer.changed('ws2', 'e3:dots', ['u2'])]);
    expect(published).toHaveLength(2);
    const ws1 = published.find((event) => event.workspaceId === 'ws1')!;
    expect(ws1.data).toEqual({ everyone: true, userIds: [] });
    expect(ws1.id).toBe(derivedEventId('inbox-updated:e1:counts|e2:dots'));
    expect(published.find((event) => event.workspaceId === 'ws2')!.id).toBe(derivedEventId('inbox-updated:e3:dots'));
  });

  it('names every user of the gathered changes, and the same changes get the same id', async () => {
    const { announcer, published } = announcerWith(async () => undefined);
    await Promise.all([announcer.changed('ws1', 'b', ['u1', 'u2']), announcer.changed('ws1', 'a', ['u2', 'u3'])]);
    await Promise.all([announcer.changed('ws1', 'a', ['u2']), announcer.changed('ws1', 'b', ['u1'])]);
    expect(published).toHaveLength(2);
    expect(published[0].data).toEqual({ everyone: false, userIds: ['u1', 'u2', 'u3'] });
    expect(published[1].id).toBe(published[0].id);
  });

  it('answers a caller only once its change is published, and fails it when the publish fails', async () => {
    let fail = true;
    const { announcer } = announcerWith(async () => {
      if (fail) throw new Error('nats down');
    });
    let settled = false;
    const first = announcer.changed('ws1', 'e1', 'everyone').finally(() => (settled = true));
    await wait(GATHER_MS / 2);
    expect(settled).toBe(false);
    await expect(first).rejects.toThrow('nats down');
    fail = false;
    await expect(announcer.changed('ws1', 'e1', 'everyone')).resolves.toBeUndefined();
  });

  it('starts a new window for changes made while the previous announcement is published', async () => {
    let release: () => void = () => undefined;
    const { announcer, published } = announcerWith((event) => (event.data as { userIds: string[] }).userIds[0] === 'u1' ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve());
    const first = announcer.changed('ws1', 'e1', ['u1']);
    await wait(GATHER_MS + 10);
    const second = announcer.changed('ws1', 'e2', ['u2']);
    await second;
    release();
    await first;
    expect(published.map((event) => event.data)).toEqual([
      { everyone: false, userIds: ['u2'] },
      { everyone: false, userIds: ['u1'] },
    ]);
  });
});
