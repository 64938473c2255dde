import { Module } from '@nestjs/common';
import { IndexesModule } from './adapters/elasticsearch/indexes.module';
import { ElasticsearchSearchIndex } from './adapters/elasticsearch/search-index';
import { SearchGrpcController } from './adapters/grpc/search.controller';
import { RedisRecentSearches } from './adapters/redis/recent-searches.store';
import { RECENT_SEARCHES, SEARCH_INDEX } from './application/ports';
import { RecentSearches } from './application/recent-searches';
import { SearchContacts } from './application/search-contacts';
import { SearchInThread } from './application/search-in-thread';
import { SearchMessages } from './application/search-messages';

/** Searching (SRH-1…9): contacts, messages and comments, inside one thread, and recent searches. */
@Module({
  imports: [IndexesModule],
  controllers: [SearchGrpcController],
  providers: [
    SearchContacts,
    SearchMessages,
    SearchInThread,
    RecentSearches,
    { provide: SEARCH_INDEX, useClass: ElasticsearchSearchIndex },
    { provide: RECENT_SEARCHES, useClass: RedisRecentSearches },
  ],
})
export class SearchModule {}
