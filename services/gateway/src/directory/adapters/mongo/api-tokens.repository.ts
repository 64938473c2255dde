import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { Model, Types } from 'mongoose';
import { Page, PageRequest, toPage } from '../../../common/pagination';
import type { ApiToken, ApiTokenRepository } from '../../application/ports';
import { API_TOKEN_MODEL, ApiTokenDocument } from './api-tokens.schema';
import { workspaceKeyset } from './keyset';

function toApiToken(doc: ApiTokenDocument): ApiToken {
  return {
    id: doc._id,
    workspaceId: doc.workspaceId,
    name: doc.name,
    secretHash: doc.secretHash,
    createdBy: doc.createdBy,
    // Set by the schema's timestamps on insert; every stored token has it.
    createdAt: doc.createdAt as Date,
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt } : {}),
  };
}

@Injectable()
export class ApiTokensRepository implements ApiTokenRepository {
  constructor(
    @InjectModel(API_TOKEN_MODEL) private readonly model: Model<ApiTokenDocument>,
    private readonly outbox: Outbox,
  ) {}

  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(token: Omit<ApiToken, 'createdAt'>, events: EventEnvelope[]): Promise<void> {
    const doc: ApiTokenDocument = { _id: token.id, workspaceId: token.workspaceId, name: token.name, secretHash: token.secretHash, createdBy: token.createdBy };
    await this.outbox.insert(this.model, doc, events);
  }

  async byId(id: string, workspaceId?: string): Promise<ApiToken | null> {
    const doc = await this.model.findOne(workspaceId === undefined ? { _id: id } : { _id: id, workspaceId }).lean<ApiTokenDocument>().exec();
    return doc && toApiToken(doc);
  }

  async revoke(workspaceId: string, id: string, at: Date, events: EventEnvelope[]): Promise<boolean> {
    return (await this.outbox.update<ApiTokenDocument>(this.model, { _id: id, workspaceId }, { $set: { revokedAt: at } }, events)) !== null;
  }

  async page(workspaceId: string, request: PageRequest): Promise<Page<ApiToken>> {
    const docs = await this.model.find(workspaceKeyset(workspaceId, request)).sort({ _id: 1 }).limit(request.limit + 1).lean<ApiTokenDocument[]>().exec();
    return toPage(docs.map(toApiToken), request.limit, (token) => token.id);
  }
}
