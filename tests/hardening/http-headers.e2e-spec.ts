import { sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18: CORS for allow-listed browser apps, security headers, 405 with Allow, no caching of answers. */
describe('HTTP headers of the gateway', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  const tag = uniqueName('hh');

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['gateway'], undefined, {
      CORS_ORIGINS: 'https://app.example.com, https://inbox.example.org',
    });
    api = request(platform.gatewayUrl);
  });
  afterAll(() => platform?.stop());

  it('CORS: an allow-listed browser origin may call the API (preflight included); another origin gets no CORS grant', async () => {
    const preflight = await api.options('/v1/auth/login').set('Origin', 'https://app.example.com').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    const foreign = await api.options('/v1/auth/login').set('Origin', 'https://evil.example.net').set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await api.get('/v1/me').set('Origin', 'https://inbox.example.org');
    expect(simple.headers['access-control-allow-origin']).toBe('https://inbox.example.org');
    expect(simple.headers['access-control-expose-headers']).toContain('X-Correlation-Id');
  });

  it('security headers are on every answer, and answers carrying tokens are never cached', async () => {
    const created = await api.post('/v1/workspaces').send({ name: 'Headers Co', owner: { firstName: 'Hal', email: `hal.${tag}@example.com`, password: 'hal-password-1' } });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.headers['x-content-type-options']).toBe('nosniff');
    expect(created.headers['strict-transport-security']).toBeDefined();
    expect(created.headers['content-security-policy']).toContain("default-src 'self'");
    expect(created.headers['x-powered-by']).toBeUndefined();
    const login = await api.post('/v1/auth/login').send({ email: `hal.${tag}@example.com`, password: 'hal-password-1' });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('a wrong method on a known path is 405 naming the allowed methods; an unknown path stays 404', async () => {
    const wrong = await api.delete('/v1/auth/login');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(wrong.body.error.code).toBe('method_not_allowed');
    const patchWorkspace = await api.put('/v1/workspaces');
    expect(patchWorkspace.status).toBe(405);
    expect((await api.get('/v1/nothing-here')).status).toBe(404);
  });
});
