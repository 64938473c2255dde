import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@omnibox/contracts';
import { Outbox, OUTBOX_FIELDS } from '@omnibox/messaging';
import { isDuplicateKeyError } from '@omnibox/platform';
import type { SettingsStore } from '../../application/ports';
import type { WorkspaceSettings } from '../../domain/settings';
import { SETTINGS_MODEL, SettingsDocument, SettingsModel } from './workspace-settings.schema';

/** `workspace_settings` through its model. */
@Injectable()
export class WorkspaceSettingsRepository implements SettingsStore {
  constructor(
    @InjectModel(SETTINGS_MODEL) private readonly model: SettingsModel,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async find(workspaceId: string): Promise<WorkspaceSettings | null> {
    const doc = await this.model.findById(workspaceId).select(OUTBOX_FIELDS).lean<SettingsDocument>().exec();
    return doc ? { timezone: doc.timezone, calls: doc.calls } : null;
  }

  async save(workspaceId: string, settings: WorkspaceSettings, events: EventEnvelope[]): Promise<void> {
    const fields = { timezone: settings.timezone, calls: settings.calls, updatedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.outbox.update(this.model, { _id: workspaceId }, { $set: fields }, events)) return;
      try {
        await this.outbox.insert(this.model, { _id: workspaceId, ...fields }, events);
        return;
      } catch (error) {
        // Created by a concurrent first change: update it instead.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
}
