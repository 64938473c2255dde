import { Inject, Injectable } from '@nestjs/common';
import { withContact } from '../domain/contact-state';
import { CallWriter } from './call-writer';
import { CALLS, Calls, CONTACT_STATES, ContactStates } from './ports';

/**
 * Keeps a contact's calls in step with what is known of the contact: its thread's access (lists follow
 * the contact's current owner, CAL-1; VIS-1…4), details and block state. Each call's row is projected
 * again even when the call did not change, so work redone after a crash still reaches the lists.
 */
@Injectable()
export class RefreshContactCalls {
  constructor(
    private readonly writer: CallWriter,
    @Inject(CALLS) private readonly calls: Calls,
    @Inject(CONTACT_STATES) private readonly states: ContactStates,
  ) {}

  async execute(contactId: string): Promise<void> {
    // Calls first: most contacts never call, and then the state is not read (one command per contact
    // event). A call created after this read sees the new state, or is refreshed by its creator, which
    // checks the state's version after the insert (IngestCallEvent).
    const calls = await this.calls.ofContact(contactId);
    if (calls.length === 0) return;
    const known = await this.states.find(contactId);
    if (!known) return;
    for (const call of calls) {
      const written = await this.writer.apply(call, (state) => withContact(state, known));
      // Projected here too (a failure retries the event), since a change of access announces nothing.
      await this.writer.project(written ?? call);
    }
  }
}
