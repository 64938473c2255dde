import { Db, MongoClient } from 'mongodb';
import { DependencyCheck } from '../health/health';

export interface MongoHandle {
  client: MongoClient;
  db: Db;
  health: DependencyCheck;
  close(): Promise<void>;
}

/**
 * Opens a MongoDB-wire connection without waiting for the server: the driver connects on first use
 * and reconnects by itself after the engine restarts, so a service starts and recovers on its own.
 */
export function connectMongo(url: string, database: string): MongoHandle {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    maxPoolSize: 20,
    retryWrites: false, // FerretDB has no retryable-write sessions; our writes are idempotent instead.
    appName: 'omnibox',
  });
  const db = client.db(database);
  return {
    client,
    db,
    health: { name: 'mongodb', check: async () => void (await db.command({ ping: 1 })) },
    close: () => client.close(true),
  };
}

/** True when a write failed on a unique index. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
