import { bearer, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18: what `npm run test:fuzz` (Schemathesis) found, each answered as the OpenAPI document says. */
describe('answers the fuzzer found undocumented', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let owner: string;
  const tag = uniqueName('fz');

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['gateway']);
    api = request(platform.gatewayUrl);
    owner = (await api.post('/v1/workspaces').send({ name: 'Fuzz Co', owner: { firstName: 'Fay', email: `fay.${tag}@example.com`, password: 'fay-password-1' } })).body.token;
  });
  afterAll(() => platform?.stop());

  it('renaming a team to a name another team has is 409 team_name_taken, not 500', async () => {
    await api.post('/v1/teams').set(bearer(owner)).send({ name: 'Sales', memberIds: [] }).expect(201);
    const support = (await api.post('/v1/teams').set(bearer(owner)).send({ name: 'Support', memberIds: [] }).expect(201)).body.id;
    const renamed = await api.patch(`/v1/teams/${support}`).set(bearer(owner)).send({ name: 'sales', memberIds: [] });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'team_name_taken', details: { field: 'name' } });
  });

  it('a JSON array where a request body object is expected is 400 naming the body, not 500', async () => {
    const patched = await api.patch('/v1/custom-inboxes/6b0d82bd9a786db297e07689').set(bearer(owner)).send([]);
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'body' } });
  });

  it('an API token named with spaces only is 400 naming name, not 500', async () => {
    const created = await api.post('/v1/api-tokens').set(bearer(owner)).send({ name: '   ' });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'name' } });
  });

  it('a user edit with a null password is 400 naming password, not 500', async () => {
    const me = (await api.get('/v1/me').set(bearer(owner)).expect(200)).body.id;
    const edited = await api.patch(`/v1/users/${me}`).set(bearer(owner)).send({ firstName: 'Fay', password: null });
    expect(edited.status).toBe(400);
    expect(edited.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'password' } });
  });

  it('a team edit with a null name is 400 naming name, not 500', async () => {
    const team = (await api.post('/v1/teams').set(bearer(owner)).send({ name: 'Nulls', memberIds: [] }).expect(201)).body.id;
    const edited = await api.patch(`/v1/teams/${team}`).set(bearer(owner)).send({ name: null, memberIds: [] });
    expect(edited.status).toBe(400);
    expect(edited.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'name' } });
  });

  it('a user edit with a null canViewBlocked is 400 naming canViewBlocked, and the user still has a true or false', async () => {
    const member = (await api.post('/v1/users').set(bearer(owner)).send({ firstName: 'Mel', email: `mel.${tag}@example.com`, password: 'mel-password-1', role: 'agent' }).expect(201)).body.id;
    const edited = await api.patch(`/v1/users/${member}`).set(bearer(owner)).send({ firstName: 'Mel', canViewBlocked: null });
    expect(edited.status).toBe(400);
    expect(edited.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'canViewBlocked' } });
    const listed = (await api.get('/v1/users').set(bearer(owner)).expect(200)).body.items;
    expect(listed.find((user: { id: string }) => user.id === member)).toMatchObject({ canViewBlocked: true });
  });

  it('a team, a user or a workspace named with a tab only is 400 naming the name, not 500', async () => {
    const team = await api.post('/v1/teams').set(bearer(owner)).send({ name: '\t', memberIds: [] });
    expect(team.status).toBe(400);
    expect(team.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'name' } });
    const user = await api.post('/v1/users').set(bearer(owner)).send({ firstName: ' \t', email: `tab.${tag}@example.com`, password: 'tab-password-1', role: 'agent' });
    expect(user.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'firstName' } });
    const workspace = await api.post('/v1/workspaces').send({ name: '\n', owner: { firstName: 'Tab', email: `tab.owner.${tag}@example.com`, password: 'tab-password-1' } });
    expect(workspace.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'name' } });
  });

  it('a plain GET of the realtime socket is 426 with Upgrade: websocket, not 404', async () => {
    const plain = await api.get('/v1/realtime').set(bearer(owner));
    expect(plain.status).toBe(426);
    expect(plain.headers.upgrade).toBe('websocket');
    expect(plain.body.error.code).toBe('upgrade_required');
  });

  it('the OpenAPI document is served as OpenAPI 3.1, with sign-up and log-in public', async () => {
    const document = (await api.get('/v1/openapi.json').expect(200)).body;
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/v1/workspaces'].post.security).toEqual([]);
    expect(document.paths['/v1/auth/login'].post.security).toEqual([]);
  });
});
