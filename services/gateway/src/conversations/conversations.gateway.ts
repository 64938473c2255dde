import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { mentionedUserIds } from '@omnibox/contracts';
import { CONFIG, forbidden, invalidInput, ruleViolation } from '@omnibox/platform';
import { CONVERSATIONS_CONTRACT, GrpcClient } from '@omnibox/rpc';
import { Principal } from '../auth/principal';
import { ChannelsService } from '../channels/channels.service';
import { ListQuery } from '../common/pagination';
import type { GatewayConfig } from '../config';
import { DirectoryStore } from '../directory/directory.store';
import { AssignInput, BroadcastInput, RecordEventInput, SendMessageInput, SetStatusInput } from './conversations.dto';

/**
 * Translates API.md "Conversations" into calls of the conversations service, adding what only the
 * gateway knows: the directory (users and teams named in a request must exist in the workspace), the
 * workspace's channels, the sender's name and deep links.
 */
@Injectable()
export class ConversationsGateway implements OnModuleDestroy {
  private readonly client: GrpcClient;

  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly directory: DirectoryStore,
    private readonly channels: ChannelsService,
  ) {
    this.client = new GrpcClient({ contract: CONVERSATIONS_CONTRACT, service: 'Conversations', url: config.CONVERSATIONS_GRPC_URL, secret: config.INTERNAL_SECRET, displayName: 'conversations service' });
  }

  onModuleDestroy() {
    this.client.close();
  }

  private async call<T = unknown>(method: string, request: unknown, principal: Principal): Promise<T> {
    const { json } = await this.client.callUntyped<{ json: string }>(method, request, principal.scope);
    return JSON.parse(json) as T;
  }

  private async user(workspaceId: string, userId: string, field: string) {
    const user = await this.directory.users.findOne({ _id: userId, workspaceId }, { projection: { _id: 1, firstName: 1, lastName: 1 } });
    if (!user) throw invalidInput(field, 'is not a user of this workspace');
    return user;
  }

  private async team(workspaceId: string, teamId: string, field = 'teamId') {
    const team = await this.directory.teams.findOne({ _id: teamId, workspaceId }, { projection: { _id: 1, memberIds: 1 } });
    if (!team) throw invalidInput(field, 'is not a team of this workspace');
    return team;
  }

  private senderName(principal: Principal): string {
    if (principal.user) return [principal.user.firstName, principal.user.lastName].filter(Boolean).join(' ');
    return principal.apiToken?.name ?? 'API';
  }

  get(principal: Principal, contactId: string) {
    return this.call('GetConversation', { contactId }, principal);
  }

  timeline(principal: Principal, contactId: string, query: ListQuery) {
    return this.call('ListTimeline', { contactId, limit: query.limit ?? 50, cursor: query.cursor ?? '' }, principal);
  }

  async send(principal: Principal, contactId: string, input: SendMessageInput) {
    const channels = await this.channels.ofWorkspace(principal.scope.workspaceId);
    return this.call('SendMessage', { contactId, messageJson: JSON.stringify(input), senderName: this.senderName(principal), channelsJson: JSON.stringify(channels) }, principal);
  }

  async comment(principal: Principal, contactId: string, text: string) {
    const mentionIds = mentionedUserIds(text);
    if (mentionIds.length > 50) throw invalidInput('text', 'mentions at most 50 users');
    for (const id of mentionIds) await this.user(principal.scope.workspaceId, id, 'text');
    return this.call('AddComment', { contactId, text, mentionIds }, principal);
  }

  async assign(principal: Principal, contactId: string, input: AssignInput) {
    const { workspaceId } = principal.scope;
    const request: Record<string, unknown> = { contactId, mode: input.mode, userId: '', teamId: '', userTeamIds: [], memberIds: [] };
    if (input.mode === 'me' && principal.scope.kind !== 'user') throw invalidInput('mode', '"me" needs a user; an API token assigns with mode "user"');
    if (input.userId) {
      await this.user(workspaceId, input.userId, 'userId');
      request.userId = input.userId;
      request.userTeamIds = (await this.directory.teamsOf(workspaceId, input.userId)).map((team) => team._id);
    }
    if (input.teamId) {
      const team = await this.team(workspaceId, input.teamId);
      request.teamId = team._id;
      request.memberIds = team.memberIds;
      if (input.mode === 'team_member' && !team.memberIds.includes(input.userId!)) {
        throw ruleViolation('not_a_team_member', 'The user is not a member of that team; assign to the user directly or add them to the team');
      }
    }
    return this.call('Assign', request, principal);
  }

  async addCollaborator(principal: Principal, contactId: string, userId: string) {
    await this.user(principal.scope.workspaceId, userId, 'userId');
    return this.call('AddCollaborator', { contactId, userId }, principal);
  }

  removeCollaborator(principal: Principal, contactId: string, userId: string) {
    return this.call('RemoveCollaborator', { contactId, userId }, principal);
  }

  setStatus(principal: Principal, contactId: string, input: SetStatusInput) {
    return this.call('SetStatus', { contactId, ...input }, principal);
  }

  snooze(principal: Principal, contactId: string, until: string) {
    return this.call('Snooze', { contactId, until }, principal);
  }

  unsnooze(principal: Principal, contactId: string) {
    return this.call('Unsnooze', { contactId }, principal);
  }

  markRead(principal: Principal, contactId: string) {
    return this.call('MarkRead', { contactId }, principal);
  }

  async typing(principal: Principal, contactId: string, typing: boolean) {
    const channels = await this.channels.ofWorkspace(principal.scope.workspaceId);
    return this.call('SetTyping', { contactId, typing, channelsJson: JSON.stringify(channels) }, principal);
  }

  /** MSG-5: the message with its deep link; 404 for anyone who cannot see its thread. */
  async message(principal: Principal, messageId: string) {
    const message = await this.call<{ id: string; contactId: string }>('GetMessage', { messageId }, principal);
    return { ...message, link: `${this.config.PUBLIC_APP_URL.replace(/\/$/, '')}/inbox/${encodeURIComponent(message.contactId)}?message=${encodeURIComponent(message.id)}` };
  }

  recordEvent(principal: Principal, contactId: string, input: RecordEventInput) {
    if (principal.scope.kind === 'user' && principal.scope.role === 'agent') throw forbidden('Workflow and bot events come from API tokens, owners and managers');
    const data = input.data ? JSON.stringify(input.data) : '';
    if (data.length > 10_000) throw invalidInput('data', 'must be at most 10 000 characters of JSON');
    return this.call('RecordEvent', { contactId, category: input.category, type: input.type, dataJson: data }, principal);
  }

  async broadcast(principal: Principal, input: BroadcastInput) {
    if (principal.scope.kind === 'user' && principal.scope.role === 'agent') throw forbidden('Agents cannot send broadcasts; ask an owner or a manager');
    const channels = await this.channels.ofWorkspace(principal.scope.workspaceId);
    return this.call('Broadcast', { contactIds: input.contactIds, messageJson: JSON.stringify(input.message), channelsJson: JSON.stringify(channels), senderName: this.senderName(principal) }, principal);
  }
}
