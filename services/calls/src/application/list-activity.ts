import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { ActivityItem, callActivity, groupByDate, permissionActivity } from '../domain/activity';
import { viewOf } from '../domain/call';
import { CallContacts } from './call-contacts';
import { CALLS, Calls, PERMISSIONS, Permissions } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/** A contact's latest calls shown in their activity. */
const ACTIVITY_CALLS = 500;

/**
 * CAL-5: `GET /v1/contacts/{id}/calls`, a contact's call activity grouped by date in the workspace's
 * time zone, ongoing calls first within a day; 404 for a contact the caller may not see (VIS-4).
 */
@Injectable()
export class ListActivity {
  constructor(
    private readonly contacts: CallContacts,
    private readonly settings: WorkspaceSettingsReader,
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(PERMISSIONS) private readonly permissions: Permissions,
  ) {}

  async execute(caller: CallerScope, contactId: string): Promise<Array<{ date: string; items: ActivityItem[] }>> {
    await this.contacts.visible(caller, contactId);
    const [calls, permissions, settings] = await Promise.all([this.calls.ofContact(contactId), this.permissions.ofContact(contactId), this.settings.of(caller.workspaceId)]);
    const latest = calls
      .filter((call) => call.workspaceId === caller.workspaceId && !call.deleted)
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))
      .slice(0, ACTIVITY_CALLS);
    const items = [
      ...latest.map((call) => callActivity(viewOf(call), settings.calls)),
      ...permissions.filter((permission) => permission.workspaceId === caller.workspaceId).map(permissionActivity).filter((item): item is ActivityItem => item !== null),
    ];
    return groupByDate(items, settings.timezone);
  }
}
