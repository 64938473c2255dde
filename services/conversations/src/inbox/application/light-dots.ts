import { Inject, Injectable } from '@nestjs/common';
import type { ThreadSnapshot } from '@omnibox/contracts';
import { dotsFor } from '../domain/dots';
import { placementOf } from '../domain/inbox-views';
import { DIRECTORY, Directory, NEW_MESSAGE_DOTS, NewMessageDots } from './ports';

/**
 * INB-6: an incoming message lights, for each user who can see its thread, the one view the
 * Mine > Team > Unassigned > All rule picks. Answers whose sidebar changed: only the users whose dot
 * was not lit yet, since a sidebar shows a dot, not how many messages lit it (on a busy inbox most
 * messages find their dots lit, and each announcement costs every such user's socket a sidebar read).
 * Setting a dot twice is the same dot, so a redelivered message changes nothing more; it answers every
 * dot's user, since the attempt before may have lit them and failed to announce.
 */
@Injectable()
export class LightDots {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(NEW_MESSAGE_DOTS) private readonly dots: NewMessageDots,
  ) {}

  async execute(input: { workspaceId: string; occurredAt: string; thread: ThreadSnapshot; redelivered: boolean }): Promise<string[]> {
    // CNV-8: a blocked contact's message reaches no one.
    if (input.thread.contact.blocked) return [];
    // A directory a second old is fresh enough to light dots (they are cleared by the user anyway).
    const directory = await this.directory.of(input.workspaceId, { maxAgeMs: 1000 });
    const dots = dotsFor(directory.users, placementOf(input.thread), directory.teams, new Date(input.occurredAt));
    if (!dots.length) return [];
    const newlyLit = await this.dots.light(input.workspaceId, dots, input.occurredAt);
    return input.redelivered ? dots.map((dot) => dot.userId) : newlyLit;
  }
}
