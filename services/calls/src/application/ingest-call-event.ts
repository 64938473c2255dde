import { Inject, Injectable } from '@nestjs/common';
import { CallRecordingDelivered, ChannelSnapshot, EventEnvelope, InboundCallEvent } from '@omnibox/contracts';
import { BoundedMap, BoundedSet, currentCorrelationId } from '@omnibox/platform';
import { CallState, earlier, newCall } from '../domain/call';
import { applyProviderEvent, isPermissionEvent, ProviderCallEvent } from '../domain/call-events';
import { deliverRecording, withTranscript } from '../domain/recordings';
import type { ContactState } from '../domain/contact-state';
import type { WorkspaceSettings } from '../domain/settings';
import { CallContacts } from './call-contacts';
import { CallWriter } from './call-writer';
import { callIdOf } from './ids';
import { IngestPermissionEvent } from './ingest-permission-event';
import { CALLS, Calls, CONTACT_STATES, ContactStates, VersionedCall } from './ports';
import { RefreshContactCalls } from './refresh-contact-calls';
import { HOT_PATH_STALE_MS, WorkspaceSettingsReader } from './workspace-settings';

/**
 * A provider call event the gateway accepted: one call per (channel, provider call id), created with
 * its first event and its contact (resolved as for messages). Events repeated or out of order are
 * applied by the domain's state machine; a redelivery changes nothing twice. Transcripts and recordings
 * are kept only while the workspace turns them on (CAL-5); a recording is copied by its own consumer.
 */
@Injectable()
export class IngestCallEvent {
  /** Calls this replica created or found: their next events read the call rather than insert first. */
  private readonly seen = new BoundedSet<string>(50_000);
  /**
   * The calls as this replica last wrote them: a call's next event (answered, then ended) is applied
   * without reading it first, one FerretDB find of ~6 commands per event. A call written elsewhere
   * since has another version: the write misses and CallWriter redoes it on a fresh read.
   */
  private readonly written = new BoundedMap<string, VersionedCall>(20_000);

  constructor(
    private readonly writer: CallWriter,
    private readonly contacts: CallContacts,
    private readonly settings: WorkspaceSettingsReader,
    private readonly refresh: RefreshContactCalls,
    private readonly permissions: IngestPermissionEvent,
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(CONTACT_STATES) private readonly states: ContactStates,
  ) {}

  async execute(workspaceId: string, channel: ChannelSnapshot, inbound: InboundCallEvent, receivedAt: string): Promise<void> {
    // As for messages (CHN-2): the provider's time, never later than when we received it.
    const at = earlier(inbound.timestamp, receivedAt);
    if (isPermissionEvent(inbound.call.event)) return this.permissions.execute(workspaceId, channel, inbound, at);
    const settings = await this.settings.of(workspaceId, HOT_PATH_STALE_MS);
    const event: ProviderCallEvent = { id: inbound.id, kind: inbound.call.event, at, durationSeconds: inbound.call.durationSeconds };
    const step = new Step(inbound, event, settings);
    const id = callIdOf(workspaceId, channel.id, inbound.call.id);
    // A new incoming call of a caller this replica knows is inserted straight away (its id is derived,
    // so a duplicate insert finds the stored call): seeding and bursts are mostly first events, and the
    // read before the insert was one FerretDB command per event for nothing. Calls this replica has
    // seen, and callers it does not know (never resolved for a call that may exist), are read first.
    if (inbound.call.direction === 'incoming' && !this.seen.has(id)) {
      const known = await this.contacts.known(workspaceId, channel, inbound.contact);
      if (known) return this.createOrApply(id, step, known, at, settings.calls.maxDurationSeconds, { workspaceId, channel, inbound });
    }
    const existing = this.written.get(id) ?? (await this.existing(workspaceId, channel.id, inbound.call));
    if (existing) {
      this.seen.add(existing.id);
      await this.applied(existing.id, this.writer.apply(existing, (state) => step.next(state), step.options));
      return;
    }
    const contact = await this.contacts.ofIdentity(workspaceId, channel, inbound.contact);
    await this.createOrApply(id, step, contact, at, settings.calls.maxDurationSeconds, { workspaceId, channel, inbound });
  }

  private async createOrApply(id: string, step: Step, contact: { state: ContactState; version: string | null }, at: string, maxDurationSeconds: number, source: { workspaceId: string; channel: ChannelSnapshot; inbound: InboundCallEvent }): Promise<void> {
    const { workspaceId, channel, inbound } = source;
    const initial = newCall({
      id,
      workspaceId,
      channel,
      providerCallId: inbound.call.id,
      contact: contact.state.contact,
      externalId: inbound.contact.externalId,
      direction: inbound.call.direction,
      at,
      maxDurationSeconds,
      access: contact.state.access,
      blocked: contact.state.blocked,
    });
    const { call, created } = await this.writer.create(step.next(initial) ?? initial, step.options);
    this.seen.add(call.id);
    if (!created) {
      await this.applied(call.id, this.writer.apply(call, (state) => step.next(state), step.options));
      return;
    }
    this.written.set(call.id, call);
    // The contact's access may have changed since it was read (its event found no call yet to change).
    if (await this.changedSince(contact.state, contact.version)) await this.refresh.execute(contact.state.contactId);
  }

  /** Remembers the call a write left, or forgets it when nothing was written (it may be stale). */
  private async applied(id: string, write: Promise<VersionedCall | null>): Promise<void> {
    this.written.delete(id);
    const call = await write;
    if (call) this.written.set(id, call);
  }

  private async changedSince(contact: ContactState, version: string | null): Promise<boolean> {
    if (version !== null) return this.states.changedSince(contact.contactId, version);
    const latest = await this.states.find(contact.contactId);
    return latest !== null && JSON.stringify(latest) !== JSON.stringify(contact);
  }

  /**
   * The call the event is about: ours by the provider's call id, or, for an outgoing call, one an agent
   * placed (named by our id or the provider's). Incoming calls are the provider's only: one read.
   */
  private async existing(workspaceId: string, channelId: string, { id: providerCallId, direction }: InboundCallEvent['call']): Promise<VersionedCall | null> {
    const derived = await this.calls.find(callIdOf(workspaceId, channelId, providerCallId));
    if (derived || direction === 'incoming') return derived;
    const ours = await this.calls.find(providerCallId);
    if (ours && ours.workspaceId === workspaceId && ours.channelId === channelId) return ours;
    return this.calls.findByProviderId(workspaceId, channelId, providerCallId);
  }
}

/** One provider event applied to a call (recomputed on a fresh state when a write races another). */
class Step {
  private delivered = false;
  /** A newly delivered recording is announced with the write that remembers it. */
  readonly options = { extra: (state: CallState) => this.announced(state) };

  constructor(
    private readonly inbound: InboundCallEvent,
    private readonly event: ProviderCallEvent,
    private readonly settings: WorkspaceSettings,
  ) {}

  next(state: CallState): CallState | null {
    let next = applyProviderEvent(state, this.event) ?? state;
    const { transcript, recording } = this.inbound.call;
    if (transcript) next = withTranscript(next, transcript, this.settings.calls.transcripts) ?? next;
    this.delivered = false;
    if (recording) {
      const source = { url: recording.url, contentType: recording.contentType ?? null, durationSeconds: recording.durationSeconds ?? null };
      const withSource = deliverRecording(next, source, this.settings.calls.recording);
      this.delivered = withSource !== null;
      next = withSource ?? next;
    }
    return next === state ? null : next;
  }

  /** A newly delivered recording is announced with the write that remembers it, for the copy. */
  announced(state: CallState): EventEnvelope[] {
    const source = state.recording.source;
    if (!this.delivered || !source) return [];
    return [
      CallRecordingDelivered.create({
        workspaceId: state.workspaceId,
        aggregateId: state.id,
        data: { callId: state.id, url: source.url, contentType: source.contentType, durationSeconds: source.durationSeconds },
        correlationId: currentCorrelationId(),
      }),
    ];
  }
}
