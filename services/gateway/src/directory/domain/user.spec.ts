import { changedUser, endsSessions, newUser, userView } from './user';

const ada = () => newUser('u1', 'w1', { firstName: ' Ada ', email: ' Ada@Example.COM', role: 'agent', restriction: 'self' }, 'scrypt$hash');

describe('user', () => {
  it('a new user has trimmed names, a normalised e-mail, sees blocked contacts by default and starts at token version 0', () => {
    expect(ada()).toEqual({
      id: 'u1', workspaceId: 'w1', firstName: 'Ada', lastName: '', email: 'ada@example.com', role: 'agent', restriction: 'self', canViewBlocked: true, passwordHash: 'scrypt$hash', tokenVersion: 0,
    });
  });

  it('what others see of a user never carries the password hash or the token version', () => {
    expect(userView(ada())).toEqual({ id: 'u1', firstName: 'Ada', lastName: '', email: 'ada@example.com', role: 'agent', restriction: 'self', canViewBlocked: true });
  });

  it('a new password ends every existing session; other changes keep them', () => {
    expect(endsSessions({ role: 'agent', restriction: 'none', passwordHash: 'new' })).toBe(true);
    expect(endsSessions({ role: 'agent', restriction: 'none', firstName: 'Ann' })).toBe(false);
    expect(changedUser(ada(), { role: 'agent', restriction: 'self', passwordHash: 'new' })).toMatchObject({ passwordHash: 'new', tokenVersion: 1 });
  });

  it('a change replaces only what it names', () => {
    expect(changedUser(ada(), { role: 'manager', restriction: 'none', lastName: 'Lovelace' })).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', role: 'manager', restriction: 'none', tokenVersion: 0 });
  });
});
