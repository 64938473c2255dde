import { subjectOf } from '@omnibox/contracts';
import { subjectFilter, subjectMatches, takesSeveralFilters } from './consumer-subjects';

const delivered = (filter: ReturnType<typeof subjectFilter>, type: string) => {
  const subject = subjectOf('omnibox', { workspaceId: 'ws_1', type });
  return (filter.filter_subjects ?? [filter.filter_subject!]).some((one) => subjectMatches(one, subject));
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

  it('stays inside its filter: the workspace it names, and none of the types the filter leaves out', () => {
    const oneWorkspace = subjectFilter('omnibox', { filter: 'ws_1.>', types: ['a.b.c', 'b.c.d'] }, true);
    expect(oneWorkspace.filter_subjects).toEqual(['omnibox.ws_1.a.b.c', 'omnibox.ws_1.b.c.d']);
    const narrower = subjectFilter('omnibox', { filter: '*.conversations.>', types: ['conversations.message.created', 'contacts.contact.created'] }, true);
    expect(narrower).toEqual({ filter_subject: 'omnibox.*.conversations.message.created' });
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

describe('subjectMatches', () => {
  it('reads NATS wildcards: * one token, > one or more', () => {
    expect(subjectMatches('a.*.c', 'a.b.c')).toBe(true);
    expect(subjectMatches('a.*.c', 'a.b.x.c')).toBe(false);
    expect(subjectMatches('a.>', 'a.b.c')).toBe(true);
    expect(subjectMatches('a.>', 'a')).toBe(false);
    expect(subjectMatches('a.b', 'a.b.c')).toBe(false);
  });
});
