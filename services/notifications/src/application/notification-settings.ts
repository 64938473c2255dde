import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { invalidInput } from '@omnibox/platform';
import { changeSettings, NotificationSettings, SettingsChange, settingsChangeProblem } from '../domain/settings';
import { centreUserOf } from './centre-user';
import { SETTINGS_STORE, SettingsStore } from './ports';

/** NTF-2: the caller's settings per kind (centre on / off, push on / off) and pushWhenOnline. */
@Injectable()
export class NotificationSettingsOf {
  constructor(@Inject(SETTINGS_STORE) private readonly settings: SettingsStore) {}

  get(caller: CallerScope): Promise<NotificationSettings> {
    return this.settings.of(caller.workspaceId, centreUserOf(caller));
  }

  /** Changes the kinds named (and pushWhenOnline when given); 400 naming the field for an unknown kind. */
  async update(caller: CallerScope, change: SettingsChange): Promise<NotificationSettings> {
    const userId = centreUserOf(caller);
    const problem = settingsChangeProblem(change);
    if (problem) throw invalidInput(problem.field, problem.message);
    const next = changeSettings(await this.settings.of(caller.workspaceId, userId), change);
    await this.settings.save(caller.workspaceId, userId, next);
    return next;
  }
}
