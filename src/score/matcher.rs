//! Phrase matching over an analysed answer: stemmed, in order, a few words of slop, one typo
//! tolerated in long words, and negation scope.

use std::collections::HashMap;

use super::lexicon;
use super::text::{Analysis, Normalizer};

/// Words allowed between two words of a phrase ("grace period" in "grace … period").
const SLOP: usize = 3;
/// How far back a negation reaches ("we never really deduplicated").
const NEGATION_REACH: usize = 8;

/// A phrase from the pack, compiled to the stems that must appear in order.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub stems: Vec<String>,
    /// The words the stems came from, to catch stems that merge different words.
    pub words: Vec<String>,
    /// Whether each word must follow the previous one directly (parts of "on-call").
    pub tight: Vec<bool>,
    /// The phrase itself negates ("no duplicates"), so negation around it is not checked.
    pub self_negating: bool,
}

impl Phrase {
    pub fn compile(normalizer: &Normalizer, text: &str) -> Option<Phrase> {
        // (word, index of its whitespace chunk, part of a hyphenated compound): "on-call"
        // keeps its "on", and its parts must be adjacent.
        let words: Vec<(String, usize, bool)> = text
            .split_whitespace()
            .enumerate()
            .flat_map(|(chunk_index, chunk)| {
                let compound = chunk.contains('-');
                chunk
                    .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.' || c == '_'))
                    .map(|w| normalizer.normalize_word(w.trim_matches('.')))
                    .filter(|w| !w.is_empty())
                    .map(move |w| (w, chunk_index, compound))
                    .collect::<Vec<_>>()
            })
            .collect();
        let self_negating = words.iter().any(|(w, _, _)| lexicon::is_negation_word(w));
        let content: Vec<(String, usize, bool)> = words
            .iter()
            .filter(|(w, _, compound)| *compound || !lexicon::PHRASE_SKIP.contains(&w.as_str()))
            .cloned()
            .collect();
        // A phrase of only function words ("not at all") keeps them all.
        let kept = if content.is_empty() { words } else { content };
        let tight = kept
            .iter()
            .enumerate()
            .map(|(k, (_, chunk, compound))| k > 0 && *compound && kept[k - 1].1 == *chunk)
            .collect();
        let words: Vec<String> = kept.into_iter().map(|(w, _, _)| w).collect();
        let stems: Vec<String> = words.iter().map(|w| normalizer.stem(w)).collect();
        if stems.is_empty() {
            return None;
        }
        Some(Phrase {
            stems,
            words,
            tight,
            self_negating,
        })
    }
}

/// One occurrence of a phrase: token indices of its first and last word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
}

/// An answer ready for matching: its analysis plus an index from stem to token positions.
pub struct Index<'a> {
    pub analysis: &'a Analysis,
    positions: HashMap<&'a str, Vec<usize>>,
    /// Stems of the answer by first character, for typo-tolerant lookup.
    by_initial: HashMap<char, Vec<&'a str>>,
    fuzzy_cache: std::cell::RefCell<HashMap<String, Vec<&'a str>>>,
}

impl<'a> Index<'a> {
    pub fn new(analysis: &'a Analysis) -> Index<'a> {
        let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in analysis.tokens.iter().enumerate() {
            positions.entry(t.stem.as_str()).or_default().push(i);
        }
        let mut by_initial: HashMap<char, Vec<&str>> = HashMap::new();
        for stem in positions.keys() {
            if stem.chars().count() >= 5 {
                if let Some(c) = stem.chars().next() {
                    by_initial.entry(c).or_default().push(stem);
                }
            }
        }
        Index {
            analysis,
            positions,
            by_initial,
            fuzzy_cache: std::cell::RefCell::new(HashMap::new()),
        }
    }

    /// Token positions whose stem is `stem` or one typo away from it (long words only).
    fn candidates(&self, stem: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.positions.get(stem).cloned().unwrap_or_default();
        let len = stem.chars().count();
        if len >= 6 && !stem.chars().any(|c| c.is_ascii_digit()) {
            let near = self
                .fuzzy_cache
                .borrow_mut()
                .entry(stem.to_string())
                .or_insert_with(|| {
                    let Some(initial) = stem.chars().next() else {
                        return Vec::new();
                    };
                    self.by_initial
                        .get(&initial)
                        .map(|list| {
                            list.iter()
                                .copied()
                                .filter(|s| {
                                    *s != stem
                                        && s.chars().count().abs_diff(len) <= 1
                                        && strsim::damerau_levenshtein(s, stem) == 1
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .clone();
            for s in near {
                if let Some(p) = self.positions.get(s) {
                    out.extend(p);
                }
            }
            out.sort_unstable();
        }
        out
    }

    /// Every non-overlapping occurrence of `phrase`, each within one sentence.
    pub fn find(&self, phrase: &Phrase) -> Vec<Hit> {
        let tokens = &self.analysis.tokens;
        let lists: Vec<Vec<usize>> = phrase
            .stems
            .iter()
            .zip(&phrase.words)
            .map(|(stem, word)| {
                let mut c = self.candidates(stem);
                c.retain(|&i| same_word_family(word, &tokens[i].word));
                c
            })
            .collect();
        if lists.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for &first in &lists[0] {
            if hits.last().is_some_and(|h| first <= h.last) {
                continue;
            }
            let sentence = tokens[first].sentence;
            let mut prev = first;
            let mut ok = true;
            for (k, list) in lists.iter().enumerate().skip(1) {
                let reach = if phrase.tight[k] { 1 } else { 1 + SLOP };
                // Positions are sorted, and sentences contiguous: only the first position past
                // `prev` can be within reach and in the same sentence (a scan from the start
                // made a long answer repeating a phrase quadratic).
                let next = list
                    .get(list.partition_point(|&p| p <= prev))
                    .copied()
                    .filter(|&p| p <= prev + reach && tokens[p].sentence == sentence);
                match next {
                    Some(p) => prev = p,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                hits.push(Hit {
                    first,
                    last: prev,
                    sentence,
                });
            }
        }
        hits
    }

    /// Loose matches for paraphrases: `min` distinct stems of `bag` within `span` tokens of one
    /// sentence ("keep each window open a few extra minutes for stragglers" for a point whose
    /// phrases speak of windows, stragglers and keeping them open). One hit per sentence.
    pub fn find_bag(
        &self,
        bag: &std::collections::HashSet<String>,
        min: usize,
        span: usize,
    ) -> Vec<Hit> {
        let tokens = &self.analysis.tokens;
        let mut hits = Vec::new();
        for (s, sentence) in self.analysis.sentences.iter().enumerate() {
            let in_bag: Vec<usize> = sentence
                .tokens
                .clone()
                .filter(|&i| !tokens[i].is_stop && bag.contains(&tokens[i].stem))
                .collect();
            for (k, &first) in in_bag.iter().enumerate() {
                let mut distinct: Vec<&str> = vec![tokens[first].stem.as_str()];
                let mut last = first;
                for &next in &in_bag[k + 1..] {
                    if next > first + span {
                        break;
                    }
                    if !distinct.contains(&tokens[next].stem.as_str()) {
                        distinct.push(tokens[next].stem.as_str());
                        last = next;
                    }
                }
                if distinct.len() >= min {
                    hits.push(Hit {
                        first,
                        last,
                        sentence: s,
                    });
                    break;
                }
            }
        }
        hits
    }

    /// Whether `hit` of `phrase` says the phrase rather than denies it: a phrase that negates
    /// by itself ("no duplicates") is said whatever surrounds it.
    pub fn affirms(&self, text: &str, phrase: &Phrase, hit: Hit) -> bool {
        phrase.self_negating || !self.negated(text, hit)
    }

    /// The occurrences of `phrase` that say it rather than deny it.
    pub fn find_affirmed<'i>(
        &'i self,
        text: &'i str,
        phrase: &'i Phrase,
    ) -> impl Iterator<Item = Hit> + 'i {
        self.find(phrase)
            .into_iter()
            .filter(move |h| self.affirms(text, phrase, *h))
    }

    /// The sentences where any of `phrases` is said rather than denied (repeats included).
    pub fn sentences_affirming<'i>(
        &'i self,
        text: &'i str,
        phrases: &'i [Phrase],
    ) -> impl Iterator<Item = usize> + 'i {
        phrases
            .iter()
            .flat_map(move |p| self.find_affirmed(text, p))
            .map(|h| h.sentence)
    }

    /// Whether a negation governs the hit: "never deduplicated", "without idempotency",
    /// "idempotency wasn't needed".
    pub fn negated(&self, text: &str, hit: Hit) -> bool {
        let tokens = &self.analysis.tokens;
        let sentence = &self.analysis.sentences[hit.sentence];
        // "leadership didn't trust" inside the span of "leadership … trusted"
        if (hit.first + 1..hit.last).any(|i| is_negation(tokens, i)) {
            return true;
        }
        let from = hit
            .first
            .saturating_sub(NEGATION_REACH)
            .max(sentence.tokens.start);
        for i in (from..hit.first).rev() {
            let word = tokens[i].word.as_str();
            if lexicon::CLAUSE_BREAKS.contains(&word) && word != "instead" {
                return false;
            }
            // A comma or semicolon between the negation and the phrase ends its scope.
            let between = text.get(tokens[i].end..tokens[i + 1].start).unwrap_or("");
            if between.contains([',', ';', ':']) {
                return false;
            }
            if is_negation(tokens, i) {
                return true;
            }
        }
        // "idempotency wasn't needed", "dedup was never done"
        let to = (hit.last + 3).min(sentence.tokens.end.saturating_sub(1));
        for i in hit.last + 1..=to {
            let between = text.get(tokens[i - 1].end..tokens[i].start).unwrap_or("");
            if between.contains([',', ';', ':']) {
                return false;
            }
            let word = tokens[i].word.as_str();
            if lexicon::CLAUSE_BREAKS.contains(&word) {
                return false;
            }
            if matches!(
                word,
                "wasn't" | "weren't" | "isn't" | "aren't" | "never" | "wasnt" | "isnt"
            ) && !followed_by_only(tokens, i)
            {
                return true;
            }
        }
        false
    }
}

/// Stemming merges "organ" and "organization"; a stem match only counts when neither word is
/// less than half the other (short words like "run"/"running" excepted).
fn same_word_family(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (short, long) = (la.min(lb), la.max(lb));
    short < 4 || short * 2 >= long
}

fn is_negation(tokens: &[super::text::Token], i: usize) -> bool {
    let word = tokens[i].word.as_str();
    if !lexicon::is_negation_word(word) {
        return false;
    }
    match word {
        // "rather than X" and "instead of X" negate X; "rather" alone does not.
        "rather" => tokens.get(i + 1).is_some_and(|t| t.word == "than"),
        // "turned off the schema registry", "switched off retries"
        "off" => i > 0 && matches!(tokens[i - 1].word.as_str(), "turned" | "switched" | "shut"),
        "instead" => tokens.get(i + 1).is_some_and(|t| t.word == "of"),
        // "not only", "not just", "no matter", "never again" do not negate what follows.
        _ => !followed_by_only(tokens, i),
    }
}

fn followed_by_only(tokens: &[super::text::Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.word.as_str(), "only" | "just" | "matter" | "doubt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(answer: &str, phrase: &str) -> Vec<Hit> {
        let n = Normalizer::default();
        let a = n.analyze(answer);
        let idx = Index::new(&a);
        idx.find(&Phrase::compile(&n, phrase).expect("phrase"))
    }

    fn negated(answer: &str, phrase: &str) -> bool {
        let n = Normalizer::default();
        let a = n.analyze(answer);
        let idx = Index::new(&a);
        let hits = idx.find(&Phrase::compile(&n, phrase).expect("phrase"));
        assert!(!hits.is_empty(), "{phrase:?} not found in {answer:?}");
        idx.negated(answer, hits[0])
    }

    #[test]
    fn phrase_slop_tolerates_a_word_or_two() {
        assert_eq!(
            hits("a grace period of five minutes", "grace period").len(),
            1
        );
        assert_eq!(
            hits(
                "we partitioned the topic by user id",
                "partition by user id"
            )
            .len(),
            1
        );
        assert!(hits("grace is nice. the period ended", "grace period").is_empty());
        assert!(hits("grace a b c d e f period", "grace period").is_empty());
    }

    #[test]
    fn hyphenated_compounds_keep_their_small_words() {
        assert!(hits("my phone rang on a call", "on-call").is_empty());
        assert_eq!(hits("our on-call rotation", "on-call").len(), 1);
    }

    #[test]
    fn stemming_matches_inflections() {
        assert_eq!(hits("we deduplicated the events", "deduplicate").len(), 1);
        assert_eq!(hits("Circuit breakers tripped", "circuit breaker").len(), 1);
    }

    #[test]
    fn one_typo_in_a_long_word_still_matches() {
        assert_eq!(hits("we used idempotancy keys", "idempotency").len(), 1);
        assert!(hits("we used cache", "caches").len() == 1);
        assert!(hits("organ", "organization").is_empty());
    }

    #[test]
    fn negation_scope() {
        assert!(negated("we never deduplicated anything", "deduplicate"));
        assert!(negated("we shipped it without idempotency", "idempotency"));
        assert!(negated(
            "Idempotency wasn't something we needed",
            "idempotency"
        ));
        assert!(!negated(
            "we never lost data, because writes were idempotent",
            "idempotent"
        ));
        assert!(!negated("not only retries but also dedup", "dedup"));
        assert!(!negated(
            "No problem, we deduplicate on the key",
            "deduplicate"
        ));
        assert!(negated(
            "rather than a grace period we dropped them",
            "grace period"
        ));
        assert!(negated(
            "leadership didn't trust anyone",
            "leadership trusted"
        ));
        assert!(negated(
            "I didn't pick Go or Kafka or Memcached",
            "memcached"
        ));
    }
}
