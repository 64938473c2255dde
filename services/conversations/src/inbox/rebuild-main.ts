import 'reflect-metadata';
import type { ConsumerRegistry } from '@omnibox/messaging';
import { connectMongo, connectRedis, loadConfig } from '@omnibox/platform';
import { ConversationsConfig } from '../config';
import { ConversationsStore } from '../conversations/conversations.store';
import { InboxProjector } from './inbox.projector';
import { InboxStore } from './inbox.store';

/**
 * `npm run inbox:rebuild [workspaceId]`: rebuilds the inbox read model (rows and their Redis series)
 * from the `threads` collection, e.g. after Redis lost its data. Safe while the service runs: a row is
 * only ever replaced by the same or a newer snapshot. Reads the service's own environment.
 */
async function main() {
  const config = loadConfig(ConversationsConfig);
  const mongo = connectMongo(config.MONGODB_URL, config.MONGODB_DATABASE);
  const redis = connectRedis(config.REDIS_URL);
  try {
    const projector = new InboxProjector({} as ConsumerRegistry, new InboxStore(mongo, redis), new ConversationsStore(mongo));
    const started = Date.now();
    const count = await projector.rebuild(process.argv[2]);
    process.stdout.write(`rebuilt the inbox rows of ${count} threads in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await redis.close();
    await mongo.close();
  }
}

main().catch((error) => {
  process.stderr.write(`inbox rebuild failed: ${(error as Error).message}\n`);
  process.exit(1);
});
