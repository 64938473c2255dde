import { createHash, randomUUID } from 'node:crypto';

/** Who caused an event: a user, an API token, a channel's contact, or the platform itself. */
export interface EventActor {
  kind: 'user' | 'api' | 'contact' | 'system';
  id?: string;
}

/**
 * The one envelope every domain event travels in. `type` + `version` identify the payload schema;
 * `id` is unique per event and is the JetStream de-duplication id, so publishing it twice delivers it
 * once, and consumers remember it to ignore redeliveries.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  workspaceId: string;
  aggregateId: string;
  occurredAt: string;
  correlationId?: string;
  actor?: EventActor;
  data: T;
}

export interface EventDefinition<T> {
  type: string;
  version: number;
  /** Builds an envelope with a fresh id and timestamp. */
  create(input: { workspaceId: string; aggregateId: string; data: T; actor?: EventActor; correlationId?: string }): EventEnvelope<T>;
  /** Narrows an envelope read from the bus to this event's payload type. */
  is(envelope: EventEnvelope): envelope is EventEnvelope<T>;
}

const TYPE_PATTERN = /^[a-z][a-z_]*(\.[a-z][a-z_]*){2}$/;

/** Declares a versioned event type `<context>.<aggregate>.<what happened>`, e.g. `directory.user.created`. */
export function defineEvent<T>(type: string, version = 1): EventDefinition<T> {
  if (!TYPE_PATTERN.test(type)) throw new Error(`event type "${type}" must look like context.aggregate.event`);
  return {
    type,
    version,
    create: ({ workspaceId, aggregateId, data, actor, correlationId }) => ({
      id: randomUUID(),
      type,
      version,
      workspaceId,
      aggregateId,
      occurredAt: new Date().toISOString(),
      ...(correlationId ? { correlationId } : {}),
      ...(actor ? { actor } : {}),
      data,
    }),
    is: (envelope): envelope is EventEnvelope<T> => envelope.type === type && envelope.version === version,
  };
}

const SUBJECT_TOKEN = /^[A-Za-z0-9_-]+$/;

/** Subject of an event: `<prefix>.<workspaceId>.<context>.<aggregate>.<event>`. */
export function subjectOf(prefix: string, envelope: Pick<EventEnvelope, 'workspaceId' | 'type'>): string {
  if (!SUBJECT_TOKEN.test(envelope.workspaceId)) throw new Error(`workspaceId "${envelope.workspaceId}" cannot be a subject token`);
  return `${prefix}.${envelope.workspaceId}.${envelope.type}`;
}

/** Checks that something read off the bus has the envelope's shape; anything else is poison. */
export function parseEnvelope(raw: unknown): EventEnvelope {
  const value = raw as Partial<EventEnvelope>;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    typeof value.version === 'number' &&
    typeof value.workspaceId === 'string' &&
    typeof value.aggregateId === 'string' &&
    typeof value.occurredAt === 'string' &&
    'data' in value;
  if (!ok) throw new Error('not an event envelope: id, type, version, workspaceId, aggregateId, occurredAt and data are required');
  return value as EventEnvelope;
}

/**
 * An event id (UUID-shaped) derived from a key: the same work announced again gets the same id, which
 * JetStream drops as a duplicate and consumers skip.
 */
export function derivedEventId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
