import { CallerScope, seesWholeWorkspace } from '@omnibox/contracts';
import type { ContactQuery, MessageQuery } from '../domain/query';
import { wordDigits } from '../domain/query';
import { currentGrantKeys } from '../domain/documents';

/** Elasticsearch query DSL, built from the parsed query and the caller's scope. */
type Clause = Record<string, unknown>;

/**
 * VIS-1…3 inside the query (VIS-4): owners, managers and unrestricted agents see the whole workspace;
 * others see documents whose thread is assigned to them, has them as collaborator, mentioned them
 * within the last 24 h, or (restriction `team`) belongs to one of their teams or to a teammate.
 */
export function visibilityFilter(caller: CallerScope, now: Date): Clause[] {
  if (seesWholeWorkspace(caller)) return [];
  const me = caller.principalId;
  const should: Clause[] = [
    { term: { assigneeId: me } },
    { term: { collaboratorIds: me } },
    { terms: { mentionGrants: currentGrantKeys(me, now) } },
  ];
  if (caller.restriction === 'team') {
    if (caller.teamIds.length) should.push({ terms: { teamId: caller.teamIds } });
    if (caller.teamMemberIds.length) should.push({ terms: { assigneeId: caller.teamMemberIds } });
  }
  return [{ bool: { should, minimum_should_match: 1 } }];
}

/** Workspace, visibility and blocked contacts (shown only to users allowed to see them, INB-4). */
function scopeFilters(caller: CallerScope, now: Date): Clause[] {
  return [{ term: { workspaceId: caller.workspaceId } }, ...(caller.canViewBlocked ? [] : [{ term: { blocked: false } }]), ...visibilityFilter(caller, now)];
}

/** SRH-1/2: every word matches a name word's start, the e-mail's start or the phone's digits; or the whole query a custom value. Name order. */
export function contactQuery(query: ContactQuery, caller: CallerScope, now: Date): Clause {
  const wordClause = (word: string): Clause => {
    const should: Clause[] = [{ match: { emailForms: word } }];
    // An address-like word is only an e-mail prefix; its pieces must not match names.
    if (!word.includes('@')) {
      should.push({ match: { firstName: { query: word, operator: 'and' } } }, { match: { lastName: { query: word, operator: 'and' } } });
      const digits = wordDigits(word);
      if (digits) should.push({ term: { phoneDigits: digits } });
    }
    return { bool: { should, minimum_should_match: 1 } };
  };
  const should: Clause[] = [{ bool: { filter: query.words.map(wordClause) } }, { term: { customValues: query.exact } }];
  // A query that reads as a phone number (`+62 812-3456`) is one digit prefix, spaces included.
  if (query.phoneDigits) should.push({ term: { phoneDigits: query.phoneDigits } });
  // Filters only, no scoring: results come in name order, the index's own order, so a search stops after one page.
  return { bool: { filter: [...scopeFilters(caller, now), { term: { hasDetails: true } }, { term: { deleted: false } }, { bool: { should, minimum_should_match: 1 } }] } };
}

/** SRH-5: the text clause of a message query. */
export function messageTextClause(query: MessageQuery): Clause {
  switch (query.kind) {
    case 'email':
      return { match: { emailForms: query.prefix } };
    case 'numbers':
      return { bool: { should: query.numbers.map((number) => ({ match_phrase: { text: number } })), minimum_should_match: 1 } };
    // One word may still be several tokens (`🍕🍕🍕`, `016-014`): they must stand together, as in a phrase.
    case 'word':
    case 'phrase':
      return { match_phrase: { text: query.text } };
  }
}

export function messageQuery(query: MessageQuery, caller: CallerScope, now: Date, options: { kinds?: Array<'message' | 'comment'>; contactId?: string }): Clause {
  const filter: Clause[] = [...scopeFilters(caller, now), messageTextClause(query)];
  if (options.kinds?.length === 1) filter.push({ term: { kind: options.kinds[0] } });
  if (options.contactId) filter.push({ term: { contactId: options.contactId } });
  return { bool: { filter } };
}

/** A query that finds the words again in the text, for the snippet around them. */
export function highlightQuery(query: MessageQuery): Clause {
  switch (query.kind) {
    case 'email':
      return { match: { text: query.prefix.replace(/^@/, '') } };
    case 'numbers':
      return { bool: { should: query.numbers.map((number) => ({ match_phrase: { text: number } })) } };
    default:
      return { match_phrase: { text: query.text } };
  }
}

/** Opaque cursors: the sort values of the last item of a page. */
export function encodeCursor(sort: unknown[] | undefined): string {
  return sort ? Buffer.from(JSON.stringify(sort)).toString('base64url') : '';
}

export function decodeCursor(cursor: string | undefined): unknown[] | undefined | 'invalid' {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : 'invalid';
  } catch {
    return 'invalid';
  }
}
