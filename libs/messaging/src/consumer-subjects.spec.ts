import { subjectOf } from '@omnibox/contracts';
import { subjectFilter, takesSeveralFilters } from './consumer-subjects';

/** NATS subject matching: `*` one token, `>` the rest. */
function matches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const tokens = subject.split('.');
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i] === '>') return tokens.length > i;
    if (i >= tokens.length || (wanted[i] !== '*' && wanted[i] !== tokens[i])) return false;
  }
  return wanted.length === tokens.length;
}

const delivered = (filter: ReturnType<typeof subjectFilter>, type: string) => {
  const subject = subjectOf('omnibox', { workspaceId: 'ws_1', type });
  return (filter.filter_subjects ?? [filter.filter_subject!]).some((one) => matches(one, subject));
};

describe('subjectFilter: a consumer is delivered the events it handles', () => {
  const handles = { filter: '*.conversations.>', types: ['conversations.thread.updated', 'conversations.message.created'] };

  it('names each type it handles, and nothing else reaches it, where the server takes several filters', () => {
    const filter = subjectFilter('omnibox', handles, true);
    expect(filter.filter_subject).toBeUndefined();
    expect(delivered(filter, 'conversations.thread.updated')).toBe(true);
    expect(delivered(filter, 'conversations.message.created')).toBe(true);
    expect(delivered(filter, 'conversations.message.updated')).toBe(false);
    expect(delivered(filter, 'channels.provider_event.received')).toBe(false);
  });

  it('keeps its broad filter on an older server (the types are then skipped by subject)', () => {
    const filter = subjectFilter('omnibox', handles, false);
    expect(filter).toEqual({ filter_subject: 'omnibox.*.conversations.>' });
    expect(delivered(filter, 'conversations.message.updated')).toBe(true);
  });

  it('takes one type as one filter on any server', () => {
    expect(subjectFilter('omnibox', { types: ['notifications.notification.changed'] }, false)).toEqual({ filter_subject: 'omnibox.*.notifications.notification.changed' });
  });

  it('is its filter, or every event, when it names no types', () => {
    expect(subjectFilter('omnibox', { filter: '*.directory.>' }, true)).toEqual({ filter_subject: 'omnibox.*.directory.>' });
    expect(subjectFilter('omnibox', {}, true)).toEqual({ filter_subject: 'omnibox.>' });
  });

  it('names each type once, in a stable order, so a restart does not see a changed consumer', () => {
    const twice = subjectFilter('omnibox', { types: ['b.c.d', 'a.b.c', 'b.c.d'] }, true);
    expect(twice.filter_subjects).toEqual(['omnibox.*.a.b.c', 'omnibox.*.b.c.d']);
  });
});

describe('takesSeveralFilters', () => {
  it('is true from NATS 2.10 on, false before and when the version is unknown', () => {
    expect(takesSeveralFilters('2.9.10')).toBe(false);
    expect(takesSeveralFilters('2.10.0')).toBe(true);
    expect(takesSeveralFilters('2.12.15')).toBe(true);
    expect(takesSeveralFilters('3.0.0')).toBe(true);
    expect(takesSeveralFilters(undefined)).toBe(false);
  });
});
