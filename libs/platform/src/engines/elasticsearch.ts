import { Client } from '@elastic/elasticsearch';
import { DependencyCheck } from '../health/health';

export interface ElasticsearchHandle {
  client: Client;
  health: DependencyCheck;
  close(): Promise<void>;
}

export function connectElasticsearch(url: string): ElasticsearchHandle {
  const client = new Client({ node: url, requestTimeout: 10_000, maxRetries: 2 });
  return {
    client,
    health: {
      name: 'elasticsearch',
      check: async () => {
        const alive = await client.ping({}, { requestTimeout: 1500, maxRetries: 0 });
        if (!alive) throw new Error('elasticsearch did not answer the ping');
      },
    },
    close: () => client.close(),
  };
}
