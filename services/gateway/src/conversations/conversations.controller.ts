import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ListQuery } from '../common/pagination';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { AddCommentInput, AssignInput, BroadcastInput, CollaboratorInput, RecordEventInput, SendMessageInput, SetStatusInput, SnoozeInput, TypingInput } from './conversations.dto';
import { ConversationsGateway } from './conversations.gateway';
import { BroadcastAccepted, Comment, Conversation, LinkedMessage, Message, TimelineEvent, TimelinePage, Typing } from './conversations.schemas';

/** API.md "Conversations (addressed by contact id)", messages and broadcasts. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('v1')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsGateway) {}

  @ApiAnswer(200, Conversation)
  @Get('conversations/:contactId')
  get(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string) {
    return this.conversations.get(principal, contactId);
  }

  @ApiAnswer(200, TimelinePage, 'Messages, comments and events, newest first')
  @Get('conversations/:contactId/timeline')
  timeline(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Query() query: ListQuery) {
    return this.conversations.timeline(principal, contactId, query);
  }

  @ApiAnswer(201, Message)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/messages')
  send(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: SendMessageInput) {
    return this.conversations.send(principal, contactId, input);
  }

  @ApiAnswer(201, Comment)
  @ApiErrors(403)
  @Post('conversations/:contactId/comments')
  comment(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: AddCommentInput) {
    return this.conversations.comment(principal, contactId, input.text);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/assignee')
  @HttpCode(200)
  assign(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: AssignInput) {
    return this.conversations.assign(principal, contactId, input);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/collaborators')
  @HttpCode(200)
  addCollaborator(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: CollaboratorInput) {
    return this.conversations.addCollaborator(principal, contactId, input.userId);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Delete('conversations/:contactId/collaborators/:userId')
  removeCollaborator(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Param('userId') userId: string) {
    return this.conversations.removeCollaborator(principal, contactId, userId);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/status')
  @HttpCode(200)
  setStatus(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: SetStatusInput) {
    return this.conversations.setStatus(principal, contactId, input);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/snooze')
  @HttpCode(200)
  snooze(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: SnoozeInput) {
    return this.conversations.snooze(principal, contactId, input.until);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/unsnooze')
  @HttpCode(200)
  unsnooze(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string) {
    return this.conversations.unsnooze(principal, contactId);
  }

  @ApiAnswer(200, Conversation)
  @ApiErrors(403)
  @Post('conversations/:contactId/read')
  @HttpCode(200)
  read(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string) {
    return this.conversations.markRead(principal, contactId);
  }

  @ApiAnswer(200, Typing)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/typing')
  @HttpCode(200)
  typing(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: TypingInput) {
    return this.conversations.typing(principal, contactId, input.typing);
  }

  @ApiAnswer(201, TimelineEvent)
  @ApiErrors(403, 422)
  @Post('conversations/:contactId/events')
  recordEvent(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() input: RecordEventInput) {
    return this.conversations.recordEvent(principal, contactId, input);
  }

  @ApiAnswer(200, LinkedMessage)
  @Get('messages/:messageId')
  message(@CurrentPrincipal() principal: Principal, @Param('messageId') messageId: string) {
    return this.conversations.message(principal, messageId);
  }

  @ApiAnswer(202, BroadcastAccepted)
  @ApiErrors(403, 422)
  @Post('broadcasts')
  @HttpCode(202)
  broadcast(@CurrentPrincipal() principal: Principal, @Body() input: BroadcastInput) {
    return this.conversations.broadcast(principal, input);
  }
}
