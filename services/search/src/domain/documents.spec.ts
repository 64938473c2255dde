import type { MessageSnapshot } from '@omnibox/contracts';
import { documentId, fallbackSnippet, isSearchableMessage, messageText, phoneDigitForms, searchableCustomValues, timelineDocument } from './documents';

const message = (extra: Partial<MessageSnapshot> = {}): MessageSnapshot => ({
  kind: 'message', id: 'm1', contactId: 'c1', direction: 'incoming', channelId: 'ch', type: 'text', text: 'hello there', status: 'received', error: null,
  sender: { category: 'contact' }, replyToId: null, linkPreview: null, attachment: null, template: null, email: null, payload: null, broadcastId: null,
  suppressed: false, createdAt: '2026-01-01T00:00:00Z', ...extra,
});

describe('what a contact document makes searchable (SRH-1…3)', () => {
  it('SRH-1: a phone is found by its international, national and trunk-prefixed digits', () => {
    expect(phoneDigitForms('+6281234567890')).toEqual(['6281234567890', '81234567890', '081234567890']);
    expect(phoneDigitForms('+14155552671')).toEqual(expect.arrayContaining(['14155552671', '4155552671']));
    expect(phoneDigitForms('081234567890')).toEqual(['081234567890']);
    expect(phoneDigitForms(null)).toEqual([]);
  });
  it('SRH-2/3: custom values are matched whole, lower-cased; checkbox, date and time values are not searchable', () => {
    expect(searchableCustomValues({ plan: 'Gold Plan', seats: 12, vip: true, birthday: '1990-02-28', callback: '09:30', site: 'https://x.io' }).sort()).toEqual(['12', 'gold plan', 'https://x.io']);
  });
});

describe('what a message document holds (SRH-6, CNV-8)', () => {
  it('SRH-6: text, templates, quick replies, story replies and e-mails are searchable', () => {
    for (const type of ['text', 'quick_reply', 'story_reply', 'email']) expect(isSearchableMessage(message({ type }))).toBe(true);
    expect(isSearchableMessage(message({ type: 'template', text: null, template: { name: 'order_update', language: 'en', parameters: ['A-77'] } }))).toBe(true);
    expect(messageText(message({ type: 'template', text: null, template: { name: 'order_update', language: 'en', parameters: ['A-77'] } }))).toBe('order update A-77');
    expect(messageText(message({ type: 'email', text: 'body', email: { subject: 'Invoice 42' } }))).toBe('Invoice 42\nbody');
  });
  it('SRH-6: broadcasts are never searchable, whichever way they are marked', () => {
    expect(isSearchableMessage(message({ sender: { category: 'broadcast' } }))).toBe(false);
    expect(isSearchableMessage(message({ broadcastId: 'b1', sender: { category: 'user', userId: 'u' } }))).toBe(false);
  });
  it('CNV-8: a message kept only for audit (blocked contact) is not searchable; nor one without text', () => {
    expect(isSearchableMessage(message({ suppressed: true }))).toBe(false);
    expect(isSearchableMessage(message({ type: 'attachment', text: null }))).toBe(false);
    expect(isSearchableMessage(message({ type: 'unsupported', text: 'raw' }))).toBe(false);
  });
});

describe('message and comment documents (SRH-6, VIS-4)', () => {
  it('a document carries the text as read, the addresses in it, and its owner\'s access and block', () => {
    const owner = { workspaceId: 'w1', contactId: 'kept', blocked: true, access: { assigneeId: 'u1', teamId: null, collaboratorIds: [], mentions: [], mentionGrants: [] } };
    expect(timelineDocument(owner, message({ text: 'write to Ana@X.co' }))).toEqual({
      workspaceId: 'w1', contactId: 'kept', kind: 'message', id: 'm1', createdAt: '2026-01-01T00:00:00Z', text: 'write to Ana@X.co', emailForms: ['ana@x.co', '@x.co', 'x.co'],
      blocked: true, assigneeId: 'u1', teamId: null, collaboratorIds: [], mentions: [], mentionGrants: [],
    });
  });
  it('a snippet without a highlight is the start of the text, on one line', () => {
    expect(fallbackSnippet('a\n  b')).toBe('a b');
    expect(fallbackSnippet('x'.repeat(200))).toHaveLength(160);
  });
  it('documents are per workspace', () => {
    expect(documentId('w1', 'c1')).not.toBe(documentId('w2', 'c1'));
  });
});
