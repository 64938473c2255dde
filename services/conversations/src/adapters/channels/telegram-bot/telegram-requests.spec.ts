import type { MessageSnapshot } from '@omnibox/contracts';
import type { Delivery } from '../../../application/ports';
import { sendRequest, telegramMessageId } from './telegram-requests';

const delivery = { address: '777', replyContext: true, channelId: 'c1', channel: null, channelType: 'telegram', outboundUrl: null, contact: { id: 'k1', firstName: 'Ann', lastName: null } } as Delivery;
const message = (fields: Partial<MessageSnapshot>) => ({ text: null, template: null, linkPreview: null, ...fields }) as MessageSnapshot;

describe('Telegram Bot API requests', () => {
  it('MSG-4: a reply goes with reply_parameters naming the quoted message in the chat', () => {
    expect(sendRequest({ ...delivery, quotedProviderMessageId: '777:42' }, message({ text: 'Sure!' }))).toEqual({
      method: 'sendMessage',
      parameters: { chat_id: '777', reply_parameters: { message_id: 42, allow_sending_without_reply: true }, text: 'Sure!', link_preview_options: { is_disabled: true } },
    });
    expect(telegramMessageId('-100123:9')).toBe(9);
    expect(telegramMessageId('wamid.X')).toBeNull();
  });

  it('CHN-3: a photo goes with sendPhoto and a document with sendDocument, by URL, with the caption', () => {
    const file = (kind: 'image' | 'document') => ({ id: 'a', fileName: 'f', contentType: 'x', size: 1, kind, url: 'https://store.example/f' });
    expect(sendRequest({ ...delivery, attachment: file('image') }, message({ text: 'Look' }))).toEqual({ method: 'sendPhoto', parameters: { chat_id: '777', photo: 'https://store.example/f', caption: 'Look' } });
    expect(sendRequest({ ...delivery, attachment: file('document') }, message({}))).toEqual({ method: 'sendDocument', parameters: { chat_id: '777', document: 'https://store.example/f' } });
  });

  it('a template cannot go out on Telegram', () => {
    expect(sendRequest(delivery, message({ template: { name: 't', language: 'en', parameters: [] } }))).toHaveProperty('refused');
  });
});
