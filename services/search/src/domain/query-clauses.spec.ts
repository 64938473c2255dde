import type { CallerScope } from '@omnibox/contracts';
import { parseContactQuery, parseMessageQuery } from './query';
import { contactQuery, highlightQuery, messageQuery, messageTextClause } from './query-clauses';

const owner: CallerScope = { workspaceId: 'w1', principalId: 'me', kind: 'user', role: 'owner', restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true };
const now = new Date('2026-01-01T12:00:00Z');

describe('message query clauses (SRH-5)', () => {
  it('SRH-5: words and phrases are phrase matches; numbers any of them; e-mails prefixes of indexed forms', () => {
    expect(messageTextClause(parseMessageQuery('pizza party') as never)).toEqual({ match_phrase: { text: 'pizza party' } });
    expect(messageTextClause(parseMessageQuery('016 014') as never)).toEqual({ bool: { should: [{ match_phrase: { text: '016' } }, { match_phrase: { text: '014' } }], minimum_should_match: 1 } });
    expect(messageTextClause(parseMessageQuery('@gmail') as never)).toEqual({ match: { emailForms: '@gmail' } });
  });
  it('SRH-7: a search inside a thread and of one kind only adds those filters', () => {
    const query = messageQuery(parseMessageQuery('pizza') as never, owner, now, { kinds: ['comment'], contactId: 'c1' }) as { bool: { filter: unknown[] } };
    expect(query.bool.filter).toEqual(expect.arrayContaining([{ term: { kind: 'comment' } }, { term: { contactId: 'c1' } }, { term: { workspaceId: 'w1' } }]));
  });
  it('the snippet finds the words again: an e-mail query by its address without the @', () => {
    expect(highlightQuery(parseMessageQuery('@gmail') as never)).toEqual({ match: { text: 'gmail' } });
    expect(highlightQuery(parseMessageQuery('pizza party') as never)).toEqual({ match_phrase: { text: 'pizza party' } });
  });
});

describe('contact query clauses (SRH-1, SRH-2)', () => {
  const text = (q: string) => JSON.stringify(contactQuery(parseContactQuery(q) as never, owner, now));
  it('SRH-1: each word is a name-word prefix, an e-mail prefix or (with digits) a phone-digit prefix', () => {
    expect(text('car')).toContain('{"match":{"firstName":{"query":"car","operator":"and"}}}');
    expect(text('0812-34')).toContain('{"term":{"phoneDigits":"081234"}}');
  });
  it('SRH-1: an address-like word is only an e-mail prefix, never names', () => {
    expect(text('ana@')).not.toContain('firstName');
  });
  it('SRH-2: the whole query matches a custom value exactly', () => {
    expect(text('Gold Plan')).toContain('{"term":{"customValues":"gold plan"}}');
  });
  it('tombstones and placeholders are never found', () => {
    expect(text('car')).toContain('{"term":{"deleted":false}}');
    expect(text('car')).toContain('{"term":{"hasDetails":true}}');
  });
});
