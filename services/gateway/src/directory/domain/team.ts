import type { DirectoryTeam } from '@omnibox/contracts';

/** A team as the directory keeps it. */
export interface Team extends DirectoryTeam {
  workspaceId: string;
}

/** Team names are unique in a workspace whatever their case: this is the key they are compared by. */
export function teamNameKey(name: string): string {
  return name.toLowerCase();
}

export function teamView(team: Team): DirectoryTeam {
  return { id: team.id, name: team.name, memberIds: team.memberIds };
}

/** Members must be users of the workspace: the position of the first one who is not, or -1. */
export function firstStranger(memberIds: string[], workspaceUserIds: Iterable<string>): number {
  const known = new Set(workspaceUserIds);
  return memberIds.findIndex((id) => !known.has(id));
}
