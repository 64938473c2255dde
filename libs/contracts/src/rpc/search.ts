// Types generated from search.proto (`npm run proto`), for both ends of the contract (a contact found
// is the contacts contract's `ContactMessage`).
export type { SearchDefinition } from '../generated/omnibox/search/v1/Search';
export type { Hit as SearchHitMessage, Hit__Output as SearchHitMessage__Output } from '../generated/omnibox/search/v1/Hit';
export type { RecentSearch as RecentSearchMessage, RecentSearch__Output as RecentSearchMessage__Output } from '../generated/omnibox/search/v1/RecentSearch';
