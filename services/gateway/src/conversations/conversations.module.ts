import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ConversationsClient } from './conversations.client';
import { ConversationsController } from './conversations.controller';
import { ConversationsGateway } from './conversations.gateway';
import { WorkspaceMembers } from './workspace-members';

/** API.md "Conversations" and broadcasts in the gateway: a translation onto the conversations service's gRPC contract. */
@Module({ imports: [DirectoryModule], controllers: [ConversationsController], providers: [ConversationsClient, ConversationsGateway, WorkspaceMembers] })
export class ConversationsGatewayModule {}
