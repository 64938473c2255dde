import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceConfig, WithElasticsearch, WithRedis, WithServicePorts } from '@omnibox/platform';

/** Environment of the search service; see README.md for each variable. */
export class SearchConfig extends WithServicePorts(WithRedis(WithElasticsearch(ServiceConfig))) {
  override HTTP_PORT = 3103;
  override GRPC_PORT = 50053;

  /** First part of every index, alias and template name, e.g. `omnibox` → alias `omnibox-contacts`. */
  @Matches(/^[a-z][a-z0-9_-]{0,40}$/, { message: 'must be lower case letters, digits, _ and - (an Elasticsearch index name)' })
  ES_INDEX_PREFIX = 'omnibox';

  /** Events applied per round of bulk requests. */
  @IsInt()
  @Min(1)
  @Max(5000)
  INDEX_BATCH_SIZE: number = 1000;

  /** While events keep coming, one round of bulk requests per this many milliseconds (0: back to back). */
  @IsInt()
  @Min(0)
  @Max(10_000)
  INDEX_BATCH_INTERVAL_MS: number = 250;

  /** Durable JetStream consumer that feeds the indexes (keeps its position while the service is down). */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be letters, digits, _ and -' })
  INDEX_CONSUMER = 'search-indexer';
}
