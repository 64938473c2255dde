import { Inject, Injectable } from '@nestjs/common';
import { ChannelSnapshot, InboundStatusEvent, MessageSnapshot, MessageUpdated } from '@omnibox/contracts';
import { currentCorrelationId, getLogger } from '@omnibox/platform';
import { nextStatus, UNKNOWN_PROVIDER_FAILURE } from '../domain/message-status';
import { snapshotOf } from '../domain/thread';
import { TIMELINE, Timeline } from './ports';
import { stateOf, ThreadWriter } from './thread-writer';

/** MSG-2: a provider's status report moves the message forward; `failed` keeps the provider's error text. */
@Injectable()
export class ApplyDeliveryStatus {
  constructor(
    private readonly writer: ThreadWriter,
    @Inject(TIMELINE) private readonly timeline: Timeline,
  ) {}

  async execute(workspaceId: string, channel: ChannelSnapshot, status: InboundStatusEvent): Promise<void> {
    const entry = (await this.timeline.findByProviderId(channel.id, status.messageId)) ?? (await this.timeline.get(status.messageId));
    if (!entry || entry.workspaceId !== workspaceId || entry.item.kind !== 'message' || entry.item.direction !== 'outgoing') {
      // The status may overtake our own record of the send; retried with back-off, then parked.
      throw new Error(`no outgoing message ${status.messageId} on channel ${channel.id} yet`);
    }
    const next = nextStatus(entry.item.status, status.status);
    if (!next) return;
    const message: MessageSnapshot = { ...entry.item, status: next, error: next === 'failed' ? status.error ?? UNKNOWN_PROVIDER_FAILURE : entry.item.error };
    const thread = await this.writer.find(entry.contactId);
    const events = thread ? [MessageUpdated.create({ workspaceId, aggregateId: entry.contactId, data: { message, thread: snapshotOf(stateOf(thread)) }, correlationId: currentCorrelationId() })] : [];
    await this.timeline.setMessageStatus(entry.id, { status: next, error: message.error }, events, false);
    getLogger().debug({ messageId: entry.id, status: next }, 'message status updated');
  }
}
