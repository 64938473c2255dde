import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput, notFound } from '@omnibox/platform';
import { endpointProblem, keysProblem } from '../domain/push';
import { centreUserOf } from './centre-user';
import { PUSH_SUBSCRIPTIONS, PushSubscription, PushSubscriptions, VAPID_KEYS, VapidKeys } from './ports';

export type OutboundProfile = 'production' | 'development' | 'test';
export const OUTBOUND_PROFILE = Symbol('OutboundProfile');

/**
 * NTF-2: the caller's browsers subscribed to Web Push. A browser has one subscription per endpoint:
 * subscribing it again answers the existing one; subscribed by another user (a shared computer), it
 * now belongs to them. Endpoints are https (http on loopback outside production).
 */
@Injectable()
export class ManagePushSubscriptions {
  constructor(
    @Inject(PUSH_SUBSCRIPTIONS) private readonly subscriptions: PushSubscriptions,
    @Inject(VAPID_KEYS) private readonly vapid: VapidKeys,
    @Inject(OUTBOUND_PROFILE) private readonly profile: OutboundProfile,
  ) {}

  /** The key `PushManager.subscribe` needs (applicationServerKey). */
  publicKey(): { publicKey: string } {
    return { publicKey: this.vapid.publicKey };
  }

  async subscribe(caller: CallerScope, input: { endpoint: string; keys: { p256dh: string; auth: string }; userAgent: string | null }): Promise<{ subscription: PushSubscription; created: boolean }> {
    const userId = centreUserOf(caller);
    const problem = endpointProblem(input.endpoint, this.profile);
    if (problem) throw invalidInput('endpoint', problem);
    const keys = keysProblem(input.keys);
    if (keys) throw invalidInput(keys.field, keys.message);
    return this.subscriptions.subscribe({
      id: createHash('sha256').update(`${caller.workspaceId}|${input.endpoint}`).digest('hex').slice(0, 24),
      workspaceId: caller.workspaceId,
      userId,
      endpoint: input.endpoint,
      keys: input.keys,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: new Date().toISOString(),
    });
  }

  list(caller: CallerScope): Promise<PushSubscription[]> {
    return this.subscriptions.ofUser(caller.workspaceId, centreUserOf(caller));
  }

  async unsubscribe(caller: CallerScope, id: string): Promise<void> {
    const found = await this.subscriptions.find(caller.workspaceId, id);
    if (!found || found.userId !== centreUserOf(caller)) throw notFound('Push subscription');
    await this.subscriptions.remove(caller.workspaceId, id);
  }
}
