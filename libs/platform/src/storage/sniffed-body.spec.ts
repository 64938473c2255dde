import { Readable } from 'node:stream';
import { SNIFF_BYTES } from './content-sniffing';
import { sniffBody } from './sniffed-body';

async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('sniffing a streamed body before it is stored', () => {
  it('answers the type from the first bytes and gives back every byte, in order', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * SNIFF_BYTES, 7)]);
    const chunks = [file.subarray(0, 5), file.subarray(5, 700), file.subarray(700)];
    const sniffed = await sniffBody(Readable.from(chunks));
    expect(sniffed).toMatchObject({ contentType: 'application/pdf', empty: false });
    expect((await readAll(sniffed.body)).equals(file)).toBe(true);
  });

  it('an empty body is flagged; a short one is sniffed whole', async () => {
    expect(await sniffBody(Readable.from([]))).toMatchObject({ empty: true });
    const short = await sniffBody(Readable.from([Buffer.from('GIF89a')]));
    expect(short.contentType).toBe('image/gif');
    expect((await readAll(short.body)).toString()).toBe('GIF89a');
  });

  it('stopping the body early destroys the source', async () => {
    const source = Readable.from((function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(SNIFF_BYTES, i);
    })());
    const sniffed = await sniffBody(source);
    for await (const chunk of sniffed.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});
