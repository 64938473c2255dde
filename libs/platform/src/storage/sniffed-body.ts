import { SNIFF_BYTES, sniffContentType } from './content-sniffing';

export interface SniffedBody {
  /** What the first bytes say the file is. */
  contentType: string;
  /** True when the body had no bytes at all (`body` is then empty too). */
  empty: boolean;
  /** The whole body again, the bytes read for sniffing first: hand it to `ObjectStorage.put`. */
  body: AsyncIterable<Buffer>;
}

const toBuffer = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

/**
 * Reads the first SNIFF_BYTES of a streamed body to learn its content type before it is stored (a
 * store wants the type before the first byte), holding only those bytes. Stopping the returned body
 * early stops the source too (a request or a download is destroyed, not left hanging).
 */
export async function sniffBody(source: AsyncIterable<Uint8Array | string>, fileName?: string): Promise<SniffedBody> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head, headBytes);
  async function* body(): AsyncGenerator<Buffer> {
    let finished = done;
    try {
      if (first.length > 0) yield first;
      while (!finished) {
        const next = await iterator.next();
        if (next.done) finished = true;
        else yield toBuffer(next.value);
      }
    } finally {
      if (!finished) await iterator.return?.();
    }
  }
  return { contentType: sniffContentType(first.subarray(0, SNIFF_BYTES), fileName), empty: headBytes === 0, body: body() };
}
