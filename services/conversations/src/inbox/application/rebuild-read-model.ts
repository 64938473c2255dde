import { Inject, Injectable } from '@nestjs/common';
import { THREAD_SNAPSHOTS, ThreadSnapshots } from './ports';
import { ThreadProjection } from './thread-projection';

/**
 * Rebuilds the rows, series and open counts of a workspace (or all) from the threads, e.g. after Redis
 * lost its data (`npm run inbox:rebuild`). Safe while the service runs: a row or a count is only ever
 * moved to the same or a newer snapshot. Answers how many threads it read.
 */
@Injectable()
export class RebuildReadModel {
  constructor(
    private readonly projection: ThreadProjection,
    @Inject(THREAD_SNAPSHOTS) private readonly threads: ThreadSnapshots,
  ) {}

  async execute(workspaceId?: string): Promise<number> {
    let count = 0;
    for await (const { workspaceId: owner, thread } of this.threads.all(workspaceId)) {
      await this.projection.apply(owner, thread);
      count++;
    }
    return count;
  }
}
