import { NOTIFICATION_KINDS, NotificationKind } from '@omnibox/contracts';

/** A user's switches for one kind: listed in the centre, sent as a Web Push (NTF-2). */
export interface KindSwitches {
  centre: boolean;
  push: boolean;
}

/** NTF-2: a user's notification settings, per kind, and whether to push while their socket is open. */
export interface NotificationSettings {
  kinds: Record<NotificationKind, KindSwitches>;
  pushWhenOnline: boolean;
}

/** What a user changes: the kinds named, each switch given; `pushWhenOnline` when given. */
export interface SettingsChange {
  kinds?: Record<string, { centre?: boolean; push?: boolean }>;
  pushWhenOnline?: boolean;
}

/**
 * Defaults that fit a support team: everything on, except `new_message` in the centre (every incoming
 * message of one's own threads would bury the rest; it still pushes), and no push while the user is
 * online (the realtime socket shows it already).
 */
export function defaultSettings(): NotificationSettings {
  const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, { centre: kind !== 'new_message', push: true }])) as Record<NotificationKind, KindSwitches>;
  return { kinds, pushWhenOnline: false };
}

/** A user's settings from what they changed (stored), with the defaults for the rest. */
export function settingsOf(stored: Partial<NotificationSettings> | null): NotificationSettings {
  const settings = defaultSettings();
  for (const kind of NOTIFICATION_KINDS) {
    const own = stored?.kinds?.[kind];
    if (own) settings.kinds[kind] = { centre: own.centre ?? settings.kinds[kind].centre, push: own.push ?? settings.kinds[kind].push };
  }
  if (typeof stored?.pushWhenOnline === 'boolean') settings.pushWhenOnline = stored.pushWhenOnline;
  return settings;
}

/** The first problem of a change as `{field, message}` (API.md 400 naming the field), or null. */
export function settingsChangeProblem(change: SettingsChange): { field: string; message: string } | null {
  for (const [kind, switches] of Object.entries(change.kinds ?? {})) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return { field: `kinds.${kind}`, message: `is not a notification kind; kinds are ${NOTIFICATION_KINDS.join(', ')}` };
    if (typeof switches !== 'object' || switches === null) return { field: `kinds.${kind}`, message: 'must be {centre, push}' };
    for (const key of ['centre', 'push'] as const) {
      if (switches[key] !== undefined && typeof switches[key] !== 'boolean') return { field: `kinds.${kind}.${key}`, message: 'must be true or false' };
    }
  }
  return null;
}

/** The settings after a change (checked with settingsChangeProblem first). */
export function changeSettings(current: NotificationSettings, change: SettingsChange): NotificationSettings {
  const next: NotificationSettings = { kinds: { ...current.kinds }, pushWhenOnline: change.pushWhenOnline ?? current.pushWhenOnline };
  for (const [kind, switches] of Object.entries(change.kinds ?? {}) as Array<[NotificationKind, { centre?: boolean; push?: boolean }]>) {
    next.kinds[kind] = { centre: switches.centre ?? current.kinds[kind].centre, push: switches.push ?? current.kinds[kind].push };
  }
  return next;
}
