import { Module } from '@nestjs/common';
import { AddCollaborator } from './application/add-collaborator';
import { AddComment } from './application/add-comment';
import { AssignConversation } from './application/assign-conversation';
import { Broadcast } from './application/broadcast';
import { GetConversation } from './application/get-conversation';
import { GetMessage } from './application/get-message';
import { ListTimeline } from './application/list-timeline';
import { MarkRead } from './application/mark-read';
import { LINK_PREVIEWS, ROUND_ROBIN } from './application/ports';
import { RecordEvent } from './application/record-event';
import { RemoveCollaborator } from './application/remove-collaborator';
import { SendMessage } from './application/send-message';
import { SetStatus } from './application/set-status';
import { SetTyping } from './application/set-typing';
import { SnoozeConversation } from './application/snooze-conversation';
import { UnsnoozeConversation } from './application/unsnooze-conversation';
import { ConversationsGrpcController } from './adapters/grpc/conversations.controller';
import { HttpLinkPreviews } from './adapters/http/link-preview';
import { RedisRoundRobin } from './adapters/redis/round-robin';
import { ThreadsModule } from './threads.module';

/** What the gateway asks for (the `Conversations` gRPC contract): reads and acts of users and API tokens on threads. */
@Module({
  imports: [ThreadsModule],
  controllers: [ConversationsGrpcController],
  providers: [
    { provide: ROUND_ROBIN, useClass: RedisRoundRobin },
    { provide: LINK_PREVIEWS, useClass: HttpLinkPreviews },
    GetConversation,
    ListTimeline,
    SendMessage,
    AddComment,
    AssignConversation,
    AddCollaborator,
    RemoveCollaborator,
    SetStatus,
    SnoozeConversation,
    UnsnoozeConversation,
    MarkRead,
    SetTyping,
    GetMessage,
    Broadcast,
    RecordEvent,
  ],
})
export class ConversationsApiModule {}
