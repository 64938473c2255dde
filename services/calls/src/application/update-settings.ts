import { Inject, Injectable } from '@nestjs/common';
import { CallerScope, WorkspaceSettingsUpdated } from '@omnibox/contracts';
import { currentCorrelationId, forbidden, invalidInput } from '@omnibox/platform';
import { applySettingsPatch, mayChangeSettings, SettingsPatch, WorkspaceSettings } from '../domain/settings';
import { eventActor } from './caller-calls';
import { SETTINGS, SettingsStore } from './ports';
import { WorkspaceSettingsReader } from './workspace-settings';

/**
 * `PATCH /v1/workspace/settings` (owners and managers): what is named changes, announced as
 * `calls.settings.updated` for services that keep a copy, and every replica reloads them.
 */
@Injectable()
export class UpdateSettings {
  constructor(
    @Inject(SETTINGS) private readonly store: SettingsStore,
    private readonly reader: WorkspaceSettingsReader,
  ) {}

  async execute(caller: CallerScope, patch: SettingsPatch): Promise<WorkspaceSettings> {
    if (!mayChangeSettings(caller)) throw forbidden('Owners and managers change the workspace settings');
    const current = await this.reader.of(caller.workspaceId);
    const result = applySettingsPatch(current, patch);
    if ('field' in result) throw invalidInput(result.field, result.message);
    if (result.changed.length === 0) return current;
    const event = WorkspaceSettingsUpdated.create({
      workspaceId: caller.workspaceId,
      aggregateId: caller.workspaceId,
      data: { settings: result.settings, changed: result.changed },
      actor: eventActor(caller),
      correlationId: currentCorrelationId(),
    });
    await this.store.save(caller.workspaceId, result.settings, [event]);
    await this.reader.changed(caller.workspaceId);
    return result.settings;
  }
}
