import type { CallerScope } from './caller';
import { canSeeThread, NO_ACCESS_GRANTS, ThreadAccess } from './visibility';

const agent = (restriction: CallerScope['restriction'], extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w', principalId: 'me', kind: 'user', role: 'agent', restriction, teamIds: ['t1'], teamMemberIds: ['me', 'mate'], canViewBlocked: false, ...extra,
});
const thread = (access: Partial<ThreadAccess>): ThreadAccess => ({ ...NO_ACCESS_GRANTS, ...access });
const now = new Date('2026-01-01T12:00:00Z');

describe('thread visibility (VIS-1…3)', () => {
  it('VIS-1: owners and managers see every thread', () => {
    expect(canSeeThread(agent('self', { role: 'owner' }), thread({ assigneeId: 'other' }), now)).toBe(true);
    expect(canSeeThread(agent('self', { role: 'manager' }), thread({}), now)).toBe(true);
  });

  it('VIS-2: an agent with restriction none sees everything', () => {
    expect(canSeeThread(agent('none'), thread({ assigneeId: 'other' }), now)).toBe(true);
  });

  it('VIS-2: restriction self sees only threads assigned to them', () => {
    expect(canSeeThread(agent('self'), thread({ assigneeId: 'me' }), now)).toBe(true);
    expect(canSeeThread(agent('self'), thread({ assigneeId: 'mate', teamId: 't1' }), now)).toBe(false);
    expect(canSeeThread(agent('self'), thread({}), now)).toBe(false);
  });

  it('VIS-2: restriction team sees threads of their teams or assigned to a teammate', () => {
    expect(canSeeThread(agent('team'), thread({ teamId: 't1' }), now)).toBe(true);
    expect(canSeeThread(agent('team'), thread({ assigneeId: 'mate' }), now)).toBe(true);
    expect(canSeeThread(agent('team'), thread({ assigneeId: 'stranger', teamId: 't2' }), now)).toBe(false);
    expect(canSeeThread(agent('team'), thread({}), now)).toBe(false);
  });

  it('VIS-3: collaborators always see the thread', () => {
    expect(canSeeThread(agent('self'), thread({ assigneeId: 'other', collaboratorIds: ['me'] }), now)).toBe(true);
  });

  it('VIS-3: a mention grants access until it expires', () => {
    expect(canSeeThread(agent('self'), thread({ mentionedUntil: { me: '2026-01-02T11:59:59Z' } }), now)).toBe(true);
    expect(canSeeThread(agent('self'), thread({ mentionedUntil: { me: '2026-01-01T11:59:59Z' } }), now)).toBe(false);
  });
});
