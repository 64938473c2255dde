import type { CallerScope } from '@omnibox/contracts';
import { ContactQuery, MessageQuery, wordDigits } from './query';
import { Clause, scopeFilters } from './visibility-filter';

/** The Elasticsearch queries of SRH-1…5, built from a parsed query and the caller's scope. */

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

/** SRH-4…7: messages and comments matching, of visible threads; only messages or comments, or one thread, when asked. */
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
