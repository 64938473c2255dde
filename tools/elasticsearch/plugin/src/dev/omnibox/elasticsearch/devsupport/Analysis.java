package dev.omnibox.elasticsearch.devsupport;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A subset of the analysis-common module's components, under the same names and with the same parameters and
 * defaults, each a thin factory around the Lucene class that does the work.
 */
final class Analysis {
    private Analysis() {}

    // ---- tokenizers ----

    static Map<String, AnalysisProvider<TokenizerFactory>> tokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> map = new TreeMap<>();
        map.put("whitespace", (index, env, name, s) -> {
            int max = s.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
            return tokenizer(index, s, name, () -> new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max));
        });
        map.put("keyword", (index, env, name, s) -> {
            int buffer = s.getAsInt("buffer_size", 256);
            return tokenizer(index, s, name, () -> new KeywordTokenizer(buffer));
        });
        map.put("letter", (index, env, name, s) -> tokenizer(index, s, name, LetterTokenizer::new));
        map.put("uax_url_email", (index, env, name, s) -> {
            int max = s.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
            return tokenizer(index, s, name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(max);
                return t;
            });
        });
        map.put("edge_ngram", (index, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return tokenizer(index, s, name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        });
        map.put("ngram", (index, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(index, "NGram Tokenizer", min, max);
            IntPredicate chars = tokenChars(s);
            return tokenizer(index, s, name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return chars.test(chr);
                }
            });
        });
        return map;
    }

    private static TokenizerFactory tokenizer(IndexSettings index, Settings s, String name, java.util.function.Supplier<Tokenizer> make) {
        return new AbstractTokenizerFactory(index, s, name) {
            @Override
            public Tokenizer create() {
                return make.get();
            }
        };
    }

    /** The {@code token_chars} of the n-gram tokenizers; null when absent (every character belongs to a token). */
    private static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) return null;
        IntPredicate any = c -> false;
        for (String raw : classes) {
            String cls = raw.trim().toLowerCase(Locale.ROOT);
            IntPredicate p;
            switch (cls) {
                case "letter" -> p = Character::isLetter;
                case "digit" -> p = Character::isDigit;
                case "whitespace" -> p = Character::isWhitespace;
                case "punctuation" -> p = c -> switch (Character.getType(c)) {
                    case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                        Character.OTHER_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> p = c -> switch (Character.getType(c)) {
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> {
                    String custom = s.get("custom_token_chars");
                    if (custom == null) {
                        throw new IllegalArgumentException("Token type: [custom] requires setting [custom_token_chars]");
                    }
                    Set<Integer> set = new HashSet<>();
                    custom.codePoints().forEach(set::add);
                    p = set::contains;
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + raw + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                );
            }
            any = any.or(p);
        }
        return any;
    }

    private static void checkNgramDiff(IndexSettings index, String what, int min, int max) {
        if (index == null) return;
        int allowed = index.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: [" + allowed + "] but was ["
                    + (max - min) + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                    + "] index level setting."
            );
        }
    }

    // ---- token filters ----

    static Map<String, AnalysisProvider<TokenFilterFactory>> tokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> map = new TreeMap<>();
        map.put("asciifolding", (index, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return normalizingFilter(name, s, in -> new ASCIIFoldingFilter(in, preserve), in -> new ASCIIFoldingFilter(in, false));
        });
        map.put("uppercase", (index, env, name, s) -> normalizingFilter(name, s, UpperCaseFilter::new, UpperCaseFilter::new));
        map.put("trim", (index, env, name, s) -> normalizingFilter(name, s, TrimFilter::new, TrimFilter::new));
        map.put("decimal_digit", (index, env, name, s) -> normalizingFilter(name, s, DecimalDigitFilter::new, DecimalDigitFilter::new));
        map.put("length", (index, env, name, s) -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return filter(name, s, in -> new LengthFilter(in, min, max));
        });
        map.put("truncate", (index, env, name, s) -> {
            int length = s.getAsInt("length", 10);
            if (length <= 0) throw new IllegalArgumentException("length parameter must be provided");
            return filter(name, s, in -> new TruncateTokenFilter(in, length));
        });
        map.put("edge_ngram", (index, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, in -> new EdgeNGramTokenFilter(in, min, max, preserve));
        });
        map.put("ngram", (index, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(index, "NGram Token Filter", min, max);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, in -> new NGramTokenFilter(in, min, max, preserve));
        });
        return map;
    }

    private static TokenFilterFactory filter(String name, Settings s, UnaryOperator<TokenStream> make) {
        return new AbstractTokenFilterFactory(name, s) {
            @Override
            public TokenStream create(TokenStream in) {
                return make.apply(in);
            }
        };
    }

    private static final class NormalizingFilter extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final UnaryOperator<TokenStream> make;
        private final UnaryOperator<TokenStream> normalize;

        NormalizingFilter(String name, Settings s, UnaryOperator<TokenStream> make, UnaryOperator<TokenStream> normalize) {
            super(name, s);
            this.make = make;
            this.normalize = normalize;
        }

        @Override
        public TokenStream create(TokenStream in) {
            return make.apply(in);
        }

        @Override
        public TokenStream normalize(TokenStream in) {
            return normalize.apply(in);
        }
    }

    private static TokenFilterFactory normalizingFilter(String name, Settings s, UnaryOperator<TokenStream> make, UnaryOperator<TokenStream> normalize) {
        return new NormalizingFilter(name, s, make, normalize);
    }

    // ---- char filters ----

    static Map<String, AnalysisProvider<CharFilterFactory>> charFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> map = new TreeMap<>();
        map.put("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((index, env, name, s) -> {
            String regex = s.get("pattern");
            if (regex == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern pattern = Regex.compile(regex, s.get("flags"));
            String replacement = s.get("replacement", "");
            return normalizingCharFilter(name, in -> new PatternReplaceCharFilter(pattern, replacement, in));
        }));
        map.put("mapping", AnalysisPlugin.requiresAnalysisSettings((index, env, name, s) -> {
            List<String> rules = org.elasticsearch.index.analysis.Analysis.getWordList(env, s, "mappings");
            if (rules == null) {
                throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            }
            NormalizeCharMap map2 = mappingRules(rules);
            return normalizingCharFilter(name, in -> new MappingCharFilter(map2, in));
        }));
        map.put("html_strip", (index, env, name, s) -> {
            Set<String> escaped = new HashSet<>(s.getAsList("escaped_tags"));
            return charFilter(name, in -> new HTMLStripCharFilter(in, escaped));
        });
        return map;
    }

    private interface ReaderWrapper {
        Reader wrap(Reader in);
    }

    private static CharFilterFactory charFilter(String name, ReaderWrapper make) {
        return new AbstractCharFilterFactory(name) {
            @Override
            public Reader create(Reader in) {
                return make.wrap(in);
            }
        };
    }

    private static final class NormalizingCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final ReaderWrapper make;

        NormalizingCharFilter(String name, ReaderWrapper make) {
            super(name);
            this.make = make;
        }

        @Override
        public Reader create(Reader in) {
            return make.wrap(in);
        }
    }

    private static CharFilterFactory normalizingCharFilter(String name, ReaderWrapper make) {
        return new NormalizingCharFilter(name, make);
    }

    /** Rules written {@code "from => to"}; both sides may use the escapes \\ \" \n \t \r \b \f and \\uXXXX. */
    private static NormalizeCharMap mappingRules(List<String> rules) {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        Set<String> seen = new HashSet<>();
        for (String rule : rules) {
            int arrow = rule.indexOf("=>");
            if (arrow < 0) throw new IllegalArgumentException("Invalid mapping rule : [" + rule + "]");
            String from = unescape(rule.substring(0, arrow).trim());
            String to = unescape(rule.substring(arrow + 2).trim());
            if (from.isEmpty()) throw new IllegalArgumentException("Invalid mapping rule: [" + rule + "]. Replaced value must not be empty");
            if (seen.add(from) == false) continue; // the first rule for a key wins
            builder.add(from, to);
        }
        return builder.build();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\', '"', '\'' -> out.append(n);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("Unsupported escaped character " + n + " in [" + s + "]");
            }
        }
        return out.toString();
    }
}
