// Types generated from search.proto (`npm run proto`), for both ends of the contract.
export type { SearchDefinition } from '../generated/omnibox/search/v1/Search';
