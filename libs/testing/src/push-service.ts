import { createECDH, createPublicKey, ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from './wait';

// http_ece comes with web-push (the library the notifications service sends with); it has no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(body: Buffer, params: { version: string; privateKey: ECDH; authSecret: string }): Buffer };

/** A browser's push subscription as `PushManager.subscribe` hands it to the app (API.md). */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One push the service accepted, as the browser would see it. */
export interface ReceivedPush {
  subscription: string;
  /** The decrypted payload (what the service worker's `push` event reads). */
  text: string;
  /** `text` parsed as JSON, when it is JSON. */
  json: unknown;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The VAPID JWT's claims (aud, exp, sub). */
  claims: Record<string, unknown>;
  at: number;
}

/** What the push service answers for a subscription: 201 by default. */
export interface PushBehaviour {
  status: 201 | 404 | 410 | 429 | 500 | 503;
  /** `Retry-After` seconds with a 429 or 503. */
  retryAfter?: number;
  /** Never answer (a push service that hangs). */
  hang?: boolean;
  /** How many requests get this behaviour before the default (201) returns; unlimited when absent. */
  times?: number;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');

/**
 * A real Web Push service on loopback, for tests: it checks each request as a browser vendor's push
 * service does (the VAPID `Authorization: vapid t=<JWT>, k=<key>` header: the key is the application
 * server's, the ES256 signature verifies against it, `aud` is this service's origin, `exp` within 24 h,
 * `sub` a mailto: or https: contact), decrypts the payload (RFC 8291 `aes128gcm`) with the
 * subscription's private key, and records it with its `TTL`, `Urgency` and `Topic`. A push replacing
 * another of the same `Topic` is recorded as such (the browser would show only the last). Any
 * subscription can be made to answer 404, 410, 429, 503 or hang.
 */
export class LoopbackPushService {
  readonly received: ReceivedPush[] = [];
  /** Requests refused for a bad VAPID header or payload, with the reason. */
  readonly refused: Array<{ subscription: string; reason: string }> = [];
  private readonly keys = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  private readonly behaviours = new Map<string, PushBehaviour>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly vapidPublicKey: string,
  ) {}

  /** Starts the service; `vapidPublicKey` is the application server's key it must see on every request. */
  static async start(vapidPublicKey: string): Promise<LoopbackPushService> {
    const holder: { service?: LoopbackPushService } = {};
    const server = createServer((req, res) => void holder.service!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.service = new LoopbackPushService(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, vapidPublicKey);
    return holder.service;
  }

  /** A new subscription (fresh P-256 key pair and auth secret), as a browser would create. */
  subscribe(name = b64url(randomBytes(6))): BrowserSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.keys.set(name, { ecdh, auth });
    return { endpoint: `${this.url}/push/${name}`, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
  }

  respondWith(subscription: BrowserSubscription | string, behaviour: PushBehaviour): void {
    this.behaviours.set(this.nameOf(subscription), { ...behaviour });
  }

  pushesTo(subscription: BrowserSubscription | string): ReceivedPush[] {
    const name = this.nameOf(subscription);
    return this.received.filter((push) => push.subscription === name);
  }

  /** Waits until a push matching `predicate` arrives (positive control for "nothing else came"). */
  waitFor(predicate: (push: ReceivedPush) => boolean, what: string, timeoutMs = 10_000): Promise<ReceivedPush> {
    return eventually(() => this.received.find(predicate) ?? null, what, timeoutMs) as Promise<ReceivedPush>;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private nameOf(subscription: BrowserSubscription | string): string {
    return typeof subscription === 'string' ? subscription : subscription.endpoint.split('/').pop()!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
    const name = match[1];
    const behaviour = this.behaviours.get(name);
    if (behaviour?.times !== undefined && --behaviour.times < 0) this.behaviours.delete(name);
    const now = this.behaviours.get(name);
    if (now?.hang) {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (now && now.status !== 201) {
      const headers = now.retryAfter !== undefined ? { 'Retry-After': String(now.retryAfter) } : undefined;
      return void res.writeHead(now.status, headers).end();
    }
    const subscription = this.keys.get(name);
    if (!subscription) return void res.writeHead(410).end(); // unknown or expired subscription
    const claims = this.checkVapid(req.headers.authorization);
    if (typeof claims === 'string') {
      this.refused.push({ subscription: name, reason: claims });
      return void res.writeHead(403).end(claims);
    }
    if (req.headers['content-encoding'] !== 'aes128gcm') {
      this.refused.push({ subscription: name, reason: `content-encoding ${req.headers['content-encoding']}` });
      return void res.writeHead(415).end();
    }
    let text: string;
    try {
      text = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: b64url(subscription.auth) }).toString('utf8');
    } catch (error) {
      this.refused.push({ subscription: name, reason: `payload does not decrypt: ${(error as Error).message}` });
      return void res.writeHead(400).end();
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const header = (key: string) => (typeof req.headers[key] === 'string' ? (req.headers[key] as string) : null);
    this.received.push({ subscription: name, text, json, ttl: Number(header('ttl') ?? NaN), urgency: header('urgency'), topic: header('topic'), claims, at: Date.now() });
    res.writeHead(201, { Location: `${this.url}/message/${b64url(randomBytes(8))}` }).end();
  }

  /** The JWT's claims when the VAPID header is right, or why it is not. */
  private checkVapid(authorization: string | undefined): Record<string, unknown> | string {
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
    if (!match) return 'Authorization is not `vapid t=<jwt>, k=<key>`';
    const [, token, key] = match;
    if (key !== this.vapidPublicKey) return 'the VAPID key is not the application server key';
    const [headerPart, payloadPart, signaturePart] = token.split('.');
    if (!signaturePart) return 'the VAPID token is not a JWT';
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'ES256') return `the VAPID token is signed with ${header.alg}, not ES256`;
    const point = Buffer.from(key, 'base64url');
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
    const signed = verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signaturePart, 'base64url'));
    if (!signed) return 'the VAPID signature does not verify against the key';
    const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as { aud?: string; exp?: number; sub?: string };
    if (claims.aud !== this.url) return `aud is ${claims.aud}, not ${this.url}`;
    const now = Math.floor(Date.now() / 1000);
    if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return 'exp is not within the next 24 hours';
    if (!/^(mailto:|https:)/.test(claims.sub ?? '')) return 'sub is not a mailto: or https: contact';
    return claims as Record<string, unknown>;
  }
}
