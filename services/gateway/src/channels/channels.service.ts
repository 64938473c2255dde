import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelCreated, ChannelSnapshot, channelConfig, ChannelType, derivedEventId, EventEnvelope, ProviderEvent, ProviderEventReceived } from '@omnibox/contracts';
import { EventBus, Outbox } from '@omnibox/messaging';
import { AppError, currentCorrelationId, dependencyUnavailable, getLogger, MONGO, MongoHandle, notFound, unauthenticated } from '@omnibox/platform';
import { Collection, ObjectId } from 'mongodb';
import { Principal } from '../auth/principal';
import { mayManageDirectory } from '../directory/domain/roles';
import { CreateChannelInput } from './channels.dto';

export const CHANNELS_COLLECTION = 'channels';

interface ChannelDoc {
  _id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  config: ChannelSnapshot['config'];
  /** Keys the ingress signature (HMAC-SHA256); shown once, at creation. */
  secret: string;
  createdBy: string;
  createdAt: Date;
}

const snapshotOf = (doc: ChannelDoc): ChannelSnapshot => ({ id: doc._id, type: doc.type, name: doc.name, config: doc.config, createdAt: doc.createdAt.toISOString() });

/** The id of an accepted provider event: a provider retry of the same message or status gets the same id. */
export function providerEventId(channelId: string, event: ProviderEvent): string {
  const key =
    event.type === 'message' ? `${channelId}|message|${event.id}` : event.type === 'event' ? `${channelId}|event|${event.id}` : `${channelId}|status|${event.messageId}|${event.status}`;
  return derivedEventId(key);
}

/** `sha256=<hex>` of the raw body keyed with the channel secret, compared in constant time. */
export function signatureMatches(secret: string, rawBody: Buffer | undefined, header: string | undefined): boolean {
  if (!rawBody || !header) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const CACHE_MS = 10_000;

/**
 * Channels (owned by the gateway, like the rest of the workspace directory) and their signed ingress.
 * An accepted provider event is stored in JetStream before the 202, so it survives the conversations
 * service being down; JetStream drops a provider's retry of the same event within its window, and
 * the conversations service ignores it after that.
 */
@Injectable()
export class ChannelsService implements OnModuleInit {
  private readonly channels: Collection<ChannelDoc>;
  private readonly byId = new Map<string, { doc: ChannelDoc | null; at: number }>();
  private readonly byWorkspace = new Map<string, { list: ChannelSnapshot[]; at: number }>();

  constructor(
    @Inject(MONGO) mongo: MongoHandle,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly bus: EventBus,
  ) {
    this.channels = mongo.db.collection(CHANNELS_COLLECTION);
  }

  async onModuleInit() {
    await this.channels.createIndex({ workspaceId: 1 });
  }

  async create(principal: Principal, input: CreateChannelInput) {
    const refusal = mayManageDirectory({ kind: principal.scope.kind, id: principal.scope.principalId, role: principal.scope.role });
    if (refusal) throw new AppError(refusal.status, refusal.code, refusal.message);
    const doc: ChannelDoc = {
      _id: new ObjectId().toHexString(),
      workspaceId: principal.scope.workspaceId,
      type: input.type,
      name: input.name.trim(),
      config: channelConfig(input.type, input.config ?? {}),
      secret: randomBytes(32).toString('hex'),
      createdBy: principal.scope.principalId,
      createdAt: new Date(),
    };
    const event = ChannelCreated.create({ workspaceId: doc.workspaceId, aggregateId: doc._id, data: { channel: snapshotOf(doc) }, actor: { kind: principal.scope.kind, id: principal.scope.principalId }, correlationId: currentCorrelationId() });
    await this.outbox.insert(CHANNELS_COLLECTION, doc, [event]);
    this.byWorkspace.delete(doc.workspaceId);
    return { ...snapshotOf(doc), secret: doc.secret };
  }

  async list(principal: Principal) {
    return { items: await this.ofWorkspace(principal.scope.workspaceId, true), nextCursor: null };
  }

  /** The workspace's channels, for the channel switcher (MSG-11); cached briefly. */
  async ofWorkspace(workspaceId: string, fresh = false): Promise<ChannelSnapshot[]> {
    const cached = this.byWorkspace.get(workspaceId);
    if (!fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.list;
    const list = (await this.channels.find({ workspaceId }).sort({ _id: 1 }).toArray()).map(snapshotOf);
    this.byWorkspace.set(workspaceId, { list, at: Date.now() });
    return list;
  }

  private async channel(id: string): Promise<ChannelDoc | null> {
    const cached = this.byId.get(id);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.doc;
    const doc = /^[0-9a-f]{24}$/.test(id) ? await this.channels.findOne({ _id: id }) : null;
    if (this.byId.size > 10_000) this.byId.clear();
    this.byId.set(id, { doc, at: Date.now() });
    return doc;
  }

  /** Checks the signature before anything else is looked at, then stores the event durably. */
  async accept(channelId: string, rawBody: Buffer | undefined, signature: string | undefined, parse: () => ProviderEvent): Promise<void> {
    const doc = await this.channel(channelId);
    if (!doc) throw notFound('Channel');
    if (!signatureMatches(doc.secret, rawBody, signature)) {
      throw unauthenticated('X-Channel-Signature must be sha256=<hex HMAC-SHA256 of the raw body keyed with the channel secret>', 'bad_signature');
    }
    const event = parse();
    const envelope: EventEnvelope = {
      ...ProviderEventReceived.create({
        workspaceId: doc.workspaceId,
        aggregateId: doc._id,
        data: { channel: snapshotOf(doc), event, receivedAt: new Date().toISOString() },
        actor: { kind: 'contact' },
        correlationId: currentCorrelationId(),
      }),
      id: providerEventId(doc._id, event),
    };
    try {
      await this.bus.publish(envelope);
    } catch (error) {
      getLogger().warn({ err: error, channelId }, 'provider event not stored; the provider will retry');
      throw dependencyUnavailable('nats');
    }
  }
}
