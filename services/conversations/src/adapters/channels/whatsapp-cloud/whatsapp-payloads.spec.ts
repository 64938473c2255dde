import type { MessageSnapshot } from '@omnibox/contracts';
import type { Delivery } from '../../../application/ports';
import { graphError, messageRequest, readRequest } from './whatsapp-payloads';

const delivery = { address: '+16505551234', replyContext: true, channelId: 'c1', channel: null, channelType: 'whatsapp', outboundUrl: null, contact: { id: 'k1', firstName: 'Ann', lastName: null } } as Delivery;
const message = (fields: Partial<MessageSnapshot>) => ({ text: null, template: null, linkPreview: null, ...fields }) as MessageSnapshot;

describe('WhatsApp Cloud API requests', () => {
  it('MSG-6: a text says whether WhatsApp may preview its link; MSG-4: a reply names the quoted message', () => {
    expect(messageRequest({ ...delivery, quotedProviderMessageId: 'wamid.Q' }, message({ text: 'see https://a.example', linkPreview: { url: 'https://a.example', title: null, description: null, image: null } }))).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', context: { message_id: 'wamid.Q' }, type: 'text', text: { body: 'see https://a.example', preview_url: true },
    });
    expect(messageRequest(delivery, message({ text: 'no preview' }))).toMatchObject({ text: { preview_url: false } });
  });

  it('MSG-3: a template goes with its language and body parameters', () => {
    expect(messageRequest(delivery, message({ template: { name: 'order_update', language: 'en_US', parameters: ['#42', 'Friday'] } }))).toMatchObject({
      type: 'template', template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '#42' }, { type: 'text', text: 'Friday' }] }] },
    });
  });

  it('CHN-3: a file goes by link, with its caption, and a document with its name', () => {
    const attachment = { id: 'a1', fileName: 'invoice.pdf', contentType: 'application/pdf', size: 10, kind: 'document' as const, url: 'https://store.example/signed' };
    expect(messageRequest({ ...delivery, attachment }, message({ text: 'Your invoice' }))).toMatchObject({ type: 'document', document: { link: 'https://store.example/signed', caption: 'Your invoice', filename: 'invoice.pdf' } });
  });

  it('MSG-9: a read receipt, with the typing indicator when the agent types', () => {
    expect(readRequest('wamid.X', true)).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X', typing_indicator: { type: 'text' } });
    expect(readRequest('wamid.X', false)).not.toHaveProperty('typing_indicator');
  });

  it('MSG-2: a Graph API error keeps the provider\'s words; throttling codes may pass', () => {
    expect(graphError({ error: { message: '(#131030) Recipient phone number not in allowed list', code: 131030 } }, 400)).toEqual({ text: '(#131030) Recipient phone number not in allowed list (code 131030)', passing: false });
    expect(graphError({ error: { message: 'Rate limit hit', code: 130429 } }, 400).passing).toBe(true);
    expect(graphError(null, 502)).toEqual({ text: 'HTTP 502', passing: false });
  });
});
