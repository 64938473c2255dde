import { changeSettings, defaultSettings, settingsChangeProblem, settingsOf } from './settings';

describe('notification settings (NTF-2)', () => {
  it('NTF-1/2 defaults: everything on except new_message in the centre, and no push while online', () => {
    const settings = defaultSettings();
    expect(settings.kinds.new_message).toEqual({ centre: false, push: true });
    expect(settings.kinds.mentioned).toEqual({ centre: true, push: true });
    expect(Object.values(settings.kinds).filter((switches) => !switches.centre)).toHaveLength(1);
    expect(settings.pushWhenOnline).toBe(false);
  });

  it('NTF-2: a kind is switched off for the centre and for push separately; other kinds keep theirs', () => {
    const once = changeSettings(defaultSettings(), { kinds: { mentioned: { centre: false } } });
    expect(once.kinds.mentioned).toEqual({ centre: false, push: true });
    const twice = changeSettings(once, { kinds: { mentioned: { push: false }, assigned: { push: false } }, pushWhenOnline: true });
    expect(twice.kinds.mentioned).toEqual({ centre: false, push: false });
    expect(twice.kinds.assigned).toEqual({ centre: true, push: false });
    expect(twice.kinds.team_message).toEqual({ centre: true, push: true });
    expect(twice.pushWhenOnline).toBe(true);
  });

  it('stored changes are read back over the defaults', () => {
    expect(settingsOf({ kinds: { new_message: { centre: true, push: false } } as never }).kinds.new_message).toEqual({ centre: true, push: false });
    expect(settingsOf(null)).toEqual(defaultSettings());
  });

  it('a change naming an unknown kind or a switch that is not a boolean is refused, naming the field', () => {
    expect(settingsChangeProblem({ kinds: { birthday: { centre: true } } })).toMatchObject({ field: 'kinds.birthday' });
    expect(settingsChangeProblem({ kinds: { mentioned: { push: 'no' as never } } })).toMatchObject({ field: 'kinds.mentioned.push' });
    expect(settingsChangeProblem({ kinds: { mentioned: { push: false } } })).toBeNull();
  });
});
