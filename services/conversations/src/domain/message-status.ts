import type { MessageStatus } from '@omnibox/contracts';

const STATUS_ORDER: Record<MessageStatus, number> = { received: 0, pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** MSG-2: provider statuses only move forward (a late `delivered` never undoes `read`); `failed` is final. */
export function nextStatus(current: MessageStatus, reported: MessageStatus): MessageStatus | null {
  if (current === 'failed' || current === reported) return null;
  if (reported === 'failed') return current === 'read' || current === 'delivered' ? null : 'failed';
  return STATUS_ORDER[reported] > STATUS_ORDER[current] ? reported : null;
}

/** MSG-2: the error text of a failure the provider reported without one. */
export const UNKNOWN_PROVIDER_FAILURE = 'the provider reported a failure';
