import mongoose, { type Connection, type ConnectOptions, type Model } from 'mongoose';
import { DependencyCheck } from '../health/health';
import { mongoCommands } from '../observability/metrics';

/**
 * How every service connects to MongoDB (through @nestjs/mongoose, see PlatformModule). The driver
 * connects on first use and reconnects by itself after the engine restarts, so a service recovers on
 * its own; an operation waits at most about three seconds for a server before it fails with 503.
 */
export const MONGOOSE_CONNECT_OPTIONS: ConnectOptions & { bufferTimeoutMS: number } = {
  serverSelectionTimeoutMS: 3000,
  connectTimeoutMS: 3000,
  maxPoolSize: 20,
  retryWrites: false, // FerretDB has no retryable-write sessions; our writes are idempotent instead.
  appName: 'omnibox',
  // Indexes are declared on the schemas and created by `syncIndexes` at start (or not, see
  // MONGODB_SYNC_INDEXES), never as a side effect of a model's first use.
  autoIndex: false,
  autoCreate: false,
  bufferTimeoutMS: 3000,
};

/**
 * Process-wide mongoose settings. Every query otherwise builds an `Error` and its stack text (only
 * used to report a query run twice): 1.4 % of the contacts service's busy CPU on `GET /v1/contacts/{id}`.
 */
export function configureMongoose(): void {
  mongoose.set('skipOriginalStackTraces', true);
}

export function mongoHealth(connection: Connection): DependencyCheck {
  return { name: 'mongodb', check: async () => void (await connection.getClient().db(connection.name).command({ ping: 1 })) };
}

/**
 * True when a write failed on a unique index: MongoDB's code 11000, or FerretDB's findAndModify, which
 * passes PostgreSQL's unique violation (SQLSTATE 23505) on as an internal error (code 1).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: number; message?: unknown };
  return code === 11000 || (typeof message === 'string' && /duplicate key value violates unique constraint .*\(SQLSTATE 23505\)/.test(message));
}

/** True when an error says MongoDB could not be reached (answered as 503, never 500). */
export function isMongoUnavailable(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (['MongoServerSelectionError', 'MongooseServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoNotConnectedError', 'MongoTopologyClosedError'].includes(name)) return true;
  return /buffering timed out/.test(String((error as Error | null)?.message ?? ''));
}

/** Counts every command the connection's client sends (`mongodb_commands_total`); needs `monitorCommands`. */
export function countMongoCommands(connection: Connection): Connection {
  connection.getClient().on('commandStarted', (event) => {
    // The collection is the command's own argument (`{ insert: "threads", … }`), or `collection` for getMore.
    const target = event.command[event.commandName] ?? event.command.collection;
    mongoCommands.inc({ command: event.commandName, collection: typeof target === 'string' ? target : '' });
  });
  return connection;
}

/**
 * One document by its `_id` (and `filter`), as stored, or null. On a model whose `_id` is a string the
 * read goes to the model's collection, past mongoose's query layer (building and casting the query),
 * which a read by a string `_id` does not need: that layer was about 7 % of the contacts service's CPU
 * per contact read. Filter values must be stored as given (nothing is cast).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the caller names the document type it reads
export async function findOneById<T>(model: Model<any>, id: string, filter: Record<string, unknown> = {}, projection?: Record<string, 0 | 1>): Promise<T | null> {
  if (model.schema.path('_id')?.instance !== 'String') return model.findOne({ ...filter, _id: id }, projection).lean<T>().exec();
  return (await model.collection.findOne({ ...filter, _id: id } as never, projection ? { projection } : {})) as T | null;
}

/** Above this many ids, one `$in` scan costs less than the reads by `_id` (see `findByIds`). */
const READS_BY_ID_UP_TO = 256;

/**
 * The documents with these `_id`s that also match `filter` (each once, in no particular order). FerretDB
 * pushes no `$in` down to PostgreSQL, so `{_id: {$in}}` reads every document of the collection: 30 ids
 * among 40 000 documents took 1 080 ms with `$in` and 16 ms as 30 reads by `_id` at once, a gap that
 * grows with the collection. Up to a few hundred ids they are read by `_id`; a longer list (a broadcast
 * to thousands of contacts) is one scan, cheaper than thousands of reads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the caller names the document type it reads
export async function findByIds<T>(model: Model<any>, ids: readonly string[], filter: Record<string, unknown> = {}, projection?: Record<string, 0 | 1>): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length > READS_BY_ID_UP_TO) return model.find({ ...filter, _id: { $in: unique } }, projection).lean<T[]>().exec();
  const docs = await Promise.all(unique.map((id) => findOneById<T>(model, id, filter, projection)));
  return docs.filter((doc) => doc !== null && doc !== undefined) as T[];
}
