import type { IndexManager } from '../indexes/index-manager';

/** The service's IndexManager (aliases of its ES_INDEX_PREFIX), injected where indexes are read or written. */
export const SEARCH_INDEXES = Symbol('SEARCH_INDEXES');
export type SearchIndexes = IndexManager;
