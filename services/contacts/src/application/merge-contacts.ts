import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, ContactMerged } from '@omnibox/contracts';
import { AppError, conflict, failpoint, invalidInput, notFound } from '@omnibox/platform';
import { channelRef } from '../domain/channel-identity';
import { Contact, snapshotOf } from '../domain/contact-details';
import { mergeDetails, mergeEventId, mergeProgress, MergeRecord } from '../domain/merge';
import { canSeeContact } from '../domain/visibility';
import { announce } from './announce';
import { CHANNEL_IDENTITIES, ChannelIdentityRepository, CONTACTS, ContactRepository, MERGES, MergeRepository, NOTES, NoteRepository } from './ports';
import { visibleContact } from './visible-contact';

/**
 * CON-3: merge one contact into another: the kept contact gains the other's channels, notes, tags and
 * the details and custom fields it lacked, and the other answers 404. Each step is idempotent and the
 * merge's progress is recorded first, so a merge cut short (crash, restart) completes when it is
 * retried, and a retry of a finished merge answers the kept contact again.
 */
@Injectable()
export class MergeContacts {
  constructor(
    @Inject(CONTACTS) private readonly contacts: ContactRepository,
    @Inject(CHANNEL_IDENTITIES) private readonly identities: ChannelIdentityRepository,
    @Inject(NOTES) private readonly notes: NoteRepository,
    @Inject(MERGES) private readonly merges: MergeRepository,
  ) {}

  async execute(caller: CallerScope, targetId: string, sourceId: string): Promise<Contact> {
    if (targetId === sourceId) throw invalidInput('sourceContactId', 'a contact cannot be merged into itself');
    const workspaceId = caller.workspaceId;
    const target = await visibleContact(this.contacts, caller, targetId);
    let record = await this.merges.of(workspaceId, sourceId);
    switch (mergeProgress(record, targetId)) {
      case 'merged-elsewhere':
        throw notFound('Source contact');
      case 'merging-elsewhere':
        throw conflict('The source contact is already being merged into another contact; retry that merge', 'merge_in_progress', { targetId: record!.targetId });
      case 'finished':
        return target;
      case 'new':
        record = await this.begin(caller, targetId, sourceId);
        // A concurrent merge of the same pair recorded itself first: follow what it did.
        if (!record) return this.execute(caller, targetId, sourceId);
        break;
      case 'resume':
        break;
    }
    failpoint('contacts.merge.after-record');
    await this.identities.moveToContact(workspaceId, sourceId, targetId);
    await this.notes.moveToContact(workspaceId, sourceId, targetId);
    failpoint('contacts.merge.after-move');
    const kept = await this.completeMergeInto(caller, target, record!);
    await this.contacts.markMergedInto(workspaceId, sourceId, targetId, new Date());
    await this.merges.finish(workspaceId, sourceId, new Date());
    return kept;
  }

  /** Records the merge with the source as it is now; null when another merge of it was recorded first. */
  private async begin(caller: CallerScope, targetId: string, sourceId: string): Promise<MergeRecord | null> {
    const workspaceId = caller.workspaceId;
    const source = await this.contacts.live(workspaceId, sourceId);
    if (!source || !canSeeContact(caller, source)) throw new AppError(404, 'not_found', 'Source contact was not found', { field: 'sourceContactId' });
    const channels = (await this.identities.ofContact(workspaceId, sourceId)).map(channelRef);
    const record: MergeRecord = { workspaceId, sourceId, targetId, state: 'started', source, channels, startedAt: new Date() };
    return (await this.merges.start(record)) ? record : null;
  }

  /** Writes the merged details into the kept contact with the merge event, whose id is fixed per merge. */
  private async completeMergeInto(caller: CallerScope, target: Contact, record: MergeRecord): Promise<Contact> {
    const { details } = mergeDetails(target, record.source);
    const at = new Date();
    const event = {
      ...announce(ContactMerged, caller, target.id, { contact: snapshotOf({ ...target, ...details, updatedAt: at }), sourceContactId: record.sourceId, movedChannels: record.channels }),
      id: mergeEventId(record.sourceId, target.id),
    };
    const updated = await this.contacts.replaceDetails(caller.workspaceId, target.id, details, at, [event]);
    if (!updated) throw notFound('Contact');
    return updated;
  }
}
