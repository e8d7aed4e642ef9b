//! Contradictions: an answer's sentence about a point that confidently claims the practice the
//! model answer's own sentences about that point exclude ("one shared thread pool" where the
//! model answer gives each dependency its own). The right words around a wrong mechanism.

use super::lexicon;
use super::matcher::{Index, Phrase};
use super::text::{Analysis, Normalizer};

/// One practice the model answer takes for a point, and the practices that exclude it.
pub struct Contrast {
    /// What the model answer says ("backoff"): named in the note.
    model_says: String,
    good: Vec<Phrase>,
    bad: Side,
}

/// Phrases of one side of a contrast, each with the text the note quotes.
type Side = Vec<(String, Phrase)>;

/// The built-in list of practices that exclude each other (`lexicon::CONTRASTS`), compiled once
/// per scorer: every point of the pack is checked against all of it.
pub struct Lexicon {
    /// (the sound practice, the practices that exclude it), each phrase with its text.
    pairs: Vec<(Side, Side)>,
}

impl Lexicon {
    pub fn new(normalizer: &Normalizer) -> Lexicon {
        let compile_side = |side: &[&str]| -> Side {
            side.iter()
                .filter_map(|t| Phrase::compile(normalizer, t).map(|p| ((*t).to_string(), p)))
                .collect()
        };
        Lexicon {
            pairs: lexicon::CONTRASTS
                .iter()
                .map(|(a, b)| (compile_side(a), compile_side(b)))
                .collect(),
        }
    }
}

/// What a point's model answer says about it: the model answer's sentences that name the point,
/// and the point's own phrases.
pub struct Reference<'r, 'a> {
    pub index: &'r Index<'a>,
    pub text: &'r str,
    pub sentences: &'r [usize],
    pub phrases: &'r [Phrase],
}

impl Reference<'_, '_> {
    /// Whether the reference says `phrase` without negating it.
    fn affirms(&self, phrase: &Phrase) -> bool {
        self.index
            .find_affirmed(self.text, phrase)
            .any(|h| self.sentences.contains(&h.sentence))
            || self
                .phrases
                .iter()
                .any(|own| !own.self_negating && contains_in_order(&own.stems, &phrase.stems))
    }
}

/// Whether `part` appears in `whole` in order, other words allowed in between.
fn contains_in_order(whole: &[String], part: &[String]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| w == p))
}

/// The contrasts that apply to a point: those whose sound practice its reference affirms, never
/// the other.
pub fn compile(lexicon: &Lexicon, reference: &Reference<'_, '_>) -> Vec<Contrast> {
    let affirmed_in = |phrases: &Side| -> Option<String> {
        phrases
            .iter()
            .find(|(_, p)| reference.affirms(p))
            .map(|(t, _)| t.clone())
    };
    let mut out = Vec::new();
    for (good, bad) in &lexicon.pairs {
        if let Some(says) = affirmed_in(good) {
            if affirmed_in(bad).is_none() {
                out.push(Contrast {
                    model_says: says,
                    good: good.iter().map(|(_, p)| p.clone()).collect(),
                    bad: bad.clone(),
                });
            }
        }
    }
    out
}

/// Sentences of the answer that claim an excluded practice, with a note saying which.
/// A sentence that also names the right practice, or weighs the two ("instead of", "the risk
/// is"), is not a contradiction.
pub fn contradicted(
    contrasts: &[Contrast],
    index: &Index<'_>,
    analysis: &Analysis,
    text: &str,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for contrast in contrasts {
        for (said, phrase) in &contrast.bad {
            for hit in index.find_affirmed(text, phrase) {
                let s = hit.sentence;
                if out.iter().any(|(o, _)| *o == s) || weighs_practices(analysis, s) {
                    continue;
                }
                let names_good = contrast
                    .good
                    .iter()
                    .any(|g| index.find_affirmed(text, g).any(|h| h.sentence == s));
                if !names_good {
                    // The answer's own words, which may differ from the list's phrase.
                    let quoted = text
                        .get(analysis.tokens[hit.first].start..analysis.tokens[hit.last].end)
                        .unwrap_or(said);
                    out.push((
                        s,
                        format!(
                            "described with a wrong mechanism: \u{201c}{quoted}\u{201d} where the model answer has \u{201c}{}\u{201d}",
                            contrast.model_says
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn weighs_practices(analysis: &Analysis, sentence: usize) -> bool {
    analysis.tokens[analysis.sentences[sentence].tokens.clone()]
        .iter()
        .any(|t| lexicon::CONTRAST_CUES.contains(&t.word.as_str()))
}
