import type { CallerScope } from '@omnibox/contracts';
import { parseContactQuery, parseMessageQuery } from '../domain/query';
import { contactQuery, decodeCursor, encodeCursor, messageTextClause, visibilityFilter } from './es-queries';

const caller = (extra: Partial<CallerScope> = {}): CallerScope => ({
  workspaceId: 'w1', principalId: 'me', kind: 'user', role: 'agent', restriction: 'none', teamIds: ['t1'], teamMemberIds: ['me', 'mate'], canViewBlocked: true, ...extra,
});
const now = new Date('2026-01-01T12:00:00Z');

describe('visibility inside the query (VIS-1…4, SRH-9)', () => {
  it('VIS-1/2: owners, managers and unrestricted agents are only scoped to their workspace', () => {
    expect(visibilityFilter(caller({ role: 'owner', restriction: 'self' }), now)).toEqual([]);
    expect(visibilityFilter(caller(), now)).toEqual([]);
  });
  it('VIS-2/3: a self agent sees what is assigned to them, where they collaborate, and unexpired mentions', () => {
    const [clause] = visibilityFilter(caller({ restriction: 'self' }), now) as Array<{ bool: { should: unknown[] } }>;
    expect(clause.bool.should).toEqual([
      { term: { assigneeId: 'me' } },
      { term: { collaboratorIds: 'me' } },
      { terms: { mentionGrants: ['me|h|2026010112', 'me|m|202601011200'] } },
    ]);
  });
  it('VIS-2: a team agent also sees their teams and their teammates\' threads', () => {
    const [clause] = visibilityFilter(caller({ restriction: 'team' }), now) as Array<{ bool: { should: unknown[] } }>;
    expect(clause.bool.should).toEqual(expect.arrayContaining([{ terms: { teamId: ['t1'] } }, { terms: { assigneeId: ['me', 'mate'] } }]));
  });
  it('every query is scoped to the workspace; blocked contacts only for users allowed to see them', () => {
    const query = JSON.stringify(contactQuery(parseContactQuery('car') as never, caller({ canViewBlocked: false }), now));
    expect(query).toContain('{"term":{"workspaceId":"w1"}}');
    expect(query).toContain('{"term":{"blocked":false}}');
  });
});

describe('message query clauses (SRH-5)', () => {
  it('SRH-5: words and phrases are phrase matches; numbers any of them; e-mails prefixes of indexed forms', () => {
    expect(messageTextClause(parseMessageQuery('pizza party') as never)).toEqual({ match_phrase: { text: 'pizza party' } });
    expect(messageTextClause(parseMessageQuery('016 014') as never)).toEqual({ bool: { should: [{ match_phrase: { text: '016' } }, { match_phrase: { text: '014' } }], minimum_should_match: 1 } });
    expect(messageTextClause(parseMessageQuery('@gmail') as never)).toEqual({ match: { emailForms: '@gmail' } });
  });
  it('cursors round-trip and a forged one is refused', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 'm1']))).toEqual(['2026-01-01', 'm1']);
    expect(decodeCursor('not-a-cursor')).toBe('invalid');
    expect(decodeCursor('')).toBeUndefined();
  });
});
