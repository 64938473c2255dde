import { bearer, eventually } from '@omnibox/testing';
import { inboundValue, postWebhook, unixSeconds, WhatsAppCloud, webhookBody } from '../support/whatsapp-cloud';
import { ChannelsWorld, contactOn, startChannelsWorld } from './channels-world';

const PHONE_NUMBER_ID = '106540352200001';
const APP_SECRET = 'fault-test-app-secret';
/** "A minute" of outage, shortened for the test; the back-off below is shortened with it. */
const OUTAGE_MS = 20_000;
const THREADS = 3;
const MESSAGES_PER_THREAD = 4;

describe('delivery while the provider is down (CHN-4, MSG-2)', () => {
  let world: ChannelsWorld;
  let cloud: WhatsAppCloud;
  let channel: { id: string };

  beforeAll(async () => {
    cloud = await new WhatsAppCloud(PHONE_NUMBER_ID, 'EAAG-fault-token').start();
    // A budget that outlasts the outage: 12 attempts from 200 ms, doubling (about 3 minutes in all).
    world = await startChannelsWorld(['contacts', 'conversations'], { DELIVERY_BACKOFF_MS: '200', DELIVERY_MAX_ATTEMPTS: '12' });
    const created = await world.api
      .post('/v1/channels')
      .set(bearer(world.owner))
      .send({ type: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, accessToken: cloud.accessToken, appSecret: APP_SECRET, verifyToken: 'v', apiBaseUrl: cloud.url } });
    channel = created.body;
  });

  afterAll(async () => {
    await world?.stop();
    await cloud?.stop();
  });

  it('CHN-4: the API answers 503 for a while (20 s here for a minute) and recovers: every queued message is delivered once, in order per thread', async () => {
    const contacts: Array<{ waId: string; contactId: string }> = [];
    for (let i = 0; i < THREADS; i++) {
      const waId = `1555700000${i}`;
      const body = webhookBody(PHONE_NUMBER_ID, 'messages', inboundValue(waId, `Customer ${i}`, { id: `wamid.F.${Date.now()}.${i}`, timestamp: unixSeconds(Date.now()), type: 'text', text: { body: 'Hello' } }));
      expect(await postWebhook(world.platform.gatewayUrl, channel.id, APP_SECRET, body)).toBe(200);
      const contactId = await contactOn(world, channel.id, waId);
      await eventually(async () => (await world.api.get(`/v1/conversations/${contactId}`).set(bearer(world.owner))).body.lastMessage, 'the thread');
      contacts.push({ waId, contactId });
    }

    cloud.fail = () => ({ status: 503, body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2 } } });
    const down = Date.now();
    const ids: string[] = [];
    for (let n = 1; n <= MESSAGES_PER_THREAD; n++) {
      for (const { contactId } of contacts) {
        const sent = await world.api.post(`/v1/conversations/${contactId}/messages`).set(bearer(world.owner)).send({ type: 'text', text: `update ${n}` });
        expect(sent.status).toBe(201);
        ids.push(sent.body.id);
      }
    }
    await eventually(() => cloud.sends().length >= THREADS * 2, 'the API tried while down');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    // Still queued: nothing failed, nothing got through.
    for (const id of ids) expect((await world.api.get(`/v1/messages/${id}`).set(bearer(world.owner))).body.status).toBe('pending');
    cloud.fail = null;

    await eventually(
      async () => {
        const statuses = await Promise.all(ids.map(async (id) => (await world.api.get(`/v1/messages/${id}`).set(bearer(world.owner))).body.status));
        return statuses.every((status) => status === 'sent');
      },
      'every queued message sent',
      60_000,
      250,
    );
    const accepted = cloud.api.received.filter((r) => r.body?.type === 'text' && r.answer?.status === 200).map((r) => r.body);
    for (const { waId } of contacts) {
      expect(accepted.filter((body) => body.to === waId).map((body) => body.text.body)).toEqual(Array.from({ length: MESSAGES_PER_THREAD }, (_, i) => `update ${i + 1}`));
    }
  }, 120_000);
});
