/**
 * The two indexes and their analyzers. Each is reached through an alias (`<prefix>-contacts`,
 * `<prefix>-messages`); the concrete index behind it is `<alias>-v<MAPPING_VERSION>-<stamp>`, created
 * from an index template, so a rebuild can fill a fresh one and switch the alias in one step.
 *
 * Only analysis components this project's Elasticsearch has (tools/elasticsearch/README.md) are used:
 * standard / keyword tokenizers, lowercase, asciifolding, edge_ngram, html_strip.
 */

/** Bump when a mapping or analyzer changes; `npm run search:rebuild` then builds indexes of the new version. */
export const MAPPING_VERSION = 2;

export type IndexKind = 'contacts' | 'messages';
export const INDEX_KINDS: IndexKind[] = ['contacts', 'messages'];

const analysis = {
  filter: {
    // Word prefixes up to 30 characters: `car` is a prefix of the word `carlos`, never of `scarlet`.
    prefixes: { type: 'edge_ngram', min_gram: 1, max_gram: 30 },
    // Phones and e-mail addresses are longer than words.
    prefixes_long: { type: 'edge_ngram', min_gram: 1, max_gram: 64 },
    // `José` is found by `jose` and by `josé`.
    fold: { type: 'asciifolding', preserve_original: true },
  },
  analyzer: {
    // SRH-1 names: each word indexed with all its prefixes; the query side keeps whole words.
    name_prefix: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'fold', 'prefixes'] },
    name_words: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'fold'] },
    // SRH-1 phones and e-mails: the whole value (already cut into its forms) with all its prefixes.
    whole_prefix: { type: 'custom', tokenizer: 'keyword', filter: ['lowercase', 'prefixes_long'] },
    whole: { type: 'custom', tokenizer: 'keyword', filter: ['lowercase'] },
    // SRH-5 message text: words, numbers and emoji as tokens (the standard tokenizer keeps 👍🏽 and
    // 👨‍👩‍👧 whole), case and accents folded; positions kept for phrases.
    message_words: { type: 'custom', tokenizer: 'standard', char_filter: ['html_strip'], filter: ['lowercase', 'fold'] },
  },
  normalizer: {
    lower: { type: 'custom', filter: ['lowercase'] },
  },
};

const accessProperties = {
  assigneeId: { type: 'keyword' },
  teamId: { type: 'keyword' },
  collaboratorIds: { type: 'keyword' },
  // Kept for the in-thread visibility check; the query uses mentionGrants (domain/documents.ts).
  mentions: { type: 'object', enabled: false },
  mentionGrants: { type: 'keyword' },
};

const settings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  // Explicit, so a shard that saw no search for a while still refreshes on time (SRH: searchable within 2 s).
  refresh_interval: '1s',
  analysis,
};

/**
 * Each index is stored in the order its lists are read (contacts by name, messages newest first),
 * so a search stops after one page however many documents match.
 */
const SORT: Record<IndexKind, { field: string[]; order: string[] }> = {
  contacts: { field: ['nameSort', 'contactId'], order: ['asc', 'asc'] },
  messages: { field: ['createdAt', 'id', 'kind'], order: ['desc', 'desc', 'desc'] },
};

export const MAPPINGS: Record<IndexKind, Record<string, unknown>> = {
  contacts: {
    dynamic: 'strict',
    properties: {
      workspaceId: { type: 'keyword' },
      contactId: { type: 'keyword' },
      firstName: { type: 'text', analyzer: 'name_prefix', search_analyzer: 'name_words' },
      lastName: { type: 'text', analyzer: 'name_prefix', search_analyzer: 'name_words' },
      phoneDigits: { type: 'text', analyzer: 'whole_prefix', search_analyzer: 'whole' },
      emailForms: { type: 'text', analyzer: 'whole_prefix', search_analyzer: 'whole' },
      customValues: { type: 'keyword', normalizer: 'lower' },
      nameSort: { type: 'keyword' },
      /** False for a placeholder made from thread access before the contact's own event arrived. */
      hasDetails: { type: 'boolean' },
      blocked: { type: 'boolean' },
      deleted: { type: 'boolean' },
      mergedInto: { type: 'keyword' },
      ...accessProperties,
      /** Time of the contact snapshot applied / of the thread access applied: older events never win. */
      contactAt: { type: 'date' },
      accessAt: { type: 'keyword' },
      /** The whole snapshot, returned as the search result; not searchable (SRH-3). */
      contact: { type: 'object', enabled: false },
    },
  },
  messages: {
    dynamic: 'strict',
    properties: {
      workspaceId: { type: 'keyword' },
      contactId: { type: 'keyword' },
      kind: { type: 'keyword' },
      id: { type: 'keyword' },
      createdAt: { type: 'date' },
      text: { type: 'text', analyzer: 'message_words' },
      emailForms: { type: 'text', analyzer: 'whole_prefix', search_analyzer: 'whole' },
      blocked: { type: 'boolean' },
      ...accessProperties,
    },
  },
};

export function indexTemplate(alias: string, kind: IndexKind) {
  return {
    name: `${alias}-template`,
    index_patterns: [`${alias}-v*`],
    priority: 200,
    template: { settings: { ...settings, index: { sort: SORT[kind] } }, mappings: MAPPINGS[kind] },
    _meta: { mappingVersion: MAPPING_VERSION, owner: 'omnibox search service' },
  };
}

/** Aliases of one prefix: `<prefix>-contacts`, `<prefix>-messages`. */
export function aliasNames(prefix: string): Record<IndexKind, string> {
  return { contacts: `${prefix}-contacts`, messages: `${prefix}-messages` };
}

/** A new concrete index name behind an alias. */
export function newIndexName(alias: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 17);
  return `${alias}-v${MAPPING_VERSION}-${stamp}`;
}

export function docId(workspaceId: string, id: string): string {
  return `${workspaceId}:${id}`;
}
