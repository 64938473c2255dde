import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, InboxDefinition } from '@omnibox/contracts';
import { Caller, RpcHandlers, RpcMethod, RpcReceived, RpcReply } from '@omnibox/rpc';
import { CreateCustomView } from '../../application/create-custom-view';
import { DeleteCustomView } from '../../application/delete-custom-view';
import { GetCustomView } from '../../application/get-custom-view';
import { GetSidebar } from '../../application/get-sidebar';
import { ListConversations } from '../../application/list-conversations';
import { ListCustomViews } from '../../application/list-custom-views';
import { MarkViewSeen } from '../../application/mark-view-seen';
import { RefreshCustomView } from '../../application/refresh-custom-view';
import { UpdateCustomView } from '../../application/update-custom-view';
import { conversationToProto, customViewToProto, filterFromProto, sharingFromProto, sidebarToProto } from './inbox.mappers';

type Received<M extends RpcMethod<InboxDefinition>> = RpcReceived<InboxDefinition, M>;
type Reply<M extends RpcMethod<InboxDefinition>> = Promise<RpcReply<InboxDefinition, M>>;

/** The gRPC face of the inbox (libs/contracts/proto/inbox.proto): decode, run the use case, encode. */
@Controller()
export class InboxGrpcController implements RpcHandlers<InboxDefinition> {
  constructor(
    private readonly sidebar: GetSidebar,
    private readonly conversations: ListConversations,
    private readonly seen: MarkViewSeen,
    private readonly createView: CreateCustomView,
    private readonly listViews: ListCustomViews,
    private readonly getView: GetCustomView,
    private readonly updateView: UpdateCustomView,
    private readonly deleteView: DeleteCustomView,
    private readonly refreshView: RefreshCustomView,
  ) {}

  @GrpcMethod('Inbox')
  async getSidebar(@Payload() request: Received<'GetSidebar'>, @Caller() caller: CallerScope): Reply<'GetSidebar'> {
    return sidebarToProto(await this.sidebar.execute(caller, { withCustomViews: request.withCustomViews }), caller.principalId);
  }

  @GrpcMethod('Inbox')
  async listConversations(@Payload() request: Received<'ListConversations'>, @Caller() caller: CallerScope): Reply<'ListConversations'> {
    const page = await this.conversations.execute(caller, { ...request, cursor: request.cursor ?? null });
    return { items: page.items.map(conversationToProto), nextCursor: page.nextCursor ?? undefined, lastRefreshedAt: page.lastRefreshedAt };
  }

  @GrpcMethod('Inbox')
  markViewSeen(@Payload() request: Received<'MarkViewSeen'>, @Caller() caller: CallerScope): Reply<'MarkViewSeen'> {
    return this.seen.execute(caller, request.view);
  }

  @GrpcMethod('Inbox')
  async createCustomView(@Payload() request: Received<'CreateCustomView'>, @Caller() caller: CallerScope): Reply<'CreateCustomView'> {
    const view = await this.createView.execute(caller, { name: request.name, filter: filterFromProto(request.filter), sharing: sharingFromProto(request.sharing) });
    return customViewToProto(view, caller.principalId);
  }

  @GrpcMethod('Inbox')
  async listCustomViews(@Payload() _request: Received<'ListCustomViews'>, @Caller() caller: CallerScope): Reply<'ListCustomViews'> {
    return { items: (await this.listViews.execute(caller)).map((view) => customViewToProto(view, caller.principalId)) };
  }

  @GrpcMethod('Inbox')
  async getCustomView(@Payload() request: Received<'GetCustomView'>, @Caller() caller: CallerScope): Reply<'GetCustomView'> {
    return customViewToProto(await this.getView.execute(caller, request.id), caller.principalId);
  }

  @GrpcMethod('Inbox')
  async updateCustomView(@Payload() request: Received<'UpdateCustomView'>, @Caller() caller: CallerScope): Reply<'UpdateCustomView'> {
    const view = await this.updateView.execute(caller, request.id, {
      name: request.name,
      filter: filterFromProto(request.filter),
      sharing: sharingFromProto(request.sharing) ?? undefined,
    });
    return customViewToProto(view, caller.principalId);
  }

  @GrpcMethod('Inbox')
  deleteCustomView(@Payload() request: Received<'DeleteCustomView'>, @Caller() caller: CallerScope): Reply<'DeleteCustomView'> {
    return this.deleteView.execute(caller, request.id);
  }

  @GrpcMethod('Inbox')
  refreshCustomView(@Payload() request: Received<'RefreshCustomView'>, @Caller() caller: CallerScope): Reply<'RefreshCustomView'> {
    return this.refreshView.execute(caller, request.id);
  }
}
