import { Module } from '@nestjs/common';
import { AuthorizeAttachmentRead } from './application/authorize-attachment-read';
import { GetAttachment } from './application/get-attachment';
import { RegisterUpload } from './application/register-upload';
import { SweepOrphanUploads } from './application/sweep-orphan-uploads';
import { AttachmentsGrpcController } from './adapters/grpc/attachments.controller';
import { OrphanUploadSweeper } from './adapters/schedule/orphan-upload-sweeper';
import { ThreadsModule } from './threads.module';

/**
 * MSG-10 files (the `Attachments` gRPC contract): uploads the gateway streamed into storage, who may
 * read them (VIS-4), and the sweep of uploads never sent. Sending and incoming media use the records
 * and files ThreadsModule shares.
 */
@Module({
  imports: [ThreadsModule],
  controllers: [AttachmentsGrpcController],
  providers: [RegisterUpload, GetAttachment, AuthorizeAttachmentRead, SweepOrphanUploads, OrphanUploadSweeper],
})
export class AttachmentsModule {}
