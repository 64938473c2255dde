/** Answers one result per request, in the order of `requests` (all of one key). */
export type BatchCall<I, O> = (key: string, requests: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  key: string;
  request: I;
  resolve(result: O): void;
  reject(error: unknown): void;
}

/**
 * Shares one call (a `find` by many ids, a batched RPC) between the callers that ask at about the same
 * moment, the way InsertBatcher shares inserts: a batch leaves at once while fewer than `maxInFlight`
 * are out, and otherwise gathers the callers that arrive meanwhile. Under load many small calls become
 * a few larger ones; alone, a caller waits for its own call only. A batch holds requests of one key
 * (e.g. one workspace), since a call is made for one.
 */
export class Batcher<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly call: BatchCall<I, O>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  request(key: string, request: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ key, request, resolve, reject });
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
    const key = this.queue[0].key;
    const batch: Array<Waiting<I, O>> = [];
    const rest: Array<Waiting<I, O>> = [];
    for (const waiting of this.queue) (waiting.key === key && batch.length < this.maxBatch ? batch : rest).push(waiting);
    this.queue = rest;
    this.inFlight++;
    try {
      const results = await this.call(key, batch.map((waiting) => waiting.request));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
