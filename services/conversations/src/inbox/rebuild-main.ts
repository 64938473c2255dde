import 'reflect-metadata';
import type { ConsumerRegistry } from '@omnibox/messaging';
import { connectRedis, loadConfig, MONGOOSE_CONNECT_OPTIONS } from '@omnibox/platform';
import mongoose from 'mongoose';
import { ConversationsConfig } from '../config';
import { threadSnapshots } from '../adapters/mongo/threads.repository';
import { threadModel } from '../adapters/mongo/threads.schema';
import { InboxProjector } from './inbox.projector';
import { InboxStore } from './inbox.store';

/**
 * `npm run inbox:rebuild [workspaceId]`: rebuilds the inbox read model (rows and their Redis series)
 * from the `threads` collection, e.g. after Redis lost its data. Safe while the service runs: a row is
 * only ever replaced by the same or a newer snapshot. Reads the service's own environment.
 */
async function main() {
  const config = loadConfig(ConversationsConfig);
  const connection = await mongoose.createConnection(config.MONGODB_URL, { ...MONGOOSE_CONNECT_OPTIONS, dbName: config.MONGODB_DATABASE }).asPromise();
  const mongo = { db: connection.getClient().db(config.MONGODB_DATABASE) };
  const redis = connectRedis(config.REDIS_URL);
  try {
    const projector = new InboxProjector({} as ConsumerRegistry, new InboxStore(mongo, redis), { snapshots: (workspaceId) => threadSnapshots(threadModel(connection), workspaceId) });
    const started = Date.now();
    const count = await projector.rebuild(process.argv[2]);
    process.stdout.write(`rebuilt the inbox rows of ${count} threads in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await redis.close();
    await connection.close();
  }
}

main().catch((error) => {
  process.stderr.write(`inbox rebuild failed: ${(error as Error).message}\n`);
  process.exit(1);
});
