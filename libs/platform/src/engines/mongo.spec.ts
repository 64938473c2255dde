import { isDuplicateKeyError } from './mongo';

describe('a write refused by a unique index', () => {
  it('is a duplicate key whether MongoDB says so (11000) or FerretDB\'s findAndModify passes on PostgreSQL\'s unique violation', () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error collection: teams' })).toBe(true);
    const ferretdb = {
      code: 1,
      message: '[msg_findandmodify.go:196 handler.(*Handler).findAndModifyDocument] ERROR: duplicate key value violates unique constraint "teams_140c8eed_workspaceid___name_a8e84002_idx" (SQLSTATE 23505)',
    };
    expect(isDuplicateKeyError(ferretdb)).toBe(true);
  });

  it('other failures are not', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'ERROR: deadlock detected (SQLSTATE 40P01)' })).toBe(false);
    expect(isDuplicateKeyError(new Error('connection refused'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
