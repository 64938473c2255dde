import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { bearer, eventually, sharedEngineUrls } from '@omnibox/testing';
import { FakeProvider, incomingText } from '../support/fake-provider';
import { RunningPlatform, startPlatform } from '../support/platform';
import { attachmentsWorld, bucketContents, downloadName, FILES, multipart, sha256 } from './attachments-world';

const MB = 1024 * 1024;
const publicEndpoint = () => sharedEngineUrls.S3_ENDPOINT.replace('127.0.0.1', 'localhost');

describe('attachments over the real gateway and object store (MSG-10, VIS-4)', () => {
  let platform: RunningPlatform;
  let provider: FakeProvider;
  let world: Awaited<ReturnType<typeof attachmentsWorld>>;
  const as = bearer;

  beforeAll(async () => {
    provider = await new FakeProvider().start();
    platform = await startPlatform(
      { NATS_URL: sharedEngineUrls.NATS_URL, REDIS_URL: sharedEngineUrls.REDIS_URL, MONGODB_URL: sharedEngineUrls.MONGODB_URL },
      ['contacts', 'conversations', 'gateway'],
      undefined,
      // Signed URLs name the store as clients and providers reach it: the same store under another name here.
      { MEDIA_MAX_BYTES: String(2 * MB), MEDIA_FETCH_RETRY_MS: '50', ATTACHMENT_URL_ENDPOINT: publicEndpoint() },
    );
    world = await attachmentsWorld(platform.gatewayUrl, provider);
  });

  afterAll(async () => {
    await platform?.stop();
    await provider?.stop();
  });

  it('MSG-10: upload → send → the loopback provider receives a URL that serves the same bytes', async () => {
    const bytes = Buffer.concat([FILES.png(8), randomBytes(3 * MB)]);
    const uploaded = await world.uploadFile(world.tokens.ana, 'holiday photo.png', bytes);
    expect(uploaded).toMatchObject({ fileName: 'holiday photo.png', contentType: 'image/png', size: bytes.length, sha256: sha256(bytes), status: 'stored', messageId: null });
    expect(uploaded.storedName).toMatch(/^[0-9a-f]{24}-holiday_photo\.png$/);
    expect(uploaded.url.startsWith(`${publicEndpoint()}/`)).toBe(true);

    const contactId = await world.inbound('photo-fan');
    const sent = await world.send(world.tokens.ana, contactId, { type: 'attachment', attachment: { id: uploaded.id } });
    expect(sent.status).toBe(201);
    expect(sent.body.attachment).toEqual({ id: uploaded.id, fileName: 'holiday photo.png', storedName: uploaded.storedName, contentType: 'image/png', size: bytes.length, status: 'stored', reason: null });

    const delivered = await eventually(() => provider.sends().find((call) => call.body.messageId === sent.body.id), 'the send at the provider');
    const attachment = (delivered.body.message as { attachment: { url: string; kind: string; fileName: string; contentType: string } }).attachment;
    expect(attachment).toMatchObject({ id: uploaded.id, kind: 'image', fileName: 'holiday photo.png', contentType: 'image/png', size: bytes.length });
    expect(attachment.url.startsWith(`${publicEndpoint()}/`)).toBe(true);
    const fetched = await fetch(attachment.url);
    expect(fetched.status).toBe(200);
    expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(bytes));

    const timeline = await world.api.get(`/v1/conversations/${contactId}/timeline`).set(as(world.tokens.owner));
    expect(timeline.body.items.find((item: { id: string }) => item.id === sent.body.id).attachment.id).toBe(uploaded.id);
  });

  it('MSG-10: the sniffed type wins over the client\'s: a ".pdf" that is a Windows program is stored and served as one', async () => {
    const res = await world.upload(world.tokens.ana, [{ name: 'file', fileName: 'invoice.pdf', contentType: 'application/pdf', body: FILES.windowsProgram() }]);
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('application/vnd.microsoft.portable-executable');
    const content = await world.api.get(`/v1/attachments/${res.body.id}/content`).set(as(world.tokens.ana));
    expect(content.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('MSG-10: a name with ", / and emoji round-trips in Content-Disposition; the bytes, length and type come back as stored', async () => {
    const name = 'Q3 "final" report/v2 🎉.pdf';
    const bytes = FILES.pdf('quarterly');
    const uploaded = await world.uploadFile(world.tokens.ana, name, bytes);
    expect(uploaded.fileName).toBe(name);
    const content = await world.api.get(`/v1/attachments/${uploaded.id}/content`).set(as(world.tokens.ana)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(content.status).toBe(200);
    expect(downloadName(content.headers['content-disposition'])).toBe(name);
    expect(content.headers['content-disposition']).toContain('filename="Q3 _final_ report_v2 _.pdf"');
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-length']).toBe(String(bytes.length));
    expect((content.body as Buffer).equals(bytes)).toBe(true);
  });

  it('a Range asks for part of the file (206, for seeking); one past the end is 416', async () => {
    const bytes = FILES.jpeg(10_000);
    const uploaded = await world.uploadFile(world.tokens.ana, 'seek.jpg', bytes);
    const part = await world.api.get(`/v1/attachments/${uploaded.id}/content`).set(as(world.tokens.ana)).set('range', 'bytes=100-199').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/10000');
    expect((part.body as Buffer).equals(bytes.subarray(100, 200))).toBe(true);
    const outside = await world.api.get(`/v1/attachments/${uploaded.id}/content`).set(as(world.tokens.ana)).set('range', 'bytes=10000-');
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */10000');
  });

  it.each([
    ['announced', true],
    ['streamed without a length', false],
  ])('MSG-10: 26 MB is refused with 413 (%s), and nothing is kept', async (_label, announced) => {
    const before = await bucketContents(platform.env);
    const { body, contentType } = multipart([{ name: 'file', fileName: 'big.bin', body: randomBytes(26 * MB) }]);
    const res = await fetch(`${platform.gatewayUrl}/v1/attachments`, {
      method: 'POST',
      headers: { ...as(world.tokens.ana), 'content-type': contentType, ...(announced ? { 'content-length': String(body.length) } : {}) },
      body: announced ? body : (Readable.toWeb(Readable.from([body.subarray(0, MB), body.subarray(MB)])) as ReadableStream),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await bucketContents(platform.env)).toEqual(before);
    // The gateway still answers on: the refused body did not wedge it.
    expect((await world.uploadFile(world.tokens.ana, 'after.pdf', FILES.pdf())).size).toBeGreaterThan(0);
  });

  it('MSG-10: an empty file is 400; no file, another part or a second file is 400 naming it', async () => {
    const empty = await world.upload(world.tokens.ana, [{ name: 'file', fileName: 'empty.txt', body: '' }]);
    expect([empty.status, empty.body.error.details.field, empty.body.error.message]).toEqual([400, 'file', 'file: is empty']);
    const none = await world.api.post('/v1/attachments').set(as(world.tokens.ana)).send({ file: 'not multipart' });
    expect([none.status, none.body.error.details.field]).toEqual([400, 'body']);
    const noFile = await world.upload(world.tokens.ana, []);
    expect([noFile.status, noFile.body.error.details.field]).toEqual([400, 'file']);
    const extra = await world.upload(world.tokens.ana, [{ name: 'file', fileName: 'a.pdf', body: FILES.pdf() }, { name: 'caption', body: 'hi' }]);
    expect([extra.status, extra.body.error.details.field]).toEqual([400, 'caption']);
    const two = await world.upload(world.tokens.ana, [{ name: 'file', fileName: 'a.pdf', body: FILES.pdf() }, { name: 'file', fileName: 'b.pdf', body: FILES.pdf() }]);
    expect([two.status, two.body.error.details.field]).toEqual([400, 'file']);
    const notAFile = await world.upload(world.tokens.ana, [{ name: 'file', body: 'just text' }]);
    expect([notAFile.status, notAFile.body.error.details.field]).toEqual([400, 'file']);
  });

  it('VIS-4: a self agent gets 404 on another agent\'s attachment; once sent, whoever may see the thread reads it', async () => {
    const secret = await world.uploadFile(world.tokens.sam, 'sam-notes.pdf', FILES.pdf('sam only'));
    for (const who of ['ben', 'ana', 'owner']) {
      expect((await world.api.get(`/v1/attachments/${secret.id}`).set(as(world.tokens[who]))).status).toBe(404);
      expect((await world.api.get(`/v1/attachments/${secret.id}/content`).set(as(world.tokens[who]))).status).toBe(404);
    }
    expect((await world.api.get(`/v1/attachments/${secret.id}`).set(as(world.tokens.sam))).status).toBe(200);
    expect((await world.api.get('/v1/attachments/000000000000000000000000').set(as(world.tokens.sam))).status).toBe(404);

    // Sam sends it on a thread assigned to him, which Ben (self) cannot see.
    const contactId = await world.inbound('sams-customer');
    expect((await world.api.post(`/v1/conversations/${contactId}/assignee`).set(as(world.tokens.owner)).send({ mode: 'user', userId: world.ids.sam })).status).toBe(200);
    expect((await world.send(world.tokens.sam, contactId, { type: 'attachment', attachment: { id: secret.id } })).status).toBe(201);
    expect((await world.api.get(`/v1/attachments/${secret.id}/content`).set(as(world.tokens.sam))).status).toBe(200);
    expect((await world.api.get(`/v1/attachments/${secret.id}/content`).set(as(world.tokens.owner))).status).toBe(200);
    expect((await world.api.get(`/v1/attachments/${secret.id}`).set(as(world.tokens.ana))).body).toMatchObject({ id: secret.id, messageId: expect.any(String), contactId });
    expect((await world.api.get(`/v1/attachments/${secret.id}`).set(as(world.tokens.ben))).status).toBe(404);
    expect((await world.api.get(`/v1/attachments/${secret.id}/content`).set(as(world.tokens.ben))).status).toBe(404);
  });

  it('MSG-10: an upload is sent once (409), and only by its uploader (400 naming attachment.id)', async () => {
    const contactId = await world.inbound('twice');
    const file = await world.uploadFile(world.tokens.ana, 'once.pdf', FILES.pdf('once'));
    expect((await world.send(world.tokens.owner, contactId, { type: 'attachment', attachment: { id: file.id } })).body.error.details.field).toBe('attachment.id');
    expect((await world.send(world.tokens.ana, contactId, { type: 'attachment', attachment: { id: file.id } })).status).toBe(201);
    const again = await world.send(world.tokens.ana, contactId, { type: 'attachment', attachment: { id: file.id } });
    expect([again.status, again.body.error.code]).toEqual([409, 'attachment_already_sent']);
  });

  describe('incoming media (CHN-3)', () => {
    const mediaEvent = (externalId: string, url: string, fileName: string) =>
      incomingText(externalId, 'see attached', { message: { type: 'attachment', attachment: { kind: 'image', url, fileName } } });
    const messageOf = async (contactId: string) => {
      const timeline = await world.api.get(`/v1/conversations/${contactId}/timeline`).set(as(world.tokens.owner));
      return timeline.body.items.find((item: { kind: string }) => item.kind === 'message');
    };

    it('CHN-3: incoming media from a loopback server is stored, and still readable after that server is gone', async () => {
      const media = await new FakeProvider().start();
      const bytes = FILES.jpeg(300_000);
      // The provider says nothing useful about the type: it is sniffed from the bytes.
      media.media.set('photo 1.jpg', { contentType: 'application/octet-stream', body: bytes });
      const contactId = await world.inbound('media-sender', mediaEvent('media-sender', `${media.url}/media/photo%201.jpg`, 'photo 1.jpg'));
      await media.stop();

      const message = await messageOf(contactId);
      expect(message.attachment).toMatchObject({ fileName: 'photo 1.jpg', contentType: 'image/jpeg', size: bytes.length, status: 'stored', reason: null });
      const record = await world.api.get(`/v1/attachments/${message.attachment.id}`).set(as(world.tokens.owner));
      expect(record.body).toMatchObject({ sha256: sha256(bytes), messageId: message.id, contactId });
      const content = await world.api.get(`/v1/attachments/${message.attachment.id}/content`).set(as(world.tokens.owner)).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(content.status).toBe(200);
      expect((content.body as Buffer).equals(bytes)).toBe(true);
      // VIS-4: a self agent who cannot see the (unassigned) thread cannot read its files either.
      expect((await world.api.get(`/v1/attachments/${message.attachment.id}/content`).set(as(world.tokens.sam))).status).toBe(404);
    });

    it('CHN-3: media that cannot be fetched (gone, too large, unreachable) still lands, its attachment unavailable with the reason', async () => {
      const media = await new FakeProvider().start();
      media.media.set('huge.jpg', { contentType: 'image/jpeg', body: FILES.jpeg(3 * MB) });
      const gone = await new FakeProvider().start();
      const goneUrl = gone.url;
      await gone.stop();
      const cases = [
        ['expired-link', `${media.url}/media/expired.jpg`, /answered 404/],
        ['too-large', `${media.url}/media/huge.jpg`, /larger than the limit/],
        ['unreachable', `${goneUrl}/media/any.jpg`, /could not be downloaded/],
      ] as const;
      for (const [externalId, url, reason] of cases) {
        const contactId = await world.inbound(externalId, mediaEvent(externalId, url, `${externalId}.jpg`));
        const message = await messageOf(contactId);
        expect(message.text).toBe('see attached');
        expect(message.attachment).toMatchObject({ fileName: `${externalId}.jpg`, status: 'unavailable', reason: expect.stringMatching(reason) });
        const record = await world.api.get(`/v1/attachments/${message.attachment.id}`).set(as(world.tokens.owner));
        expect(record.body).toMatchObject({ status: 'unavailable', url: null });
        const content = await world.api.get(`/v1/attachments/${message.attachment.id}/content`).set(as(world.tokens.owner));
        expect([content.status, content.body.error.code]).toEqual([422, 'attachment_unavailable']);
      }
      await media.stop();
    });
  });
});
