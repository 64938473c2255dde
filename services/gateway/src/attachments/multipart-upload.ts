import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { invalidInput } from '@omnibox/platform';
import { checkPart, MISSING_FILE, MULTIPART_OVERHEAD_BYTES, UploadRefusal } from './domain/upload-rules';

export interface FilePart {
  /** As the client named it, path and all (MSG-10 keeps it as given). */
  fileName: string;
  stream: Readable;
}

/** Parts read before the upload is refused as malformed; only one is wanted. */
const MAX_PARTS = 10;
/** Bytes of a non-file part kept to name it in the refusal. */
const FIELD_BYTES = 1024;

const refused = (refusal: UploadRefusal) => invalidInput(refusal.field, refusal.message);

/**
 * Streams the one `file` part of a multipart upload into `store` as the bytes arrive (busboy): the
 * gateway never holds more of a file than `store` does. Resolves with what `store` answered once the
 * whole body was read and held nothing but that file; a stray part after it was stored `discard`s it
 * and answers 400 naming the part. When `store` fails (413, 503, an empty file) the answer goes out at
 * once while the rest of the body is read and dropped, so the client gets it; a body that goes on past
 * the limit again is cut off.
 */
export function receiveFile<T>(req: IncomingMessage, maxBytes: number, store: (part: FilePart) => Promise<T>, discard: (stored: T) => Promise<void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, preservePath: true, defParamCharset: 'utf8', limits: { fileSize: maxBytes + 1, parts: MAX_PARTS, fieldSize: FIELD_BYTES } });
    } catch {
      reject(refused({ field: 'body', message: 'must be multipart/form-data with one part named "file"' }));
      return;
    }
    let settled = false;
    let stored: Promise<T> | undefined;
    let refusal: UploadRefusal | null = null;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.destroy();
      drain(req, maxBytes + MULTIPART_OVERHEAD_BYTES);
      // A file stored before the body turned out broken is not kept.
      stored?.then(discard, () => undefined).catch(() => undefined);
      reject(error);
    };
    const finish = async () => {
      if (settled) return;
      if (!stored) {
        settled = true;
        reject(refused(refusal ?? MISSING_FILE));
        return;
      }
      const result = await stored.catch(() => undefined);
      if (settled || result === undefined) return;
      settled = true;
      if (!refusal) return resolve(result);
      await discard(result).catch(() => undefined);
      reject(refused(refusal));
    };
    parser.on('file', (name, stream, info) => {
      const partRefusal = checkPart({ name, fileName: info.filename }, stored !== undefined);
      if (partRefusal || refusal) {
        refusal ??= partRefusal;
        stream.resume();
        return;
      }
      stored = store({ fileName: info.filename, stream });
      stored.catch(fail);
    });
    parser.on('field', (name) => (refusal ??= checkPart({ name }, stored !== undefined)));
    parser.on('partsLimit', () => (refusal ??= { field: 'body', message: `must hold one part named "file", not ${MAX_PARTS} or more` }));
    parser.on('error', (error: Error) => fail(refused({ field: 'body', message: `is not well-formed multipart/form-data (${error.message})` })));
    parser.on('close', () => void finish());
    // A client that goes away mid-upload: the file stream fails, so the store aborts what it started.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the client closed the connection before the upload ended'));
    });
    req.pipe(parser);
  });
}

/** Reads and drops the rest of a refused body, up to `limit` bytes, then cuts the connection. */
function drain(req: IncomingMessage, limit: number) {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limit) req.socket.destroy();
  });
  req.resume();
}
