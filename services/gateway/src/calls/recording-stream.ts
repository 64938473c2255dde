import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { CallerScope, RecordingChunkAnswer } from '@omnibox/contracts';
import { AppError, getLogger } from '@omnibox/platform';
import type { Response } from 'express';
import { CallsClient } from './calls.client';
import { rangeOf } from './recording-range';

/** Where a range starts when it names its first byte (`bytes=N-…`); 0 otherwise (suffix ranges need the size first). */
const explicitStart = (header: string | undefined): number => Number(/^bytes=(\d+)-\d*$/.exec(header?.trim() ?? '')?.[1] ?? 0);

/**
 * `GET /v1/calls/{id}/recording` (CAL-5): the audio, as attachments' content is served, with range
 * requests for seeking. The calls service answers it chunk by chunk (a megabyte at most each), so the
 * gateway never holds a whole recording and the object store stays private to the services.
 */
@Injectable()
export class RecordingStream {
  constructor(private readonly calls: CallsClient) {}

  async serve(caller: CallerScope, callId: string, rangeHeader: string | undefined, download: boolean, response: Response): Promise<void> {
    const read = (start: number, end?: number) => this.calls.call('ReadRecording', { id: callId, start, end }, caller, 30_000);
    let chunk: RecordingChunkAnswer = await read(explicitStart(rangeHeader));
    const size = Number(chunk.size);
    const range = rangeOf(rangeHeader, size);
    if (range.kind === 'unsatisfiable') {
      response.setHeader('Content-Range', `bytes */${size}`);
      throw new AppError(416, 'range_not_satisfiable', `The range is outside the recording (${size} bytes); ask for bytes=0-${Math.max(0, size - 1)} or less`);
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    if (Number(chunk.start) !== start) chunk = await read(start, end);
    response.status(range.kind === 'partial' ? 206 : 200);
    response.setHeader('Content-Type', chunk.contentType);
    response.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(chunk.fileName)}`);
    if (range.kind === 'partial') response.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    try {
      for (let next = start; next <= end && !response.destroyed; ) {
        if (Number(chunk.start) !== next) chunk = await read(next, end);
        const data = chunk.data.subarray(0, end - next + 1);
        if (data.length === 0) throw new Error('the calls service answered no bytes inside the recording');
        if (!response.write(data)) await once(response, 'drain');
        next += data.length;
      }
      response.end();
    } catch (error) {
      // Headers are out: the client sees a cut connection, as with any interrupted download.
      getLogger().warn({ err: error, callId }, 'recording stream interrupted');
      response.destroy(error as Error);
    }
  }
}
