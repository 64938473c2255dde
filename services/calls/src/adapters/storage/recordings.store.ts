import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, guardedRequest, notFound, OBJECT_STORAGE, ObjectStorage, OutboundGuard } from '@omnibox/platform';
import type { Recordings } from '../../application/ports';
import type { CallsConfig } from '../../config';
import { recordingType } from '../../domain/recordings';
import { OUTBOUND_GUARD } from '../http/outbound';

/**
 * Recordings in the object store (libs/platform's storage port): the provider's file streamed from its
 * URL into the store, through the outbound guard and under a size limit (never held whole in memory),
 * and read back by byte range.
 */
@Injectable()
export class ObjectStorageRecordings implements Recordings {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(OUTBOUND_GUARD) private readonly guard: OutboundGuard,
    @Inject(CONFIG) private readonly config: CallsConfig,
  ) {}

  async copy(key: string, url: string, contentType: string | null): Promise<{ size: number; contentType: string }> {
    const response = await guardedRequest(url, { guard: this.guard, timeoutMs: this.config.RECORDING_FETCH_TIMEOUT_MS, maxRedirects: 3 });
    if (response.status !== 200) {
      response.body.destroy();
      throw new Error(`the provider answered ${response.status} for the recording`);
    }
    const type = recordingType(contentType, response.headers['content-type']);
    const stored = await this.storage.put(key, response.body, { contentType: type, maxBytes: this.config.RECORDING_MAX_BYTES });
    return { size: stored.size, contentType: type };
  }

  async read(key: string, start: number, end: number): Promise<Buffer> {
    const object = await this.storage.get(key, { start, end });
    if (!object) throw notFound('Recording');
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
}
