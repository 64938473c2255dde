import type { Client } from '@elastic/elasticsearch';
import type { ContactFollow, ContactWrite, IndexNames, IndexWriter, LoadedContact, Log, PermanentFailure, TimelineWrite } from '../../application/ports';
import { TransientIndexingError } from '../../application/ports';
import type { ContactDocument } from '../../domain/contact-document';

type ItemResult = { _id: string; status: number; error?: { type: string; reason?: string } };

/** Documents followed per request when a contact's earlier documents must follow it. */
const FOLLOW_PAGE = 1000;

/**
 * Writes one set of indexes (the aliases, or the fresh indexes of a rebuild) in bulk requests. Contact
 * documents are written with `if_seq_no` / `if_primary_term` (or `create`), message documents with
 * `version_type: external_gte` and their event's time. There is no `_update_by_query` here: a contact's
 * earlier documents are paged (`search_after`) and bulk-updated (or deleted), so a retry repeats the whole step.
 */
export class ElasticsearchIndexWriter implements IndexWriter {
  constructor(
    private readonly client: Client,
    private readonly indexes: IndexNames,
    private readonly logger: Log,
  ) {}

  async loadContacts(ids: string[]): Promise<LoadedContact[]> {
    const answer = await this.client.mget<ContactDocument>({ index: this.indexes.contacts, ids });
    return answer.docs.map((found) => {
      const hit = 'found' in found && found.found ? found : null;
      const version = hit && hit._seq_no !== undefined && hit._primary_term !== undefined ? { seqNo: hit._seq_no, primaryTerm: hit._primary_term } : undefined;
      return { id: found._id, doc: hit?._source ?? null, version };
    });
  }

  async writeTimeline(writes: TimelineWrite[]): Promise<PermanentFailure[]> {
    if (writes.length === 0) return [];
    const operations = writes.flatMap((write): unknown[] => {
      const meta = { _index: this.indexes.messages, _id: write.id, version: write.version, version_type: 'external_gte' };
      return write.doc ? [{ index: meta }, write.doc] : [{ delete: meta }];
    });
    const failures: PermanentFailure[] = [];
    (await this.bulk(operations)).forEach((result, i) => {
      if (!result.error || result.status === 404) return;
      if (result.status === 409) return; // a newer version is already there
      if (result.status === 429 || result.status >= 500) throw new TransientIndexingError(`elasticsearch refused a write (${result.status} ${result.error.type})`);
      failures.push({ eventId: writes[i].eventId, reason: `${result.error.type}: ${result.error.reason ?? ''}` });
    });
    return failures;
  }

  async followContacts(follows: ContactFollow[]): Promise<void> {
    if (follows.length === 0) return;
    await this.client.indices.refresh({ index: this.indexes.messages });
    for (const follow of follows) {
      let after: unknown[] | undefined;
      for (;;) {
        const page = await this.client.search({
          index: this.indexes.messages,
          size: FOLLOW_PAGE,
          _source: false,
          query: { bool: { filter: [{ term: { workspaceId: follow.workspaceId } }, { terms: { contactId: follow.contactIds } }] } },
          sort: [{ createdAt: 'asc' }, { id: 'asc' }, { kind: 'asc' }],
          ...(after ? { search_after: after as never } : {}),
        });
        const hits = page.hits.hits;
        if (hits.length === 0) break;
        const operations = hits.flatMap((hit): unknown[] =>
          follow.deleted ? [{ delete: { _index: this.indexes.messages, _id: hit._id } }] : [{ update: { _index: this.indexes.messages, _id: hit._id, retry_on_conflict: 3 } }, { doc: follow.update }],
        );
        const refused = (await this.bulk(operations)).find((result) => result.error && result.status !== 404);
        if (refused) throw new TransientIndexingError(`elasticsearch refused a message update (${refused.status} ${refused.error!.type})`);
        if (hits.length < FOLLOW_PAGE) break;
        after = hits[hits.length - 1].sort;
      }
    }
  }

  async writeContacts(writes: ContactWrite[]): Promise<PermanentFailure[]> {
    if (writes.length === 0) return [];
    const operations = writes.flatMap((write): unknown[] => [
      write.version
        ? { index: { _index: this.indexes.contacts, _id: write.id, if_seq_no: write.version.seqNo, if_primary_term: write.version.primaryTerm } }
        : { create: { _index: this.indexes.contacts, _id: write.id } },
      write.doc,
    ]);
    const failures: PermanentFailure[] = [];
    for (const result of await this.bulk(operations)) {
      if (!result.error) continue;
      // Another writer changed the contact since it was read: read again and re-apply (the batch is retried).
      if (result.status === 409 || result.status === 429 || result.status >= 500) {
        throw new TransientIndexingError(`contact ${result._id} could not be written (${result.status} ${result.error.type})`);
      }
      this.logger.error({ contact: result._id, error: result.error }, 'contact document refused by elasticsearch');
      failures.push({ eventId: `contact:${result._id}`, reason: `${result.error.type}: ${result.error.reason ?? ''}` });
    }
    return failures;
  }

  /** The result of each operation; a request that fails as a whole is transient. */
  private async bulk(operations: unknown[]): Promise<ItemResult[]> {
    try {
      const answer = await this.client.bulk({ operations: operations as never, refresh: false });
      return answer.items.map((item) => Object.values(item)[0] as ItemResult);
    } catch (error) {
      throw new TransientIndexingError(`elasticsearch bulk failed: ${(error as Error).message}`);
    }
  }
}
