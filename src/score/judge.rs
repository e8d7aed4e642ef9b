//! Judging a hit: whether its sentence reads as prose or as a list of terms, and whether the
//! words around it say how or why.

use std::collections::HashSet;

use super::compiled::CompiledQuestion;
use super::lexicon;
use super::matcher::Hit;
use super::text::Analysis;

/// Words on either side of a hit that may say how or why it works.
const WINDOW: usize = 12;

/// Per-sentence facts used to judge each match.
pub(super) struct SentenceFacts {
    /// 0.2-1: how much this sentence reads like prose rather than a list of terms.
    pub(super) prose: f64,
    /// Has a word of the question's topic (excludes asides from positions).
    pub(super) topical: bool,
    /// A bullet line that relates things ("keyed by event id", "p99 < 50ms", "x + y"): the
    /// terse form of a claim, not a bare term.
    pub(super) terse_claim: bool,
}

/// What is needed to judge whether a hit is explained.
pub(super) struct HitContext<'a> {
    pub(super) analysis: &'a Analysis,
    pub(super) text: &'a str,
    pub(super) term_token: &'a [bool],
    pub(super) noise: &'a [bool],
    pub(super) vacuous: &'a HashSet<String>,
    pub(super) question_stems: &'a HashSet<String>,
    pub(super) topical_stems: &'a HashSet<String>,
    /// Words common across the pack: no detail about this point.
    pub(super) generic_stems: &'a HashSet<String>,
    pub(super) story: bool,
    pub(super) on_topic_needed: usize,
}

impl HitContext<'_> {
    /// Whether the words around a hit say how or why (a mechanism or reason cue with at least
    /// two informative words, or a number with one; more when the sentence names many points;
    /// either using the topic's own vocabulary), and whether fillers and hedges blur it.
    #[allow(clippy::needless_range_loop)] // `i` indexes tokens, terms and noise alike
    pub(super) fn explains(
        &self,
        hit: Hit,
        points_in_sentence: usize,
        terse_claim: bool,
    ) -> (bool, bool) {
        let tokens = &self.analysis.tokens;
        let sentence = &self.analysis.sentences[hit.sentence];
        let lo = hit.first.saturating_sub(WINDOW).max(sentence.tokens.start);
        let hi = (hit.last + WINDOW + 1).min(sentence.tokens.end);
        let (mut informative, mut cue, mut number, mut noise, mut empty) = (0, false, false, 0, 0);
        let mut on_topic = 0;
        for i in lo..hi {
            if (hit.first..=hit.last).contains(&i) {
                continue;
            }
            if self.noise.get(i).copied().unwrap_or(false) {
                noise += 1;
                continue;
            }
            let t = &tokens[i];
            number |= t.is_number;
            // A sentence-initial "So," or "And" is a connective, not a reason.
            if i != sentence.tokens.start
                && !self.term_token[i]
                && lexicon::EXPLANATION_CUES.contains(&t.word.as_str())
            {
                cue = true;
            }
            if self.vacuous.contains(&t.stem) || self.generic_stems.contains(&t.stem) {
                empty += 1;
            } else if !t.is_stop && !self.term_token[i] && !self.question_stems.contains(&t.stem) {
                informative += 1;
                if self.topical_stems.contains(&t.stem) {
                    on_topic += 1;
                }
            }
        }
        let span = self
            .text
            .get(tokens[lo].start..tokens[hi - 1].end)
            .unwrap_or("");
        cue |= span.contains(['→', '=', '+']) || span.contains("->");
        // A sentence naming several points must say more to explain each of them.
        let needed = 2 + 2 * points_in_sentence.saturating_sub(2);
        // Terse but specific fragments ("checkpointed state, recovery w/o double counting")
        // explain by their detail, as long as nothing in them is empty praise and the detail is
        // about the topic (unrelated words around a term explain nothing).
        // A reason or a number must be about the topic: the right term explained in words the
        // topic never uses is how a wrong mechanism reads.
        let explains = (number
            && informative >= needed - 1
            && on_topic >= self.on_topic_needed.min(1))
            || (cue && informative >= needed && on_topic >= self.on_topic_needed)
            || (empty == 0 && informative >= needed + usize::from(!self.story) && on_topic >= 2)
            || (terse_claim && empty == 0 && informative + 1 >= needed);
        (explains, noise >= 2)
    }
}

pub(super) fn sentence_facts(
    cq: &CompiledQuestion,
    analysis: &Analysis,
    text: &str,
    s: usize,
    term_token: &[bool],
    vacuous: &HashSet<String>,
    noise: &[bool],
) -> SentenceFacts {
    let sentence = &analysis.sentences[s];
    let range = sentence.tokens.clone();
    let tokens = &analysis.tokens[range.clone()];
    let is_noise = |i: usize| noise.get(i).copied().unwrap_or(false);
    // Fillers are delivery: the sentence is judged as if they were not there, commas around
    // them included ("so, um, we kept the window open, uh, for five minutes" is prose).
    let n = range.clone().filter(|&i| !is_noise(i)).count().max(1);
    let stops = range
        .clone()
        .filter(|&i| !is_noise(i) && analysis.tokens[i].is_stop)
        .count();
    let content: Vec<usize> = range
        .clone()
        .filter(|&i| !analysis.tokens[i].is_stop)
        .collect();
    let terms = content.iter().filter(|&&i| term_token[i]).count();
    let informative = content
        .iter()
        .filter(|&&i| {
            let t = &analysis.tokens[i];
            !term_token[i] && !vacuous.contains(&t.stem) && !cq.question_stems.contains(&t.stem)
        })
        .count();
    let raw = text.get(sentence.start..sentence.end).unwrap_or("");

    // A list of terms: several short comma-separated items with hardly a function word.
    let items = separators_between_words(analysis, text, range.clone(), &is_noise) + 1;
    let avg_item = n as f64 / items as f64;
    let stop_ratio = stops as f64 / n.max(1) as f64;
    let relational = tokens.iter().any(|t| {
        t.is_number
            || matches!(
                t.word.as_str(),
                "by" | "per"
                    | "on"
                    | "to"
                    | "for"
                    | "with"
                    | "from"
                    | "via"
                    | "so"
                    | "when"
                    | "if"
                    | "into"
                    | "then"
                    | "instead"
                    | "because"
                    | "of"
                    | "in"
                    | "at"
                    | "than"
            )
    }) || raw.contains(['+', '→', '=', '>', '<', '/'])
        || raw.contains("->");
    let mut prose: f64 = 1.0;
    if (items >= 3 && avg_item <= 3.5 && stop_ratio < 0.25) || (items >= 5 && avg_item <= 3.0) {
        prose = prose.min(0.2);
    }
    let density = terms as f64 / content.len().max(1) as f64;
    if density >= 0.75 && !relational {
        prose = prose.min(0.25);
    } else if density >= 0.6 && informative <= 1 {
        prose = prose.min(0.5);
    }
    if n <= 3 && !relational && terms > 0 {
        prose = prose.min(0.3);
    }

    // A question the candidate asks is made in full by asking it, however dense its terms.
    if cq.asking && asks_question(analysis, text, s) {
        prose = 1.0;
    }
    let topical = terms > 0 || tokens.iter().any(|t| cq.topical_stems.contains(&t.stem));
    SentenceFacts {
        prose,
        topical,
        terse_claim: sentence.bullet && relational,
    }
}

/// Commas and semicolons between two words of the sentence that are not fillers.
fn separators_between_words(
    analysis: &Analysis,
    text: &str,
    range: std::ops::Range<usize>,
    is_noise: &impl Fn(usize) -> bool,
) -> usize {
    let kept: Vec<usize> = range.filter(|&i| !is_noise(i)).collect();
    kept.windows(2)
        .map(|w| {
            let gap = text
                .get(analysis.tokens[w[0]].end..analysis.tokens[w[1]].start)
                .unwrap_or("");
            // Fillers between the two words may hold several commas: one separator at most.
            usize::from(gap.contains([',', ';']) && w[1] == w[0] + 1)
        })
        .sum()
}

pub(super) fn asks_question(analysis: &Analysis, text: &str, s: usize) -> bool {
    let sentence = &analysis.sentences[s];
    if sentence.asks {
        return true;
    }
    let raw = analysis.sentence_text(text, s).to_lowercase();
    let raw = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    lexicon::ASKING_PHRASES.iter().any(|p| raw.starts_with(p))
        || (raw.contains(" you ")
            && analysis.tokens[sentence.tokens.clone()]
                .first()
                .is_some_and(|t| lexicon::QUESTION_OPENERS.contains(&t.word.as_str())))
}
