import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import type { Broadcasts } from '../../application/ports';
import { BROADCAST_MODEL, BroadcastModel } from './broadcasts.schema';

/** `broadcasts` through its model: each written with the event that sends it (outbox). */
@Injectable()
export class BroadcastsRepository implements Broadcasts {
  constructor(
    @InjectModel(BROADCAST_MODEL) private readonly model: BroadcastModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async create(broadcast: { id: string; workspaceId: string; contactIds: string[]; createdBy: string; createdAt: Date }, events: EventEnvelope[]): Promise<void> {
    const { id, ...rest } = broadcast;
    await this.outbox.insert(this.model, { _id: id, ...rest }, events);
  }
}
