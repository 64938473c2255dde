import { call } from '../support/bench';
import { spread } from './ledger';
import type { InboxWatch } from './inbox-lists';
import type { PushObserver } from './observers';
import type { Agent } from './workspace';

export interface ActionFigures {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers other than the expected one, by status (0: no answer). */
  unexpected: Record<string, number>;
}

/**
 * Runs `act` `perSecond` times a second (none when 0) with at most 16 in flight, until stopped; only
 * actions started while measuring count.
 */
function paced(name: string, perSecond: number, act: () => Promise<number | null>, expected: number) {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  const unexpected: Record<string, number> = {};
  let inFlight = 0;
  const timer =
    perSecond > 0
      ? setInterval(() => {
          if (inFlight >= 16) return;
          inFlight++;
          const t0 = process.hrtime.bigint();
          const counted = measuring;
          void act()
            .then((status) => {
              if (status === null || !counted) return; // nothing to act on yet, or the warm-up
              latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
              if (status === expected) return;
              errors++;
              unexpected[status] = (unexpected[status] ?? 0) + 1;
            })
            .catch(() => {
              if (!counted) return;
              errors++;
              unexpected[0] = (unexpected[0] ?? 0) + 1;
            })
            .finally(() => inFlight--);
        }, 1000 / perSecond)
      : undefined;
  return {
    measure(on: boolean): void {
      measuring = on;
    },
    stop(): ActionFigures {
      clearInterval(timer);
      // A copy: answers still on their way after the load stops are not part of it.
      return { name, requests: latencies.length, errors, unexpected: { ...unexpected }, ...spread(latencies) };
    },
  };
}

/**
 * What the agents do besides listing, each acting on threads their lists showed them: reply to a
 * contact of their own (an outgoing message, delivered to the loopback provider), and hand a new
 * contact's thread to the next agent (`assigned`, which notifies that agent: NTF-1).
 */
export function startActions(gatewayUrl: string, agents: Agent[], watch: InboxWatch, pushes: PushObserver, rates: { replies: number; assignments: number }) {
  let replyTurn = 0;
  let assignTurn = 0;
  const replies = paced(
    'agent reply (POST → 201)',
    rates.replies,
    async () => {
      const agent = agents[replyTurn++ % agents.length];
      const contactId = watch.seenKnown[agent.index].pop();
      if (!contactId) return null;
      watch.seenKnown[agent.index].length = 0; // an agent answers the latest thread they saw, not a backlog
      return (await call('POST', `${gatewayUrl}/v1/conversations/${contactId}/messages`, agent.token, { type: 'text', text: 'Thanks for writing, we are looking into it.' })).status;
    },
    201,
  );
  const assignments = paced(
    'agent assignment (POST → 200)',
    rates.assignments,
    async () => {
      const contactId = watch.seenNew.pop();
      if (!contactId) return null;
      watch.seenNew.length = 0;
      const agent = agents[assignTurn++ % agents.length];
      const to = agents[(agent.index + 1) % agents.length];
      // Expected before the answer comes back, since the push may be quicker than the answer's way back.
      pushes.assigned(contactId, Date.now());
      const { status } = await call('POST', `${gatewayUrl}/v1/conversations/${contactId}/assignee`, agent.token, { mode: 'user', userId: to.id });
      if (status !== 200) pushes.notAssigned(contactId);
      return status;
    },
    200,
  );
  return {
    measure(on: boolean): void {
      replies.measure(on);
      assignments.measure(on);
    },
    stop: (): ActionFigures[] => [replies.stop(), assignments.stop()],
  };
}
