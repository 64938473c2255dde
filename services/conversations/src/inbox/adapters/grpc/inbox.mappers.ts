import type { ConversationView, InboxCondition, InboxConversation, InboxCustomView, InboxFilter, InboxFilter__Output, InboxSharing__Output, Sidebar as ProtoSidebar } from '@omnibox/contracts';
import { fromProtoValue, ProtoValue, toProtoValue } from '@omnibox/rpc';
import type { Sidebar } from '../../application/get-sidebar';
import type { AdvancedFilter, FilterCondition } from '../../domain/custom-filter';
import { CustomView, CustomViewSharing, lastRefreshedAt } from '../../domain/custom-views';

/** Domain ↔ inbox.proto: nulls become absent optional fields, times ISO strings. */

export function conversationToProto(conversation: ConversationView): InboxConversation {
  return {
    contactId: conversation.contactId,
    contact: { ...conversation.contact, lastName: conversation.contact.lastName ?? undefined },
    status: conversation.status,
    previousStatus: conversation.previousStatus ?? undefined,
    snoozedUntil: conversation.snoozedUntil ?? undefined,
    assigneeId: conversation.assigneeId ?? undefined,
    teamId: conversation.teamId ?? undefined,
    collaboratorIds: conversation.collaboratorIds,
    unreadCount: conversation.unreadCount,
    lastMessage: conversation.lastMessage,
    lastMessageAt: conversation.lastMessageAt ?? undefined,
    lastIncomingAt: conversation.lastIncomingAt ?? undefined,
    statusSince: conversation.statusSince,
    episode: conversation.episode,
  };
}

export function filterToProto(filter: AdvancedFilter): InboxFilter {
  return { all: filter.all.map((condition) => ({ field: condition.field, op: condition.op, value: condition.value === undefined ? null : (toProtoValue(condition.value) as InboxCondition['value']) })) };
}

/** A filter as received, still to be checked by the domain (FLT-5); absent stays absent. */
export function filterFromProto(filter: InboxFilter__Output | null): unknown {
  if (!filter) return undefined;
  return {
    all: filter.all.map((condition): Partial<FilterCondition> => ({
      field: condition.field,
      op: condition.op as FilterCondition['op'],
      // An absent value ("exists" meaning true) stays absent; a JSON null stays null.
      ...(condition.value ? { value: fromProtoValue(condition.value as ProtoValue) } : {}),
    })),
  };
}

export function sharingFromProto(sharing: InboxSharing__Output | null): Partial<CustomViewSharing> | null {
  return sharing ? { everyone: sharing.everyone, userIds: sharing.userIds, teamIds: sharing.teamIds } : null;
}

/** A custom view as one user sees it: with their own last refresh (INB-8). */
export function customViewToProto(view: CustomView, userId: string): InboxCustomView {
  return {
    id: view.id,
    name: view.name,
    filter: filterToProto(view.filter),
    sharing: view.sharing,
    createdBy: view.createdBy,
    createdAt: view.createdAt.toISOString(),
    lastRefreshedAt: lastRefreshedAt(view, userId) ?? undefined,
  };
}

export function sidebarToProto(sidebar: Sidebar, userId: string): ProtoSidebar {
  const views = (list: CustomView[]) => list.map((view) => customViewToProto(view, userId));
  return {
    standard: sidebar.standard,
    teams: sidebar.teams,
    custom: sidebar.custom ? { all: views(sidebar.custom.all), byMe: views(sidebar.custom.byMe), byOthers: views(sidebar.custom.byOthers) } : null,
    blocked: sidebar.blocked,
  };
}
