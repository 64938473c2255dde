import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { WorkspaceSettings } from '../domain/settings';
import { WorkspaceSettingsReader } from './workspace-settings';

/** `GET /v1/workspace/settings`: every member of the workspace reads them. */
@Injectable()
export class GetSettings {
  constructor(private readonly settings: WorkspaceSettingsReader) {}

  execute(caller: CallerScope): Promise<WorkspaceSettings> {
    return this.settings.of(caller.workspaceId);
  }
}
