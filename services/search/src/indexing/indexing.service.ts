import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@omnibox/messaging';
import { CONFIG, ELASTICSEARCH, ElasticsearchHandle, getLogger } from '@omnibox/platform';
import type { SearchConfig } from '../config';
import { Indexer } from './indexer';
import { IndexingConsumer } from './indexing-consumer';
import { SEARCH_INDEXES, SearchIndexes } from './search-indexes';

/** Starts the indexing consumer once the service is up, and drains it before the engines close. */
@Injectable()
export class IndexingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly consumer: IndexingConsumer;

  constructor(
    bus: EventBus,
    @Inject(ELASTICSEARCH) elasticsearch: ElasticsearchHandle,
    @Inject(SEARCH_INDEXES) indexes: SearchIndexes,
    @Inject(CONFIG) config: SearchConfig,
  ) {
    const logger = getLogger();
    this.consumer = new IndexingConsumer(
      bus,
      {
        durable: config.INDEX_CONSUMER,
        batchSize: config.INDEX_BATCH_SIZE,
        // Writes go through the aliases, so after a rebuild switched them the next batch lands in the new indexes.
        indexer: new Indexer(elasticsearch.client, indexes.aliases, logger),
        prepare: () => indexes.ensure(),
      },
      logger,
    );
  }

  async onApplicationBootstrap() {
    await this.consumer.start();
  }

  async beforeApplicationShutdown() {
    await this.consumer.stop();
  }
}
