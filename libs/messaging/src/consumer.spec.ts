import { subjectOf } from '@omnibox/contracts';
import { eventTypeOfSubject } from './consumer';

describe('eventTypeOfSubject', () => {
  it('reads back the type subjectOf wrote, dots and all', () => {
    const subject = subjectOf('omnibox', { workspaceId: 'ws_1', type: 'conversations.message.created' });
    expect(eventTypeOfSubject('omnibox', subject)).toBe('conversations.message.created');
  });

  it('is undefined for a subject of another prefix or shape, so the message is decoded and judged as usual', () => {
    expect(eventTypeOfSubject('omnibox', 'other.ws_1.contacts.contact.created')).toBeUndefined();
    expect(eventTypeOfSubject('omnibox', 'omnibox.ws_1')).toBeUndefined();
  });
});
