import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, canSeeThread, EventActor, maySeeBlocked } from '@omnibox/contracts';
import { AppError, forbidden, notFound, ruleViolation } from '@omnibox/platform';
import { CallRefusal, isRefusal } from '../domain/agent-actions';
import { CallState, CallView, viewOf } from '../domain/call';
import { phoneFor } from '../domain/masking';
import { CALLS, Calls, VersionedCall } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/** A refused action: 409 when someone else got there first, 422 when a product rule refuses it. */
export function orRefuse(result: CallState | CallRefusal): CallState {
  if (!isRefusal(result)) return result;
  if (result.conflict) throw new AppError(409, result.refused, result.message);
  throw ruleViolation(result.refused, result.message);
}

/** Call actions are a user's: an API token has no one to answer, place or end a call as. */
export function requireUser(caller: CallerScope): void {
  if (caller.kind !== 'user') throw forbidden('Calls are answered, placed and ended by users; an API token cannot act on calls', 'users_only');
}

export const eventActor = (caller: CallerScope): EventActor => ({ kind: caller.kind, id: caller.principalId });

/**
 * The calls a gateway caller reads and acts on. Every read and act starts from `visible`: a call of a
 * thread the caller may not see (or of a blocked contact, for those who may not see blocked contacts)
 * is a 404, never its data (VIS-4).
 */
@Injectable()
export class CallerCalls {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    private readonly settings: WorkspaceSettingsReader,
  ) {}

  async visible(caller: CallerScope, id: string): Promise<VersionedCall> {
    const call = await this.calls.find(id);
    if (!call || !mayRead(caller, call)) throw notFound('Call');
    return call;
  }

  /** The call as this caller sees it: the phone number masked for agents when the workspace masks numbers (CAL-1). */
  async view(caller: CallerScope, call: CallState): Promise<CallView> {
    const settings = await this.settings.of(caller.workspaceId);
    return maskedFor(caller, viewOf(call), settings.calls.maskPhoneNumbers);
  }
}

export function mayRead(caller: CallerScope, call: CallState): boolean {
  if (call.workspaceId !== caller.workspaceId || call.deleted) return false;
  if (call.blocked && !maySeeBlocked(caller)) return false;
  return canSeeThread(caller, call.access);
}

export function maskedFor(caller: CallerScope, view: CallView, maskPhoneNumbers: boolean): CallView {
  return { ...view, contact: { ...view.contact, phone: phoneFor(caller, view.contact.phone, maskPhoneNumbers) } };
}
