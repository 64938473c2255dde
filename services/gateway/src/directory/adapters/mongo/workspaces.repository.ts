import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox } from '@omnibox/messaging';
import { Model, Types } from 'mongoose';
import type { Workspace, WorkspaceRepository } from '../../application/ports';
import { WORKSPACE_MODEL, WorkspaceDocument } from './workspaces.schema';

@Injectable()
export class WorkspacesRepository implements WorkspaceRepository {
  constructor(
    @InjectModel(WORKSPACE_MODEL) private readonly model: Model<WorkspaceDocument>,
    private readonly outbox: Outbox,
  ) {}

  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(workspace: Workspace, events: EventEnvelope[]): Promise<void> {
    const doc: WorkspaceDocument = { _id: workspace.id, name: workspace.name, ownerId: workspace.ownerId };
    await this.outbox.insert(this.model, doc, events);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: id }).exec()) !== null;
  }
}
