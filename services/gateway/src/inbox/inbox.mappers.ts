import type { InboxCondition, InboxConversation__Output, InboxConversationPage__Output, InboxCustomView__Output, InboxFilter, Sidebar__Output } from '@omnibox/contracts';
import { fromProtoValue, ProtoValue, toProtoValue } from '@omnibox/rpc';
import type { SidebarFrameData } from '../realtime/sidebar-source';
import type { FilterInput, SharingInput } from './inbox.dto';

/** inbox.proto ↔ API.md "Inbox": absent optional fields are API.md's nulls. */

/** API.md `conversation`. */
export function conversationView(row: InboxConversation__Output) {
  return {
    contactId: row.contactId,
    contact: { id: row.contact?.id ?? row.contactId, firstName: row.contact?.firstName ?? '', lastName: row.contact?.lastName ?? null, blocked: row.contact?.blocked ?? false },
    status: row.status,
    previousStatus: row.previousStatus ?? null,
    snoozedUntil: row.snoozedUntil ?? null,
    assigneeId: row.assigneeId ?? null,
    teamId: row.teamId ?? null,
    collaboratorIds: row.collaboratorIds,
    unreadCount: row.unreadCount,
    lastMessage: row.lastMessage ? { id: row.lastMessage.id, direction: row.lastMessage.direction, at: row.lastMessage.at, preview: row.lastMessage.preview } : null,
    lastMessageAt: row.lastMessageAt ?? null,
    lastIncomingAt: row.lastIncomingAt ?? null,
    statusSince: row.statusSince,
    episode: row.episode,
  };
}

/** A list page; custom views also say when the caller last refreshed them (INB-8). */
export function conversationPageView(page: InboxConversationPage__Output) {
  return { items: page.items.map(conversationView), nextCursor: page.nextCursor ?? null, ...(page.lastRefreshedAt ? { lastRefreshedAt: page.lastRefreshedAt } : {}) };
}

/** API.md `customView`. */
export function customViewView(view: InboxCustomView__Output) {
  return {
    id: view.id,
    name: view.name,
    filter: { all: (view.filter?.all ?? []).map((condition) => ({ field: condition.field, op: condition.op, ...(condition.value ? { value: fromProtoValue(condition.value as ProtoValue) } : {}) })) },
    sharing: { everyone: view.sharing?.everyone ?? false, userIds: view.sharing?.userIds ?? [], teamIds: view.sharing?.teamIds ?? [] },
    createdBy: view.createdBy,
    createdAt: view.createdAt,
    lastRefreshedAt: view.lastRefreshedAt ?? null,
  };
}

/** The sidebar's counts and dots, as `inbox.updated` frames carry them. */
export function sidebarCountsView(sidebar: Sidebar__Output): SidebarFrameData {
  return {
    standard: sidebar.standard.map(({ view, openCount, hasNew }) => ({ view, openCount, hasNew })),
    teams: sidebar.teams.map(({ view, teamId, name, openCount, hasNew }) => ({ view, teamId, name, openCount, hasNew })),
    blocked: sidebar.blocked ? { view: 'blocked', count: sidebar.blocked.count } : null,
  };
}

/** API.md `GET /v1/inbox`. */
export function sidebarView(sidebar: Sidebar__Output) {
  const views = (list: InboxCustomView__Output[] | undefined) => (list ?? []).map(customViewView);
  return { ...sidebarCountsView(sidebar), custom: { all: views(sidebar.custom?.all), byMe: views(sidebar.custom?.byMe), byOthers: views(sidebar.custom?.byOthers) } };
}

/** A filter as the client sent it; the inbox checks its rules (FLT-5). An absent value stays absent. */
export function filterMessage(filter: FilterInput): InboxFilter {
  return { all: filter.all.map((condition) => ({ field: condition.field, op: condition.op, value: condition.value === undefined ? null : (toProtoValue(condition.value) as InboxCondition['value']) })) };
}

export function sharingMessage(sharing: SharingInput) {
  return { everyone: sharing.everyone === true, userIds: sharing.userIds ?? [], teamIds: sharing.teamIds ?? [] };
}
