import type { IndexKind } from '../../application/ports';
import { ANALYSIS, EXACT_VALUE_FIELD, MESSAGE_TEXT_FIELD, NAME_FIELD, WHOLE_VALUE_PREFIX_FIELD } from '../../domain/analyzers';

/**
 * The two indexes: mappings and templates. Each is reached through an alias (`<prefix>-contacts`,
 * `<prefix>-messages`); the concrete index behind it is `<alias>-v<MAPPING_VERSION>-<stamp>`, created
 * from an index template, so a rebuild can fill a fresh one and switch the alias in one step. How text
 * is analysed is the domain's (domain/analyzers.ts).
 */

/** Bump when a mapping or analyzer changes; `npm run search:rebuild` then builds indexes of the new version. */
export const MAPPING_VERSION = 2;

export const INDEX_KINDS: IndexKind[] = ['contacts', 'messages'];

const accessProperties = {
  assigneeId: { type: 'keyword' },
  teamId: { type: 'keyword' },
  collaboratorIds: { type: 'keyword' },
  // Kept for the in-thread visibility check; the query uses mentionGrants (domain/access.ts).
  mentions: { type: 'object', enabled: false },
  mentionGrants: { type: 'keyword' },
};

const settings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  // Explicit, so a shard that saw no search for a while still refreshes on time (SRH: searchable within 2 s).
  refresh_interval: '1s',
  analysis: ANALYSIS,
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
      firstName: NAME_FIELD,
      lastName: NAME_FIELD,
      phoneDigits: WHOLE_VALUE_PREFIX_FIELD,
      emailForms: WHOLE_VALUE_PREFIX_FIELD,
      customValues: EXACT_VALUE_FIELD,
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
      text: MESSAGE_TEXT_FIELD,
      emailForms: WHOLE_VALUE_PREFIX_FIELD,
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
