import type { InboundContact, ProviderEvent } from '@omnibox/contracts';
import { providerEventId } from './provider-event-id';

const contact: InboundContact = { externalId: 'x1' };
const message = (id: string, text = 'hi'): ProviderEvent => ({ type: 'message', id, timestamp: '2026-01-01T00:00:00.000Z', contact, message: { type: 'text', text } });
const status = (messageId: string, value: 'sent' | 'delivered'): ProviderEvent => ({ type: 'status', messageId, status: value, timestamp: '2026-01-01T00:00:00.000Z' });

describe('provider event id', () => {
  it('a provider retry of the same message gets the same id, whatever else it carries', () => {
    expect(providerEventId('c1', message('m1'))).toBe(providerEventId('c1', message('m1', 'hi again')));
    expect(providerEventId('c1', message('m1'))).not.toBe(providerEventId('c1', message('m2')));
  });

  it('the same provider id on another channel is another event', () => {
    expect(providerEventId('c1', message('m1'))).not.toBe(providerEventId('c2', message('m1')));
  });

  it('each status of a message is an event of its own; a repeated status is the same one', () => {
    expect(providerEventId('c1', status('m1', 'sent'))).toBe(providerEventId('c1', status('m1', 'sent')));
    expect(providerEventId('c1', status('m1', 'sent'))).not.toBe(providerEventId('c1', status('m1', 'delivered')));
  });

  it('a channel event and a message with the same provider id are different events', () => {
    const opened: ProviderEvent = { type: 'event', id: 'm1', timestamp: '2026-01-01T00:00:00.000Z', contact, event: { category: 'open', type: 'welcome' } };
    expect(providerEventId('c1', opened)).not.toBe(providerEventId('c1', message('m1')));
  });

  it('a call event repeated by the provider is the same event; another event of the call is another one', () => {
    const call = (id: string, kind: 'ringing' | 'ended'): ProviderEvent => ({ type: 'call', id, timestamp: '2026-01-01T00:00:00.000Z', contact, call: { id: 'call-1', direction: 'incoming', event: kind } });
    expect(providerEventId('c1', call('e1', 'ringing'))).toBe(providerEventId('c1', call('e1', 'ringing')));
    expect(providerEventId('c1', call('e1', 'ringing'))).not.toBe(providerEventId('c1', call('e2', 'ended')));
    expect(providerEventId('c1', call('m1', 'ringing'))).not.toBe(providerEventId('c1', message('m1')));
  });
});
