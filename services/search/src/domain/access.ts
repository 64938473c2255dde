import type { ThreadAccess } from '@omnibox/contracts';

/**
 * Who may see a document (VIS-1…4), as documents store it: every contact, message and comment document
 * carries its thread's access, so visibility costs one filter in a query.
 */

/** Access as stored on documents: mentions as a list (for the in-thread check) and as grant keys (for queries). */
export interface StoredAccess {
  assigneeId: string | null;
  teamId: string | null;
  collaboratorIds: string[];
  mentions: Array<{ userId: string; until: string }>;
  mentionGrants: string[];
}

export function storedAccess(access: ThreadAccess): StoredAccess {
  const mentions = Object.entries(access.mentionedUntil ?? {})
    .map(([userId, until]) => ({ userId, until }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
  return {
    assigneeId: access.assigneeId ?? null,
    teamId: access.teamId ?? null,
    collaboratorIds: [...(access.collaboratorIds ?? [])].sort(),
    mentions,
    mentionGrants: mentionGrantKeys(mentions),
  };
}

export function sameAccess(a: StoredAccess, b: StoredAccess): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** SRC-3: a mention grants access for 24 hours. */
const MENTION_HOURS = 24;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function hourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
}
function minuteKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/**
 * VIS-3 as plain keywords, so documents need no nested field (which would rule out index sorting,
 * and with it newest-first searches that stop after one page): a mention valid until `until` is
 * written as `<user>|h|<hour>` for every whole hour of its 24 h before `until`, and
 * `<user>|m|<minute>` for every whole minute of the last, partial hour. A query asks for the
 * caller's current hour and minute (`currentGrantKeys`). Access ends at the last whole minute
 * before `until`: never later than the rule, at most a minute earlier.
 */
export function mentionGrantKeys(mentions: Array<{ userId: string; until: string }>): string[] {
  const keys: string[] = [];
  for (const { userId, until } of mentions) {
    const end = Date.parse(until);
    if (!Number.isFinite(end)) continue;
    const lastWholeHourEnd = Math.floor(end / HOUR_MS) * HOUR_MS;
    for (let hour = Math.floor((end - MENTION_HOURS * HOUR_MS) / HOUR_MS) * HOUR_MS; hour + HOUR_MS <= lastWholeHourEnd; hour += HOUR_MS) keys.push(`${userId}|h|${hourKey(hour)}`);
    for (let minute = lastWholeHourEnd; minute + MINUTE_MS <= end; minute += MINUTE_MS) keys.push(`${userId}|m|${minuteKey(minute)}`);
  }
  return keys;
}

/** The grant keys that let `userId` in at `now`: its hour and its minute. */
export function currentGrantKeys(userId: string, now: Date): string[] {
  return [`${userId}|h|${hourKey(now.getTime())}`, `${userId}|m|${minuteKey(now.getTime())}`];
}
