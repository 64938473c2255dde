import { errors } from '@elastic/elasticsearch';
import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, ContactSnapshot } from '@omnibox/contracts';
import { AppError, dependencyUnavailable, ELASTICSEARCH, ElasticsearchHandle } from '@omnibox/platform';
import { Found, Hit, INDEX_ADMIN, IndexAdmin, SearchIndex, TimelineSearch } from '../../application/ports';
import { ContactDocument, foundContact } from '../../domain/contact-document';
import { documentId, fallbackSnippet, TimelineDocument } from '../../domain/documents';
import type { ContactQuery, MessageQuery } from '../../domain/query';
import { contactQuery, highlightQuery, messageQuery } from '../../domain/query-clauses';

/**
 * A search answers well within the gateway's gRPC deadline (5 s): a dying or unreachable Elasticsearch
 * is a 503 naming it, never the gateway's "search service unavailable".
 */
const SEARCH_REQUEST = { requestTimeout: 2500, maxRetries: 1 };

type Sorted<T> = { _source?: T; sort?: unknown[]; highlight?: Record<string, string[]> };

/** One page of `limit` hits out of `limit + 1` asked for, and where the next page starts. */
function page<T, R>(hits: Array<Sorted<T>>, limit: number, item: (hit: Sorted<T>) => R): Found<R> {
  return { items: hits.slice(0, limit).map(item), next: hits.length > limit ? (hits[limit - 1].sort ?? null) : null };
}

/** SRH-1…9 over the indexes, always through the aliases and always inside the caller's visibility. */
@Injectable()
export class ElasticsearchSearchIndex implements SearchIndex {
  constructor(
    @Inject(ELASTICSEARCH) private readonly elasticsearch: ElasticsearchHandle,
    @Inject(INDEX_ADMIN) private readonly indexes: IndexAdmin,
  ) {}

  async contacts(caller: CallerScope, query: ContactQuery, limit: number, after?: unknown[]): Promise<Found<ContactSnapshot>> {
    const answer = await this.run(() =>
      this.elasticsearch.client.search<ContactDocument>(
        {
          index: this.indexes.aliases.contacts,
          size: limit + 1,
          query: contactQuery(query, caller, new Date()),
          sort: [{ nameSort: 'asc' }, { contactId: 'asc' }],
          _source: ['contact', 'assigneeId', 'teamId', 'blocked'],
          track_total_hits: false,
          ...(after ? { search_after: after as never } : {}),
        },
        SEARCH_REQUEST,
      ),
    );
    return page(answer.hits.hits, limit, (hit) => foundContact(hit._source!));
  }

  async timeline(caller: CallerScope, query: MessageQuery, search: TimelineSearch, limit: number, after?: unknown[]): Promise<Found<Hit>> {
    const order = search.order;
    const answer = await this.run(() =>
      this.elasticsearch.client.search<TimelineDocument>(
        {
          index: this.indexes.aliases.messages,
          size: limit + 1,
          query: messageQuery(query, caller, new Date(), search),
          sort: [{ createdAt: order }, { id: order }, { kind: order }],
          _source: ['contactId', 'id', 'kind', 'createdAt', 'text'],
          track_total_hits: false,
          highlight: {
            fields: { text: { type: 'unified', fragment_size: 160, number_of_fragments: 1, no_match_size: 160, highlight_query: highlightQuery(query) } },
            pre_tags: [''],
            post_tags: [''],
          },
          ...(after ? { search_after: after as never } : {}),
        },
        SEARCH_REQUEST,
      ),
    );
    return page(answer.hits.hits, limit, (hit) => {
      const doc = hit._source!;
      const snippet = hit.highlight?.text?.[0]?.replace(/\s+/g, ' ').trim() || fallbackSnippet(doc.text);
      return { contactId: doc.contactId, id: doc.id, kind: doc.kind, createdAt: doc.createdAt, snippet };
    });
  }

  async contact(workspaceId: string, contactId: string): Promise<ContactDocument | null> {
    const answer = await this.run(() =>
      this.elasticsearch.client.get<ContactDocument>({ index: this.indexes.aliases.contacts, id: documentId(workspaceId, contactId) }).catch((error) => {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return null;
        throw error;
      }),
    );
    return answer?._source ?? null;
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
