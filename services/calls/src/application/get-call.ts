import { Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import type { CallView } from '../domain/call';
import { CallerCalls } from './caller-calls';

/** `GET /v1/calls/{id}`: 404 for a call of a thread the caller may not see (VIS-4). */
@Injectable()
export class GetCall {
  constructor(private readonly calls: CallerCalls) {}

  async execute(caller: CallerScope, callId: string): Promise<CallView> {
    return this.calls.view(caller, await this.calls.visible(caller, callId));
  }
}
