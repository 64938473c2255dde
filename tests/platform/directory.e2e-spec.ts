import { EventEnvelope } from '@omnibox/contracts';
import { connectNats, createLogger, NatsHandle } from '@omnibox/platform';
import { EventBus, EventConsumer } from '@omnibox/messaging';
import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';

describe('workspace directory over the real gateway (API.md "Workspace and directory")', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  const tag = uniqueName('d');
  const email = (who: string) => `${who}.${tag}@example.com`;
  let ownerToken: string;
  let ownerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL });
    api = request(platform.gatewayUrl);
    const res = await api.post('/v1/workspaces').send({ name: 'Acme Support', owner: { firstName: 'Olivia', lastName: 'Owner', email: email('Olivia'), password: 'owner-password-1' } });
    expect(res.status).toBe(201);
    ownerToken = res.body.token;
    ownerId = res.body.user.id;
  });

  afterAll(() => platform?.stop());

  const as = bearer;

  async function addUser(token: string, body: Record<string, unknown>) {
    return api.post('/v1/users').set(as(token)).send({ password: 'a-long-password', ...body });
  }

  async function login(address: string, password: string) {
    const res = await api.post('/v1/auth/login').send({ email: address, password });
    return res.body.token as string;
  }

  it('creating a workspace answers 201 with the workspace, its owner and a token; no secret comes back', async () => {
    const res = await api.post('/v1/workspaces').send({ name: 'Other Co', owner: { firstName: 'Sam', email: email('sam'), password: 'sam-password-1' } });
    expect(res.status).toBe(201);
    expect(res.body.workspace).toEqual({ id: expect.any(String), name: 'Other Co' });
    expect(res.body.user).toEqual({ id: expect.any(String), firstName: 'Sam', lastName: '', email: email('sam'), role: 'owner', restriction: 'none', canViewBlocked: true });
    expect(typeof res.body.token).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
  });

  it('a missing field is a 400 naming it; malformed JSON and unknown fields are 400 too', async () => {
    const missing = await api.post('/v1/workspaces').send({ name: 'No Email', owner: { firstName: 'Nia', password: 'nia-password-1' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_input');
    expect(missing.body.error.details.field).toBe('owner.email');
    expect(missing.body.error.message).toContain('owner.email');

    const malformed = await api.post('/v1/workspaces').set('Content-Type', 'application/json').send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');

    const unknown = await api.post('/v1/auth/login').send({ email: email('Olivia'), password: 'x', admin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('admin');

    const noBody = await addUser(ownerToken, { firstName: 'Ann', role: 'agent' });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.details.field).toBe('email');
  });

  it('login works with any letter case of the e-mail; a wrong password is 401 and says nothing more', async () => {
    const ok = await api.post('/v1/auth/login').send({ email: email('Olivia').toUpperCase(), password: 'owner-password-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(ownerId);
    const wrong = await api.post('/v1/auth/login').send({ email: email('Olivia'), password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const unknown = await api.post('/v1/auth/login').send({ email: email('nobody'), password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('GET /v1/me needs a valid token (401 otherwise) and answers the caller', async () => {
    expect((await api.get('/v1/me')).status).toBe(401);
    expect((await api.get('/v1/me').set(as('not-a-token'))).status).toBe(401);
    const forged = ownerToken.slice(0, -2) + (ownerToken.endsWith('A') ? 'BB' : 'AA');
    expect((await api.get('/v1/me').set(as(forged))).status).toBe(401);
    const me = await api.get('/v1/me').set(as(ownerToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: ownerId, role: 'owner', email: email('olivia') });
  });

  it('owners and managers create users; a duplicate e-mail (any case) is 409', async () => {
    const manager = await addUser(ownerToken, { firstName: 'Max', email: email('max'), role: 'manager' });
    expect(manager.status).toBe(201);
    expect(manager.body).toMatchObject({ role: 'manager', restriction: 'none', canViewBlocked: true });
    const managerToken = await login(email('max'), 'a-long-password');
    const agent = await addUser(managerToken, { firstName: 'Ada', email: email('ada'), role: 'agent', restriction: 'self', canViewBlocked: false });
    expect(agent.status).toBe(201);
    expect(agent.body).toMatchObject({ role: 'agent', restriction: 'self', canViewBlocked: false });

    const duplicate = await addUser(ownerToken, { firstName: 'Ada2', email: email('ADA'), role: 'agent' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'email_taken', details: { field: 'email' } });
  });

  it('agents cannot manage users, teams or API tokens (403); managers cannot create owners (403)', async () => {
    await addUser(ownerToken, { firstName: 'Abe', email: email('abe'), role: 'agent' });
    const agentToken = await login(email('abe'), 'a-long-password');
    const team = await api.post('/v1/teams').set(as(agentToken)).send({ name: 'Agents Club', memberIds: [] });
    expect(team.status).toBe(403);
    expect(team.body.error.code).toBe('forbidden');
    expect((await addUser(agentToken, { firstName: 'X', email: email('x'), role: 'agent' })).status).toBe(403);
    expect((await api.post('/v1/api-tokens').set(as(agentToken)).send({ name: 'mine' })).status).toBe(403);
    expect((await api.get('/v1/users').set(as(agentToken))).status).toBe(200); // colleagues are listed for mentions

    await addUser(ownerToken, { firstName: 'Mia', email: email('mia'), role: 'manager' });
    const managerToken = await login(email('mia'), 'a-long-password');
    const owner = await addUser(managerToken, { firstName: 'Otto', email: email('otto'), role: 'owner' });
    expect(owner.status).toBe(403);
    const restrictedManager = await addUser(ownerToken, { firstName: 'Rex', email: email('rex'), role: 'manager', restriction: 'self' });
    expect(restrictedManager.status).toBe(400);
    expect(restrictedManager.body.error.details.field).toBe('restriction');
  });

  it('teams: members must belong to the workspace (400 naming the entry); names are unique (409); agents see their teams', async () => {
    const a = await addUser(ownerToken, { firstName: 'Tia', email: email('tia'), role: 'agent', restriction: 'team' });
    const created = await api.post('/v1/teams').set(as(ownerToken)).send({ name: 'Sales', memberIds: [a.body.id] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Sales', memberIds: [a.body.id] });

    const duplicate = await api.post('/v1/teams').set(as(ownerToken)).send({ name: 'SALES', memberIds: [] });
    expect(duplicate.status).toBe(409);

    const stranger = await api.post('/v1/teams').set(as(ownerToken)).send({ name: 'Support', memberIds: [a.body.id, '64b000000000000000000000'] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details.field).toBe('memberIds.1');

    const renamed = await api.patch(`/v1/teams/${created.body.id}`).set(as(ownerToken)).send({ name: 'Sales EMEA' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Sales EMEA');
    expect((await api.patch('/v1/teams/64b000000000000000000000').set(as(ownerToken)).send({ name: 'Ghost' })).status).toBe(404);

    const teams = await api.get('/v1/teams').set(as(ownerToken));
    expect(teams.body.items.map((t: { name: string }) => t.name)).toContain('Sales EMEA');
  });

  it('workspaces never see each other: another workspace’s user is 404 and never listed', async () => {
    const other = await api.post('/v1/workspaces').send({ name: 'Rival', owner: { firstName: 'Rita', email: email('rita'), password: 'rita-password-1' } });
    const ours = await api.get('/v1/users').set(as(ownerToken));
    expect(ours.body.items.map((u: { id: string }) => u.id)).not.toContain(other.body.user.id);
    const patch = await api.patch(`/v1/users/${other.body.user.id}`).set(as(ownerToken)).send({ firstName: 'Hacked' });
    expect(patch.status).toBe(404);
    const theirs = await api.get('/v1/users').set(as(other.body.token));
    expect(theirs.body.items).toHaveLength(1);
  });

  it('lists page with limit and cursor; a bad limit is 400 naming it', async () => {
    const first = await api.get('/v1/users?limit=2').set(as(ownerToken));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await api.get(`/v1/users?limit=2&cursor=${first.body.nextCursor}`).set(as(ownerToken));
    expect(second.body.items[0].id > first.body.items[1].id).toBe(true);
    const bad = await api.get('/v1/users?limit=500').set(as(ownerToken));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('limit');
  });

  it('a role change applies to the very next request of an already signed-in user (no stale cached caller)', async () => {
    const created = await addUser(ownerToken, { firstName: 'Pro', email: email('pro'), role: 'agent' });
    const token = await login(email('pro'), 'a-long-password');
    expect((await api.post('/v1/teams').set(as(token)).send({ name: 'Before', memberIds: [] })).status).toBe(403);
    expect((await api.post('/v1/teams').set(as(token)).send({ name: 'Before', memberIds: [] })).status).toBe(403);
    await api.patch(`/v1/users/${created.body.id}`).set(as(ownerToken)).send({ role: 'manager' }).expect(200);
    expect((await api.post('/v1/teams').set(as(token)).send({ name: 'After', memberIds: [] })).status).toBe(201);
    await api.patch(`/v1/users/${created.body.id}`).set(as(ownerToken)).send({ role: 'agent' }).expect(200);
    expect((await api.post('/v1/teams').set(as(token)).send({ name: 'Again', memberIds: [] })).status).toBe(403);
  });

  it('a password change ends older sessions; the last owner cannot be demoted (422)', async () => {
    await addUser(ownerToken, { firstName: 'Pat', email: email('pat'), role: 'agent' });
    const oldToken = await login(email('pat'), 'a-long-password');
    const changed = await api.patch(`/v1/users/${(await api.get('/v1/me').set(as(oldToken))).body.id}`).set(as(oldToken)).send({ password: 'a-new-long-password' });
    expect(changed.status).toBe(200);
    expect((await api.get('/v1/me').set(as(oldToken))).status).toBe(401);
    expect(await login(email('pat'), 'a-new-long-password')).toEqual(expect.any(String));

    const demote = await api.patch(`/v1/users/${ownerId}`).set(as(ownerToken)).send({ role: 'manager' });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe('last_owner');
  });

  it('API tokens act for the workspace but cannot manage the directory; a revoked token is 401', async () => {
    const created = await api.post('/v1/api-tokens').set(as(ownerToken)).send({ name: 'CRM sync' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'CRM sync', token: expect.stringMatching(/^oat_/) });
    const me = await api.get('/v1/me').set(as(created.body.token));
    expect(me.body).toMatchObject({ id: created.body.id, kind: 'api_token' });
    expect((await api.get('/v1/users').set(as(created.body.token))).status).toBe(200);
    expect((await addUser(created.body.token, { firstName: 'Bot', email: email('bot'), role: 'owner' })).status).toBe(403);
    const listed = await api.get('/v1/api-tokens').set(as(ownerToken));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await api.delete(`/v1/api-tokens/${created.body.id}`).set(as(ownerToken))).status).toBe(204);
    expect((await api.get('/v1/me').set(as(created.body.token))).status).toBe(401);
  });

  it('directory changes are published as events for other services, without secrets', async () => {
    const nats: NatsHandle = await connectNats(sharedEngineUrls.NATS_URL, 'directory-events-test');
    const bus = new EventBus(nats.connection, { stream: platform.env.EVENT_STREAM, subjectPrefix: platform.env.EVENT_SUBJECT_PREFIX });
    const received: EventEnvelope[] = [];
    const consumer = new EventConsumer(bus, { durable: uniqueName('dir'), filter: '*.directory.>', handle: async (e) => void received.push(e) }, createLogger('t', 'silent'));
    await consumer.start();
    try {
      const user = await addUser(ownerToken, { firstName: 'Eve', email: email('eve'), role: 'agent' });
      const team = await api.post('/v1/teams').set(as(ownerToken)).send({ name: 'Events', memberIds: [user.body.id] });
      await eventually(() => received.some((e) => e.type === 'directory.team.created' && e.aggregateId === team.body.id), 'team.created');
      const created = received.find((e) => e.type === 'directory.user.created' && e.aggregateId === user.body.id);
      expect(created).toMatchObject({ version: 1, workspaceId: expect.any(String), actor: { kind: 'user', id: ownerId }, data: { user: { email: email('eve'), role: 'agent' } } });
      expect(received.some((e) => e.type === 'directory.workspace.created')).toBe(true);
      expect(JSON.stringify(received)).not.toMatch(/passwordHash|scrypt|secretHash/);
    } finally {
      await consumer.stop();
      await nats.close();
    }
  });

  it('health: live and ready answer 200 while the engines are up', async () => {
    expect((await api.get('/health/live')).status).toBe(200);
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
    // The gateway keeps attachments' bytes (MSG-10): the object store is one of its engines too.
    expect(ready.body.checks).toEqual({ mongodb: 'up', redis: 'up', nats: 'up', 'object-storage': 'up' });
  });

  it('the whole API is published as OpenAPI', async () => {
    const doc = await api.get('/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/workspaces', '/v1/auth/login', '/v1/me', '/v1/users', '/v1/teams', '/v1/api-tokens']));
  });
});
