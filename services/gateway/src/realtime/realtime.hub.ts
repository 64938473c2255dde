import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { conversationOf } from '@omnibox/contracts';
import { getLogger, REDIS, RedisHandle } from '@omnibox/platform';
import type Redis from 'ioredis';
import { WebSocket, WebSocketServer } from 'ws';
import { Principal } from '../auth/principal';
import { Authenticate } from '../auth/application/authenticate';
import { PRINCIPAL_CACHE, PrincipalCache } from '../auth/application/ports';
import { mayReceiveThread } from './domain/audience';
import { PresentSocket, RealtimePresence } from './presence';
import { LOG_LENGTH } from './realtime.publisher';
import { compareSeq, decodeChannelMessage, notificationFramesFor, REALTIME_PATTERN, realtimeLog, RealtimeMessage, SEQ, sharedFrameOf, TYPING_PATTERN, workspaceOfChannel } from './realtime.messages';
import { SidebarPushes, SidebarTarget } from './sidebar-pushes';

interface Connection {
  socket: WebSocket;
  token: string;
  principal: Principal;
  /** Directory version the principal was resolved under. */
  version: string | undefined;
  /** While catching up after a reconnect, live messages wait here. */
  pending: RealtimeMessage[] | null;
  /**
   * Live deliveries, one after the other: a delivery may wait for the directory (the caller's access
   * after a change), and a later frame must not overtake it, or a client resuming from the seq of its
   * last frame would skip the one still on its way (INB-8).
   */
  queue: Promise<void>;
  sidebar: SidebarTarget;
  alive: boolean;
  presence: PresentSocket;
}

const PATH = '/v1/realtime';
const REPLAY_MAX = 5000;

/**
 * API.md "Realtime": `GET /v1/realtime` upgrades to a WebSocket. Every replica subscribes to the
 * workspace frames all replicas publish (Redis pub/sub) and to typing from the conversations service,
 * and sends each frame only to its sockets whose user may see the thread (VIS-4). A client that
 * reconnects with `?after=<seq>` (the `seq` of the last frame it got) first receives what it missed
 * from the workspace's capped stream, or a `resync` frame when that is no longer there.
 */
@Injectable()
export class RealtimeHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly connections = new Map<string, Set<Connection>>();
  private subscriber?: Redis;
  private heartbeat?: NodeJS.Timeout;
  private readonly versions = new Map<string, { at: number; version: string | undefined }>();
  private readonly logger = getLogger();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticate: Authenticate,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
    private readonly sidebars: SidebarPushes,
    @Inject(REDIS) private readonly redis: RedisHandle,
    private readonly presence: RealtimePresence,
  ) {}

  async onApplicationBootstrap() {
    const http = this.adapterHost.httpAdapter.getHttpServer();
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
    this.subscriber = this.redis.redis.duplicate();
    this.subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => this.received(channel, raw));
    this.subscriber.on('error', (error) => this.logger.warn({ err: error }, 'realtime subscriber: Redis error; reconnecting'));
    await this.subscriber.psubscribe(REALTIME_PATTERN, TYPING_PATTERN);
    this.heartbeat = setInterval(() => this.ping(), 25_000);
    this.heartbeat.unref();
  }

  async beforeApplicationShutdown() {
    clearInterval(this.heartbeat);
    for (const set of this.connections.values()) for (const connection of set) connection.socket.close(1001, 'server shutting down');
    this.server.close();
    await this.subscriber?.quit().catch(() => undefined);
  }

  /** Sockets of this replica (for tests and health). */
  get size(): number {
    let total = 0;
    for (const set of this.connections.values()) total += set.size;
    return total;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== PATH) return; // other upgrade handlers (none today) or nothing
    try {
      const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const token = header?.[1] ?? url.searchParams.get('token') ?? '';
      if (!token) return refuse(socket, 401, 'unauthenticated', 'Send `Authorization: Bearer <token>` or `?token=<token>`');
      const after = url.searchParams.get('after');
      if (after && !SEQ.test(after)) return refuse(socket, 400, 'invalid_input', 'after must be the seq of a frame received before');
      const principal = await this.authenticate.execute(token);
      if (!principal) return refuse(socket, 401, 'invalid_token', 'The token is invalid, expired or revoked; log in again');
      const workspaceVersion = await this.principals.version(principal.scope.workspaceId);
      this.server.handleUpgrade(request, socket, head, (ws) => void this.open(ws, token, principal, workspaceVersion, after));
    } catch (error) {
      this.logger.warn({ err: error }, 'realtime upgrade failed');
      socket.destroy();
    }
  }

  private async open(socket: WebSocket, token: string, principal: Principal, version: string | undefined, after: string | null) {
    const workspaceId = principal.scope.workspaceId;
    const presence = this.presence.socket(workspaceId, principal.scope.principalId);
    const connection: Connection = { socket, token, principal, version, pending: [], queue: Promise.resolve(), alive: true, presence, sidebar: { scope: () => connection.principal.scope, send: (frame) => this.send(connection, frame) } };
    let set = this.connections.get(workspaceId);
    if (!set) this.connections.set(workspaceId, (set = new Set()));
    set.add(connection);
    socket.on('pong', () => (connection.alive = true));
    socket.on('close', () => {
      set!.delete(connection);
      if (set!.size === 0) this.connections.delete(workspaceId);
      void this.presence.closed(connection.presence);
    });
    if (principal.scope.kind === 'user') await this.presence.active([connection.presence]);
    socket.on('error', () => socket.terminate());
    // Clients only listen; anything they send is ignored.
    socket.on('message', () => undefined);
    try {
      const log = realtimeLog(workspaceId);
      const latest = (await this.redis.redis.xrevrange(log, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
      let last = after ?? latest;
      if (after) {
        const first = (await this.redis.redis.xrange(log, '-', '+', 'COUNT', 1))[0]?.[0];
        const trimmed = (await this.redis.redis.xlen(log)) >= LOG_LENGTH;
        const missed = await this.redis.redis.xrange(log, `(${after}`, '+', 'COUNT', REPLAY_MAX);
        // A gap when the stream was trimmed past what the client has, or it missed more than we replay.
        const gap = (trimmed && first !== undefined && compareSeq(first, after) > 0) || missed.length === REPLAY_MAX;
        if (gap) this.send(connection, { type: 'resync', data: { reason: 'missed frames are no longer kept: reload the sidebar and lists' } });
        for (const [seq, fields] of missed) {
          const message = JSON.parse(fields[1]) as RealtimeMessage;
          await this.deliver(connection, { ...message, seq });
          last = seq;
        }
      }
      this.send(connection, { type: 'ready', data: { seq: last, resumed: !!after } });
      const waiting = connection.pending ?? [];
      connection.pending = null;
      // Queued before any live message that arrives from now on.
      for (const message of waiting) if (!message.seq || compareSeq(message.seq, last) > 0) this.enqueue(connection, message);
    } catch (error) {
      this.logger.warn({ err: error }, 'realtime: could not start a connection');
      socket.close(1011, 'could not start; reconnect');
    }
  }

  private received(channel: string, raw: string) {
    // Every replica hears every workspace: frames of a workspace with no socket here are not even
    // decoded (with no socket open, decoding each was 2 % of the gateway's CPU in bench:ingest).
    if (!this.connections.has(workspaceOfChannel(channel))) return;
    let message: RealtimeMessage;
    try {
      message = decodeChannelMessage(channel, raw);
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'realtime: unreadable message skipped');
      return;
    }
    const set = this.connections.get(message.workspaceId);
    if (!set) return;
    for (const connection of set) {
      if (connection.pending) connection.pending.push(message);
      else this.enqueue(connection, message);
    }
  }

  /** Delivers after everything queued for the connection before (see `Connection.queue`). */
  private enqueue(connection: Connection, message: RealtimeMessage) {
    connection.queue = connection.queue.then(() => this.deliver(connection, message)).catch((error) => this.logger.warn({ err: error }, 'realtime delivery failed'));
  }

  /** The caller as the directory says now: re-resolved when the workspace's directory changed. */
  private async current(connection: Connection): Promise<Principal | null> {
    const workspaceId = connection.principal.scope.workspaceId;
    let known = this.versions.get(workspaceId);
    if (!known || Date.now() - known.at > 1000) {
      known = { at: Date.now(), version: await this.principals.version(workspaceId) };
      this.versions.set(workspaceId, known);
    }
    if (known.version !== undefined && known.version !== connection.version) {
      const principal = await this.authenticate.execute(connection.token);
      if (!principal) {
        connection.socket.close(4401, 'token no longer valid');
        return null;
      }
      connection.principal = principal;
      connection.version = known.version;
    }
    return connection.principal;
  }

  private async deliver(connection: Connection, message: RealtimeMessage) {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    const principal = await this.current(connection);
    if (!principal) return;
    const scope = principal.scope;
    if (message.type === 'inbox.updated') {
      // Not awaited, so the socket's next frames do not wait for a sidebar read: the sidebar goes out as
      // it is when read, and frames arriving during a read are answered by one more (SidebarPushes).
      if (message.users === '*' || (message.users ?? []).includes(scope.principalId)) void this.sidebars.push(connection.sidebar, message.seq);
      return;
    }
    if (message.type === 'notifications') {
      for (const frame of notificationFramesFor(message, scope.principalId)) this.send(connection, frame);
      return;
    }
    const audience = message.thread ?? message.audience;
    if (!audience) return;
    if (message.excludeUserId && message.excludeUserId === scope.principalId) return;
    if (!mayReceiveThread(scope, audience)) return;
    if (message.type === 'conversation.updated' && message.thread) {
      const data = conversationOf(message.thread, scope.principalId);
      this.send(connection, { type: message.type, data, seq: message.seq, id: message.id, occurredAt: message.occurredAt, publishedAt: message.publishedAt });
      return;
    }
    const frame = sharedFrameOf(message);
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(frame, { binary: false });
  }

  private send(connection: Connection, frame: Record<string, unknown>) {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(frame));
  }

  /** Heartbeat: a socket that did not answer the last ping is closed; those that did stay present (NTF-2). */
  private ping() {
    const active: PresentSocket[] = [];
    for (const set of this.connections.values()) {
      for (const connection of set) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        if (connection.principal.scope.kind === 'user') active.push(connection.presence);
        connection.alive = false;
        connection.socket.ping();
      }
    }
    void this.presence.active(active);
  }
}

/** Answers an upgrade request that is refused, as plain HTTP (no socket was opened). */
function refuse(socket: Duplex, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
