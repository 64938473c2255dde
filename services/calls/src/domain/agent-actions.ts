import { CallState } from './call';
import { finish } from './call-events';

/**
 * What agents do with a call (CAL-2, CAL-3): answer, decline, end, record. Each answers the call as
 * it becomes, or why the action is refused (`conflict`: someone else got there first, answered 409;
 * otherwise a product rule refuses it, answered 422).
 */
export interface CallRefusal {
  refused: string;
  message: string;
  conflict?: boolean;
}

export const isRefusal = (value: unknown): value is CallRefusal => typeof value === 'object' && value !== null && 'refused' in value;

/** The agent acting, with the teams they belong to. */
export interface Agent {
  id: string;
  teamIds: string[];
}

/** CAL-3: the first agent to answer a ringing incoming call takes it; another one answering gets 409. */
export function answer(state: CallState, agent: Agent, now: string): CallState | CallRefusal {
  if (state.status === 'ringing' && state.direction === 'incoming') return { ...state, status: 'ongoing', answeredBy: agent.id, answeredAt: now };
  if (state.status === 'ongoing' && state.answeredBy === agent.id) return state;
  if (state.status === 'ongoing') return { refused: 'call_already_answered', message: 'Someone else answered this call already', conflict: true };
  return { refused: 'call_not_ringing', message: `Only a ringing incoming call can be answered; this one is ${state.direction} and ${state.status}` };
}

/** An agent declines a ringing incoming call: it ends rejected. */
export function decline(state: CallState, now: string): CallState | CallRefusal {
  if (state.status === 'ringing' && state.direction === 'incoming') return finish(state, 'rejected', 'rejected', now);
  return { refused: 'call_not_ringing', message: `Only a ringing incoming call can be declined; this one is ${state.direction} and ${state.status}` };
}

/** CAL-2: an ongoing call ends (completed); an outgoing call still ringing is given up (unanswered). */
export function end(state: CallState, now: string): CallState | CallRefusal {
  if (state.status === 'ongoing') return finish(state, 'ended', 'completed', now);
  if (state.status === 'ringing' && state.direction === 'outgoing') return finish(state, 'ended', 'unanswered', now);
  if (state.status === 'ringing') return { refused: 'call_ringing', message: 'A ringing incoming call is declined, not ended (POST /v1/calls/{id}/decline)' };
  return { refused: 'call_not_live', message: `The call is over already (${state.status})` };
}

/** CAL-2: an ongoing call can be recorded, only when the workspace allows recording. */
export function setRecording(state: CallState, on: boolean, allowed: boolean): CallState | CallRefusal {
  if (!allowed) return { refused: 'recording_disabled', message: 'Recording is turned off for this workspace; an owner or a manager can turn it on in the workspace settings' };
  if (state.status !== 'ongoing') return { refused: 'call_not_ongoing', message: `Only an ongoing call can be recorded; this one is ${state.status}` };
  const status = on ? 'on' : state.recording.status === 'on' ? 'stopped' : state.recording.status;
  return { ...state, recording: { ...state.recording, status } };
}

/**
 * CAL-3: answering (or placing) a call takes an unassigned contact. As with a reply (CNV-2), a contact
 * waiting in a team's inbox goes only to a member of that team.
 */
export function takesContact(state: CallState, agent: Agent): boolean {
  return !state.access.assigneeId && (!state.access.teamId || agent.teamIds.includes(state.access.teamId));
}

/** The call shows its contact as the agent's at once; the conversations service confirms it. */
export function assignedTo(state: CallState, agent: Agent): CallState {
  return { ...state, access: { ...state.access, assigneeId: agent.id } };
}
