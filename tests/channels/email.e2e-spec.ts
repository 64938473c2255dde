import { bearer, eventually } from '@omnibox/testing';
import { createTransport } from 'nodemailer';
import { SmtpRelay } from '../support/smtp-relay';
import { ChannelsWorld, contactOn, messagesWhen, messageWhen, startChannelsWorld, timeline } from './channels-world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../tools/engines/engines.js');

const MAX_BYTES = 200_000;

describe('e-mail channel over SMTP (CHN-1, MSG-8)', () => {
  let world: ChannelsWorld;
  let relay: SmtpRelay;
  let smtpPort: number;
  let channel: { id: string; config: Record<string, any> };
  let address: string;
  const as = () => bearer(world.owner);
  /** A mail server delivering to the gateway's SMTP listener. */
  const deliver = (mail: Record<string, unknown>) => createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail(mail as never);

  beforeAll(async () => {
    relay = await new SmtpRelay().start();
    smtpPort = await freePort();
    world = await startChannelsWorld(['contacts', 'conversations'], { SMTP_INGRESS_PORT: String(smtpPort), SMTP_MAX_BYTES: String(MAX_BYTES) });
    address = `help.${world.tag}@shop.example`;
    const created = await world.api
      .post('/v1/channels')
      .set(as())
      .send({ type: 'email', name: 'Shop Help', config: { address, smtp: { host: '127.0.0.1', port: relay.port, secure: false, user: 'help', password: 'relay-password' } } });
    expect(created.status).toBe(201);
    channel = created.body;
  });

  afterAll(async () => {
    await world?.stop();
    await relay?.stop();
  });

  it('CHN-1: the channel keeps its address and relay, never the relay password; the address belongs to one channel', async () => {
    expect(channel.config).toMatchObject({ adapter: 'smtp', address, smtp: { host: '127.0.0.1', port: relay.port, secure: false, user: 'help' } });
    expect(JSON.stringify((await world.api.get('/v1/channels').set(as())).body)).not.toContain('relay-password');
    const again = await world.api.post('/v1/channels').set(as()).send({ type: 'email', name: 'Twin', config: { address, smtp: { host: '127.0.0.1', port: 25 } } });
    expect(again.status).toBe(409);
  });

  it('MSG-8: an e-mail sent to the SMTP listener opens a conversation; a reply arrives at the relay with In-Reply-To of the original and the same subject; a new subject starts a new e-mail thread', async () => {
    const carl = await world.api.post('/v1/contacts').set(as()).send({ firstName: 'Carl', email: `carl.${world.tag}@customer.example` });
    await deliver({
      from: `"Bea Buyer" <bea.${world.tag}@customer.example>`,
      to: address,
      cc: `carl.${world.tag}@customer.example`,
      subject: 'Invoice 7',
      text: 'Please send the invoice',
      html: '<p>Please send the <b>invoice</b></p>',
      messageId: `<m1.${world.tag}@customer.example>`,
    });
    const contactId = await contactOn(world, channel.id, `bea.${world.tag}@customer.example`);
    const [original] = await messagesWhen(world, contactId, (all) => all.length === 1, 'the e-mail');
    expect(original).toMatchObject({
      direction: 'incoming',
      type: 'email',
      text: 'Please send the invoice',
      sender: { category: 'contact', name: 'Bea Buyer' },
      email: { subject: 'Invoice 7', html: '<p>Please send the <b>invoice</b></p>', cc: [`carl.${world.tag}@customer.example`], messageId: `<m1.${world.tag}@customer.example>` },
    });
    const conversation = (await world.api.get(`/v1/conversations/${contactId}`).set(as())).body;
    expect(conversation.status).toBe('open');
    // A CC'd address of a contact starts no conversation for them.
    expect((await timeline(world, carl.body.id)).filter((item) => item.kind === 'message')).toEqual([]);

    const reply = await world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send({ type: 'email', text: 'Attached, with thanks', email: { replyToMessageId: original.id, cc: ['boss@customer.example'], bcc: ['archive@shop.example'] } });
    expect(reply.status).toBe(201);
    await messageWhen(world, reply.body.id, (m) => m.status === 'sent', 'the reply sent');
    const relayed = await eventually(() => relay.mails.find((entry) => entry.mail.messageId === reply.body.email.messageId), 'the reply at the relay');
    expect(relayed.mail.subject).toBe('Re: Invoice 7');
    expect(relayed.mail.inReplyTo).toBe(`<m1.${world.tag}@customer.example>`);
    expect(relayed.mail.references).toEqual(`<m1.${world.tag}@customer.example>`);
    expect(relayed.mail.from?.value[0]).toEqual({ address, name: 'Shop Help' });
    expect(relayed.envelope.to.sort()).toEqual(['archive@shop.example', `bea.${world.tag}@customer.example`, 'boss@customer.example'].sort());
    expect(relayed.mail.headers.has('bcc')).toBe(false);
    expect(relayed.user).toBe('help');

    // The customer answers our reply: same subject, same e-mail thread; a new subject, a new one.
    await deliver({ from: `bea.${world.tag}@customer.example`, to: address, subject: 'Re: Invoice 7', text: 'Got it', messageId: `<m2.${world.tag}@customer.example>`, inReplyTo: reply.body.email.messageId, references: [`<m1.${world.tag}@customer.example>`, reply.body.email.messageId] });
    await deliver({ from: `bea.${world.tag}@customer.example`, to: address, subject: 'A new order', text: 'Another thing', messageId: `<m3.${world.tag}@customer.example>`, inReplyTo: reply.body.email.messageId });
    const all = await messagesWhen(world, contactId, (list) => list.length === 4, 'both answers');
    const byText = (text: string) => all.find((m) => m.text === text);
    expect(byText('Got it').email.threadKey).toBe(original.email.threadKey);
    expect(byText('Another thing').email.threadKey).not.toBe(original.email.threadKey);
  });

  it('MSG-10: an outgoing e-mail carries its attachment from storage', async () => {
    await deliver({ from: `dan.${world.tag}@customer.example`, to: address, subject: 'Manual', text: 'Can I get the manual?', messageId: `<d1.${world.tag}@customer.example>` });
    const contactId = await contactOn(world, channel.id, `dan.${world.tag}@customer.example`);
    const [original] = await messagesWhen(world, contactId, (all) => all.length === 1, 'the e-mail');
    const pdf = Buffer.from('%PDF-1.7\nthe manual\n%%EOF\n');
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'manual.pdf');
    const upload = await fetch(`${world.platform.gatewayUrl}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${world.owner}` }, body: form });
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as { id: string };
    const reply = await world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send({ type: 'email', text: 'Here it is', attachment: { id: file.id }, email: { replyToMessageId: original.id } });
    expect(reply.status).toBe(201);
    const relayed = await eventually(() => relay.mails.find((entry) => entry.mail.messageId === reply.body.email.messageId), 'the reply at the relay');
    expect(relayed.mail.attachments.map((a) => ({ name: a.filename, bytes: a.content.toString() }))).toEqual([{ name: 'manual.pdf', bytes: pdf.toString() }]);
  });

  it('mail to an address no channel has is refused (550), and mail over the size limit too (552)', async () => {
    await expect(deliver({ from: 'x@customer.example', to: `nobody.${world.tag}@shop.example`, subject: 'Hi', text: 'Hi' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(deliver({ from: 'x@customer.example', to: address, subject: 'Big', text: 'x'.repeat(MAX_BYTES + 1000) })).rejects.toMatchObject({ responseCode: 552 });
  });

  it('CHN-4: a send the relay refuses for good ends failed with its reply', async () => {
    await deliver({ from: `eve.${world.tag}@customer.example`, to: address, subject: 'Question', text: 'Hello', messageId: `<e1.${world.tag}@customer.example>` });
    const contactId = await contactOn(world, channel.id, `eve.${world.tag}@customer.example`);
    const [original] = await messagesWhen(world, contactId, (all) => all.length === 1, 'the e-mail');
    relay.refuse = { code: 554, text: '5.7.1 Relay access denied' };
    try {
      const reply = await world.api.post(`/v1/conversations/${contactId}/messages`).set(as()).send({ type: 'email', text: 'Answer', email: { replyToMessageId: original.id } });
      const failed = await messageWhen(world, reply.body.id, (m) => m.status === 'failed', 'failed');
      expect(failed.error).toContain('5.7.1 Relay access denied');
    } finally {
      relay.refuse = null;
    }
  });
});
