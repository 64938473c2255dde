import { Client, errors } from '@elastic/elasticsearch';
import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, canSeeThread, ContactSnapshot } from '@omnibox/contracts';
import { AppError, dependencyUnavailable, ELASTICSEARCH, ElasticsearchHandle, invalidInput, notFound } from '@omnibox/platform';
import { fallbackSnippet } from '../domain/documents';
import { isQueryProblem, MessageQuery, parseContactQuery, parseMessageQuery, QueryProblem, tidy } from '../domain/query';
import { docId } from '../indexes/index-definitions';
import type { ContactDoc, MessageDoc } from '../indexing/indexer';
import { SEARCH_INDEXES, SearchIndexes } from '../indexing/search-indexes';
import { contactQuery, decodeCursor, encodeCursor, highlightQuery, messageQuery } from './es-queries';
import { RecentSearches } from './recent-searches';

export interface Page {
  limit: number;
  cursor?: string;
}

export interface Hit {
  contactId: string;
  id: string;
  kind: string;
  createdAt: string;
  snippet: string;
}

const clampLimit = (limit: number | undefined) => Math.min(Math.max(limit || 50, 1), 200);

function valid<T>(parsed: T | QueryProblem): T {
  if (isQueryProblem(parsed)) throw invalidInput('q', parsed.problem);
  return parsed;
}

/** SRH-1…9 over the indexes, always through the aliases and always inside the caller's visibility. */
/**
 * A search answers well within the gateway's gRPC deadline (5 s): a dying or unreachable Elasticsearch
 * is a 503 naming it, never the gateway's "search service unavailable".
 */
const SEARCH_REQUEST = { requestTimeout: 2500, maxRetries: 1 };

@Injectable()
export class SearchService {
  private readonly client: Client;

  constructor(
    @Inject(ELASTICSEARCH) elasticsearch: ElasticsearchHandle,
    @Inject(SEARCH_INDEXES) private readonly indexes: SearchIndexes,
    private readonly recent: RecentSearches,
  ) {
    this.client = elasticsearch.client;
  }

  async contacts(caller: CallerScope, q: string, page: Page) {
    const query = valid(parseContactQuery(q));
    const limit = clampLimit(page.limit);
    const after = this.cursor(page.cursor);
    const answer = await this.run(() =>
      this.client.search<ContactDoc>({
        index: this.indexes.aliases.contacts,
        size: limit + 1,
        query: contactQuery(query, caller, new Date()),
        sort: [{ nameSort: 'asc' }, { contactId: 'asc' }],
        _source: ['contact', 'assigneeId', 'teamId', 'blocked'],
        track_total_hits: false,
        ...(after ? { search_after: after as never } : {}),
      }, SEARCH_REQUEST),
    );
    const hits = answer.hits.hits;
    const items = hits.slice(0, limit).map((hit) => {
      const doc = hit._source!;
      const contact = doc.contact as ContactSnapshot;
      return { ...contact, blocked: doc.blocked, assigneeId: doc.assigneeId, teamId: doc.teamId };
    });
    void this.recent.remember(caller, tidy(q), 'contacts');
    return { items, nextCursor: hits.length > limit ? encodeCursor(hits[limit - 1].sort) : '' };
  }

  async messages(caller: CallerScope, q: string, scope: string, page: Page) {
    const query = valid(parseMessageQuery(q));
    if (scope && scope !== 'messages' && scope !== 'comments') throw invalidInput('scope', 'must be messages or comments');
    const kinds = scope === 'messages' ? (['message'] as const) : scope === 'comments' ? (['comment'] as const) : undefined;
    const result = await this.hits(caller, query, { kinds: kinds ? [...kinds] : undefined, order: 'desc', page });
    void this.recent.remember(caller, tidy(q), scope || 'all');
    return result;
  }

  async thread(caller: CallerScope, contactId: string, q: string, page: Page) {
    const query = valid(parseMessageQuery(q));
    await this.visibleContact(caller, contactId);
    return this.hits(caller, query, { contactId, order: 'asc', page });
  }

  recentSearches(caller: CallerScope) {
    return this.recent.list(caller);
  }

  /** SRH-7 / VIS-4: a thread the caller may not see answers 404, like a missing one. */
  private async visibleContact(caller: CallerScope, contactId: string) {
    const answer = await this.run(() =>
      this.client.get<ContactDoc>({ index: this.indexes.aliases.contacts, id: docId(caller.workspaceId, contactId) }).catch((error) => {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return null;
        throw error;
      }),
    );
    const doc = answer?._source;
    const mentionedUntil = Object.fromEntries((doc?.mentions ?? []).map((mention) => [mention.userId, mention.until]));
    if (!doc || doc.deleted || doc.workspaceId !== caller.workspaceId || (doc.blocked && !caller.canViewBlocked) || !canSeeThread(caller, { ...doc, mentionedUntil })) {
      throw notFound(`Conversation ${contactId}`);
    }
  }

  private async hits(caller: CallerScope, query: MessageQuery, options: { kinds?: Array<'message' | 'comment'>; contactId?: string; order: 'asc' | 'desc'; page: Page }) {
    const limit = clampLimit(options.page.limit);
    const after = this.cursor(options.page.cursor);
    const answer = await this.run(() =>
      this.client.search<MessageDoc>({
        index: this.indexes.aliases.messages,
        size: limit + 1,
        query: messageQuery(query, caller, new Date(), options),
        sort: [{ createdAt: options.order }, { id: options.order }, { kind: options.order }],
        _source: ['contactId', 'id', 'kind', 'createdAt', 'text'],
        track_total_hits: false,
        highlight: {
          fields: { text: { type: 'unified', fragment_size: 160, number_of_fragments: 1, no_match_size: 160, highlight_query: highlightQuery(query) } },
          pre_tags: [''],
          post_tags: [''],
        },
        ...(after ? { search_after: after as never } : {}),
      }, SEARCH_REQUEST),
    );
    const hits = answer.hits.hits;
    const items: Hit[] = hits.slice(0, limit).map((hit) => {
      const doc = hit._source!;
      const snippet = hit.highlight?.text?.[0]?.replace(/\s+/g, ' ').trim() || fallbackSnippet(doc.text);
      return { contactId: doc.contactId, id: doc.id, kind: doc.kind, createdAt: doc.createdAt, snippet };
    });
    return { items, nextCursor: hits.length > limit ? encodeCursor(hits[limit - 1].sort) : '' };
  }

  private cursor(cursor: string | undefined) {
    const after = decodeCursor(cursor);
    if (after === 'invalid') throw invalidInput('cursor', 'is not a cursor this endpoint gave');
    return after;
  }

  /** Elasticsearch unreachable is a 503 naming it; a missing index (nothing indexed yet) is an empty answer. */
  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Connection refused, timeouts, no living node: Elasticsearch is not answering.
      if (!(error instanceof errors.ResponseError)) throw dependencyUnavailable('elasticsearch');
      const status = error.meta.statusCode ?? 0;
      const type = (error.meta.body as { error?: { type?: string } } | undefined)?.error?.type;
      if (status === 404 && type === 'index_not_found_exception') return { hits: { hits: [] } } as T;
      if (status >= 500 || status === 429 || status === 0) throw dependencyUnavailable('elasticsearch');
      throw error;
    }
  }
}
