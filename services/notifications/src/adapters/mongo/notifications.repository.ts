import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { InsertBatcher } from '@omnibox/platform';
import type { Model } from 'mongoose';
import type { NotificationStore } from '../../application/ports';
import type { Notification, RunHead } from '../../domain/notification';
import type { ThreadFacts } from '../../domain/recipients';
import { NOTIFICATION_MODEL, NotificationDoc } from './notifications.schema';

const toDoc = ({ id, ...rest }: Notification): NotificationDoc => ({ _id: id, ...rest });
const fromDoc = ({ _id, ...rest }: NotificationDoc): Notification => ({ id: _id, ...rest });

/**
 * The centre (`notifications`): every user's notifications. New ones are inserted in shared batches
 * (InsertBatcher: concurrent events of a busy team share one insertMany); one already there is an
 * event handled again, and stays as it was.
 */
@Injectable()
export class MongoNotificationStore implements NotificationStore {
  private readonly inserts: InsertBatcher<NotificationDoc>;

  constructor(@InjectModel(NOTIFICATION_MODEL) private readonly model: Model<NotificationDoc>) {
    this.inserts = new InsertBatcher(model);
  }

  async insert(notifications: Notification[]): Promise<void> {
    await Promise.all(notifications.map((notification) => this.inserts.insert(toDoc(notification))));
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

  async setRead(userId: string, id: string, read: boolean): Promise<void> {
    await this.model.updateOne({ _id: id, userId }, { $set: { read } }).exec();
  }

  async markAllRead(userId: string): Promise<number> {
    return (await this.model.updateMany({ userId, read: false }, { $set: { read: true } }).exec()).modifiedCount;
  }

  async freeze(contactId: string, ids: string[], head: RunHead, read: boolean): Promise<void> {
    if (ids.length === 0) return;
    // By thread first (indexed); the ids narrow what that read.
    await this.model
      .updateMany({ contactId, _id: { $in: ids } }, { $set: { lastCount: head.lastCount, body: head.body, updatedAt: head.updatedAt, run: null, ...(read ? { read: true } : {}) } })
      .exec();
  }

  async followThread(contactId: string, thread: ThreadFacts, at: string): Promise<void> {
    await this.model.updateMany({ contactId, threadAt: { $lte: at } }, { $set: { thread, threadAt: at } }).exec();
  }

  async pruneBefore(at: string): Promise<number> {
    return (await this.model.deleteMany({ updatedAt: { $lt: at }, run: null }).exec()).deletedCount;
  }
}
