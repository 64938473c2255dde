import { Inject, Injectable } from '@nestjs/common';
import type { ContactSnapshot } from '@omnibox/contracts';
import type { RowAttributes } from '../domain/list-rules';
import { CONTACT_ATTRIBUTES, ContactAttributes, INBOX_ROWS, InboxRows } from './ports';

/**
 * A contact changed: the attributes advanced filters look at (FLT-5: tags, language, country, custom
 * fields) follow it on the thread's row. Written durably first, so a row rebuilt after Redis lost it
 * takes its attributes from there; a contact created without any (everyone a channel brings) needs no
 * durable copy, since a row without one has none either (issue #19: one write less per new contact).
 */
@Injectable()
export class ProjectContact {
  constructor(
    @Inject(CONTACT_ATTRIBUTES) private readonly attributes: ContactAttributes,
    @Inject(INBOX_ROWS) private readonly rows: InboxRows,
  ) {}

  async execute(workspaceId: string, contact: ContactSnapshot, created = false): Promise<void> {
    const attrs: RowAttributes = {
      tags: contact.tags ?? [],
      language: contact.language ?? null,
      countryCode: contact.countryCode ?? null,
      customFields: (contact.customFields ?? {}) as Record<string, unknown>,
    };
    const none = attrs.tags.length === 0 && !attrs.language && !attrs.countryCode && Object.keys(attrs.customFields).length === 0;
    if (!(created && none)) await this.attributes.save(workspaceId, contact.id, attrs);
    await this.rows.setAttributes(contact.id, attrs);
  }
}
