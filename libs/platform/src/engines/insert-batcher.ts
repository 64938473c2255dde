import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

export type InsertOutcome = 'inserted' | 'duplicate';

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/**
 * Inserts documents into one collection, sharing one `insertMany` between the callers that insert at
 * about the same time. No time is spent waiting for company: a batch leaves at once while fewer than
 * `maxInFlight` are being written, and otherwise gathers the callers that arrive meanwhile. Under load
 * that turns many small commands into a few larger ones (FerretDB spends about four times less per
 * document in a batch of 20 than in single inserts); alone, a caller waits for its own insert only.
 */
export class InsertBatcher<T extends Document> {
  private queue: Array<Waiting<T>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly collection: Collection<T>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  /** Inserts `doc`: 'inserted', or 'duplicate' when a document with its unique key is already there. */
  insert(doc: OptionalUnlessRequiredId<T>): Promise<InsertOutcome> {
    return new Promise<InsertOutcome>((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    // Callers of the same turn of the event loop leave together.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    try {
      await this.write(batch);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private async write(batch: Array<Waiting<T>>) {
    try {
      await this.collection.insertMany(
        batch.map((waiting) => waiting.doc),
        { ordered: false },
      );
      for (const waiting of batch) waiting.resolve('inserted');
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
      if (!writeErrors) {
        // Nothing says which documents were written (e.g. the connection dropped): every caller
        // fails and retries its own work, which inserts again or finds its duplicate.
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      const failed = new Map<number, { code?: number }>();
      for (const writeError of ([] as Array<{ index: number; code?: number }>).concat(writeErrors as never)) failed.set(writeError.index, writeError);
      batch.forEach((waiting, index) => {
        const problem = failed.get(index);
        if (!problem) waiting.resolve('inserted');
        else if (problem.code === 11000) waiting.resolve('duplicate');
        else waiting.reject(Object.assign(new Error(`insert failed: ${(problem as { errmsg?: string }).errmsg ?? `code ${problem.code}`}`), { code: problem.code }));
      });
    }
  }
}
