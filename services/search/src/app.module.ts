import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { ELASTICSEARCH, ElasticsearchHandle, PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { SearchConfig } from './config';
import { IndexManager } from './indexes/index-manager';
import { IndexingService } from './indexing/indexing.service';
import { SEARCH_INDEXES } from './indexing/search-indexes';
import { RecentSearches } from './search/recent-searches';
import { SearchGrpcController } from './search/search.grpc';
import { SearchService } from './search/search.service';

/** The search service: the Elasticsearch indexes of contacts, messages and comments, and recent searches. */
@Module({})
export class SearchModule {
  static forRoot(config: SearchConfig): DynamicModule {
    return {
      module: SearchModule,
      imports: [
        PlatformModule.forRoot({
          service: 'search',
          config,
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
          elasticsearch: { url: config.ELASTICSEARCH_URL },
        }),
        MessagingModule.forRoot(),
      ],
      controllers: [GrpcHealthController, SearchGrpcController],
      providers: [
        { provide: SEARCH_INDEXES, inject: [ELASTICSEARCH], useFactory: (es: ElasticsearchHandle) => new IndexManager(es.client, config.ES_INDEX_PREFIX) },
        IndexingService,
        RecentSearches,
        SearchService,
      ],
    };
  }
}
