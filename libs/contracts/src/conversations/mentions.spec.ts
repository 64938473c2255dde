import { mentionedUserIds } from './mentions';

describe('mentions in comments (SRC-2)', () => {
  it('SRC-2: mentions', () => {
    expect(mentionedUserIds('hi {{@user.u1}} and {{@user.u2}} and {{@user.u1}}')).toEqual(['u1', 'u2']);
  });
});
