import { createHash } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { bearer, eventually, uniqueName } from '@omnibox/testing';
import request from 'supertest';
import { FakeProvider, incomingText, postProviderEvent } from '../support/fake-provider';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that start as a real file of the type (the rest is filler). */
export const FILES = {
  png: (size = 4096) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 0x42)]),
  jpeg: (size = 4096) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 0x17)]),
  pdf: (text = 'a document') => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`),
  windowsProgram: () => Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]), Buffer.alloc(200, 0)]),
};

export interface Part {
  name: string;
  /** Given: a file part. `filename*` (RFC 8187) carries any name exactly. */
  fileName?: string;
  contentType?: string;
  body: Buffer | string;
}

/** A multipart/form-data body written by hand, so a test controls every header a client may send. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----omnibox${uniqueName()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const fileName = part.fileName === undefined ? '' : `; filename*=UTF-8''${encodeURIComponent(part.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${fileName}${type}\r\n\r\n`), Buffer.from(part.body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The name a client that reads `filename*` saves the download under. */
export function downloadName(contentDisposition: string): string {
  return decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(contentDisposition)![1]);
}

/** What a platform's bucket holds: object keys, and multipart uploads started and never finished. */
export async function bucketContents(env: Record<string, string>): Promise<{ keys: string[]; unfinishedUploads: number }> {
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
  });
  try {
    const objects = await client.send(new ListObjectsV2Command({ Bucket: env.S3_BUCKET }));
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: env.S3_BUCKET }));
    return { keys: (objects.Contents ?? []).map((object) => object.Key!).sort(), unfinishedUploads: (uploads.Uploads ?? []).length };
  } catch (error) {
    // The services make their bucket on first use.
    if ((error as { name?: string }).name === 'NoSuchBucket') return { keys: [], unfinishedUploads: 0 };
    throw error;
  } finally {
    client.destroy();
  }
}

/** A workspace with an owner, agents (`ana` none, `sam` and `ben` self) and a WhatsApp channel sending to `provider`. */
export async function attachmentsWorld(gatewayUrl: string, provider: FakeProvider) {
  const api = request(gatewayUrl);
  const tag = uniqueName('at');
  const email = (who: string) => `${who}.${tag}@example.com`;
  const workspace = await api.post('/v1/workspaces').send({ name: 'Files Co', owner: { firstName: 'Olivia', email: email('olivia'), password: 'owner-password-1' } });
  const tokens: Record<string, string> = { owner: workspace.body.token };
  const ids: Record<string, string> = { owner: workspace.body.user.id };
  for (const [name, restriction] of [['ana', 'none'], ['sam', 'self'], ['ben', 'self']] as const) {
    const created = await api.post('/v1/users').set(bearer(tokens.owner)).send({ firstName: name, email: email(name), password: 'agent-password-1', role: 'agent', restriction });
    ids[name] = created.body.id;
    tokens[name] = (await api.post('/v1/auth/login').send({ email: email(name), password: 'agent-password-1' })).body.token;
  }
  const channel = (await api.post('/v1/channels').set(bearer(tokens.owner)).send({ type: 'whatsapp', name: 'WhatsApp', config: { outboundUrl: `${provider.url}/send` } })).body as { id: string; secret: string };

  const upload = (token: string, parts: Part[]) => {
    const { body, contentType } = multipart(parts);
    return api.post('/v1/attachments').set(bearer(token)).set('content-type', contentType).send(body);
  };
  const uploadFile = async (token: string, fileName: string, bytes: Buffer) => {
    const res = await upload(token, [{ name: 'file', fileName, contentType: 'application/octet-stream', body: bytes }]);
    if (res.status !== 201) throw new Error(`upload answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; fileName: string; storedName: string; contentType: string; size: number; sha256: string; url: string; status: string };
  };
  /** A contact writes in (the event as given, or a text); answers the contact id once the message is on the timeline. */
  const inbound = async (externalId: string, event: ReturnType<typeof incomingText> = incomingText(externalId, `hello from ${externalId}`)) => {
    expect(await postProviderEvent(gatewayUrl, channel, event)).toBe(202);
    return eventually(async () => {
      const found = await api.get('/v1/contacts').query({ channelId: channel.id, externalId }).set(bearer(tokens.owner));
      const contactId = found.body.items?.[0]?.id as string | undefined;
      if (!contactId) return null;
      const timeline = await api.get(`/v1/conversations/${contactId}/timeline`).set(bearer(tokens.owner));
      if (!timeline.body.items?.some((item: { kind: string }) => item.kind === 'message')) return null;
      // The thread (its last incoming channel, where replies go) follows the timeline entry by a moment.
      const conversation = await api.get(`/v1/conversations/${contactId}`).set(bearer(tokens.owner));
      return conversation.body.lastIncomingAt ? contactId : null;
    }, `a message of ${externalId} on the timeline and its thread`, 20000);
  };
  const send = (token: string, contactId: string, body: Record<string, unknown>) => api.post(`/v1/conversations/${contactId}/messages`).set(bearer(token)).send(body);
  return { api, tokens, ids, channel, upload, uploadFile, inbound, send };
}
