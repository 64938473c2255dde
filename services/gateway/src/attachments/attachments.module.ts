import { Module } from '@nestjs/common';
import { AttachmentsClient } from './attachments.client';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsGateway } from './attachments.gateway';

/** API.md "Attachments" in the gateway: bytes streamed through the storage port, records in the conversations service. */
@Module({ controllers: [AttachmentsController], providers: [AttachmentsClient, AttachmentsGateway] })
export class AttachmentsGatewayModule {}
