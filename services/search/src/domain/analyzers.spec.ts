import { ANALYSIS, EXACT_VALUE_FIELD, MESSAGE_TEXT_FIELD, NAME_FIELD, WHOLE_VALUE_PREFIX_FIELD } from './analyzers';

describe('how text is cut for search (SRH-1, SRH-5, SRH-9)', () => {
  it('SRH-1: names are indexed with every word prefix and searched with whole words, so `car` finds Carlos but not Scarlet', () => {
    expect(ANALYSIS.analyzer[NAME_FIELD.analyzer].filter).toContain('prefixes');
    expect(ANALYSIS.analyzer[NAME_FIELD.analyzer].tokenizer).toBe('standard');
    expect(ANALYSIS.analyzer[NAME_FIELD.search_analyzer].filter).not.toContain('prefixes');
    expect(ANALYSIS.filter.prefixes).toMatchObject({ type: 'edge_ngram', min_gram: 1 });
  });
  it('SRH-1: phones and e-mails are matched by a prefix of the whole value (of one of its forms)', () => {
    expect(ANALYSIS.analyzer[WHOLE_VALUE_PREFIX_FIELD.analyzer]).toMatchObject({ tokenizer: 'keyword', filter: ['lowercase', 'prefixes_long'] });
    expect(ANALYSIS.analyzer[WHOLE_VALUE_PREFIX_FIELD.search_analyzer]).toMatchObject({ tokenizer: 'keyword', filter: ['lowercase'] });
  });
  it('SRH-5: message text is cut into words, numbers and emoji, without markup, for phrases', () => {
    expect(ANALYSIS.analyzer[MESSAGE_TEXT_FIELD.analyzer]).toMatchObject({ tokenizer: 'standard', char_filter: ['html_strip'] });
  });
  it('SRH-9: case never matters, nor accents on names and messages', () => {
    for (const analyzer of Object.values(ANALYSIS.analyzer)) expect(analyzer.filter[0]).toBe('lowercase');
    expect(ANALYSIS.normalizer[EXACT_VALUE_FIELD.normalizer].filter).toEqual(['lowercase']);
    expect(ANALYSIS.analyzer.name_prefix.filter).toContain('fold');
    expect(ANALYSIS.analyzer.message_words.filter).toContain('fold');
    expect(ANALYSIS.filter.fold).toMatchObject({ type: 'asciifolding', preserve_original: true });
  });
});
