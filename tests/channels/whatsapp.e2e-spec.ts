import { bearer, eventually } from '@omnibox/testing';
import { GRAPH_VERSION, inboundValue, postWebhook, unixSeconds, WhatsAppCloud, webhookBody } from '../support/whatsapp-cloud';
import { ChannelsWorld, contactOn, messagesWhen, messageWhen, startChannelsWorld, timeline } from './channels-world';

const PHONE_NUMBER_ID = '106540352242922';
const APP_SECRET = 'whatsapp-app-secret-value';
const VERIFY_TOKEN = 'verify-me-please';
const HOUR = 3600_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 0x42)]);

describe('WhatsApp Cloud API channel (CHN-1…4, MSG-2…4, MSG-6, MSG-7, MSG-9, CAL)', () => {
  let world: ChannelsWorld;
  let cloud: WhatsAppCloud;
  let channel: { id: string; secret: string; config: Record<string, unknown> };
  let seq = 0;
  const as = () => bearer(world.owner);
  const wamid = () => `wamid.IN.${Date.now()}.${++seq}`;
  const post = (value: Record<string, unknown>, field: 'messages' | 'calls' = 'messages') => postWebhook(world.platform.gatewayUrl, channel.id, APP_SECRET, webhookBody(PHONE_NUMBER_ID, field, value));
  /** A contact writes a text; answers their contact id once it is on the timeline. */
  async function writes(waId: string, text: string, at = Date.now()): Promise<{ contactId: string; messageId: string; wamid: string }> {
    const id = wamid();
    expect(await post(inboundValue(waId, 'Ana Souza', { id, timestamp: unixSeconds(at), type: 'text', text: { body: text } }))).toBe(200);
    const contactId = await contactOn(world, channel.id, waId);
    const messages = await messagesWhen(world, contactId, (all) => all.some((m) => m.text === text), `"${text}" on the timeline`);
    // The thread (its last message, the channel to reply on) follows the timeline entry by a moment.
    await eventually(async () => (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body.lastMessage, 'the thread updated');
    return { contactId, messageId: messages.find((m) => m.text === text).id, wamid: id };
  }
  const send = (contactId: string, body: Record<string, unknown>) => world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send(body);

  beforeAll(async () => {
    cloud = await new WhatsAppCloud(PHONE_NUMBER_ID, 'EAAG-access-token').start();
    world = await startChannelsWorld(['contacts', 'conversations', 'calls']);
    const created = await world.api
      .post('/v1/channels')
      .set(as())
      .send({ type: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, accessToken: cloud.accessToken, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, apiBaseUrl: cloud.url } });
    expect(created.status).toBe(201);
    channel = created.body;
  });

  afterAll(async () => {
    await world?.stop();
    await cloud?.stop();
  });

  it('CHN-1: the channel keeps its Cloud API settings, and its secrets are write-only: in no answer', async () => {
    expect(channel.config).toMatchObject({ adapter: 'whatsapp_cloud', phoneNumberId: PHONE_NUMBER_ID, apiVersion: GRAPH_VERSION, apiBaseUrl: cloud.url });
    const listed = JSON.stringify((await world.api.get('/v1/channels').set(as())).body);
    for (const secret of [cloud.accessToken, APP_SECRET, VERIFY_TOKEN]) expect(listed + JSON.stringify(channel)).not.toContain(secret);
    expect(listed).not.toContain('credentials');
  });

  it('webhook verification echoes the challenge for the channel\'s verify token; another token is 403', async () => {
    const url = `${world.platform.gatewayUrl}/v1/channels/${channel.id}/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=`;
    const ok = await fetch(url + VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(url + 'guess')).status).toBe(403);
  });

  it('CHN-1: a bad X-Hub-Signature-256 is 401 and stores nothing', async () => {
    const forged = webhookBody(PHONE_NUMBER_ID, 'messages', inboundValue('15550009001', 'Eve', { id: wamid(), timestamp: unixSeconds(Date.now()), type: 'text', text: { body: 'forged' } }));
    const res = await fetch(`${world.platform.gatewayUrl}/v1/channels/${channel.id}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body: JSON.stringify(forged) });
    expect(res.status).toBe(401);
    const unsigned = await fetch(`${world.platform.gatewayUrl}/v1/channels/${channel.id}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
    expect(unsigned.status).toBe(401);
    const { contactId } = await writes('15550009001', 'genuine');
    expect((await timeline(world, contactId)).filter((item) => item.kind === 'message').map((m) => m.text)).toEqual(['genuine']);
  });

  it('CHN-2, MSG-3: a text with a 25-hour-old timestamp lands in timeline order; a free-form reply to it is 422 while a template goes out', async () => {
    const waId = '15550001001';
    const sentAt = Date.now() - 25 * HOUR;
    const { contactId } = await writes(waId, 'Are you open on Sunday?', sentAt);
    // An even older message arriving later still goes below it.
    await writes(waId, 'Hello?', sentAt - HOUR);
    const messages = (await timeline(world, contactId)).filter((item) => item.kind === 'message');
    expect(messages.map((m) => m.text)).toEqual(['Are you open on Sunday?', 'Hello?']);
    expect(Date.parse(messages[0].createdAt)).toBe(Math.floor(sentAt / 1000) * 1000);
    const conversation = (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body;
    expect(conversation.lastMessage.at).toBe(messages[0].createdAt);

    const freeForm = await send(contactId, { type: 'text', text: 'Yes, from 10 to 4' });
    expect(freeForm.status).toBe(422);
    expect(freeForm.body.error.code).toBe('outside_messaging_window');
    const template = await send(contactId, { type: 'template', template: { name: 'opening_hours', language: 'en_US', parameters: ['Sunday', '10 to 4'] } });
    expect(template.status).toBe(201);
    const sent = await messageWhen(world, template.body.id, (m) => m.status === 'sent', 'the template sent');
    expect(sent.status).toBe('sent');
    expect(cloud.sends().find((body) => body.type === 'template')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: waId,
      type: 'template',
      template: { name: 'opening_hours', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Sunday' }, { type: 'text', text: '10 to 4' }] }] },
    });
  });

  it('CHN-3: media is fetched by its id with the access token, stored, and served after the loopback media server is gone', async () => {
    const mediaId = `9${Date.now()}`;
    cloud.media.set(mediaId, { contentType: 'image/png', body: PNG });
    expect(await post(inboundValue('15550002002', 'Bo Li', { id: wamid(), timestamp: unixSeconds(Date.now()), type: 'image', image: { id: mediaId, mime_type: 'image/png', sha256: 'x', caption: 'the broken part' } }))).toBe(200);
    const contactId = await contactOn(world, channel.id, '15550002002');
    const [message] = await messagesWhen(world, contactId, (all) => all.some((m) => m.attachment), 'the image on the timeline');
    expect(message).toMatchObject({ type: 'attachment', text: 'the broken part', attachment: { status: 'stored', contentType: 'image/png', size: PNG.length } });
    expect(cloud.mediaHost.received.find((r) => r.path === `/files/${mediaId}`)?.headers.authorization).toBe(`Bearer ${cloud.accessToken}`);
    await cloud.mediaHost.stop();
    const content = await world.api.get(`/v1/attachments/${message.attachment.id}/content`).set(as()).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const bytes = content.status === 302 ? Buffer.from(await (await fetch(content.headers.location)).arrayBuffer()) : (content.body as Buffer);
    expect(bytes.equals(PNG)).toBe(true);
  });

  it('MSG-2: status webhooks move a message to delivered and read, and to failed with the error title', async () => {
    const { contactId } = await writes('15550003003', 'Where is my parcel?');
    const reply = await send(contactId, { type: 'text', text: 'On its way' });
    expect(reply.status).toBe(201);
    await messageWhen(world, reply.body.id, (m) => m.status === 'sent', 'sent');
    const providerId = cloud.sentId((body) => body.text?.body === 'On its way')!;
    const status = (id: string, value: string, extra: Record<string, unknown> = {}) => post({ statuses: [{ id, status: value, timestamp: unixSeconds(Date.now()), recipient_id: '15550003003', ...extra }] });
    expect(await status(providerId, 'delivered')).toBe(200);
    await messageWhen(world, reply.body.id, (m) => m.status === 'delivered', 'delivered');
    expect(await status(providerId, 'read')).toBe(200);
    await messageWhen(world, reply.body.id, (m) => m.status === 'read', 'read');

    const second = await send(contactId, { type: 'text', text: 'Tracking: 123' });
    await messageWhen(world, second.body.id, (m) => m.status === 'sent', 'second sent');
    const secondId = cloud.sentId((body) => body.text?.body === 'Tracking: 123')!;
    expect(await status(secondId, 'failed', { errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }] })).toBe(200);
    const failed = await messageWhen(world, second.body.id, (m) => m.status === 'failed', 'failed');
    expect(failed.error).toContain('Message undeliverable');
  });

  it('MSG-4: a reply carries context.message_id of the message it quotes; MSG-6: the link preview flag follows the sender', async () => {
    const { contactId, messageId, wamid: quoted } = await writes('15550004004', 'Can I change the size?');
    const before = cloud.sends().length;
    const reply = await send(contactId, { type: 'text', text: 'Yes: https://shop.example/sizes', replyToId: messageId, linkPreview: false });
    expect(reply.status).toBe(201);
    await messageWhen(world, reply.body.id, (m) => m.status === 'sent', 'the reply sent');
    const sentBody = cloud.sends().slice(before).find((body) => body.text?.body?.startsWith('Yes'));
    expect(sentBody.context).toEqual({ message_id: quoted });
    expect(sentBody.text.preview_url).toBe(false);
  });

  it('MSG-9: the contact sees the agent typing and their message read (read receipts name the contact\'s latest message)', async () => {
    const { contactId } = await writes('15550005005', 'Anyone there?');
    const latest = cloud.api.received.length;
    expect((await world.api.post(`/v1/conversations/${contactId}/typing`).set(as()).send({ typing: true })).status).toBe(200);
    expect((await world.api.post(`/v1/conversations/${contactId}/read`).set(as()).send({})).status).toBe(200);
    const signals = await eventually(() => {
      const bodies = cloud.api.received.slice(latest).map((r) => r.body).filter((body) => body.status === 'read');
      return bodies.length >= 2 ? bodies : null;
    }, 'typing indicator and read receipt');
    expect(signals.find((body) => body.typing_indicator)).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: expect.stringMatching(/^wamid\.IN\./), typing_indicator: { type: 'text' } });
    expect(signals.some((body) => !body.typing_indicator)).toBe(true);
  });

  it('MSG-7, CNV-9: locations, contacts, replies to buttons, reactions and referrals arrive in one batch; unsupported types are kept raw', async () => {
    const waId = '15550006006';
    const { contactId } = await writes(waId, 'Start');
    const at = unixSeconds(Date.now());
    const value = inboundValue(waId, 'Zoe Park', {});
    const messages = [
      { from: waId, id: wamid(), timestamp: at, type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop Berlin', address: 'Alexanderplatz 1' } },
      { from: waId, id: wamid(), timestamp: at, type: 'contacts', contacts: [{ name: { formatted_name: 'Max Mustermann', first_name: 'Max' }, phones: [{ phone: '+4930123456', type: 'WORK' }] }] },
      { from: waId, id: wamid(), timestamp: at, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes-1', title: 'Yes please' } } },
      { from: waId, id: wamid(), timestamp: at, type: 'text', text: { body: 'I saw your ad' }, referral: { source_url: 'https://fb.me/ad1', source_id: 'ad-42', source_type: 'ad', headline: 'Spring sale' } },
      { from: waId, id: wamid(), timestamp: at, type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] },
    ];
    expect(await post({ ...value, messages })).toBe(200);
    const all = await messagesWhen(world, contactId, (list) => list.length >= 6, 'the batch on the timeline');
    const byType = (type: string) => all.find((m) => m.type === type);
    expect(byType('location')).toMatchObject({ text: 'Shop Berlin, Alexanderplatz 1', payload: { location: { latitude: 52.52, longitude: 13.405 } } });
    expect(byType('contacts')).toMatchObject({ text: 'Max Mustermann' });
    expect(byType('quick_reply')).toMatchObject({ text: 'Yes please', payload: { button_reply: { id: 'yes-1' } } });
    expect(byType('unsupported').payload).toMatchObject({ type: 'unsupported', errors: [{ code: 131051 }] });
    expect(all.find((m) => m.text === 'I saw your ad').payload).toMatchObject({ referral: { source_id: 'ad-42', headline: 'Spring sale' } });
    expect(await post({ ...value, messages: [{ from: waId, id: wamid(), timestamp: at, type: 'reaction', reaction: { message_id: messages[0].id, emoji: '👍' } }] })).toBe(200);
    const withReaction = await messagesWhen(world, contactId, (list) => list.some((m) => m.type === 'reaction'), 'the reaction');
    const location = withReaction.find((m) => m.type === 'location');
    expect(withReaction.find((m) => m.type === 'reaction')).toMatchObject({ text: '👍', replyToId: location.id });
  });

  it('CAL: a WhatsApp call rings in the calls list, is answered through the Calling API, and ends with its talk time', async () => {
    const waId = '15550007007';
    const callId = `wacid.${Date.now()}`;
    const at = Date.now();
    const call = (event: Record<string, unknown>) => post({ contacts: [{ profile: { name: 'Cal Caller' }, wa_id: waId }], calls: [{ id: callId, from: waId, to: '15550000000', direction: 'USER_INITIATED', ...event }] }, 'calls');
    expect(await call({ event: 'connect', timestamp: unixSeconds(at), session: { sdp_type: 'offer', sdp: 'v=0' } })).toBe(200);
    const ringing = await eventually(async () => (await world.api.get('/v1/calls').query({ tab: 'all' }).set(as())).body.items?.find((c: any) => c.status === 'ringing'), 'the call ringing');
    expect(ringing).toMatchObject({ channelId: channel.id, channelType: 'whatsapp', direction: 'incoming' });
    const answered = await world.api.post(`/v1/calls/${ringing.id}/answer`).set(as()).send({});
    expect(answered.status).toBe(200);
    expect(cloud.calls()).toContainEqual({ messaging_product: 'whatsapp', call_id: callId, action: 'accept' });
    expect(await call({ event: 'terminate', timestamp: unixSeconds(at + 65_000), status: 'COMPLETED', start_time: unixSeconds(at + 5000), end_time: unixSeconds(at + 65_000), duration: 60 })).toBe(200);
    const ended = await eventually(async () => {
      const found = (await world.api.get(`/v1/calls/${ringing.id}`).set(as())).body;
      return found.status === 'ended' ? found : null;
    }, 'the call ended');
    expect(ended).toMatchObject({ endReason: 'completed', durationSeconds: 60 });
  });
});
