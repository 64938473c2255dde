import { bearer } from '@omnibox/testing';
import WebSocket from 'ws';

export interface Frame {
  type: string;
  data: any;
  seq?: string;
  id?: string;
}

/** A realtime client as an inbox app would hold one: every frame it got, in order. */
export class RealtimeClient {
  readonly frames: Frame[] = [];
  private socket!: WebSocket;
  closed = false;

  static async open(gatewayUrl: string, token: string, options: { viaQuery?: boolean; after?: string } = {}): Promise<RealtimeClient> {
    const client = new RealtimeClient();
    const url = new URL('/v1/realtime', gatewayUrl.replace(/^http/, 'ws'));
    if (options.viaQuery) url.searchParams.set('token', token);
    if (options.after) url.searchParams.set('after', options.after);
    client.socket = new WebSocket(url, options.viaQuery ? {} : { headers: bearer(token) });
    client.socket.on('message', (raw) => client.frames.push(JSON.parse(raw.toString())));
    client.socket.on('close', () => (client.closed = true));
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
      client.socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    await client.waitFor((frame) => frame.type === 'ready', 'ready frame');
    return client;
  }

  /** Resolves with the first frame (already received or coming) that matches. */
  async waitFor(match: (frame: Frame) => boolean, what: string, timeoutMs = 10000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The seq of the last frame that had one (where a reconnect resumes). */
  lastSeq(): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i].seq) return this.frames[i].seq;
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Status of a refused upgrade (401 without a valid token). */
export function upgradeStatus(gatewayUrl: string, token: string | null): Promise<number> {
  return new Promise((resolve) => {
    const url = new URL('/v1/realtime', gatewayUrl.replace(/^http/, 'ws'));
    if (token) url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', () => undefined);
  });
}
