import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@omnibox/messaging';
import { CONFIG, getLogger } from '@omnibox/platform';
import { IndexEvents } from '../../application/index-events';
import { INDEX_ADMIN, IndexAdmin } from '../../application/ports';
import type { SearchConfig } from '../../config';
import { IndexingConsumer } from './indexing-consumer';

/**
 * The durable consumer `search-indexer` (INDEX_CONSUMER) that keeps the indexes current: started once
 * the service is up, drained before the engines close.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: IndexingConsumer;

  constructor(bus: EventBus, indexEvents: IndexEvents, @Inject(INDEX_ADMIN) indexes: IndexAdmin, @Inject(CONFIG) config: SearchConfig) {
    this.consumer = new IndexingConsumer(
      bus,
      { durable: config.INDEX_CONSUMER, batchSize: config.INDEX_BATCH_SIZE, batchIntervalMs: config.INDEX_BATCH_INTERVAL_MS, indexEvents, prepare: () => indexes.ensure() },
      getLogger(),
    );
  }

  async onApplicationBootstrap() {
    await this.consumer.start();
  }

  async beforeApplicationShutdown() {
    await this.consumer.stop();
  }
}
