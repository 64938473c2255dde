import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, mayOpenView, parseView, VIEW_NAMES } from '@omnibox/contracts';
import { forbidden, invalidInput } from '@omnibox/platform';
import { viewQuery } from '../domain/call-log';
import { maskedFor } from './caller-calls';
import { CallLogFinder } from './call-log-finder';
import { CallList, CallListInput, listInput } from './list-calls';
import { TEAMS, Teams } from './ports';
import { HOT_PATH_STALE_MS, WorkspaceSettingsReader } from './workspace-settings';

/**
 * CAL-4: `GET /v1/inbox/{view}/calls`, the call log of a standard or team view, by the same view rules
 * as the conversation lists (the inbox's kernel in libs/contracts): 400 for no view name or a view
 * without a call log (custom and blocked views), 403 for a view the caller may not open.
 */
@Injectable()
export class ListViewCalls {
  constructor(
    private readonly finder: CallLogFinder,
    private readonly settings: WorkspaceSettingsReader,
    @Inject(TEAMS) private readonly teams: Teams,
  ) {}

  async execute(caller: CallerScope, name: string, input: CallListInput): Promise<CallList> {
    const view = parseView(name);
    if (!view) throw invalidInput('view', `must be ${VIEW_NAMES}`);
    if (view.kind === 'custom' || view.kind === 'blocked') throw invalidInput('view', 'has no call log: standard and team views have one (CAL-4)');
    const team = view.kind === 'team' || view.kind === 'team_unassigned';
    const directory = team ? await this.teams.ofWorkspace(caller.workspaceId) : null;
    // The caller's own signed scope is fresher than the directory copy for their own teams.
    const teamIds = [...new Set([...(directory?.teamIds ?? []), ...caller.teamIds])];
    if (!mayOpenView(caller, view, teamIds)) throw forbidden(`You may not open the view "${name}" (INB-1, INB-2): open one the sidebar (GET /v1/inbox) offers you`);
    const { status, limit, cursor } = listInput(input);
    const query = viewQuery(caller, view, (teamId) => directory?.members(teamId) ?? []);
    const [page, settings] = await Promise.all([this.finder.page(caller, query, status, limit, cursor), this.settings.of(caller.workspaceId, HOT_PATH_STALE_MS)]);
    return { items: page.rows.map((row) => maskedFor(caller, row.call, settings.calls.maskPhoneNumbers)), nextCursor: page.nextCursor };
  }
}
