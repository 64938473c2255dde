import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { createLogger, loadConfig, NestPinoLogger, PlatformModule } from '@omnibox/platform';
import { THREAD_MODEL, ThreadSchema } from '../adapters/mongo/threads.schema';
import { ConversationsConfig } from '../config';
import { THREAD_SNAPSHOTS } from './application/ports';
import { RebuildReadModel } from './application/rebuild-read-model';
import { StoredThreadSnapshots } from './adapters/threads/thread-snapshots';
import { INBOX_MODELS, INBOX_STORAGE } from './inbox.module';

/**
 * `npm run inbox:rebuild [workspaceId]`: rebuilds the inbox read model (rows, series and open counts in
 * Redis) from the `threads` collection and the durable contact attributes, e.g. after Redis lost its
 * data. Safe while the service runs: a row or a count only ever moves to the same or a newer snapshot.
 * Reads the service's own environment; index syncing is left to the service (it syncs at start).
 */
async function main() {
  const config = loadConfig(ConversationsConfig);

  @Module({
    imports: [PlatformModule.forRoot({ service: 'conversations-inbox-rebuild', config, mongo: { url: config.MONGODB_URL, database: config.MONGODB_DATABASE, syncIndexes: false }, redis: { url: config.REDIS_URL } }), INBOX_MODELS, MongooseModule.forFeature([{ name: THREAD_MODEL, schema: ThreadSchema }])],
    providers: [...INBOX_STORAGE, { provide: THREAD_SNAPSHOTS, useClass: StoredThreadSnapshots }, RebuildReadModel],
  })
  class InboxRebuildModule {}

  const app = await NestFactory.createApplicationContext(InboxRebuildModule, { logger: new NestPinoLogger(createLogger('conversations-inbox-rebuild', config.LOG_LEVEL)) });
  try {
    const started = Date.now();
    const count = await app.get(RebuildReadModel).execute(process.argv[2]);
    process.stdout.write(`rebuilt the inbox rows of ${count} threads in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`inbox rebuild failed: ${(error as Error).message}\n`);
  process.exit(1);
});
