import { Inject, Injectable } from '@nestjs/common';
import { CallWriter } from './call-writer';
import { CALLS, Calls } from './ports';

/** A call's row in the call logs, as the call is now (the `calls-log` consumer: what a crash left behind). */
@Injectable()
export class ProjectCall {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    private readonly writer: CallWriter,
  ) {}

  async execute(callId: string): Promise<void> {
    const call = await this.calls.find(callId);
    if (call) await this.writer.project(call);
  }
}
