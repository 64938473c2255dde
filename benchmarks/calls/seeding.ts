import { ProviderEventReceived } from '@omnibox/contracts';
import { EventBus } from '@omnibox/messaging';
import { call } from '../support/bench';

const DAY = 24 * 3600 * 1000;

export interface BenchUser {
  id: string;
  token: string;
  role: string;
  restriction: string;
}

export interface BenchWorkspace {
  workspaceId: string;
  owner: BenchUser;
  agents: BenchUser[];
  channel: { id: string; secret: string; type: 'api'; name: string; createdAt: string };
}

/** A workspace with `agentCount` agents (restrictions none, team and self in turn), in `teamCount` teams, and an `api` channel. */
export async function benchWorkspace(gw: string, agentCount: number, teamCount: number): Promise<BenchWorkspace> {
  const stamp = Date.now();
  const workspace = await call('POST', `${gw}/v1/workspaces`, undefined, { name: 'Bench calls', owner: { firstName: 'Bea', email: `bea.${stamp}@example.com`, password: 'bench-password-1' } });
  const owner = { id: workspace.body.user.id, token: workspace.body.token, role: 'owner', restriction: 'none' };
  const agents: BenchUser[] = [];
  for (let i = 0; i < agentCount; i++) {
    const restriction = ['none', 'team', 'self'][i % 3];
    const email = `agent${i}.${stamp}@example.com`;
    const created = await call('POST', `${gw}/v1/users`, owner.token, { firstName: `Agent${i}`, email, password: 'bench-password-1', role: 'agent', restriction });
    if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
    const login = await call('POST', `${gw}/v1/auth/login`, undefined, { email, password: 'bench-password-1' });
    agents.push({ id: created.body.id, token: login.body.token, role: 'agent', restriction });
  }
  for (let t = 0; t < teamCount; t++) await call('POST', `${gw}/v1/teams`, owner.token, { name: `Team ${t}`, memberIds: agents.filter((_, i) => i % teamCount === t).map((agent) => agent.id) });
  const channel = (await call('POST', `${gw}/v1/channels`, owner.token, { type: 'api', name: 'Bench voice' })).body;
  return { workspaceId: workspace.body.workspace.id, owner, agents, channel: { ...channel, type: 'api', name: 'Bench voice', createdAt: new Date().toISOString() } };
}

/**
 * Seeds `count` finished calls (a third missed) over the last 30 days, spread over `contacts` callers,
 * as provider call events published straight to the event stream (signed ingress at the stream's
 * pace would take hours for 100k): the calls service resolves their contacts, stores them and builds
 * the call log from them as it does for live calls.
 */
export async function seedCalls(bus: EventBus, workspace: BenchWorkspace, count: number, contacts: number, window = 256): Promise<void> {
  const now = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < count) {
        const i = next++;
        const startedAt = now - Math.floor((((i * 7919) % count) / count) * 30 * DAY) - 120_000;
        const callId = `seed-${i}`;
        const event = {
          type: 'call' as const,
          id: `${callId}.ended`,
          timestamp: new Date(startedAt + 90_000).toISOString(),
          contact: { externalId: `caller-${i % contacts}`, firstName: `Caller ${i % contacts}`, phone: `+1555${String(i % contacts).padStart(7, '0')}` },
          call: { id: callId, direction: 'incoming' as const, event: 'ended' as const, ...(i % 3 === 0 ? {} : { durationSeconds: 60 }) },
        };
        await bus.publish(ProviderEventReceived.create({ workspaceId: workspace.workspaceId, aggregateId: workspace.channel.id, data: { channel: channelSnapshot(workspace), event, receivedAt: new Date().toISOString() } }));
      }
    }),
  );
}

function channelSnapshot(workspace: BenchWorkspace) {
  const { id, type, name, createdAt } = workspace.channel;
  return { id, type, name, createdAt, config: { outboundUrl: null, messagingWindowHours: null, supportsReplyContext: true, supportsLinkPreview: false, supportsTyping: false } };
}
