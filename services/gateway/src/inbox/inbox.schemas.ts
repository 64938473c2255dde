import { anyJson, apiSchema, boolean, integer, listOf, nullable, object, pageOf, string, time } from '../openapi/api-schemas';
import { Conversation } from '../conversations/conversations.schemas';

/** API.md "Inbox" answers, as inbox.mappers.ts writes them. */

export const CustomView = apiSchema(
  'CustomView',
  object({
    id: string(),
    name: string(),
    filter: object({ all: listOf(object({ field: string(), op: string(), value: anyJson }, ['value'])) }),
    sharing: object({ everyone: boolean, userIds: listOf(string()), teamIds: listOf(string()) }),
    createdBy: string(),
    createdAt: time,
    lastRefreshedAt: nullable(time),
  }),
);
export const CustomViewPage = pageOf('CustomView', CustomView);

const count = integer({ minimum: 0 });
const customViews = listOf(CustomView);

export const Sidebar = apiSchema(
  'Sidebar',
  object({
    standard: listOf(object({ view: string(), openCount: count, hasNew: boolean })),
    teams: listOf(object({ view: string(), teamId: string(), name: string(), openCount: count, hasNew: boolean })),
    blocked: nullable(object({ view: { const: 'blocked' }, count })),
    custom: object({ all: customViews, byMe: customViews, byOthers: customViews }),
    notifications: object({ unreadCount: nullable(count) }),
  }),
);

/** A view's list; custom views also say when the caller last refreshed them (INB-8). */
export const ConversationPage = pageOf('Conversation', Conversation, { lastRefreshedAt: time }, ['lastRefreshedAt']);

export const ViewSeen = apiSchema('ViewSeen', object({ view: string(), hasNew: boolean }));
export const CustomViewDeleted = apiSchema('CustomViewDeleted', object({ id: string(), deleted: boolean }));
export const CustomViewRefreshed = apiSchema('CustomViewRefreshed', object({ lastRefreshedAt: time }));
