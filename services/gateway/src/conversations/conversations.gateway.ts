import { Inject, Injectable } from '@nestjs/common';
import { mentionedUserIds } from '@omnibox/contracts';
import { CONFIG, forbidden, invalidInput, ruleViolation } from '@omnibox/platform';
import { toStruct } from '@omnibox/rpc';
import { Principal } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import type { GatewayConfig } from '../config';
import { ConversationsClient } from './conversations.client';
import { AssignInput, BroadcastInput, RecordEventInput, SendMessageInput, SetStatusInput } from './conversations.dto';
import { commentJson } from './mappers/comment.mapper';
import { conversationJson } from './mappers/conversation.mapper';
import { messageJson } from './mappers/message.mapper';
import { timelineEventJson } from './mappers/timeline-event.mapper';
import { timelinePageJson } from './mappers/timeline-page.mapper';
import { WorkspaceMembers } from './workspace-members';

/** Largest `data` a workflow or bot may record on an event, as JSON. */
const EVENT_DATA_MAX_CHARS = 10_000;

/**
 * API.md "Conversations" on the conversations service's contract, adding what only the gateway knows:
 * the directory (users and teams named in a request must exist in the workspace), the sender's name,
 * who may record workflow events and send broadcasts, and deep links.
 */
@Injectable()
export class ConversationsGateway {
  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly client: ConversationsClient,
    private readonly members: WorkspaceMembers,
  ) {}

  private senderName(principal: Principal): string {
    if (principal.user) return [principal.user.firstName, principal.user.lastName].filter(Boolean).join(' ');
    return principal.apiToken?.name ?? 'API';
  }

  async get(principal: Principal, contactId: string) {
    return conversationJson(await this.client.call('GetConversation', { contactId }, principal.scope));
  }

  async timeline(principal: Principal, contactId: string, query: ListQuery) {
    return timelinePageJson(await this.client.call('ListTimeline', { contactId, limit: query.limit ?? 50, cursor: query.cursor ?? '' }, principal.scope));
  }

  async send(principal: Principal, contactId: string, input: SendMessageInput) {
    const { template, attachment, email } = input;
    const request = {
      contactId,
      type: input.type,
      text: input.text,
      channelId: input.channelId,
      replyToId: input.replyToId,
      linkPreview: input.linkPreview,
      template: template ? { name: template.name, language: template.language, parameters: template.parameters ?? [] } : null,
      attachment: attachment ? { id: attachment.id } : null,
      email: email ? { subject: email.subject, cc: email.cc ?? [], bcc: email.bcc ?? [], replyToMessageId: email.replyToMessageId } : null,
      senderName: this.senderName(principal),
    };
    return messageJson(await this.client.call('SendMessage', request, principal.scope));
  }

  async comment(principal: Principal, contactId: string, text: string) {
    const mentionIds = mentionedUserIds(text);
    if (mentionIds.length > 50) throw invalidInput('text', 'mentions at most 50 users');
    for (const id of mentionIds) await this.members.user(principal.scope.workspaceId, id, 'text');
    return commentJson(await this.client.call('AddComment', { contactId, text, mentionIds }, principal.scope));
  }

  async assign(principal: Principal, contactId: string, input: AssignInput) {
    const { workspaceId } = principal.scope;
    const request = { contactId, mode: input.mode, userId: '', teamId: '', userTeamIds: [] as string[], memberIds: [] as string[] };
    if (input.mode === 'me' && principal.scope.kind !== 'user') throw invalidInput('mode', '"me" needs a user; an API token assigns with mode "user"');
    if (input.userId) {
      await this.members.user(workspaceId, input.userId, 'userId');
      request.userId = input.userId;
      request.userTeamIds = await this.members.teamIdsOf(workspaceId, input.userId);
    }
    if (input.teamId) {
      const team = await this.members.team(workspaceId, input.teamId);
      request.teamId = team.id;
      request.memberIds = team.memberIds;
      if (input.mode === 'team_member' && !team.memberIds.includes(input.userId!)) {
        throw ruleViolation('not_a_team_member', 'The user is not a member of that team; assign to the user directly or add them to the team');
      }
    }
    return conversationJson(await this.client.call('Assign', request, principal.scope));
  }

  async addCollaborator(principal: Principal, contactId: string, userId: string) {
    await this.members.user(principal.scope.workspaceId, userId, 'userId');
    return conversationJson(await this.client.call('AddCollaborator', { contactId, userId }, principal.scope));
  }

  async removeCollaborator(principal: Principal, contactId: string, userId: string) {
    return conversationJson(await this.client.call('RemoveCollaborator', { contactId, userId }, principal.scope));
  }

  async setStatus(principal: Principal, contactId: string, input: SetStatusInput) {
    return conversationJson(await this.client.call('SetStatus', { contactId, status: input.status, category: input.category, summary: input.summary }, principal.scope));
  }

  async snooze(principal: Principal, contactId: string, until: string) {
    return conversationJson(await this.client.call('Snooze', { contactId, until }, principal.scope));
  }

  async unsnooze(principal: Principal, contactId: string) {
    return conversationJson(await this.client.call('Unsnooze', { contactId }, principal.scope));
  }

  async markRead(principal: Principal, contactId: string) {
    return conversationJson(await this.client.call('MarkRead', { contactId }, principal.scope));
  }

  async typing(principal: Principal, contactId: string, typing: boolean) {
    const state = await this.client.call('SetTyping', { contactId, typing }, principal.scope);
    return { typing: state.typing, typingUserIds: state.typingUserIds };
  }

  /** MSG-5: the message with its deep link; 404 for anyone who cannot see its thread. */
  async message(principal: Principal, messageId: string) {
    const message = messageJson(await this.client.call('GetMessage', { messageId }, principal.scope));
    return { ...message, link: `${this.config.PUBLIC_APP_URL.replace(/\/$/, '')}/inbox/${encodeURIComponent(message.contactId)}?message=${encodeURIComponent(message.id)}` };
  }

  async recordEvent(principal: Principal, contactId: string, input: RecordEventInput) {
    if (principal.scope.kind === 'user' && principal.scope.role === 'agent') throw forbidden('Workflow and bot events come from API tokens, owners and managers');
    if (input.data && JSON.stringify(input.data).length > EVENT_DATA_MAX_CHARS) throw invalidInput('data', 'must be at most 10 000 characters of JSON');
    const request = { contactId, category: input.category, type: input.type, data: input.data ? toStruct(input.data) : null };
    return timelineEventJson(await this.client.call('RecordEvent', request, principal.scope));
  }

  async broadcast(principal: Principal, input: BroadcastInput) {
    if (principal.scope.kind === 'user' && principal.scope.role === 'agent') throw forbidden('Agents cannot send broadcasts; ask an owner or a manager');
    const { message } = input;
    const body = { type: message.type, text: message.text, template: message.template ? { name: message.template.name, language: message.template.language, parameters: message.template.parameters ?? [] } : null };
    const accepted = await this.client.call('Broadcast', { contactIds: input.contactIds, message: body, senderName: this.senderName(principal) }, principal.scope);
    return { id: accepted.id, count: accepted.count };
  }
}
