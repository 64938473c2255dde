import { CallView } from './call';
import type { PermissionState } from './permissions';

/**
 * CAL-5: a contact's call activity, grouped by date in the workspace's time zone (newest date first),
 * ongoing calls first within a day: permission requests accepted or rejected, incoming and outgoing
 * calls, missed or unanswered ones, calls ended at the maximum duration. Recording and transcript show
 * only while the workspace keeps them.
 */
export type ActivityType = 'permission_accepted' | 'permission_rejected' | 'incoming' | 'outgoing' | 'missed' | 'unanswered' | 'max_duration';

export interface ActivityItem {
  id: string;
  callId: string | null;
  type: ActivityType;
  status: string;
  at: string;
  durationSeconds: number | null;
  answeredBy: string | null;
  recording: { status: string } | null;
  transcript: { available: boolean } | null;
  /** Ringing or ongoing: listed first in its day. */
  live: boolean;
}

export function callActivity(call: CallView, keeps: { recording: boolean; transcripts: boolean }): ActivityItem {
  const type: ActivityType =
    call.endReason === 'max_duration' ? 'max_duration' : call.status === 'missed' ? 'missed' : call.endReason === 'unanswered' ? 'unanswered' : call.direction;
  return {
    id: call.id,
    callId: call.id,
    type,
    status: call.status,
    at: call.startedAt,
    durationSeconds: call.answeredAt ? call.durationSeconds : null,
    answeredBy: call.answeredBy,
    recording: keeps.recording ? call.recording : null,
    transcript: keeps.transcripts ? call.transcript : null,
    live: call.status === 'ringing' || call.status === 'ongoing',
  };
}

/** A permission request shows once the contact answered it. */
export function permissionActivity(permission: PermissionState): ActivityItem | null {
  if (permission.status === 'requested' || !permission.answeredAt) return null;
  return {
    id: permission.id,
    callId: null,
    type: permission.status === 'accepted' ? 'permission_accepted' : 'permission_rejected',
    status: permission.status,
    at: permission.answeredAt,
    durationSeconds: null,
    answeredBy: null,
    recording: null,
    transcript: null,
    live: false,
  };
}

/** The day (YYYY-MM-DD) of a time in a time zone. */
export function localDate(at: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  // A full-date has a four-digit year even for a time a provider dated before the year 1000.
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

export function groupByDate(items: ActivityItem[], timezone: string): Array<{ date: string; items: ActivityItem[] }> {
  const days = new Map<string, ActivityItem[]>();
  for (const item of items) {
    const date = localDate(item.at, timezone);
    days.set(date, [...(days.get(date) ?? []), item]);
  }
  const inDay = (a: ActivityItem, b: ActivityItem) => Number(b.live) - Number(a.live) || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);
  return [...days.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([date, list]) => ({ date, items: list.sort(inDay) }));
}
