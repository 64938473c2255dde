import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, TeamCreated, TeamUpdated, UserCreated, UserUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { DirectoryChange, UpdateDirectory } from '../../application/update-directory';

/**
 * Durable `notifications-directory`: the gateway's user and team events keep the copy of the directory
 * notifications are decided on. One at a time, in stream order; a replayed or late event older than
 * what is recorded changes nothing, so it needs no per-event bookkeeping either.
 */
@Injectable()
export class DirectoryConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly updateDirectory: UpdateDirectory,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: 'notifications-directory',
      filter: '*.directory.>',
      types: [UserCreated.type, UserUpdated.type, TeamCreated.type, TeamUpdated.type],
      processed: undefined,
      handle: async (event) => {
        const change = changeOf(event);
        if (change) await this.updateDirectory.execute(event.workspaceId, change, event.occurredAt);
      },
    });
  }
}

function changeOf(event: EventEnvelope): DirectoryChange | null {
  if (UserCreated.is(event) || UserUpdated.is(event)) {
    const { id, firstName, lastName, role, restriction, canViewBlocked } = event.data.user;
    return { kind: 'user', user: { id, name: [firstName, lastName].filter(Boolean).join(' '), role, restriction, canViewBlocked } };
  }
  if (TeamCreated.is(event) || TeamUpdated.is(event)) {
    const { id, name, memberIds } = event.data.team;
    return { kind: 'team', team: { id, name, memberIds } };
  }
  return null;
}
