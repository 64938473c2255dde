import { Inject, Injectable } from '@nestjs/common';
import { endAtMaximum } from '../domain/max-duration';
import { CallWriter } from './call-writer';
import { CALLS, Calls } from './ports';
import { ProviderActions } from './provider-actions';

/**
 * CAL-2: calls still ringing or ongoing at their maximum duration end by themselves (`max_duration`).
 * Every replica looks; the end is one conditional write, so whichever replica writes it first ends the
 * call, exactly once, and only that one tells the provider.
 */
@Injectable()
export class EndOverdueCalls {
  constructor(
    @Inject(CALLS) private readonly calls: Calls,
    private readonly writer: CallWriter,
    private readonly provider: ProviderActions,
  ) {}

  /** Answers how many calls this replica ended. */
  async execute(now: Date): Promise<number> {
    let ended = 0;
    for (const call of await this.calls.live()) {
      if (!endAtMaximum(call, now)) continue;
      const written = await this.writer.apply(call, (state) => endAtMaximum(state, now), { actor: { kind: 'system' } });
      if (!written) continue;
      ended++;
      await this.provider.tellQuietly(written, 'end');
    }
    return ended;
  }
}
