import { Module } from '@nestjs/common';
import { CONFIG, ELASTICSEARCH, ElasticsearchHandle } from '@omnibox/platform';
import { INDEX_ADMIN } from '../../application/ports';
import type { SearchConfig } from '../../config';
import { IndexManager } from './index-manager';

/** The indexes of this service's ES_INDEX_PREFIX (their aliases), shared by indexing and searching. */
@Module({
  providers: [{ provide: INDEX_ADMIN, inject: [ELASTICSEARCH, CONFIG], useFactory: (es: ElasticsearchHandle, config: SearchConfig) => new IndexManager(es.client, config.ES_INDEX_PREFIX) }],
  exports: [INDEX_ADMIN],
})
export class IndexesModule {}
