import type { ChannelSnapshot } from '@omnibox/contracts';
import type { CallAction } from '../../application/ports';
import { callRequest } from './call-requests';

const action = (name: CallAction['action'], providerCallId: string | null = 'wacid.1'): CallAction => ({
  callId: 'c1',
  providerCallId,
  channel: { id: 'ch', type: 'whatsapp' } as ChannelSnapshot,
  contact: { id: 'k1', firstName: 'Ann', lastName: null, phone: '+16505551234', externalId: '16505551234' } as CallAction['contact'],
  action: name,
});

describe('WhatsApp call actions (CAL)', () => {
  it('answering, declining and ending name the call with accept, reject and terminate', () => {
    expect(callRequest(action('answer'))).toEqual({ path: 'calls', body: { messaging_product: 'whatsapp', call_id: 'wacid.1', action: 'accept' } });
    expect(callRequest(action('decline'))).toMatchObject({ body: { action: 'reject' } });
    expect(callRequest(action('end'))).toMatchObject({ body: { action: 'terminate' } });
    expect(callRequest(action('end', null))).toHaveProperty('refused');
  });

  it('a call we place connects to the contact\'s number; a permission request is an interactive message', () => {
    expect(callRequest(action('connect', null))).toEqual({ path: 'calls', body: { messaging_product: 'whatsapp', to: '16505551234', action: 'connect', biz_opaque_callback_data: 'c1' } });
    expect(callRequest(action('permission_request', null))).toMatchObject({ path: 'messages', body: { type: 'interactive', interactive: { type: 'call_permission_request' } } });
  });

  it('recording is not WhatsApp\'s to do: nothing is sent', () => {
    expect(callRequest(action('record'))).toHaveProperty('nothing');
  });
});
