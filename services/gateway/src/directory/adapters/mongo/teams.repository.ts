import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { findByIds, isDuplicateKeyError } from '@omnibox/platform';
import { Model, Types } from 'mongoose';
import { Page, PageRequest, toPage } from '../../../common/pagination';
import { AlreadyTaken, TeamChange, TeamRepository } from '../../application/ports';
import { Team, teamNameKey } from '../../domain/team';
import { workspaceKeyset } from './keyset';
import { TEAM_MODEL, TeamDocument } from './teams.schema';

function toTeam(doc: TeamDocument): Team {
  return { id: doc._id, workspaceId: doc.workspaceId, name: doc.name, memberIds: doc.memberIds };
}

/** A write the unique name index refused is a name already taken. */
async function namingTeam<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AlreadyTaken('team_name');
    throw error;
  }
}

@Injectable()
export class TeamsRepository implements TeamRepository {
  constructor(
    @InjectModel(TEAM_MODEL) private readonly model: Model<TeamDocument>,
    private readonly outbox: Outbox,
  ) {}

  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(team: Team, events: EventEnvelope[]): Promise<void> {
    const doc: TeamDocument = { _id: team.id, workspaceId: team.workspaceId, name: team.name, nameKey: teamNameKey(team.name), memberIds: team.memberIds };
    await namingTeam(this.outbox.insert(this.model, doc, events));
  }

  async byId(workspaceId: string, id: string): Promise<Team | null> {
    const doc = await this.model.findOne({ _id: id, workspaceId }).lean<TeamDocument>().exec();
    return doc && toTeam(doc);
  }

  async update(workspaceId: string, id: string, change: TeamChange, events: EventEnvelope[]): Promise<Team | null> {
    const set: Partial<TeamDocument> = {};
    if (change.name !== undefined) Object.assign(set, { name: change.name, nameKey: teamNameKey(change.name) });
    if (change.memberIds !== undefined) set.memberIds = change.memberIds;
    const updated = await namingTeam(this.outbox.update<TeamDocument>(this.model, { _id: id, workspaceId }, { $set: set }, events));
    return updated && toTeam(updated);
  }

  async page(workspaceId: string, request: PageRequest): Promise<Page<Team>> {
    const docs = await this.model.find(workspaceKeyset(workspaceId, request)).sort({ _id: 1 }).limit(request.limit + 1).lean<TeamDocument[]>().exec();
    return toPage(docs.map(toTeam), request.limit, (team) => team.id);
  }

  async all(workspaceId: string): Promise<Team[]> {
    const docs = await this.model.find({ workspaceId }).sort({ _id: 1 }).lean<TeamDocument[]>().exec();
    return docs.map(toTeam);
  }

  async ofMember(workspaceId: string, userId: string): Promise<Team[]> {
    const docs = await this.model.find({ workspaceId, memberIds: userId }).lean<TeamDocument[]>().exec();
    return docs.map(toTeam);
  }

  async existing(workspaceId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const docs = await findByIds<Pick<TeamDocument, '_id'>>(this.model, ids, { workspaceId }, { _id: 1 });
    return docs.map((doc) => doc._id);
  }
}
