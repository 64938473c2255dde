import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { AttachmentsDefinition, CallerScope } from '@omnibox/contracts';
import { Caller, RpcHandlers, RpcMethod, RpcReceived } from '@omnibox/rpc';
import { AuthorizeAttachmentRead } from '../../application/authorize-attachment-read';
import { GetAttachment } from '../../application/get-attachment';
import { RegisterUpload } from '../../application/register-upload';
import { attachmentMessage } from './attachment.mapper';

type Received<M extends RpcMethod<AttachmentsDefinition>> = RpcReceived<AttachmentsDefinition, M>;

/** The gRPC face of the attachments (`Attachments` in libs/contracts/proto/conversations.proto). */
@Controller()
export class AttachmentsGrpcController implements RpcHandlers<AttachmentsDefinition> {
  constructor(
    private readonly registerUploadCase: RegisterUpload,
    private readonly getAttachmentCase: GetAttachment,
    private readonly authorizeReadCase: AuthorizeAttachmentRead,
  ) {}

  @GrpcMethod('Attachments')
  async registerUpload(@Payload() request: Received<'RegisterUpload'>, @Caller() caller: CallerScope) {
    const { id, fileName, contentType, sha256, storageKey } = request;
    return attachmentMessage(await this.registerUploadCase.execute(caller, { id, fileName, contentType, size: Number(request.size), sha256, storageKey }));
  }

  @GrpcMethod('Attachments')
  async getAttachment(@Payload() request: Received<'GetAttachment'>, @Caller() caller: CallerScope) {
    return attachmentMessage(await this.getAttachmentCase.execute(caller, request.id));
  }

  @GrpcMethod('Attachments')
  async authorizeRead(@Payload() request: Received<'AuthorizeRead'>, @Caller() caller: CallerScope) {
    const { record, storageKey } = await this.authorizeReadCase.execute(caller, request.id);
    return { attachment: attachmentMessage({ record, url: null }), storageKey };
  }
}
