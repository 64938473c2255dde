import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope } from '@omnibox/contracts';
import { getLogger } from '@omnibox/platform';
import { SIDEBAR_SOURCE, SidebarSource } from './sidebar-source';

/** A socket as sidebar pushes see it: who is on it, and how to send it a frame. */
export interface SidebarTarget {
  scope(): CallerScope;
  send(frame: Record<string, unknown>): void;
}

interface PushState {
  /** The sidebar last sent, so only a change of what the user's sidebar shows is pushed. */
  last: string;
  /** A read is under way; `again`: a frame came meanwhile (with `againSeq`), so read once more after it. */
  reading: boolean;
  again: boolean;
  againSeq?: string;
}

/**
 * `inbox.updated` frames: the socket's user gets their sidebar as it is when the frame arrives, read
 * from the inbox (which keeps counts and dots), and only when what it shows changed, so nothing tells
 * them about threads they cannot see. One read per socket at a time: frames that arrive during a read
 * are answered by one more read after it, so a burst of changes costs two reads, not one per change.
 */
@Injectable()
export class SidebarPushes {
  private readonly states = new WeakMap<SidebarTarget, PushState>();

  constructor(@Inject(SIDEBAR_SOURCE) private readonly sidebars: SidebarSource) {}

  async push(target: SidebarTarget, seq: string | undefined): Promise<void> {
    let state = this.states.get(target);
    if (!state) this.states.set(target, (state = { last: '', reading: false, again: false }));
    if (state.reading) {
      state.again = true;
      state.againSeq = seq;
      return;
    }
    state.reading = true;
    try {
      let at = seq;
      for (;;) {
        const sidebar = await this.sidebars.sidebarOf(target.scope());
        const text = JSON.stringify(sidebar);
        if (text !== state.last) {
          state.last = text;
          target.send({ type: 'inbox.updated', data: sidebar, seq: at });
        }
        if (!state.again) break;
        state.again = false;
        at = state.againSeq;
      }
    } catch (error) {
      state.again = false;
      getLogger().warn({ err: error }, 'realtime: could not read a sidebar to push');
    } finally {
      state.reading = false;
    }
  }
}
