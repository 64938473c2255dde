import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CacheVersions } from '@omnibox/directory';
import { BoundedMap, InsertBatcher } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { NotificationStore } from '../../application/ports';
import type { Notification, RunHead } from '../../domain/notification';
import type { ThreadFacts } from '../../domain/recipients';
import { NOTIFICATION_MODEL, NotificationDoc } from './notifications.schema';

const toDoc = ({ id, ...rest }: Notification): NotificationDoc => ({ _id: id, ...rest });
const fromDoc = ({ _id, ...rest }: NotificationDoc): Notification => ({ id: _id, ...rest });

/** `notifications:version:centre:<ws>`: bumped after every change of the workspace's notifications. */
const CENTRE = 'centre';
/** The sweep forgets notifications of every workspace: one version for all of them. */
const EVERY_WORKSPACE = '*';
const UNREAD_COPIES = 10_000;
/** A user with more unread notifications than this is read each time: copies stay small (at most 10 000 × 500 threads). */
const UNREAD_COPY_MAX_THREADS = 500;
const UNREAD_COPY_MAX_AGE_MS = 60_000;

/**
 * The centre (`notifications`): every user's notifications. New ones are inserted in shared batches
 * (InsertBatcher: concurrent events of a busy team share one insertMany); one already there is an
 * event handled again, and stays as it was.
 *
 * The unread count beside every sidebar (GET /v1/inbox) reads a user's unread notifications: each
 * replica keeps what it read per user while the workspace's centre version in Redis holds (one GET
 * instead of a FerretDB read per sidebar; in bench:inbox that read and its gRPC call made agents'
 * sidebars up to 23 % slower). Every write bumps the version after it is done (even when it failed
 * part-way), so a reader that saw the old version before the write reads again next time.
 */
@Injectable()
export class MongoNotificationStore implements NotificationStore {
  private readonly inserts: InsertBatcher<NotificationDoc>;
  private readonly unread = new BoundedMap<string, { versions: string; at: number; threads: ThreadFacts[] }>(UNREAD_COPIES);

  constructor(
    @InjectModel(NOTIFICATION_MODEL) private readonly model: Model<NotificationDoc>,
    private readonly versions: CacheVersions,
  ) {
    this.inserts = new InsertBatcher(model);
  }

  async insert(notifications: Notification[]): Promise<void> {
    const workspaces = [...new Set(notifications.map((notification) => notification.workspaceId))];
    await this.changing(workspaces, () => Promise.all(notifications.map((notification) => this.inserts.insert(toDoc(notification)))));
  }

  async unreadThreads(workspaceId: string, userId: string): Promise<ThreadFacts[]> {
    const key = `${workspaceId}|${userId}`;
    const [mine, every] = await Promise.all([this.versions.current(CENTRE, workspaceId), this.versions.current(CENTRE, EVERY_WORKSPACE)]);
    const versions = `${mine}|${every}`;
    const kept = this.unread.get(key);
    if (kept && kept.versions === versions && Date.now() - kept.at < UNREAD_COPY_MAX_AGE_MS) return kept.threads;
    const docs = await this.model.find({ userId, read: false }).select({ thread: 1 }).lean<Array<Pick<NotificationDoc, 'thread'>>>().exec();
    const threads = docs.map((doc) => doc.thread);
    if (threads.length > UNREAD_COPY_MAX_THREADS) {
      this.unread.delete(key);
      return threads;
    }
    this.unread.set(key, { versions, at: Date.now(), threads });
    return threads;
  }

  async find(userId: string, id: string): Promise<Notification | null> {
    const doc = await this.model.findOne({ _id: id, userId }).lean<NotificationDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }

  async ofUser(userId: string, unreadOnly: boolean): Promise<Notification[]> {
    const docs = await this.model.find(unreadOnly ? { userId, read: false } : { userId }).lean<NotificationDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async unreadOnThread(userId: string, contactId: string): Promise<Notification[]> {
    const docs = await this.model.find({ userId, contactId, read: false }).lean<NotificationDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async setRead(workspaceId: string, userId: string, id: string, read: boolean): Promise<void> {
    await this.changing([workspaceId], () => this.model.updateOne({ _id: id, userId }, { $set: { read } }).exec());
  }

  async markAllRead(workspaceId: string, userId: string): Promise<number> {
    return this.changing([workspaceId], async () => (await this.model.updateMany({ userId, read: false }, { $set: { read: true } }).exec()).modifiedCount);
  }

  async freeze(workspaceId: string, contactId: string, ids: string[], head: RunHead, read: boolean): Promise<void> {
    if (ids.length === 0) return;
    // By thread first (indexed); the ids narrow what that read.
    await this.changing([workspaceId], () =>
      this.model.updateMany({ contactId, _id: { $in: ids } }, { $set: { lastCount: head.lastCount, body: head.body, updatedAt: head.updatedAt, run: null, ...(read ? { read: true } : {}) } }).exec(),
    );
  }

  async followThread(workspaceId: string, contactId: string, thread: ThreadFacts, at: string): Promise<void> {
    await this.changing([workspaceId], () => this.model.updateMany({ contactId, threadAt: { $lte: at } }, { $set: { thread, threadAt: at } }).exec());
  }

  async pruneBefore(at: string): Promise<number> {
    return this.changing([EVERY_WORKSPACE], async () => (await this.model.deleteMany({ updatedAt: { $lt: at }, run: null }).exec()).deletedCount);
  }

  /** Runs a write, then bumps the centre version of the workspaces it touched (even when it failed). */
  private async changing<T>(workspaceIds: string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      await Promise.all(workspaceIds.map((workspaceId) => this.versions.bump(CENTRE, workspaceId)));
    }
  }
}
