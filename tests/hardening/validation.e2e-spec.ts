import { bearer, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Issue #18: requests that were answered 2xx although they name nothing valid. */
describe('validation faults found by a hostile client', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof request>;
  let owner: string;
  let ownerId: string;
  let strangerContact: string;
  const tag = uniqueName('vf');
  const as = bearer;

  beforeAll(async () => {
    platform = await startPlatform({ NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL }, ['contacts', 'conversations', 'gateway']);
    api = request(platform.gatewayUrl);
    const workspace = (await api.post('/v1/workspaces').send({ name: 'Valid Co', owner: { firstName: 'Val', email: `val.${tag}@example.com`, password: 'val-password-1' } })).body;
    [owner, ownerId] = [workspace.token, workspace.user.id];
    const other = (await api.post('/v1/workspaces').send({ name: 'Other Co', owner: { firstName: 'Oz', email: `oz.${tag}@example.com`, password: 'oz-password-1' } })).body.token;
    strangerContact = (await api.post('/v1/contacts').set(as(other)).send({ firstName: 'Stranger' })).body.id;
  });
  afterAll(() => platform?.stop());

  it('broadcasts: a contact id of another workspace is 400 naming it, a malformed one is 400; the count counts only real targets', async () => {
    const mine = (await api.post('/v1/contacts').set(as(owner)).send({ firstName: 'Mine' })).body.id;
    const foreign = await api.post('/v1/broadcasts').set(as(owner)).send({ contactIds: [mine, strangerContact], message: { type: 'text', text: 'hello' } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.field).toBe('contactIds.1');
    const malformed = await api.post('/v1/broadcasts').set(as(owner)).send({ contactIds: [mine, 'not-an-id'], message: { type: 'text', text: 'hello' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.field).toMatch(/^contactIds/);
    const ok = await api.post('/v1/broadcasts').set(as(owner)).send({ contactIds: [mine, mine], message: { type: 'text', text: 'hello' } });
    expect(ok.status).toBe(202);
    expect(ok.body.count).toBe(1);
  });

  it('a list cursor no page gave out is 400; a PATCH with nothing to change is 400', async () => {
    const garbage = await api.get('/v1/users').query({ cursor: 'garbage' }).set(as(owner));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.details.field).toBe('cursor');
    const noBody = await api.patch(`/v1/users/${ownerId}`).set(as(owner)).send({});
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.details.field).toBe('body');
    const real = await api.get('/v1/users').query({ limit: 1 }).set(as(owner));
    expect(real.status).toBe(200);
  });
});
