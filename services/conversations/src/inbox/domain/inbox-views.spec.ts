import { workspaceDirectoryOf } from '@omnibox/directory';
import { knownTeamIds } from './inbox-views';

// The rules of the views themselves (INB-1, INB-2, INB-4) are the shared kernel's, with their cases
// beside it in libs/contracts/src/inbox/views.spec.ts.
describe('inbox views: the teams a caller’s views are decided on', () => {
  it('a team in the caller’s own signed scope counts even before its event arrived', () => {
    const directory = workspaceDirectoryOf('w', [{ id: 'ana', role: 'agent', restriction: 'team', canViewBlocked: true }], [
      { id: 'p', name: 'Support', memberIds: ['dee'] },
      { id: 's', name: 'Sales', memberIds: ['ana', 'ben'] },
    ]);
    const caller = { ...directory.users[0], teamIds: ['s', 'new'] };
    expect(knownTeamIds(directory, caller)).toEqual(['s', 'p', 'new']);
  });
});
