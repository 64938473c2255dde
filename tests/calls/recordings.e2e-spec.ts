import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '@omnibox/testing';
import request from 'supertest';
import { CallsWorld, startCallsWorld } from './calls-world';

/** A provider's media server on loopback: recordings by name, and who asked for which. */
class RecordingServer {
  readonly requested: string[] = [];
  readonly files = new Map<string, Buffer>();
  private server?: Server;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requested.push(req.url ?? '');
      const file = this.files.get(req.url ?? '');
      res.writeHead(file ? 200 : 404, { 'content-type': file ? 'audio/ogg' : 'text/plain' });
      res.end(file ?? 'gone');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** CAL-2 recording and CAL-5 recordings and transcripts, kept and served only while the workspace turns them on. */
describe('call recordings and transcripts (CAL-2, CAL-5)', () => {
  let world: CallsWorld;
  let media: RecordingServer;
  const audio = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));

  /** An incoming call answered by Ana; answers its id. */
  async function ongoingCall(externalId: string, providerCallId: string): Promise<string> {
    await world.callEvent(externalId, providerCallId, 'ringing');
    const call = await world.callOf(providerCallId);
    await world.post('ana', `/v1/calls/${call.id}/answer`).expect(200);
    return call.id;
  }

  beforeAll(async () => {
    media = await new RecordingServer().start();
    world = await startCallsWorld();
  }, 180000);

  afterAll(async () => {
    await world?.stop();
    await media?.stop();
  });

  it('CAL-5: with recording on, the recording is served after the provider’s ended event, whole, by range for seeking, and as a download', async () => {
    await world.settings({ calls: { recording: true, transcripts: true } });
    const providerCallId = world.nextId();
    const externalId = `rec-${providerCallId}`;
    const callId = await ongoingCall(externalId, providerCallId);
    const on = await world.post('ana', `/v1/calls/${callId}/recording`, { on: true });
    expect(on.status).toBe(200);
    expect(on.body.recording).toEqual({ status: 'on' });
    expect(world.provider.calls.some((sent) => sent.body.action === 'record' && sent.body.on === true && sent.body.callId === callId)).toBe(true);
    expect((await world.get('ana', `/v1/calls/${callId}/recording`)).status).toBe(404);
    media.files.set(`/rec/${providerCallId}.ogg`, audio);
    await world.callEvent(externalId, providerCallId, 'ended', {
      call: { recording: { url: `${media.url}/rec/${providerCallId}.ogg`, contentType: 'audio/ogg', durationSeconds: 12 }, transcript: { text: 'Hello, how can I help?', language: 'en' } },
    });
    await world.callOf(providerCallId, (call) => call.recording.status === 'available', 'the recording available');

    const whole = await world.get('ana', `/v1/calls/${callId}/recording`).buffer(true).parse(binary);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/ogg');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(whole.body as Buffer, audio)).toBe(0);

    const part = await world.get('ana', `/v1/calls/${callId}/recording`).set('Range', 'bytes=1000-1009').buffer(true).parse(binary);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1009/${audio.length}`);
    expect(Buffer.compare(part.body as Buffer, audio.subarray(1000, 1010))).toBe(0);
    const tail = await world.get('ana', `/v1/calls/${callId}/recording`).set('Range', 'bytes=-5').buffer(true).parse(binary);
    expect(Buffer.compare(tail.body as Buffer, audio.subarray(audio.length - 5))).toBe(0);
    expect((await world.get('ana', `/v1/calls/${callId}/recording`).set('Range', `bytes=${audio.length}-`)).status).toBe(416);
    const download = await world.get('ana', `/v1/calls/${callId}/recording`).query({ download: 'true' }).buffer(true).parse(binary);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''call-/);

    expect((await world.get('ana', `/v1/calls/${callId}/transcript`)).body).toEqual({ text: 'Hello, how can I help?', language: 'en' });
    const text = await world.get('ana', `/v1/calls/${callId}/transcript`).query({ download: 'txt' });
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.headers['content-disposition']).toMatch(/^attachment;/);
    expect(text.text).toBe('Hello, how can I help?');
    // VIS-4: someone who may not see the call gets 404, never the bytes.
    expect((await world.get('cid', `/v1/calls/${callId}/recording`)).status).toBe(404);
  });

  it('CAL-2 / CAL-5: with recording off, turning recording on is refused (422) and a delivered recording is neither fetched nor served (404)', async () => {
    await world.settings({ calls: { recording: false, transcripts: false } });
    const providerCallId = world.nextId();
    const externalId = `norec-${providerCallId}`;
    const callId = await ongoingCall(externalId, providerCallId);
    const refused = await world.post('ana', `/v1/calls/${callId}/recording`, { on: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('recording_disabled');
    media.files.set(`/rec/${providerCallId}.ogg`, audio);
    await world.callEvent(externalId, providerCallId, 'ended', { call: { recording: { url: `${media.url}/rec/${providerCallId}.ogg` }, transcript: { text: 'secret words' } } });
    await world.callOf(providerCallId, (call) => call.status === 'ended', 'the call ended');
    await world.settled();
    expect((await world.get('olivia', `/v1/calls/${callId}/recording`)).status).toBe(404);
    expect((await world.get('olivia', `/v1/calls/${callId}/transcript`)).status).toBe(404);
    expect(media.requested).not.toContain(`/rec/${providerCallId}.ogg`);
    expect((await world.get('olivia', `/v1/calls/${callId}`)).body).toMatchObject({ recording: { status: 'off' }, transcript: { available: false } });
  });

  it('CAL-5: a stored recording is no longer served once the workspace turns recordings off', async () => {
    await world.settings({ calls: { recording: true } });
    const providerCallId = world.nextId();
    const externalId = `later-${providerCallId}`;
    const callId = await ongoingCall(externalId, providerCallId);
    media.files.set(`/rec/${providerCallId}.ogg`, audio.subarray(0, 1000));
    await world.callEvent(externalId, providerCallId, 'ended', { call: { recording: { url: `${media.url}/rec/${providerCallId}.ogg` } } });
    await eventually(async () => (await world.get('olivia', `/v1/calls/${callId}/recording`)).status === 200, 'the recording served');
    await world.settings({ calls: { recording: false } });
    expect((await world.get('olivia', `/v1/calls/${callId}/recording`)).status).toBe(404);
  });
});

/** Supertest parser collecting a binary body. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
