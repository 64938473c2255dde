import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { PushSubscription, PushSubscriptions } from '../../application/ports';
import { CacheVersions, VersionedCache } from '@omnibox/directory';
import { PUSH_SUBSCRIPTION_MODEL, PushSubscriptionDoc } from './push-subscriptions.schema';

const fromDoc = ({ _id, ...rest }: PushSubscriptionDoc): PushSubscription => ({ id: _id, ...rest, userAgent: rest.userAgent ?? null });

/**
 * Browsers' Web Push subscriptions (`push_subscriptions`). Every event needs those of its recipients,
 * so each replica keeps a workspace's subscriptions in memory while their version in Redis holds.
 */
@Injectable()
export class MongoPushSubscriptions implements PushSubscriptions {
  private readonly cache: VersionedCache<Map<string, PushSubscription[]>>;

  constructor(
    @InjectModel(PUSH_SUBSCRIPTION_MODEL) private readonly model: Model<PushSubscriptionDoc>,
    versions: CacheVersions,
  ) {
    this.cache = new VersionedCache(versions, 'subscriptions', (workspaceId) => this.load(workspaceId));
  }

  async subscribe(subscription: PushSubscription): Promise<{ subscription: PushSubscription; created: boolean }> {
    const existing = await this.model.findById(subscription.id).lean<PushSubscriptionDoc>().exec();
    if (existing && existing.userId === subscription.userId && existing.workspaceId === subscription.workspaceId) return { subscription: fromDoc(existing), created: false };
    const { id, ...rest } = subscription;
    await this.model.replaceOne({ _id: id }, rest, { upsert: true }).exec();
    await this.cache.changed(subscription.workspaceId);
    return { subscription, created: true };
  }

  async ofUser(workspaceId: string, userId: string): Promise<PushSubscription[]> {
    return (await this.ofWorkspace(workspaceId))(userId);
  }

  async ofWorkspace(workspaceId: string): Promise<(userId: string) => PushSubscription[]> {
    const byUser = await this.cache.get(workspaceId);
    return (userId) => byUser.get(userId) ?? [];
  }

  async find(workspaceId: string, id: string): Promise<PushSubscription | null> {
    for (const subscriptions of (await this.cache.get(workspaceId)).values()) {
      const found = subscriptions.find((subscription) => subscription.id === id);
      if (found) return found;
    }
    return null;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, workspaceId }).exec();
    await this.cache.changed(workspaceId);
  }

  private async load(workspaceId: string): Promise<Map<string, PushSubscription[]>> {
    const byUser = new Map<string, PushSubscription[]>();
    for (const doc of await this.model.find({ workspaceId }).lean<PushSubscriptionDoc[]>().exec()) {
      byUser.set(doc.userId, [...(byUser.get(doc.userId) ?? []), fromDoc(doc)].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
    }
    return byUser;
  }
}
