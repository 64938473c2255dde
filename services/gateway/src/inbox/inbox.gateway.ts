import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AdvancedFilter, filterProblem, InboxView, mayOpenCustomView, mayOpenView, parseView, viewName } from '@omnibox/contracts';
import { CONFIG, forbidden, invalidInput, notFound } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import { ObjectId } from 'mongodb';
import { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config';
import { DirectoryStore } from '../directory/directory.store';
import { CustomViewDoc, customViewOf, CustomViewsStore } from './custom-views.store';
import { CreateCustomViewInput, InboxListQuery, SharingInput, UpdateCustomViewInput } from './inbox.dto';
import { InboxState } from './inbox.state';
import { sidebarOf } from './sidebar';
import { WorkspaceDirectory } from './workspace-directory';

/**
 * API.md "Inbox": the sidebar, the conversation list of each view, dots, custom views. Which views a
 * caller may open is decided here (the gateway has the directory); the list itself is queried by the
 * conversations service inside its database, with the caller's visibility.
 */
@Injectable()
export class InboxGateway implements OnModuleDestroy {
  private readonly client: GrpcClient;

  constructor(
    @Inject(CONFIG) config: GatewayConfig,
    private readonly state: InboxState,
    private readonly workspace: WorkspaceDirectory,
    private readonly customViews: CustomViewsStore,
    private readonly directory: DirectoryStore,
  ) {
    this.client = new GrpcClient({ contract: CONVERSATIONS_CONTRACT, service: 'Inbox', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }

  onModuleDestroy() {
    this.client.close();
  }

  async sidebar(principal: Principal) {
    const { workspaceId, principalId } = principal.scope;
    const [teams, counts, dots, custom] = await Promise.all([
      this.workspace.teams(workspaceId),
      this.state.counts(workspaceId),
      this.state.dots(workspaceId, principalId),
      this.visibleCustomViews(principal),
    ]);
    const base = sidebarOf(principal.scope, teams, counts, dots, this.state.blockedCount(counts));
    const views = custom.map((doc) => customViewOf(doc, principalId));
    return {
      ...base,
      custom: { all: views, byMe: views.filter((view) => view.createdBy === principalId), byOthers: views.filter((view) => view.createdBy !== principalId) },
    };
  }

  /** The view named in a path, once the caller may open it (403 otherwise, 400 when it is no view name). */
  async openable(principal: Principal, name: string): Promise<{ view: InboxView; custom?: CustomViewDoc; memberIds: string[] }> {
    const view = parseView(name);
    if (!view) throw invalidInput('view', 'must be all, mine, unassigned, team:<id>, team:<id>:unassigned, custom:<id> or blocked');
    const { workspaceId } = principal.scope;
    if (view.kind === 'custom') {
      const custom = await this.customViews.views.findOne({ _id: view.customId, workspaceId });
      if (!custom) throw notFound('Custom view');
      if (!mayOpenCustomView(principal.scope, custom)) throw forbidden('This custom view is not shared with you');
      return { view, custom, memberIds: [] };
    }
    const teams = await this.workspace.teams(workspaceId);
    if (!mayOpenView(principal.scope, view, teams.map((team) => team.id))) {
      throw forbidden(`You may not open the view "${name}" (INB-1, INB-2, INB-4): open one the sidebar (GET /v1/inbox) offers you`);
    }
    const memberIds = view.kind === 'team' ? teams.find((team) => team.id === view.teamId)?.memberIds ?? [] : [];
    return { view, memberIds };
  }

  async list(principal: Principal, name: string, query: InboxListQuery) {
    const { view, custom, memberIds } = await this.openable(principal, name);
    const status = query.status ?? 'all';
    const { json } = await this.client.callUntyped<{ json: string }>(
      'ListInbox',
      {
        view: viewName(view),
        memberIds,
        status,
        sort: query.sort ?? 'newest',
        unreplied: query.unreplied === true,
        filterJson: custom ? JSON.stringify(custom.filter) : '',
        limit: query.limit ?? 50,
        cursor: query.cursor ?? '',
      },
      principal.scope,
    );
    const page = JSON.parse(json) as { items: unknown[]; nextCursor: string | null };
    if (!custom) return page;
    // INB-8: a custom view reports when the caller last refreshed it (the first read counts as one).
    let lastRefreshedAt = custom.refreshedAt?.[principal.scope.principalId];
    if (!lastRefreshedAt) lastRefreshedAt = (await this.refresh(principal, custom._id)).lastRefreshedAt;
    return { ...page, lastRefreshedAt };
  }

  /** INB-6: opening a view clears the caller's dot on it. */
  async seen(principal: Principal, name: string) {
    const { view } = await this.openable(principal, name);
    await this.state.clearDot(principal.scope.workspaceId, principal.scope.principalId, viewName(view));
    return { view: viewName(view), hasNew: false };
  }

  // ---- custom views (INB-3) --------------------------------------------------------------------

  private async visibleCustomViews(principal: Principal): Promise<CustomViewDoc[]> {
    const all = await this.customViews.views.find({ workspaceId: principal.scope.workspaceId }).toArray();
    return all.filter((doc) => mayOpenCustomView(principal.scope, doc)).sort((a, b) => a.name.localeCompare(b.name) || a._id.localeCompare(b._id));
  }

  async listCustomViews(principal: Principal) {
    return { items: (await this.visibleCustomViews(principal)).map((doc) => customViewOf(doc, principal.scope.principalId)), nextCursor: null };
  }

  private async checkedSharing(workspaceId: string, sharing: SharingInput | undefined): Promise<CustomViewDoc['sharing']> {
    const userIds = [...new Set(sharing?.userIds ?? [])];
    const teamIds = [...new Set(sharing?.teamIds ?? [])];
    if (userIds.length && (await this.directory.users.countDocuments({ workspaceId, _id: { $in: userIds } })) !== userIds.length) {
      throw invalidInput('sharing.userIds', 'must be users of this workspace');
    }
    if (teamIds.length && (await this.directory.teams.countDocuments({ workspaceId, _id: { $in: teamIds } })) !== teamIds.length) {
      throw invalidInput('sharing.teamIds', 'must be teams of this workspace');
    }
    return { everyone: sharing?.everyone === true, userIds, teamIds };
  }

  private checkedFilter(filter: unknown): AdvancedFilter {
    const problem = filterProblem(filter);
    if (problem) throw invalidInput(problem.field, problem.message);
    return filter as AdvancedFilter;
  }

  async createCustomView(principal: Principal, input: CreateCustomViewInput) {
    if (principal.scope.kind !== 'user') throw forbidden('Custom views belong to users; sign in as a user');
    const now = new Date();
    const doc: CustomViewDoc = {
      _id: new ObjectId().toHexString(),
      workspaceId: principal.scope.workspaceId,
      name: input.name.trim(),
      filter: this.checkedFilter(input.filter),
      sharing: await this.checkedSharing(principal.scope.workspaceId, input.sharing),
      createdBy: principal.scope.principalId,
      createdAt: now,
      updatedAt: now,
      refreshedAt: { [principal.scope.principalId]: now.toISOString() },
    };
    await this.customViews.views.insertOne(doc);
    return customViewOf(doc, principal.scope.principalId);
  }

  /** Only the creator changes or deletes a view (403 for anyone else who can see it, 404 for the rest). */
  private async ownView(principal: Principal, id: string): Promise<CustomViewDoc> {
    const doc = await this.customViews.views.findOne({ _id: id, workspaceId: principal.scope.workspaceId });
    if (!doc || !mayOpenCustomView(principal.scope, doc)) throw notFound('Custom view');
    if (doc.createdBy !== principal.scope.principalId) throw forbidden('Only the creator of a custom view may change or delete it (INB-3)');
    return doc;
  }

  async getCustomView(principal: Principal, id: string) {
    const doc = await this.customViews.views.findOne({ _id: id, workspaceId: principal.scope.workspaceId });
    if (!doc || !mayOpenCustomView(principal.scope, doc)) throw notFound('Custom view');
    return customViewOf(doc, principal.scope.principalId);
  }

  async updateCustomView(principal: Principal, id: string, input: UpdateCustomViewInput) {
    const doc = await this.ownView(principal, id);
    const set: Partial<CustomViewDoc> = { updatedAt: new Date() };
    if (input.name !== undefined) set.name = input.name.trim();
    if (input.filter !== undefined) set.filter = this.checkedFilter(input.filter);
    if (input.sharing !== undefined) set.sharing = await this.checkedSharing(principal.scope.workspaceId, input.sharing);
    await this.customViews.views.updateOne({ _id: doc._id }, { $set: set });
    return customViewOf({ ...doc, ...set }, principal.scope.principalId);
  }

  async deleteCustomView(principal: Principal, id: string) {
    const doc = await this.ownView(principal, id);
    await this.customViews.views.deleteOne({ _id: doc._id });
    return { id: doc._id, deleted: true };
  }

  async refresh(principal: Principal, id: string) {
    const doc = await this.customViews.views.findOne({ _id: id, workspaceId: principal.scope.workspaceId });
    if (!doc || !mayOpenCustomView(principal.scope, doc)) throw notFound('Custom view');
    const lastRefreshedAt = new Date().toISOString();
    await this.customViews.views.updateOne({ _id: id }, { $set: { [`refreshedAt.${principal.scope.principalId}`]: lastRefreshedAt } });
    return { lastRefreshedAt };
  }
}
