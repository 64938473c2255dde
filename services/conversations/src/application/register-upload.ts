import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { conflict, hasForbiddenControl, invalidInput } from '@omnibox/platform';
import { attachmentStorageKey, FILE_NAME_MAX, uploadedAttachment } from '../domain/attachments';
import { AttachmentView, viewOf } from './get-attachment';
import { ATTACHMENT_FILES, AttachmentFiles, ATTACHMENTS, Attachments } from './ports';

export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

/**
 * MSG-10: a file the gateway streamed into storage for the caller, recorded as theirs until they send
 * it. The gateway names the object; it must be this attachment's key in the caller's workspace.
 */
@Injectable()
export class RegisterUpload {
  constructor(
    @Inject(ATTACHMENTS) private readonly attachments: Attachments,
    @Inject(ATTACHMENT_FILES) private readonly files: AttachmentFiles,
  ) {}

  async execute(caller: CallerScope, file: UploadedFile): Promise<AttachmentView> {
    if (!/^[0-9a-f]{24}$/.test(file.id)) throw invalidInput('id', 'must be 24 hexadecimal characters');
    if (file.storageKey !== attachmentStorageKey(caller.workspaceId, file.id)) throw invalidInput('storageKey', "is not this attachment's key in the caller's workspace");
    if (!file.fileName || file.fileName.length > FILE_NAME_MAX || hasForbiddenControl(file.fileName)) throw invalidInput('fileName', `must be 1 to ${FILE_NAME_MAX} characters without control characters`);
    if (!Number.isSafeInteger(file.size) || file.size <= 0) throw invalidInput('size', 'must be a positive number of bytes');
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw invalidInput('sha256', 'must be 64 hexadecimal characters');
    const record = uploadedAttachment({ ...file, workspaceId: caller.workspaceId, uploaderId: caller.principalId, now: new Date().toISOString() });
    if (!(await this.attachments.create(record))) throw conflict('An attachment with this id exists already', 'attachment_exists');
    return viewOf(record, this.files);
  }
}
