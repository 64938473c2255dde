import { defineEvent } from './envelope';

/**
 * Events of the inbox (owned by the conversations service). `conversations.inbox.updated`: what some
 * users' sidebars show may have changed (INB-5 open counts moved, INB-6 dots lit), so the realtime hub
 * pushes each of them an `inbox.updated` frame with their sidebar as it is then. It names users, never
 * threads: a sidebar shows counts of what its user may see only.
 */
export const InboxUpdated = defineEvent<{
  /** Open counts moved: every user of the workspace may see different numbers. */
  everyone: boolean;
  /** Users whose dots were lit (empty when `everyone`). */
  userIds: string[];
}>('conversations.inbox.updated');
