import { incomingEmailThreadKey, normaliseSubject, outgoingEmailThread } from './email-threading';

describe('e-mail threading (MSG-8)', () => {
  it('MSG-8: new e-mails need a subject; replies thread unless the subject changes', () => {
    expect(outgoingEmailThread({}, 'k')).toMatchObject({ refused: 'subject_required' });
    const original = { subject: 'Invoice 7', messageId: '<m1>', threadKey: 't1' };
    expect(outgoingEmailThread({ replyTo: original }, 'k')).toEqual({ subject: 'Re: Invoice 7', threadKey: 't1', inReplyTo: '<m1>' });
    expect(outgoingEmailThread({ replyTo: original, subject: 'RE: invoice 7' }, 'k')).toMatchObject({ threadKey: 't1' });
    expect(outgoingEmailThread({ replyTo: original, subject: 'Contract' }, 'k')).toEqual({ subject: 'Contract', threadKey: 'k', inReplyTo: null });
    expect(normaliseSubject('Re: Fwd: Hello  World')).toBe('hello world');
  });

  it('MSG-8: an incoming reply joins the thread of the e-mail it answers, unless its subject changed or it answers another contact', () => {
    const answered = { contactId: 'c', subject: 'Invoice 7', threadKey: 't1' };
    expect(incomingEmailThreadKey('Re: Invoice 7', answered, 'c', 'own')).toBe('t1');
    expect(incomingEmailThreadKey('Contract', answered, 'c', 'own')).toBe('own');
    expect(incomingEmailThreadKey('Re: Invoice 7', answered, 'other', 'own')).toBe('own');
    expect(incomingEmailThreadKey('Hello', null, 'c', 'own')).toBe('own');
  });
});
