import { INestApplication } from '@nestjs/common';
import { connectElasticsearch, createLogger, ElasticsearchHandle, loadConfig } from '@omnibox/platform';
import { bearer, eventually, sharedEngineUrls, startPrivateEngine, TestEngine, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { startSearch } from '../../services/search/src/app';
import { SearchConfig } from '../../services/search/src/config';
import { rebuildSearchIndexes } from '../../services/search/src/rebuild-main';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';

/**
 * The index lifecycle of issue #6: Elasticsearch stopped while messages arrive, the search service
 * stopped while they arrive, and a rebuild that switches the aliases while searches keep answering.
 * Elasticsearch is a private one here, since this file kills it.
 */
describe('search index lifecycle: outages lose nothing, a rebuild switches with no downtime', () => {
  let elasticsearch: TestEngine & { dispose(): Promise<void> };
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let provider: FakeProvider;
  let owner: string;
  let channel: { id: string; secret: string };
  let search: INestApplication | undefined;
  const prefix = uniqueName('lc');
  const as = bearer;
  const hits = async (q: string) => {
    const res = await api.get('/v1/search/messages').query({ q, limit: 200 }).set(as(owner));
    return res.status === 200 ? (res.body.items as Array<{ id: string; snippet: string }>) : null;
  };
  const send = async (externalId: string, text: string, firstName = 'Lars') =>
    expect(await postProviderEvent(platform.gatewayUrl, channel, incomingText(externalId, text, { firstName }))).toBe(202);
  /** Starts the search service again on the ports the platform gave it, with `env` over the platform's settings. */
  const startSearchAgain = async (env: Record<string, string> = {}) => {
    const httpPort = Number(new URL(platform.services.search!.url).port);
    const grpcPort = Number(platform.env.SEARCH_GRPC_URL.split(':')[1]);
    search = await startSearch(loadConfig(SearchConfig, { ...platform.env, HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort), ...env }));
  };

  beforeAll(async () => {
    elasticsearch = await startPrivateEngine('elasticsearch');
    provider = await new FakeProvider().start();
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL, ELASTICSEARCH_URL: elasticsearch.url },
      ['contacts', 'conversations', 'search', 'gateway'],
      undefined,
      { ES_INDEX_PREFIX: prefix },
    );
    api = request(platform.gatewayUrl);
    const workspace = await api.post('/v1/workspaces').send({ name: 'Lifecycle Co', owner: { firstName: 'Lea', email: `lea.${prefix}@example.com`, password: 'owner-password-1' } });
    owner = workspace.body.token;
    channel = (await api.post('/v1/channels').set(as(owner)).send({ type: 'whatsapp', name: 'WA', config: { outboundUrl: `${provider.url}/send` } })).body;
    await send('lc-1', 'first ocelot message');
    await eventually(async () => (await hits('ocelot'))?.length === 1, 'the first message searchable', 60000, 250);
  }, 180000);

  afterAll(async () => {
    await search?.close();
    await platform?.stop();
    await provider?.stop();
    await elasticsearch?.dispose();
  });

  it('Elasticsearch stopped while messages arrive: every one is searchable after it returns', async () => {
    await elasticsearch.kill();
    for (let i = 0; i < 30; i++) await send(`lc-${i % 3}`, `outage walrus number ${i}`);
    // While it is down, search says so (503 naming it) rather than answering wrongly.
    const down = await api.get('/v1/search/messages').query({ q: 'walrus' }).set(as(owner));
    expect(down.status).toBe(503);
    expect(JSON.stringify(down.body)).toContain('elasticsearch');
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the indexer holds its batch and retries meanwhile
    await elasticsearch.start();
    const found = await eventually(async () => {
      const page = await hits('walrus');
      return page && page.length === 30 ? page : null;
    }, 'all 30 messages searchable after the outage', 60000, 250);
    expect(new Set(found.map((hit) => hit.snippet))).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `outage walrus number ${i}`)));
  }, 120000);

  it('the search service stopped while messages arrive: it resumes where it was and misses none', async () => {
    await platform.services.search!.app.close();
    for (let i = 0; i < 10; i++) await send('lc-1', `restart narwhal number ${i}`);
    await startSearchAgain();
    const found = await eventually(async () => {
      const page = await hits('narwhal');
      return page && page.length === 10 ? page : null;
    }, 'all 10 messages searchable after the restart', 30000, 250);
    expect(found).toHaveLength(10);
  }, 60000);

  it('with a long INDEX_BATCH_INTERVAL_MS, a message after a quiet spell is still searchable at once, and the one right behind it follows', async () => {
    const restartSearch = async (env: Record<string, string>) => {
      await (search ?? platform.services.search!.app).close(); // the one the test before restarted, if it ran
      await startSearchAgain(env);
    };
    await restartSearch({ INDEX_BATCH_INTERVAL_MS: '3000' });
    try {
      // The contact and its thread first, so that later messages are announced by one write each.
      await send('lc-after-quiet', 'before the quiet spell pangolin', 'Quinn');
      await eventually(async () => (await hits('pangolin'))?.length === 1, 'the message before the quiet spell searchable', 30000, 100);
      // The quiet spell: two intervals, so a round for anything that trailed that message is over too.
      await new Promise((resolve) => setTimeout(resolve, 6500));
      const sentAt = Date.now();
      await send('lc-after-quiet', 'after the quiet spell quokka', 'Quinn');
      await send('lc-after-quiet', 'right behind it quokka', 'Quinn');
      await eventually(async () => (await hits('after the quiet spell quokka'))?.some((hit) => hit.snippet.includes('after the quiet spell')), 'the first message after the quiet spell searchable', 30000, 100);
      expect(Date.now() - sentAt).toBeLessThan(2000); // not the 3 s interval
      const both = await eventually(async () => {
        const page = await hits('quokka');
        return page && page.length === 2 ? page : null;
      }, 'the message right behind it searchable in the next round', 30000, 100);
      expect(new Set(both.map((hit) => hit.snippet))).toEqual(new Set(['after the quiet spell quokka', 'right behind it quokka']));
    } finally {
      await restartSearch({});
    }
  }, 90000);

  describe('rebuild', () => {
    let es: ElasticsearchHandle;

    beforeAll(() => {
      es = connectElasticsearch(elasticsearch.url);
    });
    afterAll(async () => {
      await es?.close();
    });

    it('a rebuild replays the events into fresh indexes and switches the aliases while searches keep answering', async () => {
      const aliases = { contacts: `${prefix}-contacts`, messages: `${prefix}-messages` };
      const before = Object.keys(await es.client.indices.getAlias({ name: aliases.messages }));
      const expected = (await hits('walrus'))!.length;
      let searching = true;
      const answers: number[] = [];
      const loop = (async () => {
        while (searching) {
          const page = await hits('walrus');
          answers.push(page ? page.length : -1);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      // The rebuild command, with the service's own environment (its index prefix) and small batches.
      const config = loadConfig(SearchConfig, { ...platform.env, INDEX_BATCH_SIZE: '50' });
      const report = await rebuildSearchIndexes(config, { logger: createLogger('rebuild-test', 'silent') });
      searching = false;
      await loop;

      expect(report.events).toBeGreaterThan(40);
      const after = Object.keys(await es.client.indices.getAlias({ name: aliases.messages }));
      expect(after).toEqual([report.indexes.messages]);
      expect(after).not.toEqual(before);
      expect(await es.client.indices.exists({ index: before[0] })).toBe(false);
      // No downtime: every search during the rebuild answered, with everything in it.
      expect(answers.length).toBeGreaterThan(3);
      expect(answers.every((count) => count === expected)).toBe(true);
      // The running service writes through the alias, so new messages land in the new indexes.
      await send('lc-2', 'after rebuild walrus');
      await eventually(async () => (await hits('walrus'))?.length === expected + 1, 'a new message searchable after the switch', 20000);
      const contacts = await api.get('/v1/search/contacts').query({ q: 'lars' }).set(as(owner));
      expect(contacts.body.items.length).toBe(3);
    }, 120000);
  });
});
