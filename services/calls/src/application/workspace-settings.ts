import { Inject, Injectable } from '@nestjs/common';
import { CacheVersions, VersionedCache } from '@omnibox/directory';
import { DEFAULT_SETTINGS, WorkspaceSettings } from '../domain/settings';
import { SETTINGS, SettingsStore } from './ports';

/**
 * The workspace settings every path reads (recording, transcripts, maximum duration, masking, time
 * zone): each replica keeps them in memory while their version in Redis holds, so a read costs one
 * GET, or nothing within `staleMs` on the hot paths (provider events, lists).
 */
@Injectable()
export class WorkspaceSettingsReader {
  private readonly cache: VersionedCache<WorkspaceSettings>;

  constructor(@Inject(SETTINGS) store: SettingsStore, versions: CacheVersions) {
    this.cache = new VersionedCache(versions, 'settings', async (workspaceId) => (await store.find(workspaceId)) ?? DEFAULT_SETTINGS);
  }

  /** `staleMs`: a copy checked that recently is good enough (never for what an owner just changed). */
  of(workspaceId: string, staleMs = 0): Promise<WorkspaceSettings> {
    return this.cache.get(workspaceId, staleMs);
  }

  /** After a change: every replica reloads, this one at once (its hot paths would otherwise trust its copy for `staleMs`). */
  async changed(workspaceId: string): Promise<void> {
    await this.cache.changed(workspaceId);
    await this.cache.get(workspaceId);
  }
}

/** How stale the settings may be on hot paths: a change applies within a second. */
export const HOT_PATH_STALE_MS = 1000;
