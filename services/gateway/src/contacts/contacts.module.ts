import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ContactsClient } from './contacts.client';
import { ContactsController } from './contacts.controller';
import { ContactsGateway } from './contacts.gateway';
import { DirectoryWorkspaceMembers, WORKSPACE_MEMBERS } from './workspace-members';

/** API.md "Contacts" in the gateway: a thin translation onto the contacts service's gRPC contract. */
@Module({
  imports: [DirectoryModule],
  controllers: [ContactsController],
  providers: [ContactsClient, ContactsGateway, { provide: WORKSPACE_MEMBERS, useClass: DirectoryWorkspaceMembers }],
})
export class ContactsGatewayModule {}
