import { EventBus } from '@omnibox/messaging';
import { BrowserSubscription, consumersCaughtUp } from '@omnibox/testing';
import { call } from '../support/bench';
import { Channel, knownExternalId, postEvent, signedMessage } from './ingress';

export interface Agent {
  index: number;
  id: string;
  token: string;
}

export interface BenchWorkspace {
  workspaceId: string;
  owner: { id: string; token: string };
  /** Agents with restriction `none`: each may see every thread (VIS-2), so every socket gets every message. */
  agents: Agent[];
  channel: { id: string; secret: string };
}

const PASSWORD = 'bench-password-1';

async function ok(label: string, pending: Promise<{ status: number; body: any }>, expected = [200, 201]): Promise<any> {
  const res = await pending;
  if (!expected.includes(res.status)) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A workspace with its owner, `agentCount` agents and a generic `api` channel whose replies go to
 * `outboundUrl` (a loopback provider), as `bench:ingest` creates one.
 */
export async function createWorkspace(gw: string, agentCount: number, outboundUrl: string): Promise<BenchWorkspace> {
  const stamp = Date.now();
  const created = await ok('workspace', call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench platform', owner: { firstName: 'Bea', email: `bea.${stamp}@example.com`, password: PASSWORD } }));
  const owner = { id: created.user.id as string, token: created.token as string };
  const agents: Agent[] = [];
  for (let index = 0; index < agentCount; index++) {
    const email = `agent${index}.${stamp}@example.com`;
    const user = await ok('agent', call('POST', `${gw}/v1/users`, owner.token, { firstName: `Agent${index}`, email, password: PASSWORD, role: 'agent', restriction: 'none' }));
    const login = await ok('login', call('POST', `${gw}/v1/auth/login`, undefined, { email, password: PASSWORD }));
    agents.push({ index, id: user.id, token: login.token });
  }
  const channel = await ok('channel', call('POST', `${gw}/v1/channels`, owner.token, { type: 'api', name: 'Bench API', config: { outboundUrl } }));
  return { workspaceId: created.workspace.id, owner, agents, channel: { id: channel.id, secret: channel.secret } };
}

/** Runs `task(i)` for every i below `count`, `concurrency` at a time. */
export async function eachOf(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** The text of a known contact's first message, before the measured run; its number says which contact it is. */
export const WARM_UP_TEXT = /^Hello, this is known contact (\d+)$/;

/**
 * Every known contact writes once before anything is measured (as in a running workspace, where most
 * messages come from people already known), at a pace the platform takes; resolves once every one of
 * them is on a timeline, `contactIds` (filled by the timeline observer) naming their threads.
 */
export async function warmUpKnownContacts(gw: string, channel: Channel, contactIds: Array<string | undefined>, runTag: string): Promise<number> {
  const started = Date.now();
  await eachOf(contactIds.length, 20, async (i) => {
    const status = await postEvent(gw, channel, signedMessage(channel, `${runTag}-warm-${i}`, Date.now(), knownExternalId(i), `Hello, this is known contact ${i}`));
    if (status !== 202) throw new Error(`warm-up message refused: ${status}`);
  });
  while (contactIds.some((id) => !id)) {
    if (Date.now() - started > 10 * 60_000) throw new Error(`${contactIds.filter((id) => !id).length} known contacts never reached a timeline`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return (Date.now() - started) / 1000;
}

/**
 * The known contacts' threads, each owned by one agent in turn (known contact i by agent i mod n), so
 * each of their later messages notifies its owner (NTF-1 `new_message`). Waits until every consumer
 * has handled the assignments, so their notifications do not spill into the measured run.
 */
export async function assignKnownThreads(gw: string, workspace: BenchWorkspace, contactIds: Array<string | undefined>, bus: EventBus): Promise<void> {
  // A thread is on its timeline before every read model knows its contact: let the platform settle first.
  await consumersCaughtUp(bus, { timeoutMs: 10 * 60_000, everyMs: 500 });
  await eachOf(contactIds.length, 16, async (i) => {
    const agent = workspace.agents[i % workspace.agents.length];
    await ok('assign', call('POST', `${gw}/v1/conversations/${contactIds[i]}/assignee`, workspace.owner.token, { mode: 'user', userId: agent.id }));
  });
  await consumersCaughtUp(bus, { timeoutMs: 10 * 60_000, everyMs: 500 });
}

/**
 * Each agent subscribes a browser (the loopback push service) and asks for pushes while online
 * (NTF-2's `pushWhenOnline`): every agent also has the realtime socket open, and by default a user
 * online gets no push, so nothing could be observed.
 */
export async function subscribeToPushes(gw: string, agents: Agent[], subscribe: (name: string) => BrowserSubscription): Promise<void> {
  for (const agent of agents) {
    await ok('push subscription', call('POST', `${gw}/v1/push-subscriptions`, agent.token, subscribe(`agent${agent.index}`)));
    await ok('notification settings', call('PUT', `${gw}/v1/notification-settings`, agent.token, { pushWhenOnline: true }));
  }
}
