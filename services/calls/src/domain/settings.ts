import type { CallerScope, WorkspaceSettingsSnapshot } from '@omnibox/contracts';
import { DEFAULT_MAX_DURATION_SECONDS, MAX_MAX_DURATION_SECONDS, MIN_MAX_DURATION_SECONDS } from './max-duration';

/**
 * The workspace settings of API.md (`timezone` and `calls`), owned by this service: it is their only
 * reader (recording, transcripts, maximum duration, masking; the time zone of activity dates).
 */
export type WorkspaceSettings = WorkspaceSettingsSnapshot;

/** API.md defaults: recording and transcripts off, masking off, 3600 s, UTC. */
export const DEFAULT_SETTINGS: WorkspaceSettings = {
  timezone: 'UTC',
  calls: { recording: false, transcripts: false, maxDurationSeconds: DEFAULT_MAX_DURATION_SECONDS, maskPhoneNumbers: false },
};

export interface SettingsPatch {
  timezone?: string;
  recording?: boolean;
  transcripts?: boolean;
  maxDurationSeconds?: number;
  maskPhoneNumbers?: boolean;
}

/** Owners and managers change the settings (API tokens act as managers); everyone reads them. */
export const mayChangeSettings = (caller: CallerScope): boolean => caller.kind === 'api' || caller.role !== 'agent';

/** An IANA time zone name this runtime knows (e.g. `Asia/Jakarta`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The settings after a patch and what changed, or the field that is wrong (answered 400 naming it). */
export function applySettingsPatch(current: WorkspaceSettings, patch: SettingsPatch): { settings: WorkspaceSettings; changed: string[] } | { field: string; message: string } {
  if (patch.timezone !== undefined && !isTimeZone(patch.timezone)) return { field: 'timezone', message: 'must be an IANA time zone name such as Europe/Berlin' };
  const max = patch.maxDurationSeconds;
  if (max !== undefined && (!Number.isInteger(max) || max < MIN_MAX_DURATION_SECONDS || max > MAX_MAX_DURATION_SECONDS)) {
    return { field: 'calls.maxDurationSeconds', message: `must be a whole number of seconds from ${MIN_MAX_DURATION_SECONDS} to ${MAX_MAX_DURATION_SECONDS}` };
  }
  const settings: WorkspaceSettings = {
    timezone: patch.timezone ?? current.timezone,
    calls: {
      recording: patch.recording ?? current.calls.recording,
      transcripts: patch.transcripts ?? current.calls.transcripts,
      maxDurationSeconds: max ?? current.calls.maxDurationSeconds,
      maskPhoneNumbers: patch.maskPhoneNumbers ?? current.calls.maskPhoneNumbers,
    },
  };
  const changed = [
    ...(settings.timezone !== current.timezone ? ['timezone'] : []),
    ...(Object.keys(settings.calls) as Array<keyof WorkspaceSettings['calls']>).filter((key) => settings.calls[key] !== current.calls[key]).map((key) => `calls.${key}`),
  ];
  return { settings, changed };
}
