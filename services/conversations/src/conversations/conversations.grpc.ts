import { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { CallerScope, ChannelSnapshot } from '@omnibox/contracts';
import { CONFIG, invalidInput, ServiceConfig } from '@omnibox/platform';
import { withCaller } from '@omnibox/rpc';
import { ConversationsService, SendMessageInput } from './conversations.service';
import { AssignCommand } from '../domain/assignment';

const json = (value: unknown) => ({ json: JSON.stringify(value) });

function parse<T>(text: string, field: string): T {
  try {
    return JSON.parse(text || 'null') as T;
  } catch {
    throw invalidInput(field, 'must be JSON');
  }
}

const ASSIGN_MODES = ['me', 'user', 'team', 'team_member', 'round_robin', 'unassign'];

/** The gRPC face of the conversations service (libs/contracts/proto/conversations.proto). */
@Controller()
export class ConversationsGrpcController {
  constructor(
    private readonly conversations: ConversationsService,
    @Inject(CONFIG) private readonly config: ServiceConfig,
  ) {}

  private run(metadata: Metadata, handler: (caller: CallerScope) => Promise<unknown>) {
    return withCaller(metadata, this.config.INTERNAL_SECRET, async (caller) => json(await handler(caller)));
  }

  @GrpcMethod('Conversations', 'GetConversation')
  get(request: { contactId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.get(caller, request.contactId));
  }

  @GrpcMethod('Conversations', 'ListTimeline')
  timeline(request: { contactId: string; limit: number; cursor: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.timeline(caller, request.contactId, Math.min(Math.max(request.limit || 50, 1), 200), request.cursor || undefined));
  }

  @GrpcMethod('Conversations', 'SendMessage')
  send(request: { contactId: string; messageJson: string; senderName: string; channelsJson: string }, metadata: Metadata) {
    return this.run(metadata, (caller) =>
      this.conversations.send(caller, request.contactId, parse<SendMessageInput>(request.messageJson, 'message'), request.senderName || undefined, parse<ChannelSnapshot[]>(request.channelsJson, 'channels') ?? []),
    );
  }

  @GrpcMethod('Conversations', 'AddComment')
  comment(request: { contactId: string; text: string; mentionIds: string[] }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.comment(caller, request.contactId, request.text, request.mentionIds));
  }

  @GrpcMethod('Conversations', 'Assign')
  assign(request: { contactId: string; mode: string; userId: string; teamId: string; userTeamIds: string[]; memberIds: string[] }, metadata: Metadata) {
    return this.run(metadata, (caller) => {
      if (!ASSIGN_MODES.includes(request.mode)) throw invalidInput('mode', `must be one of ${ASSIGN_MODES.join(', ')}`);
      const command =
        request.mode === 'round_robin'
          ? { mode: 'round_robin' as const, teamId: request.teamId, memberIds: request.memberIds }
          : ({ mode: request.mode, userId: request.userId, teamId: request.teamId, userTeamIds: request.userTeamIds } as AssignCommand);
      return this.conversations.assign(caller, request.contactId, command);
    });
  }

  @GrpcMethod('Conversations', 'AddCollaborator')
  addCollaborator(request: { contactId: string; userId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.addCollaborator(caller, request.contactId, request.userId));
  }

  @GrpcMethod('Conversations', 'RemoveCollaborator')
  removeCollaborator(request: { contactId: string; userId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.removeCollaborator(caller, request.contactId, request.userId));
  }

  @GrpcMethod('Conversations', 'SetStatus')
  setStatus(request: { contactId: string; status: string; category?: string; summary?: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => {
      if (request.status !== 'open' && request.status !== 'closed') throw invalidInput('status', 'must be open or closed');
      return this.conversations.setStatus(caller, request.contactId, request.status, { category: request.category, summary: request.summary });
    });
  }

  @GrpcMethod('Conversations', 'Snooze')
  snooze(request: { contactId: string; until: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => {
      const until = new Date(request.until);
      if (Number.isNaN(until.getTime())) throw invalidInput('until', 'must be an ISO 8601 time');
      return this.conversations.snooze(caller, request.contactId, until);
    });
  }

  @GrpcMethod('Conversations', 'Unsnooze')
  unsnooze(request: { contactId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.unsnooze(caller, request.contactId));
  }

  @GrpcMethod('Conversations', 'MarkRead')
  markRead(request: { contactId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.markRead(caller, request.contactId));
  }

  @GrpcMethod('Conversations', 'SetTyping')
  typing(request: { contactId: string; typing: boolean; channelsJson: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.typing(caller, request.contactId, request.typing, parse<ChannelSnapshot[]>(request.channelsJson, 'channels') ?? []));
  }

  @GrpcMethod('Conversations', 'GetMessage')
  message(request: { messageId: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => this.conversations.message(caller, request.messageId));
  }

  @GrpcMethod('Conversations', 'RecordEvent')
  recordEvent(request: { contactId: string; category: string; type: string; dataJson: string }, metadata: Metadata) {
    return this.run(metadata, (caller) => {
      if (request.category !== 'workflow' && request.category !== 'bot') throw invalidInput('category', 'must be workflow or bot');
      return this.conversations.recordEvent(caller, request.contactId, request.category, request.type, parse<Record<string, unknown> | null>(request.dataJson, 'data'));
    });
  }

  @GrpcMethod('Conversations', 'Broadcast')
  broadcast(request: { contactIds: string[]; messageJson: string; channelsJson: string; senderName: string }, metadata: Metadata) {
    return this.run(metadata, (caller) =>
      this.conversations.broadcast(caller, request.contactIds, parse(request.messageJson, 'message'), parse<ChannelSnapshot[]>(request.channelsJson, 'channels') ?? [], request.senderName || undefined),
    );
  }
}
