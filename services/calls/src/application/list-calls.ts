import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { forbidden, invalidInput } from '@omnibox/platform';
import type { CallView } from '../domain/call';
import { CALL_TABS, CallTab, callTabsOf, STATUS_GROUPS, StatusGroup, tabQuery } from '../domain/call-log';
import { decodeCursor, Position } from '../domain/call-log-order';
import { maskedFor } from './caller-calls';
import { CallLogFinder } from './call-log-finder';
import { HOT_PATH_STALE_MS, WorkspaceSettingsReader } from './workspace-settings';

export interface CallListInput {
  status: string | null;
  limit: number;
  cursor: string | null;
}

export interface CallList {
  items: CallView[];
  nextCursor: string | null;
}

/** The status filter and cursor of a call log request (400 naming the field). */
export function listInput(input: CallListInput): { status: StatusGroup | null; limit: number; cursor: Position | null } {
  if (input.status && !(STATUS_GROUPS as string[]).includes(input.status)) throw invalidInput('status', `must be one of ${STATUS_GROUPS.join(', ')}`);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw invalidInput('cursor', 'must be a nextCursor value from a previous page');
  return { status: (input.status as StatusGroup) || null, limit: Math.min(Math.max(input.limit || 50, 1), 200), cursor };
}

/**
 * CAL-1: `GET /v1/calls` with tabs All / Assigned to me / Unassigned under the caller's restriction
 * (inside the query), newest first; a `self` agent may open only Assigned to me (403 otherwise). An
 * empty tab is an empty list. Phone numbers are masked for agents when the workspace masks them.
 */
@Injectable()
export class ListCalls {
  constructor(
    private readonly finder: CallLogFinder,
    private readonly settings: WorkspaceSettingsReader,
  ) {}

  async execute(caller: CallerScope, tab: string, input: CallListInput): Promise<CallList> {
    if (!(CALL_TABS as string[]).includes(tab)) throw invalidInput('tab', `must be one of ${CALL_TABS.join(', ')}`);
    if (!callTabsOf(caller).includes(tab as CallTab)) throw forbidden(`You may not open the "${tab}" calls tab (CAL-1): open ${callTabsOf(caller).join(' or ')}`, 'tab_forbidden');
    const { status, limit, cursor } = listInput(input);
    const [page, settings] = await Promise.all([this.finder.page(caller, tabQuery(caller, tab as CallTab), status, limit, cursor), this.settings.of(caller.workspaceId, HOT_PATH_STALE_MS)]);
    return { items: page.rows.map((row) => maskedFor(caller, row.call, settings.calls.maskPhoneNumbers)), nextCursor: page.nextCursor };
  }
}
