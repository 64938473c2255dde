import { Inject, Injectable } from '@nestjs/common';
import { CallUpdated, EventActor, EventEnvelope } from '@omnibox/contracts';
import { AppError, currentCorrelationId, getLogger } from '@omnibox/platform';
import { announcedChanges, CallState, changedFields, snapshotOf } from '../domain/call';
import { rowOf } from '../domain/call-log';
import { CALL_LOG, CallLog, CALLS, Calls, VersionedCall } from './ports';

/** The plain state of a stored call. */
export function stateOf(call: VersionedCall): CallState {
  const { version: _version, ...state } = call;
  return state;
}

export interface WriteOptions {
  actor?: EventActor;
  /** What the write announces besides the call's own change (e.g. an assignment, a delivered recording). */
  extra?: (state: CallState) => EventEnvelope[];
}

const MAX_ATTEMPTS = 8;

/**
 * Every change of a call goes through here. A change is computed by a pure transition (domain/) on the
 * current state and written only if nobody wrote the call meanwhile (`version`); otherwise it is
 * recomputed on the fresh state, so two writers (a provider event and an agent, two agents, two
 * replicas ending it at its maximum) never both win. The write carries its events (outbox):
 * `calls.call.updated` when an announced field changed. The call log's row follows straight away (a
 * crash in between is mended by the `calls-log` consumer of those events).
 */
@Injectable()
export class CallWriter {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(CALL_LOG) private readonly log: CallLog,
  ) {}

  find(id: string): Promise<VersionedCall | null> {
    return this.calls.find(id);
  }

  /** Stores a new call; answers the stored one and whether this write created it. */
  async create(state: CallState, options: WriteOptions = {}): Promise<{ call: VersionedCall; created: boolean }> {
    if (await this.calls.create(state, this.eventsOf(state, announcedChanges(null, state), options))) {
      const call = { ...state, version: 1 };
      await this.projectQuietly(call);
      return { call, created: true };
    }
    const existing = await this.calls.find(state.id);
    if (!existing) throw new AppError(409, 'conflict', 'The call changed too often meanwhile; retry');
    return { call: existing, created: false };
  }

  /**
   * Applies `transition` (which may throw a refusal) and answers the call as written, or null when the
   * transition changes nothing (nothing is written).
   */
  async apply(call: VersionedCall, transition: (state: CallState) => CallState | null, options: WriteOptions = {}): Promise<VersionedCall | null> {
    let current = call;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = stateOf(current);
      const after = transition(before);
      if (!after) return null;
      const fields = changedFields(before, after).filter((key) => key !== 'updatedAt');
      if (fields.length === 0) return null;
      const next = { ...after, updatedAt: new Date().toISOString() };
      const changes: Partial<CallState> = { updatedAt: next.updatedAt };
      for (const key of fields) (changes as Record<string, unknown>)[key] = next[key];
      const written = await this.calls.update(current.id, current.version, changes, this.eventsOf(next, announcedChanges(before, next), options));
      if (written) {
        await this.projectQuietly(written);
        return written;
      }
      const fresh = await this.calls.find(current.id);
      if (!fresh) throw new AppError(404, 'not_found', 'Call was not found');
      current = fresh;
    }
    throw new AppError(409, 'conflict', 'The call changed too often meanwhile; retry');
  }

  /** The call log's row of a call as it is now; an older version never overwrites a newer one. */
  project(call: VersionedCall): Promise<void> {
    return this.log.project(rowOf(stateOf(call)), call.version);
  }

  /** After a write: a failure here is mended by the `calls-log` consumer of the write's events. */
  private async projectQuietly(call: VersionedCall): Promise<void> {
    await this.project(call).catch((error) => getLogger().warn({ err: error, callId: call.id }, 'call log row left to the calls-log consumer'));
  }

  private eventsOf(state: CallState, changed: string[], options: WriteOptions): EventEnvelope[] {
    const base = { workspaceId: state.workspaceId, aggregateId: state.id, actor: options.actor, correlationId: currentCorrelationId() };
    const updated = changed.length ? [CallUpdated.create({ ...base, data: { call: snapshotOf(state), changed, access: state.access, contactBlocked: state.blocked } })] : [];
    return [...updated, ...(options.extra ? options.extra(state) : [])];
  }
}
