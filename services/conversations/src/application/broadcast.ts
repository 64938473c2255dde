import { Inject, Injectable } from '@nestjs/common';
import { BroadcastRequested, CallerScope } from '@omnibox/contracts';
import { currentCorrelationId, invalidInput } from '@omnibox/platform';
import { eventActor } from './caller-threads';
import { newId } from './ids';
import { BROADCASTS, Broadcasts, CONTACTS, Contacts } from './ports';

export interface BroadcastInput {
  type: 'text' | 'template';
  text?: string;
  template?: { name: string; language: string; parameters?: string[] };
}

/**
 * API.md `POST /v1/broadcasts`: accepted at once (202) and announced; SendBroadcast sends one message
 * per contact from that announcement.
 */
@Injectable()
export class Broadcast {
  constructor(
    @Inject(BROADCASTS) private readonly broadcasts: Broadcasts,
    @Inject(CONTACTS) private readonly contacts: Contacts,
  ) {}

  /** Every target must be a contact of the caller's workspace they may see: `count` never counts anything else. */
  async execute(caller: CallerScope, contactIds: string[], message: BroadcastInput, senderName?: string): Promise<{ id: string; count: number }> {
    const unique = [...new Set(contactIds)];
    const existing = new Set(await this.contacts.existing(caller, unique));
    const missing = contactIds.findIndex((contactId) => !existing.has(contactId));
    if (missing >= 0) throw invalidInput(`contactIds.${missing}`, 'is not a contact of this workspace');
    const id = newId();
    const event = BroadcastRequested.create({
      workspaceId: caller.workspaceId,
      aggregateId: id,
      data: { broadcastId: id, contactIds: unique, message: { type: message.type, text: message.text, template: message.template ? { ...message.template, parameters: message.template.parameters ?? [] } : undefined }, senderName },
      actor: eventActor(caller),
      correlationId: currentCorrelationId(),
    });
    await this.broadcasts.create({ id, workspaceId: caller.workspaceId, contactIds: unique, createdBy: caller.principalId, createdAt: new Date() }, [event]);
    return { id, count: unique.length };
  }
}
