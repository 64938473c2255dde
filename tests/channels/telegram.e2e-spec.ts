import { createHmac } from 'node:crypto';
import { bearer, eventually } from '@omnibox/testing';
import { postUpdate, TelegramBotApi } from '../support/telegram-bot-api';
import { ChannelsWorld, contactOn, messagesWhen, messageWhen, startChannelsWorld } from './channels-world';

const BOT_TOKEN = '7012345678:AAHk9vTestTokenForLoopbackOnly_xyz';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024, 0x33)]);

/** The secret token `setWebhook` was given, as Telegram would send it back. */
const secretTokenOf = (channelSecret: string) => createHmac('sha256', channelSecret).update('telegram-webhook').digest('base64url');

describe('Telegram Bot API channel (CHN-1, CHN-3, CHN-4, MSG-2, MSG-4, MSG-9)', () => {
  let world: ChannelsWorld;
  let bot: TelegramBotApi;
  let channel: { id: string; secret: string; config: Record<string, unknown> };
  let updateId = 500;
  let messageId = 10;
  const as = () => bearer(world.owner);
  const message = (chatId: number, fields: Record<string, unknown>) => ({
    update_id: ++updateId,
    message: { message_id: ++messageId, from: { id: chatId, is_bot: false, first_name: 'Tom', last_name: 'Tanaka', language_code: 'en' }, chat: { id: chatId, type: 'private', first_name: 'Tom' }, date: Math.floor(Date.now() / 1000), ...fields },
  });
  const post = (update: unknown, token = secretTokenOf(channel.secret)) => postUpdate(world.platform.gatewayUrl, channel.id, token, update);

  beforeAll(async () => {
    bot = await new TelegramBotApi(BOT_TOKEN).start();
    world = await startChannelsWorld(['contacts', 'conversations']);
    const created = await world.api.post('/v1/channels').set(as()).send({ type: 'telegram', name: 'Support bot', config: { botToken: BOT_TOKEN, apiBaseUrl: bot.url } });
    expect(created.status).toBe(201);
    channel = created.body;
  });

  afterAll(async () => {
    await world?.stop();
    await bot?.stop();
  });

  it('CHN-1: creating the channel registers its webhook with a secret token; the bot token is in no answer', async () => {
    const [registration] = bot.calls('setWebhook');
    expect(registration).toEqual({ url: expect.stringMatching(new RegExp(`/v1/channels/${channel.id}/webhook$`)), secret_token: secretTokenOf(channel.secret), allowed_updates: ['message', 'edited_message'] });
    expect(JSON.stringify(channel) + JSON.stringify((await world.api.get('/v1/channels').set(as())).body)).not.toContain(BOT_TOKEN.split(':')[1]);
  });

  it('CHN-1: a bot token Telegram refuses is 422 with Telegram\'s words, and no channel is made', async () => {
    const refused = await world.api.post('/v1/channels').set(as()).send({ type: 'telegram', name: 'Wrong bot', config: { botToken: '1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', apiBaseUrl: bot.url } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('Unauthorized');
    expect((await world.api.get('/v1/channels').set(as())).body.items.map((c: { name: string }) => c.name)).not.toContain('Wrong bot');
  });

  it('an update without the secret token, or with another, is 401 and stores nothing', async () => {
    expect(await post(message(4242, { text: 'forged' }), 'not-the-token')).toBe(401);
    expect(await post(message(4242, { text: 'genuine' }))).toBe(200);
    const contactId = await contactOn(world, channel.id, '4242');
    const messages = await messagesWhen(world, contactId, (all) => all.length > 0, 'the genuine message');
    expect(messages.map((m) => m.text)).toEqual(['genuine']);
  });

  it('MSG-4: a Telegram update becomes a message, and a reply to it goes out with reply_parameters', async () => {
    const update = message(1001, { text: 'Do you ship to Osaka?' });
    expect(await post(update)).toBe(200);
    const contactId = await contactOn(world, channel.id, '1001');
    const [incoming] = await messagesWhen(world, contactId, (all) => all.length === 1, 'the message');
    expect(incoming).toMatchObject({ direction: 'incoming', type: 'text', text: 'Do you ship to Osaka?', sender: { category: 'contact', name: 'Tom Tanaka' } });
    await eventually(async () => (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body.lastMessage, 'the thread');
    const reply = await world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send({ type: 'text', text: 'Yes, in 3 days', replyToId: incoming.id });
    expect(reply.status).toBe(201);
    await messageWhen(world, reply.body.id, (m) => m.status === 'sent', 'the reply sent');
    expect(bot.calls('sendMessage').find((p) => p.text === 'Yes, in 3 days')).toEqual({
      chat_id: '1001',
      reply_parameters: { message_id: update.message.message_id, allow_sending_without_reply: true },
      text: 'Yes, in 3 days',
      link_preview_options: { is_disabled: true },
    });
    // The contact quotes our reply back: the quote resolves to our message.
    const ours = bot.sentMessageId('sendMessage', (p) => p.text === 'Yes, in 3 days');
    expect(await post(message(1001, { text: 'Great', reply_to_message: { message_id: ours, chat: { id: 1001 } } }))).toBe(200);
    const withQuote = await messagesWhen(world, contactId, (all) => all.some((m) => m.text === 'Great'), 'the quoting message');
    expect(withQuote.find((m) => m.text === 'Great').replyToId).toBe(reply.body.id);
  });

  it('CHN-3: a photo is fetched with getFile and stored; an edited message arrives quoting the original; MSG-9: typing shows', async () => {
    bot.files.set('file_7', { path: 'photos/file_7.png', contentType: 'image/png', body: PNG });
    expect(await post(message(2002, { photo: [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90 }, { file_id: 'file_7', file_unique_id: 'f7', width: 800, height: 800 }], caption: 'this one' }))).toBe(200);
    const contactId = await contactOn(world, channel.id, '2002');
    const [photo] = await messagesWhen(world, contactId, (all) => all.some((m) => m.attachment), 'the photo');
    expect(photo).toMatchObject({ type: 'attachment', text: 'this one', attachment: { status: 'stored', contentType: 'image/png', size: PNG.length } });
    expect(bot.calls('getFile')).toContainEqual({ file_id: 'file_7' });

    const original = message(2002, { text: 'Size M' });
    expect(await post(original)).toBe(200);
    await messagesWhen(world, contactId, (all) => all.some((m) => m.text === 'Size M'), 'the original');
    const edited = { update_id: ++updateId, edited_message: { ...original.message, text: 'Size L', edit_date: Math.floor(Date.now() / 1000) } };
    expect(await post(edited)).toBe(200);
    const all = await messagesWhen(world, contactId, (list) => list.some((m) => m.text === 'Size L'), 'the edit');
    expect(all.find((m) => m.text === 'Size L')).toMatchObject({ replyToId: all.find((m) => m.text === 'Size M').id, payload: { telegram: { edited: true } } });

    await eventually(async () => (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body.lastMessage?.preview === 'Size L', 'the thread');
    expect((await world.api.post(`/v1/conversations/${contactId}/typing`).set(as()).send({ typing: true })).status).toBe(200);
    await eventually(() => bot.calls('sendChatAction').some((p) => p.chat_id === '2002' && p.action === 'typing'), 'sendChatAction typing');
  });

  it('MSG-2, CHN-4: a send Telegram refuses ends failed with its description', async () => {
    expect(await post(message(3003, { text: 'Hi' }))).toBe(200);
    const contactId = await contactOn(world, channel.id, '3003');
    await eventually(async () => (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body.lastMessage, 'the thread');
    bot.fail = (request) => (request.body.chat_id === '3003' ? { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } } : null);
    const reply = await world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send({ type: 'text', text: 'Hello?' });
    const failed = await messageWhen(world, reply.body.id, (m) => m.status === 'failed', 'failed');
    expect(failed.error).toBe('Telegram answered 403: Forbidden: bot was blocked by the user');
    bot.fail = null;
  });

  it('rotating the channel secret registers the webhook again with the new secret token; the old token stops working', async () => {
    const rotated = await world.api.post(`/v1/channels/${channel.id}/secret`).set(as()).send({});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(channel.secret);
    expect(bot.calls('setWebhook').at(-1).secret_token).toBe(secretTokenOf(rotated.body.secret));
    const old = secretTokenOf(channel.secret);
    channel = { ...channel, secret: rotated.body.secret };
    expect(await post(message(4004, { text: 'after rotation' }), old)).toBe(401);
    expect(await post(message(4004, { text: 'after rotation' }))).toBe(200);
  });
});
