import { CallerScope, canSeeThread, ThreadAccess } from '@omnibox/contracts';
import { storedAccess } from './access';
import { emptyContactDocument } from './contact-document';
import { contactQuery } from './query-clauses';
import { parseContactQuery } from './query';
import { canSearchThread, Clause, visibilityFilter } from './visibility-filter';

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
  it('VIS-2: a team agent also sees their teams\' and their teammates\' threads', () => {
    const [clause] = visibilityFilter(caller({ restriction: 'team' }), now) as Array<{ bool: { should: unknown[] } }>;
    expect(clause.bool.should).toEqual(expect.arrayContaining([{ terms: { teamId: ['t1'] } }, { terms: { assigneeId: ['me', 'mate'] } }]));
  });
  it('every query is scoped to the workspace; blocked contacts only for users allowed to see them', () => {
    const query = JSON.stringify(contactQuery(parseContactQuery('car') as never, caller({ canViewBlocked: false }), now));
    expect(query).toContain('{"term":{"workspaceId":"w1"}}');
    expect(query).toContain('{"term":{"blocked":false}}');
  });
});

/** What Elasticsearch answers for these filters on one document (term, terms and bool are all they use). */
function matches(clause: Clause, doc: Record<string, unknown>): boolean {
  const has = (field: string, value: unknown) => {
    const stored = doc[field];
    return Array.isArray(stored) ? stored.includes(value) : stored === value;
  };
  if ('term' in clause) return Object.entries(clause.term as object).every(([field, value]) => has(field, value));
  if ('terms' in clause) return Object.entries(clause.terms as object).every(([field, values]) => (values as unknown[]).some((value) => has(field, value)));
  const bool = clause.bool as { should?: Clause[]; filter?: Clause[]; minimum_should_match?: number };
  const should = bool.should ?? [];
  return (bool.filter ?? []).every((inner) => matches(inner, doc)) && should.filter((inner) => matches(inner, doc)).length >= (bool.minimum_should_match ?? (should.length ? 1 : 0));
}

describe('VIS-1…3 say the same in the query as in the rule (libs/contracts canSeeThread)', () => {
  const callers: Record<string, CallerScope> = {
    owner: caller({ role: 'owner', restriction: 'self' }),
    manager: caller({ role: 'manager', restriction: 'team' }),
    'api token': caller({ kind: 'api', role: 'agent', restriction: 'self' }),
    'agent none': caller(),
    'agent team': caller({ restriction: 'team' }),
    'agent self': caller({ restriction: 'self' }),
  };
  const threads: Record<string, ThreadAccess> = {
    'assigned to me': { assigneeId: 'me', teamId: null, collaboratorIds: [], mentionedUntil: {} },
    'assigned to a teammate': { assigneeId: 'mate', teamId: null, collaboratorIds: [], mentionedUntil: {} },
    'of my team, unassigned': { assigneeId: null, teamId: 't1', collaboratorIds: [], mentionedUntil: {} },
    'of another team': { assigneeId: 'stranger', teamId: 't9', collaboratorIds: [], mentionedUntil: {} },
    'where I collaborate': { assigneeId: 'stranger', teamId: null, collaboratorIds: ['me'], mentionedUntil: {} },
    'mentioning me an hour ago': { assigneeId: 'stranger', teamId: null, collaboratorIds: [], mentionedUntil: { me: '2026-01-02T11:00:00Z' } },
    'mentioning me a day and an hour ago': { assigneeId: 'stranger', teamId: null, collaboratorIds: [], mentionedUntil: { me: '2026-01-01T11:00:00Z' } },
    unassigned: { assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {} },
  };
  const cases = Object.entries(callers).flatMap(([who, scope]) => Object.entries(threads).map(([what, access]) => [who, what, scope, access] as const));
  it.each(cases)('%s, a thread %s', (_who, _what, scope, access) => {
    const doc = { ...emptyContactDocument('w1', 'c1'), ...storedAccess(access), hasDetails: true };
    const inQuery = visibilityFilter(scope, now).every((clause) => matches(clause, doc as unknown as Record<string, unknown>));
    expect(inQuery).toBe(canSeeThread(scope, access, now));
    expect(canSearchThread(scope, doc, now)).toBe(canSeeThread(scope, access, now));
  });
});

describe('searching inside a thread (SRH-7, VIS-4)', () => {
  const doc = { ...emptyContactDocument('w1', 'c1'), ...storedAccess({ assigneeId: 'me', teamId: null, collaboratorIds: [], mentionedUntil: {} }) };
  it('VIS-4: a missing, deleted or merged-away contact, or one of another workspace, is seen by nobody', () => {
    expect(canSearchThread(caller({ role: 'owner' }), null, now)).toBe(false);
    expect(canSearchThread(caller({ role: 'owner' }), { ...doc, deleted: true }, now)).toBe(false);
    expect(canSearchThread(caller({ role: 'owner', workspaceId: 'w2' }), doc, now)).toBe(false);
  });
  it('INB-4: a blocked contact\'s thread only for users allowed to see blocked contacts', () => {
    expect(canSearchThread(caller({ canViewBlocked: false }), { ...doc, blocked: true }, now)).toBe(false);
    expect(canSearchThread(caller(), { ...doc, blocked: true }, now)).toBe(true);
  });
});
