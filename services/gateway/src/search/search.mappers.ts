import type { RecentSearchMessage__Output, SearchHitMessage__Output } from '@omnibox/contracts';

/** search.proto → API.md "Search", one mapper per resource (a contact found maps as in contacts.mappers). */

/** A message or comment found across threads (SRH-4…6). */
export function hitView(hit: SearchHitMessage__Output) {
  return { contactId: hit.contactId, id: hit.id, kind: hit.kind, createdAt: hit.createdAt, snippet: hit.snippet };
}

/** A match inside one thread (SRH-7): the thread is the one asked for, so it is not repeated. */
export function threadHitView(hit: SearchHitMessage__Output) {
  return { id: hit.id, kind: hit.kind, createdAt: hit.createdAt, snippet: hit.snippet };
}

export function recentSearchView(search: RecentSearchMessage__Output) {
  return { q: search.q, scope: search.scope, at: search.at };
}
