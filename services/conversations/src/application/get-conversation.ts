import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { CallerThreads, ConversationView } from './caller-threads';

/** API.md `GET /v1/conversations/{contactId}`: the contact's thread as the caller sees it (VIS-4). */
@Injectable()
export class GetConversation {
  constructor(private readonly threads: CallerThreads) {}

  async execute(caller: CallerScope, contactId: string): Promise<ConversationView> {
    return this.threads.view(caller, await this.threads.visible(caller, contactId));
  }
}
