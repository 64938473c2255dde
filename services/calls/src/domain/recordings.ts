import { CallState, RecordingSource } from './call';

/**
 * CAL-5 recordings and transcripts: kept only while the workspace turns them on. The provider's file
 * is copied into our object storage (its URL expires) and served from there; with recordings off
 * nothing is stored and nothing is served (404), never the data.
 */

/** The provider delivered a recording: remembered for the copy, unless recordings are off or it is stored already. */
export function deliverRecording(state: CallState, source: RecordingSource, allowed: boolean): CallState | null {
  if (!allowed || state.recording.key || state.recording.source?.url === source.url) return null;
  return { ...state, recording: { ...state.recording, source } };
}

/** The copy of `url` is stored: the recording is available. Null when another delivery replaced it meanwhile. */
export function recordingStored(state: CallState, url: string, stored: { key: string; size: number; contentType: string }): CallState | null {
  if (state.recording.source?.url !== url) return null;
  const { durationSeconds } = state.recording.source;
  return { ...state, recording: { status: 'available', key: stored.key, size: stored.size, contentType: stored.contentType, durationSeconds, source: null } };
}

/** A delivery that will not be stored (recordings turned off before the copy) is forgotten. */
export function recordingDropped(state: CallState, url: string): CallState | null {
  return state.recording.source?.url === url ? { ...state, recording: { ...state.recording, source: null } } : null;
}

/** The stored recording a reader may have: only while the workspace keeps recordings. */
export function readableRecording(state: CallState, allowed: boolean): { key: string; size: number; contentType: string } | null {
  const { key, size, contentType, status } = state.recording;
  if (!allowed || status !== 'available' || !key) return null;
  return { key, size: size ?? 0, contentType: contentType ?? 'application/octet-stream' };
}

/** The provider's transcript, kept only while the workspace keeps transcripts. */
export function withTranscript(state: CallState, transcript: { text: string; language?: string }, allowed: boolean): CallState | null {
  if (!allowed || state.transcript?.text === transcript.text) return null;
  return { ...state, transcript: { text: transcript.text, language: transcript.language ?? null } };
}

/** Where a call's recording is kept in the object store. */
export const recordingKey = (workspaceId: string, callId: string): string => `calls/${workspaceId}/${callId}/recording`;

/** What a stored recording is served as: the provider's audio type, or bytes of unknown kind. */
export function recordingType(...candidates: Array<string | null | undefined>): string {
  const audio = candidates.map((type) => type?.split(';')[0].trim().toLowerCase()).find((type) => type && /^(audio|video)\/[a-z0-9.+-]+$/.test(type));
  return audio ?? 'application/octet-stream';
}
