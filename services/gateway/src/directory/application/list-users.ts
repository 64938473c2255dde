import { Inject, Injectable } from '@nestjs/common';
import type { CallerScope, DirectoryUser } from '@omnibox/contracts';
import { mapPage, Page, PageRequest } from '../../common/pagination';
import { userView } from '../domain/user';
import { USERS, UserRepository } from './ports';

/** `GET /v1/users`: everyone in the workspace sees their colleagues (mentions, assignment). */
@Injectable()
export class ListUsers {
  constructor(@Inject(USERS) private readonly users: UserRepository) {}

  async execute(scope: CallerScope, request: PageRequest): Promise<Page<DirectoryUser>> {
    return mapPage(await this.users.page(scope.workspaceId, request), userView);
  }
}
