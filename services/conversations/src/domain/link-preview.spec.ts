import { channelConfig } from '@omnibox/contracts';
import { firstUrl, linkToPreview } from './link-preview';

describe('link previews (MSG-6)', () => {
  it('MSG-6: first URL', () => {
    expect(firstUrl('see https://a.example/x?y=1, and http://b.example')).toBe('https://a.example/x?y=1');
    expect(firstUrl('no link')).toBeNull();
  });

  it('MSG-6: only text messages on channels that show previews get one, unless the sender removed it', () => {
    const whatsapp = { config: channelConfig('whatsapp') };
    expect(linkToPreview({ type: 'text', text: 'see https://a.example' }, whatsapp)).toBe('https://a.example');
    expect(linkToPreview({ type: 'text', text: 'see https://a.example', linkPreview: false }, whatsapp)).toBeNull();
    expect(linkToPreview({ type: 'template', text: 'https://a.example' }, whatsapp)).toBeNull();
    expect(linkToPreview({ type: 'text', text: 'see https://a.example' }, { config: channelConfig('instagram') })).toBeNull();
  });
});
