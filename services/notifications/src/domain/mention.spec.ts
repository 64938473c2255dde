import { commentText, mentionNotice } from './mention';

describe('mention notices (SRC-2)', () => {
  it('SRC-2: a comment mentioning users is for them; one mentioning nobody is for no one', () => {
    expect(mentionNotice({ mentionIds: ['ana', 'ben'] })).toEqual({ kind: 'mentioned', userIds: ['ana', 'ben'] });
    expect(mentionNotice({ mentionIds: [] })).toBeNull();
  });

  it('the quoted comment names the mentioned users instead of their tokens', () => {
    const names: Record<string, string> = { ana: 'Ana' };
    expect(commentText('{{@user.ana}} and {{@user.gone}}, look', (id) => names[id] ?? null)).toBe('@Ana and @someone, look');
  });
});
