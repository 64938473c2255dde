import { firstStranger, teamNameKey, teamView } from './team';

describe('team', () => {
  it('team names are compared whatever their case', () => {
    expect(teamNameKey('Sales EMEA')).toBe(teamNameKey('SALES emea'));
    expect(teamNameKey('Sales')).not.toBe(teamNameKey('Support'));
  });

  it('members must belong to the workspace: the first stranger is named by position', () => {
    expect(firstStranger(['a', 'b', 'x', 'y'], ['a', 'b'])).toBe(2);
    expect(firstStranger(['a', 'b'], ['b', 'a', 'c'])).toBe(-1);
    expect(firstStranger([], [])).toBe(-1);
  });

  it('a team is shown with its id, name and members only', () => {
    expect(teamView({ id: 't', workspaceId: 'w', name: 'Sales', memberIds: ['a'] })).toEqual({ id: 't', name: 'Sales', memberIds: ['a'] });
  });
});
