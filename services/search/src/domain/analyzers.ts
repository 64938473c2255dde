/**
 * How text is cut into what a search matches (SRH-1, SRH-5, SRH-9), as Elasticsearch analysis
 * settings. Only components this project's Elasticsearch has are used (tools/elasticsearch/README.md):
 * standard / keyword tokenizers, lowercase, asciifolding, edge_ngram, html_strip.
 */
export const ANALYSIS = {
  filter: {
    // Word prefixes up to 30 characters: `car` is a prefix of the word `carlos`, never of `scarlet`.
    prefixes: { type: 'edge_ngram', min_gram: 1, max_gram: 30 },
    // Phones and e-mail addresses are longer than words.
    prefixes_long: { type: 'edge_ngram', min_gram: 1, max_gram: 64 },
    // `José` is found by `jose` and by `josé`.
    fold: { type: 'asciifolding', preserve_original: true },
  },
  analyzer: {
    // SRH-1 names: each word indexed with all its prefixes; the query side keeps whole words.
    name_prefix: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'fold', 'prefixes'] },
    name_words: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'fold'] },
    // SRH-1 phones and e-mails: the whole value (already cut into its forms) with all its prefixes.
    whole_prefix: { type: 'custom', tokenizer: 'keyword', filter: ['lowercase', 'prefixes_long'] },
    whole: { type: 'custom', tokenizer: 'keyword', filter: ['lowercase'] },
    // SRH-5 message text: words, numbers and emoji as tokens (the standard tokenizer keeps 👍🏽 and
    // 👨‍👩‍👧 whole), case and accents folded; positions kept for phrases.
    message_words: { type: 'custom', tokenizer: 'standard', char_filter: ['html_strip'], filter: ['lowercase', 'fold'] },
  },
  normalizer: {
    // SRH-2: custom values match whole, whatever their case.
    lower: { type: 'custom', filter: ['lowercase'] },
  },
} as const;

/** Index side / query side of each searchable text field. */
export const NAME_FIELD = { type: 'text', analyzer: 'name_prefix', search_analyzer: 'name_words' } as const;
export const WHOLE_VALUE_PREFIX_FIELD = { type: 'text', analyzer: 'whole_prefix', search_analyzer: 'whole' } as const;
export const MESSAGE_TEXT_FIELD = { type: 'text', analyzer: 'message_words' } as const;
export const EXACT_VALUE_FIELD = { type: 'keyword', normalizer: 'lower' } as const;
