import { ContactBlocked, ContactCreated, ContactDeleted, ContactMerged, ContactSnapshot, ContactUnblocked, ContactUpdated, EventEnvelope } from '@omnibox/contracts';
import { deletedContact, mergedAwayContact, withSnapshot } from '../domain/contact-document';
import type { ContactState, IndexingBatch } from './indexing-batch';

/** The contacts service's events the indexes are built from. */
export const CONTACT_EVENT_TYPES = [ContactCreated.type, ContactUpdated.type, ContactBlocked.type, ContactUnblocked.type, ContactDeleted.type, ContactMerged.type];

function applySnapshot(batch: IndexingBatch, state: ContactState, contact: ContactSnapshot): void {
  const applied = withSnapshot(batch.current(state), contact);
  if (applied) batch.change(state, applied.doc, applied.follow);
}

/**
 * Applies one event of the contacts service to the batch (SRH-1…3): the contact document takes the
 * new snapshot; a deleted contact becomes a tombstone and its documents go; a merged-away contact
 * becomes a tombstone pointing at the kept one, whose documents it takes (the conversations service
 * moves the timeline without per-message events). Answers false for any other event.
 */
export function indexContactEvent(batch: IndexingBatch, event: EventEnvelope): boolean {
  const workspaceId = event.workspaceId;
  if (ContactCreated.is(event) || ContactUpdated.is(event) || ContactBlocked.is(event) || ContactUnblocked.is(event)) {
    applySnapshot(batch, batch.state(workspaceId, event.data.contact.id), event.data.contact);
    return true;
  }
  if (ContactDeleted.is(event)) {
    const state = batch.state(workspaceId, event.data.contactId);
    const deleted = deletedContact(batch.current(state), event.occurredAt);
    if (deleted) {
      batch.change(state, deleted);
      state.deletedNow = true;
    }
    return true;
  }
  if (ContactMerged.is(event)) {
    const kept = batch.state(workspaceId, event.data.contact.id);
    applySnapshot(batch, kept, event.data.contact);
    const source = batch.state(workspaceId, event.data.sourceContactId);
    const gone = mergedAwayContact(batch.current(source), kept.contactId, event.occurredAt);
    if (gone) {
      batch.change(source, gone);
      kept.absorbed.add(source.contactId);
    }
    return true;
  }
  return false;
}
