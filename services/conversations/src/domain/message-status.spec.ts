import { nextStatus } from './message-status';

describe('message status (MSG-2)', () => {
  it('MSG-2: statuses only move forward; failed is final', () => {
    expect(nextStatus('sent', 'delivered')).toBe('delivered');
    expect(nextStatus('read', 'delivered')).toBeNull();
    expect(nextStatus('pending', 'failed')).toBe('failed');
    expect(nextStatus('failed', 'read')).toBeNull();
  });
});
