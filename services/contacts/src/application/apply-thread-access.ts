import { Inject, Injectable } from '@nestjs/common';
import type { ThreadAccess } from '@omnibox/contracts';
import { CONTACTS, ContactRepository } from './ports';

/**
 * VIS-2/3: who may see a contact follows its thread (assignee, team, collaborators, mentions), which
 * the conversations service owns and announces. An older thread state (a redelivery after a newer
 * one) never overwrites a newer one, so applying a change twice is harmless.
 */
@Injectable()
export class ApplyThreadAccess {
  constructor(@Inject(CONTACTS) private readonly contacts: ContactRepository) {}

  execute(workspaceId: string, change: { contactId: string; access: ThreadAccess; at: string }): Promise<void> {
    return this.contacts.applyAccess(workspaceId, change.contactId, change.access, change.at);
  }
}
