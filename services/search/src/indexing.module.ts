import { Module } from '@nestjs/common';
import { ELASTICSEARCH, ElasticsearchHandle, getLogger } from '@omnibox/platform';
import { ElasticsearchIndexWriter } from './adapters/elasticsearch/index-writer';
import { IndexesModule } from './adapters/elasticsearch/indexes.module';
import { SearchIndexer } from './adapters/nats/search-indexer';
import { IndexEvents } from './application/index-events';
import { INDEX_ADMIN, IndexAdmin } from './application/ports';

/** Indexing: the durable consumer that builds the indexes from contact and conversation events. */
@Module({
  imports: [IndexesModule],
  providers: [
    {
      provide: IndexEvents,
      inject: [ELASTICSEARCH, INDEX_ADMIN],
      // Writes go through the aliases, so after a rebuild switched them the next batch lands in the new indexes.
      useFactory: (es: ElasticsearchHandle, indexes: IndexAdmin) => new IndexEvents(new ElasticsearchIndexWriter(es.client, indexes.aliases, getLogger())),
    },
    SearchIndexer,
  ],
})
export class IndexingModule {}
