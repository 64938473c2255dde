import { Inject, Injectable } from '@nestjs/common';
import { getLogger } from '@omnibox/platform';
import { pushOutcome, pushPayload, pushWanted } from '../domain/push';
import { PRESENCE, Presence, PUSH_LEDGER, PUSH_SENDER, PUSH_SUBSCRIPTIONS, PushLedger, PushRequest, PushSender, PushSubscriptions, SETTINGS_STORE, SettingsStore } from './ports';

/** Thrown to have the push tried again later: the consumer waits `retryAfterMs` (Retry-After, or back-off). */
export class PushLater extends Error {
  constructor(
    readonly retryAfterMs: number,
    reason: string,
  ) {
    super(`push deferred ${retryAfterMs} ms: ${reason}`);
  }
}

/**
 * NTF-2: sends one requested push to one subscription, unless a newer push of the same thread was
 * requested since (it replaces this one anyway), the user is online without pushWhenOnline, or the
 * subscription is gone. The push service's answer decides: delivered; 404 / 410, the subscription is
 * removed; 429 / 5xx / no answer, tried again after Retry-After or with back-off; anything else given up.
 */
@Injectable()
export class SendPush {
  constructor(
    @Inject(PUSH_LEDGER) private readonly ledger: PushLedger,
    @Inject(PUSH_SUBSCRIPTIONS) private readonly subscriptions: PushSubscriptions,
    @Inject(SETTINGS_STORE) private readonly settings: SettingsStore,
    @Inject(PRESENCE) private readonly presence: Presence,
    @Inject(PUSH_SENDER) private readonly sender: PushSender,
  ) {}

  async execute(input: { workspaceId: string; requestId: string; push: PushRequest; attempt: number; maxAttempts: number }): Promise<'sent' | 'skipped' | 'gone' | 'rejected'> {
    const { push, workspaceId, requestId } = input;
    if (!(await this.ledger.isDue(push.subscriptionId, push.topic, requestId))) return 'skipped';
    const subscription = await this.subscriptions.find(workspaceId, push.subscriptionId);
    const [settings, online] = await Promise.all([this.settings.of(workspaceId, push.userId), this.presence.isOnline(workspaceId, push.userId)]);
    if (!subscription || subscription.userId !== push.userId || !pushWanted(online, settings.pushWhenOnline)) {
      await this.ledger.done(push.subscriptionId, push.topic, requestId);
      return 'skipped';
    }
    const answer = await this.sender.send(subscription, pushPayload(push.notification), { ttlSeconds: push.ttlSeconds, urgency: push.urgency, topic: push.topic });
    const outcome = pushOutcome(answer, input.attempt, input.maxAttempts);
    if (outcome.outcome === 'retry') throw new PushLater(outcome.afterMs, answer ? `the push service answered ${answer.status}` : 'no answer in time');
    await this.ledger.done(push.subscriptionId, push.topic, requestId);
    if (outcome.outcome === 'gone') await this.subscriptions.remove(workspaceId, subscription.id);
    if (outcome.outcome === 'rejected') getLogger().warn({ subscriptionId: subscription.id, reason: outcome.reason }, 'push given up');
    return outcome.outcome;
  }
}
