import type { CallerScope } from '@omnibox/contracts';
import { applySettingsPatch, DEFAULT_SETTINGS, mayChangeSettings } from './settings';

const scope = (role: CallerScope['role']): CallerScope => ({ workspaceId: 'w', principalId: 'u', kind: 'user', role, restriction: 'none', teamIds: [], teamMemberIds: [], canViewBlocked: true });

describe('workspace settings (API.md, CAL-1, CAL-2, CAL-5)', () => {
  it('defaults: recording and transcripts off, masking off, one hour, UTC', () => {
    expect(DEFAULT_SETTINGS).toEqual({ timezone: 'UTC', calls: { recording: false, transcripts: false, maxDurationSeconds: 3600, maskPhoneNumbers: false } });
  });

  it('owners and managers change them; agents do not', () => {
    expect(mayChangeSettings(scope('owner'))).toBe(true);
    expect(mayChangeSettings(scope('manager'))).toBe(true);
    expect(mayChangeSettings(scope('agent'))).toBe(false);
  });

  it('a patch changes what it names and says what changed', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { timezone: 'Asia/Jakarta', recording: true, maxDurationSeconds: 3600 })).toEqual({
      settings: { timezone: 'Asia/Jakarta', calls: { ...DEFAULT_SETTINGS.calls, recording: true } },
      changed: ['timezone', 'calls.recording'],
    });
  });

  it('an unknown time zone or a maximum under 5 seconds is refused, naming the field', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { timezone: 'Mars/Olympus' })).toMatchObject({ field: 'timezone' });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { maxDurationSeconds: 4 })).toMatchObject({ field: 'calls.maxDurationSeconds' });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { maxDurationSeconds: 5 })).toMatchObject({ changed: ['calls.maxDurationSeconds'] });
  });
});
