import { createHash, randomBytes } from 'node:crypto';
import { Controller, Inject, INestApplication, Module, Param, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import type { Request } from 'express';
import request from 'supertest';
import { bucketName, eventually, sharedEngineUrls, startPrivateEngine, TestEngine, uniqueName } from '@omnibox/testing';
import { configureHttpApp, createLogger, OBJECT_STORAGE, ObjectStorage, ObjectStorageOptions, ObjectTooLargeError, PART_SIZE, PlatformModule } from '@omnibox/platform';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The bytes in chunks of 64 KiB, as a network stream delivers them; counts what was handed out. */
function chunked(bytes: Buffer, size = 64 * 1024) {
  const stream = {
    handedOut: 0,
    async *[Symbol.asyncIterator]() {
      for (let offset = 0; offset < bytes.length; offset += size) {
        const chunk = bytes.subarray(offset, offset + size);
        stream.handedOut += chunk.length;
        yield chunk;
      }
    },
  };
  return stream;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function sharedOptions(bucket: string): ObjectStorageOptions {
  return {
    endpoint: sharedEngineUrls.S3_ENDPOINT,
    region: sharedEngineUrls.S3_REGION,
    accessKeyId: sharedEngineUrls.S3_ACCESS_KEY_ID,
    secretAccessKey: sharedEngineUrls.S3_SECRET_ACCESS_KEY,
    bucket,
  };
}

describe('object storage on a real S3 engine (SeaweedFS)', () => {
  const bucket = bucketName(uniqueName());
  let storage: ObjectStorage;

  beforeAll(() => {
    storage = new ObjectStorage(sharedOptions(bucket));
  });

  afterAll(async () => {
    await storage.close();
  });

  it.each([
    ['a small file, sent in one request', 100 * 1024],
    ['a file larger than one part, sent in parts', 2 * PART_SIZE + 12345],
  ])('stores %s and reads back the same bytes, with their SHA-256 and size', async (_label, length) => {
    const bytes = randomBytes(length);
    const key = `round-trip/${length}.bin`;
    const stored = await storage.put(key, chunked(bytes), { contentType: 'application/octet-stream', maxBytes: length });
    expect(stored).toMatchObject({ key, size: length, sha256: sha256(bytes) });

    expect(await storage.head(key)).toMatchObject({ size: length, contentType: 'application/octet-stream' });
    const read = await storage.get(key);
    expect(read!.size).toBe(length);
    const back = await readAll(read!.body);
    expect(back.length).toBe(length);
    expect(sha256(back)).toBe(stored.sha256);
  });

  it('a range read answers only the bytes asked for, so a player can seek', async () => {
    const bytes = randomBytes(300 * 1024);
    await storage.put('range/recording.bin', chunked(bytes));

    const middle = await storage.get('range/recording.bin', { start: 1000, end: 1999 });
    expect(middle!.size).toBe(1000);
    expect(middle!.contentRange).toBe(`bytes 1000-1999/${bytes.length}`);
    expect((await readAll(middle!.body)).equals(bytes.subarray(1000, 2000))).toBe(true);

    const tail = await storage.get('range/recording.bin', { start: bytes.length - 10 });
    expect((await readAll(tail!.body)).equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('a signed URL serves the same bytes over plain HTTP, and stops working once it expires', async () => {
    const bytes = randomBytes(20 * 1024);
    await storage.put('signed/photo.jpg', chunked(bytes), { contentType: 'image/jpeg' });
    const url = await storage.signedUrl('signed/photo.jpg', 2);
    expect(url.startsWith(`${sharedEngineUrls.S3_ENDPOINT}/${bucket}/signed/photo.jpg?`)).toBe(true);

    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await fresh.arrayBuffer()).equals(bytes)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 3500));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).not.toContain(bytes.subarray(0, 16).toString('latin1'));
  });

  it.each([
    ['before anything was sent', 5000, 1000],
    ['after parts were sent', 3 * PART_SIZE, 2 * PART_SIZE],
  ])('an object over its size limit is refused %s, reading stops, and nothing is kept', async (_label, length, maxBytes) => {
    const body = chunked(randomBytes(length), 1000);
    const key = `too-large/${length}.bin`;
    await expect(storage.put(key, body, { maxBytes })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(body.handedOut).toBeLessThan(length);
    expect(await storage.head(key)).toBeUndefined();
    expect(await storage.get(key)).toBeUndefined();

    // No parts are left behind in an unfinished multipart upload either.
    const client = new S3Client({ ...sharedOptions(bucket), forcePathStyle: true, credentials: { accessKeyId: sharedEngineUrls.S3_ACCESS_KEY_ID, secretAccessKey: sharedEngineUrls.S3_SECRET_ACCESS_KEY } });
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    client.destroy();
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('deleting removes the object; a missing object is undefined to head and get, and deleting it again is no error', async () => {
    await storage.put('delete/me.txt', chunked(Buffer.from('short-lived')));
    await storage.delete('delete/me.txt');
    expect(await storage.head('delete/me.txt')).toBeUndefined();
    expect(await storage.get('delete/me.txt')).toBeUndefined();
    await expect(storage.delete('delete/me.txt')).resolves.toBeUndefined();
  });
});

/** A service that keeps files: readiness through PlatformModule, and one upload route. */
@Controller('files')
class FilesController {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  @Post(':name')
  async upload(@Param('name') name: string, @Req() req: Request) {
    return this.storage.put(`uploads/${name}`, req, { maxBytes: 1024 * 1024 });
  }
}

async function startService(storage: ObjectStorageOptions): Promise<INestApplication> {
  @Module({ imports: [PlatformModule.forRoot({ service: 'files', config: {}, storage })], controllers: [FilesController] })
  class FilesModule {}
  createLogger('files', process.env.TEST_LOG_LEVEL ?? 'silent');
  const app = await NestFactory.create(FilesModule, { logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('a service that keeps files, when its object store goes down and comes back', () => {
  let engine: TestEngine & { env: Record<string, string>; dispose(): Promise<void> };
  let app: INestApplication;
  const upload = (name: string, body: Buffer) => request(app.getHttpServer()).post(`/files/${name}`).set('content-type', 'application/octet-stream').send(body);

  beforeAll(async () => {
    engine = await startPrivateEngine('s3');
    app = await startService({
      endpoint: engine.env.S3_ENDPOINT,
      region: engine.env.S3_REGION,
      accessKeyId: engine.env.S3_ACCESS_KEY_ID,
      secretAccessKey: engine.env.S3_SECRET_ACCESS_KEY,
      bucket: bucketName(uniqueName()),
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await engine?.dispose();
  });

  it('is ready while the store answers, naming object-storage among its checks', async () => {
    const ready = await request(app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ 'object-storage': 'up' });
    const stored = await upload('before.bin', Buffer.from('stored before the outage'));
    expect(stored.status).toBe(201);
    expect(stored.body.sha256).toBe(sha256(Buffer.from('stored before the outage')));
  });

  it('readiness turns 503 naming object-storage and an upload answers 503 (never 500) while it is down; both recover when it is back', async () => {
    await engine.kill();
    const down = await request(app.getHttpServer()).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'dependency_unavailable', details: { down: ['object-storage'] } });
    const refused = await upload('during.bin', Buffer.from('sent while the store is down'));
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'dependency_unavailable', details: { dependency: 'object storage' } });

    await engine.start(); // same port and data (ready once it takes writes again); the service is not restarted
    await eventually(async () => (await request(app.getHttpServer()).get('/health/ready')).status === 200, 'readiness after the store restarted', 30_000);
    const stored = await upload('after.bin', Buffer.from('stored after the outage'));
    expect(stored.status).toBe(201);
    const storage = app.get<ObjectStorage>(OBJECT_STORAGE);
    expect((await readAll((await storage.get('uploads/before.bin'))!.body)).toString()).toBe('stored before the outage');
  }, 180_000);

  it('an upload over the limit answers 413 and keeps nothing', async () => {
    const res = await upload('huge.bin', randomBytes(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await app.get<ObjectStorage>(OBJECT_STORAGE).head('uploads/huge.bin')).toBeUndefined();
  });
});
