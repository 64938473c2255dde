import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@omnibox/messaging';
import { PlatformModule } from '@omnibox/platform';
import { GrpcHealthController } from '@omnibox/rpc';
import { SearchConfig } from './config';
import { IndexingModule } from './indexing.module';
import { SearchModule } from './search.module';

/** The search service: the Elasticsearch indexes of contacts, messages and comments, and recent searches. */
@Module({})
export class SearchAppModule {
  static forRoot(config: SearchConfig): DynamicModule {
    return {
      module: SearchAppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'search',
          config,
          redis: { url: config.REDIS_URL },
          nats: { url: config.NATS_URL },
          elasticsearch: { url: config.ELASTICSEARCH_URL },
        }),
        MessagingModule.forRoot(),
        IndexingModule,
        SearchModule,
      ],
      controllers: [GrpcHealthController],
    };
  }
}
