import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamCreated, TeamUpdated, UserCreated, UserUpdated } from '@omnibox/contracts';
import { ConsumerRegistry } from '@omnibox/messaging';
import { DIRECTORY_TEAM_MODEL, DIRECTORY_USER_MODEL, DirectoryTeamSchema, DirectoryUserSchema } from './directory.schema';
import { DirectoryReadModel } from './directory-read-model';
import { CACHE_NAMESPACE, CacheVersions } from './versioned-cache';

const DURABLE = Symbol('DIRECTORY_DURABLE');

/**
 * Durable `<service>-directory`: the gateway's user and team events keep the service's copy. One at a
 * time, in stream order; a replayed or late event older than what is recorded changes nothing, so it
 * needs no per-event bookkeeping either.
 */
@Injectable()
class DirectoryEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly directory: DirectoryReadModel,
    @Inject(DURABLE) private readonly durable: string,
  ) {}

  onModuleInit() {
    this.registry.add({
      durable: this.durable,
      filter: '*.directory.>',
      types: [UserCreated.type, UserUpdated.type, TeamCreated.type, TeamUpdated.type],
      processed: undefined,
      handle: async (event) => {
        if (UserCreated.is(event) || UserUpdated.is(event)) {
          const { id, firstName, lastName, role, restriction, canViewBlocked } = event.data.user;
          await this.directory.saveUser(event.workspaceId, { id, name: [firstName, lastName].filter(Boolean).join(' '), role, restriction, canViewBlocked }, event.occurredAt);
        } else if (TeamCreated.is(event) || TeamUpdated.is(event)) {
          const { id, name, memberIds } = event.data.team;
          await this.directory.saveTeam(event.workspaceId, { id, name, memberIds }, event.occurredAt);
        }
      },
    });
  }
}

/**
 * The workspace directory for a service that needs users' scopes or teams' members (the inbox, the
 * notifications, the calls): its own read model from the `directory.*` events, with `CacheVersions` for
 * anything else the service caches per workspace. Needs PlatformModule's MongoDB and Redis and the
 * MessagingModule.
 */
@Module({})
export class DirectoryReadModelModule {
  /** `service` names the durable consumer (`<service>-directory`) and the Redis version keys. */
  static forService(service: string, options: { durable?: string; cacheNamespace?: string } = {}): DynamicModule {
    return {
      module: DirectoryReadModelModule,
      imports: [
        MongooseModule.forFeature([
          { name: DIRECTORY_USER_MODEL, schema: DirectoryUserSchema },
          { name: DIRECTORY_TEAM_MODEL, schema: DirectoryTeamSchema },
        ]),
      ],
      providers: [
        { provide: DURABLE, useValue: options.durable ?? `${service}-directory` },
        { provide: CACHE_NAMESPACE, useValue: options.cacheNamespace ?? service },
        CacheVersions,
        DirectoryReadModel,
        DirectoryEventsConsumer,
      ],
      exports: [DirectoryReadModel, CacheVersions],
    };
  }
}
