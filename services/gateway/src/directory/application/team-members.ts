import { invalidInput } from '@omnibox/platform';
import { firstStranger } from '../domain/team';
import type { UserRepository } from './ports';

/** Refuses (400 naming the entry) members who are not users of the workspace. */
export async function checkMembers(users: UserRepository, workspaceId: string, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const index = firstStranger(memberIds, await users.existing(workspaceId, memberIds));
  if (index >= 0) throw invalidInput(`memberIds.${index}`, `no user ${memberIds[index]} in this workspace`);
}
