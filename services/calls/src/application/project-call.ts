import { Inject, Injectable } from '@nestjs/common';
import type { CallSnapshot } from '@omnibox/contracts';
import { showsAnnounced } from '../domain/call';
import { CallWriter } from './call-writer';
import { CALL_LOG, CallLog, CALLS, Calls } from './ports';

/** A call's row in the call logs, as the call is now (the `calls-log` consumer: what a crash left behind). */
@Injectable()
export class ProjectCall {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(CALL_LOG) private readonly log: CallLog,
    private readonly writer: CallWriter,
  ) {}

  /**
   * `announced`: the call as its `calls.call.updated` carried it. A row that already shows it was
   * projected by the write itself (nearly always), so only a row behind it costs a read of the call:
   * that read was one FerretDB command per call event, for nothing.
   */
  async execute(callId: string, announced?: CallSnapshot): Promise<void> {
    if (announced) {
      const row = await this.log.row(callId);
      if (row && showsAnnounced(row.call, announced)) return;
    }
    const call = await this.calls.find(callId);
    if (call) await this.writer.project(call);
  }
}
