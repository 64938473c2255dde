import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { DirectoryTeam, DirectoryUser } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { PrincipalCache } from '../auth/principal-cache';
import { MONGO, MongoHandle } from '@omnibox/platform';
import { Collection, Filter, UpdateFilter } from 'mongodb';
import { EventEnvelope } from '@omnibox/contracts';

export interface WorkspaceDoc {
  _id: string;
  name: string;
  ownerId: string;
  createdAt: Date;
}

/** A user as stored: the directory view plus what never leaves the gateway. */
export interface UserDoc extends Omit<DirectoryUser, 'id'> {
  _id: string;
  workspaceId: string;
  passwordHash: string;
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeamDoc extends Omit<DirectoryTeam, 'id'> {
  _id: string;
  workspaceId: string;
  /** lower-cased name: team names are unique per workspace whatever their case */
  nameKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiTokenDoc {
  _id: string;
  workspaceId: string;
  name: string;
  secretHash: string;
  createdBy: string;
  createdAt: Date;
  revokedAt?: Date;
}

export const COLLECTIONS = { workspaces: 'workspaces', users: 'users', teams: 'teams', apiTokens: 'api_tokens' } as const;

export function userView(doc: UserDoc): DirectoryUser {
  return { id: doc._id, firstName: doc.firstName, lastName: doc.lastName, email: doc.email, role: doc.role, restriction: doc.restriction, canViewBlocked: doc.canViewBlocked };
}

export function teamView(doc: TeamDoc): DirectoryTeam {
  return { id: doc._id, name: doc.name, memberIds: doc.memberIds };
}

/** MongoDB persistence of the directory; every change is written with the events announcing it. */
@Injectable()
export class DirectoryStore implements OnModuleInit {
  readonly workspaces: Collection<WorkspaceDoc>;
  readonly users: Collection<UserDoc>;
  readonly teams: Collection<TeamDoc>;
  readonly apiTokens: Collection<ApiTokenDoc>;

  constructor(
    @Inject(MONGO) mongo: MongoHandle,
    private readonly outbox: Outbox,
    private readonly principals: PrincipalCache,
  ) {
    this.workspaces = mongo.db.collection(COLLECTIONS.workspaces);
    this.users = mongo.db.collection(COLLECTIONS.users);
    this.teams = mongo.db.collection(COLLECTIONS.teams);
    this.apiTokens = mongo.db.collection(COLLECTIONS.apiTokens);
  }

  async onModuleInit() {
    // E-mail is the login, so it is unique across workspaces.
    await this.users.createIndex({ email: 1 }, { unique: true });
    await this.users.createIndex({ workspaceId: 1, _id: 1 });
    await this.teams.createIndex({ workspaceId: 1, nameKey: 1 }, { unique: true });
    await this.teams.createIndex({ workspaceId: 1, memberIds: 1 });
    await this.apiTokens.createIndex({ workspaceId: 1, _id: 1 });
  }

  /** Every directory write goes through here, so the cached callers of the workspace are refreshed. */
  async insert<T extends { _id: string; workspaceId?: string }>(collection: keyof typeof COLLECTIONS, doc: T, events: EventEnvelope[]) {
    await this.outbox.insert(COLLECTIONS[collection], doc, events);
    await this.principals.invalidate(doc.workspaceId ?? doc._id);
  }

  async update<T>(collection: keyof typeof COLLECTIONS, filter: Filter<T> & { workspaceId: string }, update: UpdateFilter<T>, events: EventEnvelope[]) {
    const updated = await this.outbox.update<T & { _id: string }>(COLLECTIONS[collection], filter as never, update as never, events);
    await this.principals.invalidate(filter.workspaceId);
    return updated;
  }

  /** The teams a user belongs to, with their members (the user's visibility scope, VIS-2). */
  teamsOf(workspaceId: string, userId: string): Promise<Array<Pick<TeamDoc, '_id' | 'memberIds'>>> {
    return this.teams.find({ workspaceId, memberIds: userId }, { projection: { _id: 1, memberIds: 1 } }).toArray();
  }
}
