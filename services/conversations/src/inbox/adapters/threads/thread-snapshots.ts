import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { threadSnapshots } from '../../../adapters/mongo/threads.repository';
import { THREAD_MODEL, ThreadModel } from '../../../adapters/mongo/threads.schema';
import type { ThreadSnapshots } from '../../application/ports';

/**
 * The threads as events carry them, read from the service's threads collection for a rebuild: the one
 * place the inbox reads the thread store (only `npm run inbox:rebuild` uses it), through the threads
 * repository's own reader.
 */
@Injectable()
export class StoredThreadSnapshots implements ThreadSnapshots {
  constructor(@InjectModel(THREAD_MODEL) private readonly threads: ThreadModel) {}

  all(workspaceId?: string): AsyncIterable<{ workspaceId: string; thread: ThreadSnapshot }> {
    return threadSnapshots(this.threads, workspaceId);
  }
}
