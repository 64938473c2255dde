import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, invalidInput, notFound, OBJECT_STORAGE, ObjectStorage, ObjectTooLargeError, sniffBody } from '@omnibox/platform';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config';
import { AttachmentsClient } from './attachments.client';
import { attachmentJson } from './attachments.mapper';
import { attachmentDisposition } from './domain/content-disposition';
import { contentRange, parseRange } from './domain/byte-range';
import { announcedTooLarge, EMPTY_FILE, newAttachmentId, uploadStorageKey } from './domain/upload-rules';
import { receiveFile } from './multipart-upload';

/** A file's bytes on their way to the client, with the headers that describe them. */
export type Download = { kind: 'bytes'; status: 200 | 206; headers: Record<string, string>; body: Readable } | { kind: 'unsatisfiable'; contentRange: string };

/**
 * API.md "Attachments" (MSG-10). The gateway moves the bytes, streamed both ways through the storage
 * port and never held whole; the conversations service keeps the records and decides who may read
 * them (VIS-4), over the `Attachments` contract.
 */
@Injectable()
export class AttachmentsGateway {
  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly client: AttachmentsClient,
  ) {}

  /**
   * `POST /v1/attachments`: the `file` part goes straight into storage, its type sniffed from its
   * first bytes (never the client's word), its SHA-256 and size computed on the way; then the upload
   * is registered as the caller's. Whatever fails after the bytes were stored removes them.
   */
  async upload(principal: Principal, req: IncomingMessage) {
    const maxBytes = this.config.ATTACHMENT_MAX_BYTES;
    if (announcedTooLarge(req.headers['content-length'], maxBytes)) throw new ObjectTooLargeError(maxBytes);
    const id = newAttachmentId();
    const storageKey = uploadStorageKey(principal.scope.workspaceId, id);
    const file = await receiveFile(
      req,
      maxBytes,
      async (part) => {
        const sniffed = await sniffBody(part.stream, part.fileName);
        if (sniffed.empty) throw invalidInput(EMPTY_FILE.field, EMPTY_FILE.message);
        const object = await this.storage.put(storageKey, sniffed.body, { contentType: sniffed.contentType, maxBytes });
        return { fileName: part.fileName, contentType: sniffed.contentType, size: object.size, sha256: object.sha256 };
      },
      () => this.storage.delete(storageKey),
    );
    try {
      return attachmentJson(await this.client.call('RegisterUpload', { id, ...file, storageKey }, principal.scope));
    } catch (error) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /** `GET /v1/attachments/{id}`: the record with a fresh signed URL, for whoever may read it (404 otherwise). */
  async get(principal: Principal, id: string) {
    return attachmentJson(await this.client.call('GetAttachment', { id }, principal.scope));
  }

  /** `GET /v1/attachments/{id}/content`: the bytes (or the range asked for), for whoever may read them. */
  async content(principal: Principal, id: string, rangeHeader: string | undefined): Promise<Download> {
    const { attachment, storageKey } = await this.client.call('AuthorizeRead', { id }, principal.scope);
    if (!attachment) throw notFound('Attachment');
    const size = Number(attachment.size);
    const range = parseRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable') return { kind: 'unsatisfiable', contentRange: contentRange(range, size)! };
    const object = await this.storage.get(storageKey, range.kind === 'part' ? { start: range.start, end: range.end } : undefined);
    if (!object) throw notFound('Attachment');
    const headers: Record<string, string> = {
      'content-type': attachment.contentType,
      'content-length': String(object.size),
      'content-disposition': attachmentDisposition(attachment.fileName),
      'accept-ranges': 'bytes',
    };
    const partial = contentRange(range, size);
    if (partial) headers['content-range'] = partial;
    return { kind: 'bytes', status: partial ? 206 : 200, headers, body: object.body };
  }
}
