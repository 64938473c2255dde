import { findForbiddenText, hasForbiddenControl, jsonDepthExceeds } from './input-policy';

describe('the input policy of every entry point', () => {
  it('text with NUL or another C0 control character is forbidden; tab, line feed and carriage return are text', () => {
    expect(hasForbiddenControl('a\u0000b')).toBe(true);
    expect(hasForbiddenControl('bell\u0007')).toBe(true);
    expect(hasForbiddenControl('escape\u001b[31m')).toBe(true);
    expect(hasForbiddenControl('line one\nline two\r\n\tindented')).toBe(false);
    expect(hasForbiddenControl('emoji 👋 and ümlauts')).toBe(false);
  });

  it('names the field of the first forbidden string or key, however deep', () => {
    expect(findForbiddenText({ owner: { firstName: 'Ann\u0000' } })).toBe('owner.firstName');
    expect(findForbiddenText({ tags: ['ok', 'bad\u0000'] })).toBe('tags.1');
    expect(findForbiddenText({ customFields: { 'k\u0000': 'v' } })).toBe('customFields.k\u0000');
    expect(findForbiddenText({ message: { text: 'fine' }, count: 3, ok: true, none: null })).toBeNull();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findForbiddenText(deep)).toMatch(/^0(\.0)+$/);
  });

  it('JSON deeper than the limit is recognised on the raw bytes, brackets inside strings aside', () => {
    expect(jsonDepthExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[","b":"\\"[[[["}', 2)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(6000) + ']'.repeat(6000))).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ entry: [{ changes: [{ value: { messages: [{ text: { body: 'hi' } }] } }] }] }))).toBe(false);
  });
});
