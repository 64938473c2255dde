import { ServiceConfig, WithElasticsearch, WithRedis, WithServicePorts } from '@omnibox/platform';

/** Environment of the search service; see README.md for each variable. */
export class SearchConfig extends WithServicePorts(WithRedis(WithElasticsearch(ServiceConfig))) {
  override HTTP_PORT = 3103;
  override GRPC_PORT = 50053;
}
