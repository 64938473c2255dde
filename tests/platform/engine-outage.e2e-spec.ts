import { startPrivateEngine, TestEngine } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, ServiceName, startPlatform } from '../support/platform';

type EngineName = 'nats' | 'redis' | 'mongodb' | 'elasticsearch';

/** Which engines each service needs (its README says the same). */
const USES: Record<ServiceName, EngineName[]> = {
  gateway: ['mongodb', 'redis', 'nats'],
  search: ['elasticsearch', 'redis', 'nats'],
  conversations: ['mongodb', 'redis', 'nats'],
  contacts: ['mongodb', 'nats'],
  calls: ['mongodb', 'redis', 'nats'],
  notifications: ['mongodb', 'redis', 'nats'],
};
const SERVICES = Object.keys(USES) as Array<keyof typeof USES>;

async function readiness(platform: RunningPlatform) {
  const answers = await Promise.all(
    SERVICES.map(async (name) => {
      const res = await request(platform.services[name]!.url).get('/health/ready');
      return [name, res] as const;
    }),
  );
  return Object.fromEntries(answers);
}

async function waitFor(platform: RunningPlatform, check: (states: Awaited<ReturnType<typeof readiness>>) => boolean, what: string, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof readiness>> | undefined;
  while (Date.now() < deadline) {
    last = await readiness(platform);
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const summary = last && Object.fromEntries(Object.entries(last).map(([name, res]) => [name, `${res.status} ${JSON.stringify(res.body)}`]));
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(summary, null, 2)}`);
}

describe('readiness follows the engines: a killed engine turns its users to 503 naming it, a restart brings them back', () => {
  const engines = {} as Record<EngineName, TestEngine & { dispose(): Promise<void> }>;
  let platform: RunningPlatform;

  beforeAll(async () => {
    engines.nats = await startPrivateEngine('nats');
    engines.redis = await startPrivateEngine('redis');
    engines.mongodb = await startPrivateEngine('mongodb');
    engines.elasticsearch = await startPrivateEngine('elasticsearch');
    platform = await startPlatform(
      { NATS_URL: engines.nats.url, REDIS_URL: engines.redis.url, MONGODB_URL: engines.mongodb.url, ELASTICSEARCH_URL: engines.elasticsearch.url },
      SERVICES,
    );
  }, 120000);

  afterAll(async () => {
    await platform?.stop();
    await Promise.all(Object.values(engines).map((engine) => engine.dispose()));
  });

  it('every service is ready while its engines answer', async () => {
    await waitFor(platform, (states) => Object.values(states).every((res) => res.status === 200), 'all ready');
  });

  for (const engine of ['mongodb', 'redis', 'nats', 'elasticsearch'] as EngineName[]) {
    it(`killing ${engine} makes exactly the services that use it answer 503 naming it; restarting it heals them`, async () => {
      await engines[engine].kill();
      const users = SERVICES.filter((name) => USES[name].includes(engine));
      const others = SERVICES.filter((name) => !USES[name].includes(engine));
      const down = await waitFor(platform, (states) => users.every((name) => states[name].status === 503), `${engine} reported down`);
      for (const name of users) {
        expect(down[name].body.error).toMatchObject({ code: 'dependency_unavailable', details: { down: [engine] } });
        expect(down[name].body.error.message).toContain(engine);
      }
      for (const name of others) expect(down[name].status).toBe(200);

      await engines[engine].start(); // same port and data; the services are not restarted
      await waitFor(platform, (states) => Object.values(states).every((res) => res.status === 200), `recovery after ${engine} restart`, 60000);
    }, 120000);
  }

  it('after the outages the gateway still serves requests end to end', async () => {
    const res = await request(platform.gatewayUrl)
      .post('/v1/workspaces')
      .send({ name: 'After outage', owner: { firstName: 'Rae', email: `rae.${Date.now()}@example.com`, password: 'rae-password-1' } });
    expect(res.status).toBe(201);
  });
});
