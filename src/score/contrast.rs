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
    bad: Vec<(String, Phrase)>,
}

/// The contrasts that apply to a point whose model-answer sentences (and phrases) are
/// `reference`: those whose sound practice the reference affirms, never the other.
pub fn compile(normalizer: &Normalizer, reference: &str) -> Vec<Contrast> {
    let analysis = normalizer.analyze(reference);
    let index = Index::new(&analysis);
    let compile_side = |side: &[&str]| -> Vec<(String, Phrase)> {
        side.iter()
            .filter_map(|t| Phrase::compile(normalizer, t).map(|p| ((*t).to_string(), p)))
            .collect()
    };
    let affirmed_in = |phrases: &[(String, Phrase)]| -> Option<String> {
        phrases
            .iter()
            .find(|(_, p)| affirmed(&index, reference, p).next().is_some())
            .map(|(t, _)| t.clone())
    };
    let mut out = Vec::new();
    for (a, b) in lexicon::CONTRASTS {
        let (a, b) = (compile_side(a), compile_side(b));
        if let Some(says) = affirmed_in(&a) {
            if affirmed_in(&b).is_none() {
                out.push(Contrast {
                    model_says: says,
                    good: a.into_iter().map(|(_, p)| p).collect(),
                    bad: b,
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
            for hit in affirmed(index, text, phrase) {
                let s = hit.sentence;
                if out.iter().any(|(o, _)| *o == s) || weighs_practices(analysis, s) {
                    continue;
                }
                let names_good = contrast
                    .good
                    .iter()
                    .any(|g| affirmed(index, text, g).any(|h| h.sentence == s));
                if !names_good {
                    out.push((
                        s,
                        format!(
                            "described with a wrong mechanism: \u{201c}{said}\u{201d} where the model answer has \u{201c}{}\u{201d}",
                            contrast.model_says
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn affirmed<'i>(
    index: &'i Index<'_>,
    text: &'i str,
    phrase: &'i Phrase,
) -> impl Iterator<Item = super::matcher::Hit> + 'i {
    index
        .find(phrase)
        .into_iter()
        .filter(move |h| phrase.self_negating || !index.negated(text, *h))
}

fn weighs_practices(analysis: &Analysis, sentence: usize) -> bool {
    analysis.tokens[analysis.sentences[sentence].tokens.clone()]
        .iter()
        .any(|t| lexicon::CONTRAST_CUES.contains(&t.word.as_str()))
}
