import { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '@omnibox/platform';

/** Remembers which events a consumer has fully handled, so a redelivery is acknowledged and skipped. */
export interface ProcessedEventStore {
  has(consumer: string, eventId: string): Promise<boolean>;
  remember(consumer: string, eventId: string): Promise<void>;
}

interface ProcessedEvent {
  _id: string;
  at: Date;
}

export class MongoProcessedEventStore implements ProcessedEventStore {
  private readonly collection: Collection<ProcessedEvent>;

  constructor(db: Db, collectionName = 'processed_events') {
    this.collection = db.collection<ProcessedEvent>(collectionName);
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: `${consumer}:${eventId}` }, { limit: 1 })) > 0;
  }

  async remember(consumer: string, eventId: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: `${consumer}:${eventId}`, at: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
