import { bearer, eventually, sharedEngineUrls, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { RunningPlatform, ServiceName, startPlatform } from '../support/platform';

/** A platform and a workspace whose owner connects channels to loopback providers. */
export interface ChannelsWorld {
  platform: RunningPlatform;
  api: ReturnType<typeof request>;
  owner: string;
  ownerId: string;
  tag: string;
  stop(): Promise<void>;
}

export async function startChannelsWorld(services: ServiceName[], env: Record<string, string> = {}): Promise<ChannelsWorld> {
  const platform = await startPlatform(
    { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
    [...services, 'gateway'],
    undefined,
    { DELIVERY_BACKOFF_MS: '50', DELIVERY_MAX_ATTEMPTS: '3', ...env },
  );
  const api = request(platform.gatewayUrl);
  const tag = uniqueName('ch');
  const workspace = await api.post('/v1/workspaces').send({ name: 'Channels Co', owner: { firstName: 'Olivia', lastName: 'Owner', email: `olivia.${tag}@example.com`, password: 'owner-password-1' } });
  if (workspace.status !== 201) throw new Error(`workspace not created: ${workspace.status} ${JSON.stringify(workspace.body)}`);
  return { platform, api, owner: workspace.body.token, ownerId: workspace.body.user.id, tag, stop: () => platform.stop() };
}

/** The contact known on a channel by `externalId`, once the first event of it was ingested. */
export function contactOn(world: ChannelsWorld, channelId: string, externalId: string): Promise<string> {
  return eventually(async () => (await world.api.get('/v1/contacts').query({ channelId, externalId }).set(bearer(world.owner))).body.items?.[0]?.id as string | undefined, `contact ${externalId}`);
}

/** A contact's timeline, newest first. */
export async function timeline(world: ChannelsWorld, contactId: string): Promise<any[]> {
  return (await world.api.get(`/v1/conversations/${contactId}/timeline`).set(bearer(world.owner))).body.items ?? [];
}

/** The timeline's messages once `ready` holds for them. */
export function messagesWhen(world: ChannelsWorld, contactId: string, ready: (messages: any[]) => boolean, what: string, timeoutMs = 15_000): Promise<any[]> {
  return eventually(async () => {
    const messages = (await timeline(world, contactId)).filter((item) => item.kind === 'message');
    return ready(messages) ? messages : null;
  }, what, timeoutMs);
}

/** A message once `ready` holds for it. */
export function messageWhen(world: ChannelsWorld, messageId: string, ready: (message: any) => boolean, what: string, timeoutMs = 15_000): Promise<any> {
  return eventually(async () => {
    const message = (await world.api.get(`/v1/messages/${messageId}`).set(bearer(world.owner))).body;
    return ready(message) ? message : null;
  }, what, timeoutMs);
}
