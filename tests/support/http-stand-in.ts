import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a stand-in provider received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
  /** What the stand-in answered. */
  answer?: Answer;
}

export type Answer = { status: number; body: unknown; contentType?: string };

/**
 * A provider we cannot reach from here, played by a real HTTP server on loopback: it records every
 * request and answers through `route`, which each provider's stand-in fills in its own format.
 */
export class HttpStandIn {
  readonly received: Received[] = [];
  private server?: Server;

  constructor(private readonly route: (request: Received) => Answer | Promise<Answer>) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = raw;
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          /* kept as text */
        }
        const request: Received = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, at: Date.now() };
        this.received.push(request);
        void Promise.resolve(this.route(request)).then((answer) => {
          request.answer = answer;
          const bytes = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(JSON.stringify(answer.body));
          res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json', 'content-length': bytes.length });
          res.end(bytes);
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
