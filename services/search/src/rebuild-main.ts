import 'reflect-metadata';
import { EventBus } from '@omnibox/messaging';
import { connectElasticsearch, connectNats, createLogger, loadConfig } from '@omnibox/platform';
import { SearchConfig } from './config';
import { rebuildIndexes } from './indexing/rebuild';

/**
 * `npm run search:rebuild`: rebuilds the search indexes from the event stream into fresh indexes and
 * switches the aliases atomically, while the search service keeps serving (README.md). Reads the
 * service's own environment (ELASTICSEARCH_URL, NATS_URL, EVENT_STREAM, ES_INDEX_PREFIX, …).
 */
async function main() {
  const config = loadConfig(SearchConfig);
  const logger = createLogger('search-rebuild', config.LOG_LEVEL);
  const elasticsearch = connectElasticsearch(config.ELASTICSEARCH_URL);
  const nats = await connectNats(config.NATS_URL, 'search-rebuild');
  try {
    const bus = new EventBus(nats.connection, { stream: config.EVENT_STREAM, subjectPrefix: config.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    const report = await rebuildIndexes({ client: elasticsearch.client, bus, prefix: config.ES_INDEX_PREFIX, logger, batchSize: config.INDEX_BATCH_SIZE, keepPrevious: process.argv.includes('--keep-previous') });
    process.stdout.write(`rebuilt ${Object.values(report.indexes).join(', ')} from ${report.events} events in ${report.seconds.toFixed(1)} s; aliases switched from ${Object.values(report.previous).join(', ')}\n`);
  } finally {
    await nats.close();
    await elasticsearch.close();
  }
}

main().catch((error) => {
  process.stderr.write(`search rebuild failed: ${(error as Error).message}\n`);
  process.exit(1);
});
