import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { TimelineItem } from '@omnibox/contracts';
import { InsertBatcher, MONGO, MongoHandle } from '@omnibox/platform';
import { Collection } from 'mongodb';
import { ThreadState } from '../domain/thread';

export const COLLECTIONS = { threads: 'threads', timeline: 'timeline', broadcasts: 'broadcasts' } as const;

/** A thread; `_id` is the contact id (one thread per contact). `version` guards read-modify-write. */
export interface ThreadDoc extends ThreadState {
  _id: string;
  version: number;
}

/**
 * One entry of a thread's timeline: a message, a comment or an event (CNV-9), in one collection so the
 * timeline is one query. `item` is the entry as clients and events see it.
 */
export interface TimelineDoc {
  _id: string;
  workspaceId: string;
  contactId: string;
  kind: TimelineItem['kind'];
  /** Sort key, newest first. */
  at: string;
  /** False for messages of a blocked contact: kept for audit only (CNV-8). */
  visible: boolean;
  /** Outgoing messages: the id the provider answered, which its status events name (MSG-2). */
  providerMessageId?: string;
  channelId?: string;
  /** Outgoing messages: where the adapter delivers them. */
  delivery?: { address: string; channelType: string; outboundUrl: string | null; replyContext: boolean };
  /** E-mails: the Message-ID, for replies that name it (MSG-8). */
  emailMessageId?: string;
  item: TimelineItem;
}

export interface BroadcastDoc {
  _id: string;
  workspaceId: string;
  contactIds: string[];
  createdBy: string;
  createdAt: Date;
}

/** The conversations service's MongoDB collections and their indexes. */
@Injectable()
export class ConversationsStore implements OnModuleInit {
  readonly threads: Collection<ThreadDoc>;
  readonly timeline: Collection<TimelineDoc>;
  readonly broadcasts: Collection<BroadcastDoc>;
  /** Timeline inserts of the busy path (ingested messages), shared between concurrent writers. */
  readonly timelineInserts: InsertBatcher<TimelineDoc>;

  constructor(@Inject(MONGO) mongo: MongoHandle) {
    this.threads = mongo.db.collection(COLLECTIONS.threads);
    this.timeline = mongo.db.collection(COLLECTIONS.timeline);
    this.timelineInserts = new InsertBatcher(this.timeline);
    this.broadcasts = mongo.db.collection(COLLECTIONS.broadcasts);
  }

  /**
   * Only the fields looked up by equality are indexed. FerretDB serves nothing but equality from an
   * index and sorts in memory, while every index costs each write (a thread is rewritten per message),
   * so a sort key or a field only an admin command filters on (rebuilds by workspace) is not indexed.
   */
  async onModuleInit() {
    await Promise.all([
      this.timeline.createIndex({ contactId: 1 }),
      this.timeline.createIndex({ providerMessageId: 1 }),
      this.timeline.createIndex({ emailMessageId: 1 }),
      this.threads.createIndex({ status: 1 }),
    ]);
  }
}
