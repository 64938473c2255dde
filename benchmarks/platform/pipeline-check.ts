import { LoopbackPushService } from '@omnibox/testing';
import { call } from '../support/bench';
import { Channel, knownExternalId, postEvent, signedMessage } from './ingress';
import type { AgentSocket } from './observers';
import type { BenchWorkspace } from './workspace';

export const PIPELINE_CHECK_TEXT = 'Pipeline check';

/**
 * One message from a known contact followed through every stage before the measured run, so a stage
 * the harness cannot observe fails the run at once (with its name) instead of reporting everything
 * lost after minutes, and so every cache on the way (subscriptions, settings, presence) is warm.
 * `timelineSeen` answers whether the timeline observer has seen the check's text.
 */
export async function pipelineCheck(
  gw: string,
  workspace: BenchWorkspace,
  channel: Channel,
  sockets: AgentSocket[],
  pushes: LoopbackPushService,
  timelineSeen: () => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const word = `pipecheck${Date.now().toString(36)}`;
  const text = `${PIPELINE_CHECK_TEXT} ${word}`;
  const owner = workspace.agents[0];
  const framesBefore = sockets.map((socket) => socket.frames.get('message.created') ?? 0);
  const pushesBefore = pushes.received.length;
  const status = await postEvent(gw, channel, signedMessage(channel, word, Date.now(), knownExternalId(0), text));
  if (status !== 202) throw new Error(`pipeline check: the ingress answered ${status}`);
  const stages: Record<string, () => Promise<boolean> | boolean> = {
    'on the timeline': timelineSeen,
    'pushed on every agent socket': () => sockets.every((socket, i) => (socket.frames.get('message.created') ?? 0) > framesBefore[i]),
    'notified to its owner (Web Push)': () => pushes.received.slice(pushesBefore).some((push) => (push.json as { body?: string } | null)?.body?.includes(word)),
    'in its owner’s Mine list': async () => ((await call('GET', `${gw}/v1/inbox/mine/conversations`, owner.token)).body?.items ?? []).some((row: any) => row.lastMessage?.preview?.includes(word)),
    searchable: async () => ((await call('GET', `${gw}/v1/search/messages?q=${word}`, owner.token)).body?.items ?? []).length > 0,
  };
  const deadline = Date.now() + timeoutMs;
  const waiting = new Set(Object.keys(stages));
  while (waiting.size > 0) {
    for (const name of [...waiting]) if (await stages[name]()) waiting.delete(name);
    if (waiting.size === 0) break;
    if (Date.now() > deadline) throw new Error(`pipeline check: one message was not ${[...waiting].join(', ')} within ${timeoutMs / 1000} s; the run could not observe it`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
