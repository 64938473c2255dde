import { apiSchema, listOf, object, oneOfValues, pageOf, string, time } from '../openapi/api-schemas';

/** API.md "Search" answers, as search.mappers.ts writes them (contacts found are `Contact`s). */

const hitFields = { id: string(), kind: oneOfValues(['message', 'comment']), createdAt: time, snippet: string({ description: 'the match in context' }) };

export const SearchHit = apiSchema('SearchHit', object({ contactId: string(), ...hitFields }));
export const SearchHitPage = pageOf('SearchHit', SearchHit);
export const ThreadHit = apiSchema('ThreadHit', object(hitFields));
export const ThreadHitPage = pageOf('ThreadHit', ThreadHit);
export const RecentSearches = apiSchema('RecentSearches', object({ items: listOf(object({ q: string(), scope: string({ description: 'contacts, messages or comments' }), at: time })) }));
