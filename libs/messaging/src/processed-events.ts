import { isDuplicateKeyError } from '@omnibox/platform';
import { Connection, Model, Schema } from 'mongoose';

/** Remembers which events a consumer has fully handled, so a redelivery is acknowledged and skipped. */
export interface ProcessedEventStore {
  has(consumer: string, eventId: string): Promise<boolean>;
  remember(consumer: string, eventId: string): Promise<void>;
}

interface ProcessedEvent {
  /** `<consumer>:<event id>`, so the lookup is one `_id` read. */
  _id: string;
  at: Date;
}

export const ProcessedEventSchema = new Schema<ProcessedEvent>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'processed_events', versionKey: false },
);
// The pruning sweep deletes by age; without this index it would read the whole collection each time.
ProcessedEventSchema.index({ at: 1 });

export class MongoProcessedEventStore implements ProcessedEventStore {
  private readonly model: Model<ProcessedEvent>;

  constructor(connection: Connection) {
    this.model = (connection.models.ProcessedEvent as Model<ProcessedEvent>) ?? connection.model<ProcessedEvent>('ProcessedEvent', ProcessedEventSchema);
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${consumer}:${eventId}` }).exec()) !== null;
  }

  /**
   * Forgets events handled before `olderThan`. Safe with several replicas sweeping at once (a delete by
   * age is idempotent). The retention must outlast JetStream's de-duplication window and any
   * redelivery: an event remembered but not yet acknowledged when a service stopped comes back when it
   * restarts, so the default keeps a week.
   */
  async prune(olderThan: Date): Promise<number> {
    const result = await this.model.deleteMany({ at: { $lt: olderThan } }).exec();
    return result.deletedCount;
  }

  async remember(consumer: string, eventId: string): Promise<void> {
    try {
      await this.model.insertMany([{ _id: `${consumer}:${eventId}`, at: new Date() }], { lean: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
