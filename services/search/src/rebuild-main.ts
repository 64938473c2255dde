import 'reflect-metadata';
import { EventBus } from '@omnibox/messaging';
import { connectElasticsearch, connectNats, createLogger, loadConfig } from '@omnibox/platform';
import type { Logger } from 'pino';
import { ElasticsearchIndexWriter } from './adapters/elasticsearch/index-writer';
import { IndexManager } from './adapters/elasticsearch/index-manager';
import { NatsEventLog } from './adapters/nats/event-log';
import { RebuildIndexes, RebuildReport } from './application/rebuild-indexes';
import { SearchConfig } from './config';

/**
 * The rebuild command (`npm run search:rebuild`): rebuilds the search indexes from the event stream
 * into fresh indexes and switches the aliases atomically, while the search service keeps serving
 * (README.md). Reads the service's own environment (ELASTICSEARCH_URL, NATS_URL, EVENT_STREAM,
 * ES_INDEX_PREFIX, INDEX_BATCH_SIZE, …).
 */
export async function rebuildSearchIndexes(config: SearchConfig, options: { keepPrevious?: boolean; logger?: Logger } = {}): Promise<RebuildReport> {
  const logger = options.logger ?? createLogger('search-rebuild', config.LOG_LEVEL);
  const elasticsearch = connectElasticsearch(config.ELASTICSEARCH_URL);
  const nats = await connectNats(config.NATS_URL, 'search-rebuild');
  try {
    const bus = new EventBus(nats.connection, { stream: config.EVENT_STREAM, subjectPrefix: config.EVENT_SUBJECT_PREFIX });
    await bus.ensureStreams();
    const rebuild = new RebuildIndexes(
      new IndexManager(elasticsearch.client, config.ES_INDEX_PREFIX),
      new NatsEventLog(bus),
      (indexes) => new ElasticsearchIndexWriter(elasticsearch.client, indexes, logger),
      logger,
      config.INDEX_BATCH_SIZE,
    );
    return await rebuild.execute({ keepPrevious: options.keepPrevious });
  } finally {
    await nats.close();
    await elasticsearch.close();
  }
}

async function main() {
  const report = await rebuildSearchIndexes(loadConfig(SearchConfig), { keepPrevious: process.argv.includes('--keep-previous') });
  process.stdout.write(`rebuilt ${Object.values(report.indexes).join(', ')} from ${report.events} events in ${report.seconds.toFixed(1)} s; aliases switched from ${Object.values(report.previous).join(', ')}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`search rebuild failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
