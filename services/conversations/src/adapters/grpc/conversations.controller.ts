import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, ConversationsDefinition } from '@omnibox/contracts';
import { Caller, fromStruct, RpcHandlers, RpcMethod, RpcReceived } from '@omnibox/rpc';
import { AddCollaborator } from '../../application/add-collaborator';
import { AddComment } from '../../application/add-comment';
import { AssignConversation } from '../../application/assign-conversation';
import { Broadcast } from '../../application/broadcast';
import { GetConversation } from '../../application/get-conversation';
import { GetMessage } from '../../application/get-message';
import { ListTimeline } from '../../application/list-timeline';
import { MarkRead } from '../../application/mark-read';
import { RecordEvent } from '../../application/record-event';
import { RemoveCollaborator } from '../../application/remove-collaborator';
import { SendMessage } from '../../application/send-message';
import { SetStatus } from '../../application/set-status';
import { SetTyping } from '../../application/set-typing';
import { SnoozeConversation } from '../../application/snooze-conversation';
import { UnsnoozeConversation } from '../../application/unsnooze-conversation';
import { conversationMessage } from './conversation.mapper';
import { broadcastInput, messageMessage, sendMessageInput } from './message.mapper';
import { commentMessage, timelineEventMessage, timelinePageMessage } from './timeline.mapper';

type Received<M extends RpcMethod<ConversationsDefinition>> = RpcReceived<ConversationsDefinition, M>;

/** The gRPC face of the conversations service (`Conversations` in libs/contracts/proto/conversations.proto). */
@Controller()
export class ConversationsGrpcController implements RpcHandlers<ConversationsDefinition> {
  constructor(
    private readonly getConversationCase: GetConversation,
    private readonly listTimelineCase: ListTimeline,
    private readonly sendMessageCase: SendMessage,
    private readonly addCommentCase: AddComment,
    private readonly assignCase: AssignConversation,
    private readonly addCollaboratorCase: AddCollaborator,
    private readonly removeCollaboratorCase: RemoveCollaborator,
    private readonly setStatusCase: SetStatus,
    private readonly snoozeCase: SnoozeConversation,
    private readonly unsnoozeCase: UnsnoozeConversation,
    private readonly markReadCase: MarkRead,
    private readonly setTypingCase: SetTyping,
    private readonly getMessageCase: GetMessage,
    private readonly broadcastCase: Broadcast,
    private readonly recordEventCase: RecordEvent,
  ) {}

  @GrpcMethod('Conversations')
  async getConversation(@Payload() request: Received<'GetConversation'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.getConversationCase.execute(caller, request.contactId), caller);
  }

  @GrpcMethod('Conversations')
  async listTimeline(@Payload() request: Received<'ListTimeline'>, @Caller() caller: CallerScope) {
    return timelinePageMessage(await this.listTimelineCase.execute(caller, request.contactId, request.limit, request.cursor || undefined));
  }

  @GrpcMethod('Conversations')
  async sendMessage(@Payload() request: Received<'SendMessage'>, @Caller() caller: CallerScope) {
    return messageMessage(await this.sendMessageCase.execute(caller, request.contactId, sendMessageInput(request), request.senderName || undefined));
  }

  @GrpcMethod('Conversations')
  async addComment(@Payload() request: Received<'AddComment'>, @Caller() caller: CallerScope) {
    return commentMessage(await this.addCommentCase.execute(caller, request.contactId, request.text, request.mentionIds));
  }

  @GrpcMethod('Conversations')
  async assign(@Payload() request: Received<'Assign'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.assignCase.execute(caller, request.contactId, request), caller);
  }

  @GrpcMethod('Conversations')
  async addCollaborator(@Payload() request: Received<'AddCollaborator'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.addCollaboratorCase.execute(caller, request.contactId, request.userId), caller);
  }

  @GrpcMethod('Conversations')
  async removeCollaborator(@Payload() request: Received<'RemoveCollaborator'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.removeCollaboratorCase.execute(caller, request.contactId, request.userId), caller);
  }

  @GrpcMethod('Conversations')
  async setStatus(@Payload() request: Received<'SetStatus'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.setStatusCase.execute(caller, request.contactId, request.status, { category: request.category, summary: request.summary }), caller);
  }

  @GrpcMethod('Conversations')
  async snooze(@Payload() request: Received<'Snooze'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.snoozeCase.execute(caller, request.contactId, request.until), caller);
  }

  @GrpcMethod('Conversations')
  async unsnooze(@Payload() request: Received<'Unsnooze'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.unsnoozeCase.execute(caller, request.contactId), caller);
  }

  @GrpcMethod('Conversations')
  async markRead(@Payload() request: Received<'MarkRead'>, @Caller() caller: CallerScope) {
    return conversationMessage(await this.markReadCase.execute(caller, request.contactId), caller);
  }

  @GrpcMethod('Conversations')
  async setTyping(@Payload() request: Received<'SetTyping'>, @Caller() caller: CallerScope) {
    return this.setTypingCase.execute(caller, request.contactId, request.typing);
  }

  @GrpcMethod('Conversations')
  async getMessage(@Payload() request: Received<'GetMessage'>, @Caller() caller: CallerScope) {
    return messageMessage(await this.getMessageCase.execute(caller, request.messageId));
  }

  @GrpcMethod('Conversations')
  async broadcast(@Payload() request: Received<'Broadcast'>, @Caller() caller: CallerScope) {
    return this.broadcastCase.execute(caller, request.contactIds, broadcastInput(request), request.senderName || undefined);
  }

  @GrpcMethod('Conversations')
  async recordEvent(@Payload() request: Received<'RecordEvent'>, @Caller() caller: CallerScope) {
    return timelineEventMessage(await this.recordEventCase.execute(caller, request.contactId, request.category, request.type, fromStruct(request.data)));
  }
}
