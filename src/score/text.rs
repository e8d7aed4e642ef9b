//! Text analysis: Unicode-aware tokens with byte offsets, sentences (and bullet lines), stems.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::lexicon;

/// One word of the answer.
#[derive(Debug, Clone)]
pub struct Token {
    /// Lower-cased, NFKC-normalised, apostrophes unified.
    pub word: String,
    pub stem: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub is_stop: bool,
    pub is_number: bool,
}

/// A sentence, or one line of a bullet list.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Token indices `first..last`.
    pub tokens: std::ops::Range<usize>,
    /// Ends with a question mark.
    pub asks: bool,
    /// A line of a bullet list ("- ", "* ", "• ", "1. ").
    pub bullet: bool,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Stemming and normalisation shared by answers and the pack's phrases, so both sides agree.
pub struct Normalizer {
    stemmer: Stemmer,
    /// Stem → the stem that stands for its synonym class.
    classes: HashMap<String, String>,
    /// Word → its stem, for the words seen so far: a pack stems the same few thousand words
    /// over and over. Bounded, so a pasted megabyte of distinct words cannot grow it forever.
    cache: Mutex<HashMap<String, String>>,
    /// While a scorer is being built: every word stemmed, to become its vocabulary.
    recording: Mutex<Option<HashSet<String>>>,
    /// The words the pack and the lexicons use: an answer's word outside them that is one
    /// typo from exactly one of them is read as that word.
    vocabulary: Vocabulary,
}

/// Known words, their stems, and the words by first letter and length for the typo search.
#[derive(Default)]
struct Vocabulary {
    words: HashSet<String>,
    stems: HashSet<String>,
    by_shape: HashMap<(char, usize), Vec<String>>,
}

/// Shorter words are left as typed: one letter off in a short word is too often another word
/// (and the English word list starts there).
const CORRECTED_FROM_CHARS: usize = super::english::LISTED_FROM_CHARS;

/// Words the stem cache holds at most.
const STEM_CACHE_CAPACITY: usize = 50_000;

impl Default for Normalizer {
    fn default() -> Self {
        let mut normalizer = Normalizer {
            stemmer: Stemmer::create(Algorithm::English),
            classes: HashMap::new(),
            cache: Mutex::new(HashMap::new()),
            recording: Mutex::new(None),
            vocabulary: Vocabulary::default(),
        };
        for group in lexicon::WORD_SYNONYMS {
            normalizer.add_word_class(group.iter().copied());
        }
        normalizer
    }
}

/// Answers longer than this are scored on their first part: enough for any spoken answer, and
/// it bounds the work on pasted megabytes.
pub const MAX_ANALYSED_BYTES: usize = 200_000;

impl Normalizer {
    #[allow(clippy::unused_self)] // a method, so callers need not know which steps use state
    pub fn normalize_word(&self, raw: &str) -> String {
        let lowered: String = raw.nfkc().flat_map(char::to_lowercase).collect();
        lowered.replace(['\u{2019}', '\u{2018}', '`'], "'")
    }

    pub fn stem(&self, word: &str) -> String {
        // A poisoned lock only means another thread panicked mid-insert: the map is still
        // a valid cache.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        // Only a miss can be a word not yet recorded: recording starts with an empty cache.
        if let Some(words) = self
            .recording
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_mut()
        {
            words.insert(word.to_string());
        }
        let stem = self.stem_uncached(word);
        if cache.len() < STEM_CACHE_CAPACITY {
            cache.insert(word.to_string(), stem.clone());
        }
        stem
    }

    fn stem_uncached(&self, word: &str) -> String {
        // Possessives and contractions stem as their head word ("kafka's" → "kafka").
        let base = word.strip_suffix("'s").unwrap_or(word);
        if base.chars().any(|c| c.is_ascii_digit()) {
            return base.to_string();
        }
        let stem = self.stemmer.stem(base);
        match self.classes.get(stem.as_ref()) {
            Some(canonical) => canonical.clone(),
            None => stem.into_owned(),
        }
    }

    /// Makes single words equivalent: each stems to the first one's stem.
    pub fn add_word_class<'w>(&mut self, words: impl IntoIterator<Item = &'w str>) {
        let stems: Vec<String> = words
            .into_iter()
            .map(|w| {
                let w = self.normalize_word(w);
                self.stem(&w)
            })
            .collect();
        let Some(canonical) = stems.first().cloned() else {
            return;
        };
        for stem in stems {
            // A stem already in a class keeps it, so classes never chain.
            self.classes
                .entry(stem)
                .or_insert_with(|| canonical.clone());
        }
        // Stems cached before this class would miss it.
        self.cache
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Starts recording every word stemmed from now on, to become the vocabulary that answers'
    /// typos are corrected towards (see [`Normalizer::freeze_vocabulary`]).
    pub fn record_vocabulary(&mut self) {
        *self
            .recording
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(HashSet::new());
        self.cache
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Ends recording: the words stemmed since [`Normalizer::record_vocabulary`] (the pack's
    /// phrases and model answers, the lexicons) are the words answers are read against.
    pub fn freeze_vocabulary(&mut self) {
        let Some(words) = self
            .recording
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        else {
            return;
        };
        let stems = words.iter().map(|w| self.stem(w)).collect();
        let mut by_shape: HashMap<(char, usize), Vec<String>> = HashMap::new();
        for w in &words {
            if let Some(initial) = w.chars().next() {
                by_shape
                    .entry((initial, w.chars().count()))
                    .or_default()
                    .push(w.clone());
            }
        }
        for list in by_shape.values_mut() {
            list.sort_unstable();
        }
        self.vocabulary = Vocabulary {
            words,
            stems,
            by_shape,
        };
    }

    /// The stem of an answer's word, or of the one known word it is a typo of: a long word
    /// that is not English, not known and shares no known stem, one edit from exactly one known
    /// stem's words ("transacton" → "transaction"). Stemming a misspelt word can land far from
    /// the right stem, so the typo is looked for in words, not stems.
    fn answer_stem(&self, word: &str) -> String {
        let stem = self.stem(word);
        let v = &self.vocabulary;
        let len = word.chars().count();
        if v.words.is_empty()
            || len < CORRECTED_FROM_CHARS
            || v.words.contains(word)
            || v.stems.contains(&stem)
            || word.chars().any(|c| !c.is_alphabetic())
            || super::english::is_word(word)
        {
            return stem;
        }
        let Some(initial) = word.chars().next() else {
            return stem;
        };
        // One edit changes the length by one at most.
        let near = (len - 1..=len + 1)
            .filter_map(|n| v.by_shape.get(&(initial, n)))
            .flatten();
        let mut found: Option<String> = None;
        for known in near {
            if !may_be_one_edit(known, word) || strsim::damerau_levenshtein(known, word) != 1 {
                continue;
            }
            let known_stem = self.stem(known);
            match &found {
                Some(f) if *f != known_stem => return stem,
                _ => found = Some(known_stem),
            }
        }
        found.unwrap_or(stem)
    }

    /// Splits `text` into sentences and tokens.
    pub fn analyze(&self, text: &str) -> Analysis {
        let text = truncate(text, MAX_ANALYSED_BYTES);
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut stems: HashMap<String, String> = HashMap::new();
        for (start, end) in sentence_spans(text) {
            let piece = &text[start..end];
            let first = tokens.len();
            for (offset, word) in piece.unicode_word_indices() {
                let normalized = self.normalize_word(word);
                let is_number = normalized.chars().any(|c| c.is_ascii_digit());
                let stem = match stems.get(&normalized) {
                    Some(stem) => stem.clone(),
                    None => {
                        let stem = self.answer_stem(&normalized);
                        stems.insert(normalized.clone(), stem.clone());
                        stem
                    }
                };
                tokens.push(Token {
                    stem,
                    is_stop: lexicon::STOPWORDS.contains(&normalized.as_str()),
                    word: normalized,
                    start: start + offset,
                    end: start + offset + word.len(),
                    sentence: sentences.len(),
                    is_number,
                });
            }
            if tokens.len() == first {
                continue;
            }
            let trimmed = piece.trim_end();
            sentences.push(Sentence {
                start,
                end,
                tokens: first..tokens.len(),
                asks: trimmed.ends_with('?'),
                bullet: is_bullet(piece),
            });
        }
        Analysis { tokens, sentences }
    }
}

/// A cheap necessary condition for one edit between `a` and `b`: past their common prefix and
/// suffix, at most two letters are left on either side (a transposition leaves two). Checked on
/// ASCII words only; others go straight to the full distance.
fn may_be_one_edit(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return true;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len() - suffix.min(a.len()) <= 2 && b.len() - suffix.min(b.len()) <= 2
}

/// Whether the line break at `at..after` is hard-wrapping inside a sentence rather than the end
/// of a line of a list or a paragraph: the next line goes on in lowercase, no blank line or
/// bullet between, and the line before is long (wrapped prose) or stops on a comma or a
/// function word ("…and we kept the\nwindow open").
fn wraps(text: &str, at: usize, after: usize) -> bool {
    let before = text[..at].strip_suffix('\r').unwrap_or(&text[..at]);
    let line_start = before.rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let line = before[line_start..].trim();
    let next = text[after..].split(['\n', '\r']).next().unwrap_or("");
    let starts_lowercase = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    if line.is_empty() || !starts_lowercase || is_bullet(next) {
        return false;
    }
    let last_word = line
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase();
    line.chars().count() >= WRAPPED_LINE_CHARS
        || line.ends_with(',')
        || lexicon::STOPWORDS.contains(&last_word.as_str())
}

/// A line this long that breaks mid-sentence is wrapped prose; list lines are shorter.
const WRAPPED_LINE_CHARS: usize = 40;

fn is_bullet(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '*', '\u{2022}', '\u{2013}']) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

/// The longest prefix of `text` within `max` bytes that ends on a character boundary.
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Byte ranges of sentences: split after `.`, `!`, `?` followed by white space, and at every
/// line break (a bullet line is a sentence of its own).
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        let end_here = match c {
            // CRLF is one break, decided at its '\n'; a wrapped line goes on.
            '\r' => !text[end..].starts_with('\n') && !wraps(text, i, end),
            '\n' => !wraps(text, i, end),
            '.' | '!' | '?' => {
                // Closing quotes and brackets belong to the sentence they close: `fail."`
                while let Some(&(j, q)) = chars.peek() {
                    if matches!(q, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}') {
                        end = j + q.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                // "12. third" is a numbered list item, not the end of a sentence.
                let numbering = c == '.'
                    && text[start..i]
                        .trim_start()
                        .chars()
                        .all(|d| d.is_ascii_digit())
                    && !text[start..i].trim().is_empty();
                !numbering && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
            }
            _ => false,
        };
        if end_here {
            if end > start {
                spans.push((start, end));
            }
            start = end;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}

impl Analysis {
    pub fn sentence_text<'a>(&self, text: &'a str, sentence: usize) -> &'a str {
        let s = &self.sentences[sentence];
        text.get(s.start..s.end).unwrap_or("").trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_stops_and_lines_but_not_decimals() {
        let n = Normalizer::default();
        let a = n.analyze("Uptime was 99.99% overall. Why?\n- bullet one\n- bullet two");
        assert_eq!(a.sentences.len(), 4);
        let quoted = n.analyze("I said: \"we lose data.\" They agreed.");
        assert_eq!(quoted.sentences.len(), 2);
        assert!(a.sentences[1].asks);
        assert!(a.tokens.iter().any(|t| t.word == "99.99"));
    }

    #[test]
    fn stems_and_offsets() {
        let n = Normalizer::default();
        let text = "We partitioned Kafka’s topics";
        let a = n.analyze(text);
        let t = &a.tokens[1];
        // "partition" and "shard" are one word class; both stem to the class's stem.
        assert_eq!(t.stem, n.stem("shards"));
        assert_eq!(n.stem("partitioning"), n.stem("sharded"));
        assert_ne!(n.stem("partition"), n.stem("replica"));
        assert_eq!(&text[t.start..t.end], "partitioned");
        assert_eq!(a.tokens[2].stem, "kafka");
    }

    #[test]
    fn bullet_lines_are_recognised() {
        let n = Normalizer::default();
        let a = n.analyze("- keyed by id\n* retries\n12. third\nplain prose - with a dash");
        let bullets: Vec<bool> = a.sentences.iter().map(|s| s.bullet).collect();
        assert_eq!(bullets, [true, true, true, false]);
    }

    #[test]
    fn a_hard_wrapped_sentence_is_one_sentence_but_lines_of_a_list_are_not() {
        let n = Normalizer::default();
        let count = |text: &str| n.analyze(text).sentences.len();
        // Wrapped prose, with LF or CRLF: a long line, or one stopping on a comma or "the".
        let wrapped = "We kept each window open for a grace period of\nfive minutes, so stragglers still counted.";
        assert_eq!(count(wrapped), 1);
        assert_eq!(count(&wrapped.replace('\n', "\r\n")), 1);
        assert_eq!(count("Late events, when they came,\nstill counted."), 1);
        assert_eq!(count("We did not keep the\nwindow open."), 1);
        // A blank line, a bullet, a capital or a short line of a list ends the line's sentence.
        assert_eq!(
            count("We kept each window open for a grace period\n\nfive minutes later"),
            2
        );
        assert_eq!(
            count("We kept each window open for a grace period\n- keyed by id"),
            2
        );
        assert_eq!(
            count("We kept each window open for a grace period\nKafka was the log"),
            2
        );
        assert_eq!(count("keyed by event id\nwatch consumer lag"), 2);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let s = "é".repeat(10);
        assert_eq!(truncate(&s, 5).len(), 4);
    }

    #[test]
    fn a_synonym_class_added_after_stemming_still_applies() {
        let mut n = Normalizer::default();
        let before = n.stem("quarantine");
        assert_ne!(before, n.stem("isolate"));
        n.add_word_class(["isolate", "quarantine"]);
        assert_eq!(n.stem("quarantine"), n.stem("isolate"));
    }
}
