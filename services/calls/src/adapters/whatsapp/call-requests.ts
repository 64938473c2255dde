import type { CallAction } from '../../application/ports';

/** Where a WhatsApp call action goes and what it says, or why WhatsApp has nothing to be told. */
export type CallRequest = { path: 'calls' | 'messages'; body: Record<string, unknown> } | { nothing: string } | { refused: string };

/**
 * A call action in the WhatsApp Cloud API Calling format: `POST /{phone-number-id}/calls` with
 * `connect` (a call we place, to the contact's number), `accept`, `reject` or `terminate` naming the
 * call; a permission request is an interactive `call_permission_request` message (`/messages`).
 * WhatsApp records nothing itself: recording happens in the agent's media stack, so `record` has
 * nothing to tell it. The media session (SDP) is negotiated by the agent's client, not here.
 */
export function callRequest(action: CallAction): CallRequest {
  const to = action.contact.externalId.replace(/[^\d]/g, '');
  const base = { messaging_product: 'whatsapp' };
  switch (action.action) {
    case 'connect':
      return { path: 'calls', body: { ...base, to, action: 'connect', biz_opaque_callback_data: action.callId } };
    case 'permission_request':
      return {
        path: 'messages',
        body: { ...base, recipient_type: 'individual', to, type: 'interactive', interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, body: { text: 'May we call you on WhatsApp?' } } },
      };
    case 'record':
      return { nothing: 'WhatsApp does not record calls; the agent\'s client does' };
    default: {
      if (!action.providerCallId) return { refused: 'the call has no WhatsApp call id yet' };
      const verb = { answer: 'accept', decline: 'reject', end: 'terminate' }[action.action];
      return { path: 'calls', body: { ...base, call_id: action.providerCallId, action: verb } };
    }
  }
}
