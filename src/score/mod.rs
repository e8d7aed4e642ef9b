//! Scoring: pure functions from (question, rubric, answer) to an `Assessment`.
//! No I/O, no clock, no randomness: the same input always gives the same assessment.
//!
//! How a score is made:
//! 1. The answer (and any follow-up answers) is split into sentences and stemmed words.
//! 2. Each point of the question is looked for through its phrases (and the pack's synonyms),
//!    in order with a few words of slop; a negated mention or one beside a `wrong` phrase
//!    earns nothing. The best mention decides its status: `explained` when its sentence says
//!    how or why (a mechanism or reason cue, or a number, with informative words around it),
//!    else `mentioned`. Sentences that read like a list of terms earn a fraction.
//! 3. The rubric's criteria (STAR parts, design structure …) are found from cue phrases and
//!    their position; they count in proportion to how much of the question the answer covers.
//! 4. Content = points and criteria (by the rubric's `points_share`) plus a little for the
//!    topic's vocabulary used in sentences. Delivery is scored apart; the final score is content
//!    scaled by delivery (at most 15% off).

mod assessment;
mod compiled;
mod content;
mod contrast;
mod delivery;
mod english;
mod judge;
mod lexicon;
mod matcher;
mod text;

use std::collections::{HashMap, HashSet};

pub use assessment::*;

use crate::pack::{Delivery, Pack, Question, QuestionKind, Rubric};
use compiled::CompiledQuestion;
use delivery::{DeliveryInput, DeliveryLexicon};
use text::Normalizer;

/// Content kept when the answer fits another question of the pack far better than this one.
const NEIGHBOUR_FACTOR: f64 = 0.4;

/// Most a perfect delivery adds on top of content, as a share of the score.
const DELIVERY_SHARE: f64 = 0.15;

/// One answer to score: the main answer, the answers to follow-up questions (scored together
/// with it), and the time taken against the budget when the answer was timed.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput<'a> {
    pub text: &'a str,
    pub follow_ups: Vec<&'a str>,
    pub elapsed_secs: Option<f64>,
    pub limit_secs: Option<f64>,
}

impl<'a> AnswerInput<'a> {
    pub fn text(text: &'a str) -> Self {
        AnswerInput {
            text,
            ..AnswerInput::default()
        }
    }

    /// The main answer and the follow-up answers as one text, separated by blank lines.
    /// Evidence offsets refer to this text.
    pub fn combined(&self) -> String {
        let mut all = self.text.to_string();
        for f in &self.follow_ups {
            all.push_str("\n\n");
            all.push_str(f);
        }
        all
    }
}

/// Scores answers to the questions of one pack. Building it compiles every phrase of the pack
/// once; `assess` is then a pure function of the question and the answer.
pub struct Scorer {
    normalizer: Normalizer,
    delivery: DeliveryLexicon,
    questions: HashMap<String, CompiledQuestion>,
    /// Per question: its text and the topical words few other questions share, to tell an
    /// answer to a neighbouring question from a weak answer to this one.
    distinctive: Vec<Distinctive>,
    /// Practices that exclude each other, compiled once.
    contrasts: contrast::Lexicon,
}

/// A question's text, kind and the topical words few other questions share.
struct Distinctive {
    id: String,
    text: String,
    kind: QuestionKind,
    words: HashSet<String>,
}

impl Scorer {
    pub fn new(pack: &Pack) -> Scorer {
        let mut normalizer = recording_normalizer();
        // Groups of single words from the pack act word by word, wherever the words appear.
        for group in &pack.synonyms {
            let singles: Vec<&str> = group
                .iter()
                .map(String::as_str)
                .filter(|t| !t.trim().contains(char::is_whitespace) && !t.contains('-'))
                .collect();
            if singles.len() >= 2 {
                normalizer.add_word_class(singles);
            }
        }
        let synonym_stems: Vec<Vec<Vec<String>>> = pack
            .synonyms
            .iter()
            .map(|group| group.iter().map(|t| stems_of(&normalizer, t)).collect())
            .collect();
        let generic = generic_stems(&normalizer, pack);
        let contrasts = contrast::Lexicon::new(&normalizer);
        let questions = pack
            .questions
            .iter()
            .filter_map(|q| {
                let rubric = pack.rubric(&q.rubric)?;
                let compiled = CompiledQuestion::new(
                    &normalizer,
                    q,
                    rubric,
                    &synonym_stems,
                    &pack.synonyms,
                    &generic,
                    &contrasts,
                );
                Some((q.id.clone(), compiled))
            })
            .collect();
        let distinctive = distinctive_vocabulary(pack, &questions);
        let delivery = DeliveryLexicon::new(&normalizer, &pack.delivery);
        normalizer.freeze_vocabulary();
        Scorer {
            normalizer,
            delivery,
            questions,
            distinctive,
            contrasts,
        }
    }

    pub fn assess(&self, question: &Question, answer: &AnswerInput<'_>) -> Assessment {
        match self.questions.get(&question.id) {
            Some(compiled) => self.assess_compiled(question, compiled, answer),
            None => {
                // A question from outside this pack: score it with an empty rubric.
                let rubric = empty_rubric(&question.rubric);
                let compiled = CompiledQuestion::new(
                    &self.normalizer,
                    question,
                    &rubric,
                    &[],
                    &[],
                    &HashSet::new(),
                    &self.contrasts,
                );
                self.assess_compiled(question, &compiled, answer)
            }
        }
    }

    /// The text of another question whose distinctive words the answer uses at least twice as
    /// many of (and at least four), when the answer uses at most two of this question's own.
    /// Questions of the same kind "questions to ask" are never each other's neighbours.
    fn neighbour_answered(&self, question: &Question, analysis: &text::Analysis) -> Option<String> {
        let used: HashSet<&str> = analysis.tokens.iter().map(|t| t.stem.as_str()).collect();
        let overlap =
            |words: &HashSet<String>| words.iter().filter(|w| used.contains(w.as_str())).count();
        let own = self
            .distinctive
            .iter()
            .find(|d| d.id == question.id)
            .map_or(0, |d| overlap(&d.words));
        if own > 2 {
            return None;
        }
        let asking = question.kind == QuestionKind::QuestionsToAsk;
        let (best, text) = self
            .distinctive
            .iter()
            .filter(|d| d.id != question.id && !(asking && d.kind == QuestionKind::QuestionsToAsk))
            .map(|d| (overlap(&d.words), &d.text))
            .max_by_key(|(n, _)| *n)?;
        (best >= 4 && best >= 2 * own.max(1)).then(|| text.clone())
    }

    fn assess_compiled(
        &self,
        question: &Question,
        compiled: &CompiledQuestion,
        answer: &AnswerInput<'_>,
    ) -> Assessment {
        let text = answer.combined();
        let analysis = self.normalizer.analyze(&text);
        let noise = delivery::noise_tokens(&self.delivery, &text, &analysis);
        let mut content = content::assess(compiled, &self.normalizer, &text, &analysis, &noise);
        if text.len() > text::MAX_ANALYSED_BYTES {
            content.flags.push(format!(
                "only the first {} KB of this {} KB answer were scored",
                text::MAX_ANALYSED_BYTES / 1000,
                text.len() / 1000
            ));
        }
        if let Some(other) = self.neighbour_answered(question, &analysis) {
            content.content *= NEIGHBOUR_FACTOR;
            content.flags.push(format!(
                "sounds like an answer to another question: \"{other}\""
            ));
        }
        let (delivery_detail, delivery, delivery_notes) = delivery::assess(
            &self.delivery,
            &DeliveryInput {
                text: &text,
                analysis: &analysis,
                // The budget the candidate had: half the pack's minutes at a brisk pace.
                minutes: answer
                    .limit_secs
                    .map_or(question.minutes, |secs| secs / 60.0),
                story: question.kind.is_story(),
                wants_numbers: matches!(
                    question.kind,
                    QuestionKind::Behavioral | QuestionKind::Culture | QuestionKind::MainStory
                ),
                elapsed_secs: answer.elapsed_secs,
                limit_secs: answer.limit_secs,
            },
        );
        let content_pct = content.content * 100.0;
        let score =
            content_pct * (1.0 - DELIVERY_SHARE + DELIVERY_SHARE * f64::from(delivery) / 100.0);
        let mut missed: Vec<&Credit> = content
            .points
            .iter()
            .filter(|p| p.status == Status::Missed)
            .collect();
        missed.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        Assessment {
            score: clamp_pct(score),
            content: clamp_pct(content_pct),
            delivery,
            missed: missed.iter().map(|p| p.label.clone()).collect(),
            points: content.points,
            criteria: content.criteria,
            delivery_notes,
            flags: content.flags,
            delivery_detail,
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))] // the binary goes through `Scorer`, which adds the pack's synonyms
/// Scores one answer to `question` under `rubric`, with the default delivery lexicon and no
/// synonyms: the pure core of `Scorer`, for callers without a pack.
pub fn assess(question: &Question, rubric: &Rubric, answer: &AnswerInput<'_>) -> Assessment {
    let mut normalizer = recording_normalizer();
    let contrasts = contrast::Lexicon::new(&normalizer);
    let compiled = CompiledQuestion::new(
        &normalizer,
        question,
        rubric,
        &[],
        &[],
        &HashSet::new(),
        &contrasts,
    );
    let delivery = DeliveryLexicon::new(&normalizer, &Delivery::default());
    normalizer.freeze_vocabulary();
    let scorer = Scorer {
        delivery,
        normalizer,
        questions: HashMap::new(),
        distinctive: Vec::new(),
        contrasts,
    };
    scorer.assess_compiled(question, &compiled, answer)
}

/// A normalizer that records every word compiled with it until `freeze_vocabulary`: the words
/// an answer's typos are read against (the built-in synonyms' words included).
fn recording_normalizer() -> Normalizer {
    let mut normalizer = Normalizer::default();
    normalizer.record_vocabulary();
    for word in lexicon::WORD_SYNONYMS.iter().flat_map(|group| group.iter()) {
        normalizer.stem(word);
    }
    normalizer
}

/// Each question's topical words that at most three questions of the pack share.
fn distinctive_vocabulary(
    pack: &Pack,
    compiled: &HashMap<String, CompiledQuestion>,
) -> Vec<Distinctive> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for cq in compiled.values() {
        for stem in &cq.topical_stems {
            *df.entry(stem.as_str()).or_default() += 1;
        }
    }
    pack.questions
        .iter()
        .filter_map(|q| {
            let cq = compiled.get(&q.id)?;
            let words = cq
                .topical_stems
                .iter()
                .filter(|s| df.get(s.as_str()).copied().unwrap_or(0) <= 3)
                .cloned()
                .collect();
            Some(Distinctive {
                id: q.id.clone(),
                text: q.text.clone(),
                kind: q.kind,
                words,
            })
        })
        .collect()
}

/// Stems found in the model answers of a quarter or more of the pack's questions, and the
/// vacuous words: a point matched through one of these alone is weak evidence.
fn generic_stems(normalizer: &Normalizer, pack: &Pack) -> HashSet<String> {
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut answered = 0usize;
    // A model answer shared verbatim by several questions is one answer: "common across the
    // pack" means used by many different answers.
    let mut seen: HashSet<&str> = HashSet::new();
    for q in &pack.questions {
        let Some(model) = &q.model_answer else {
            continue;
        };
        if !seen.insert(model.as_str()) {
            continue;
        }
        answered += 1;
        let stems: HashSet<String> = normalizer
            .analyze(model)
            .tokens
            .into_iter()
            .filter(|t| !t.is_stop)
            .map(|t| t.stem)
            .collect();
        for stem in stems {
            *df.entry(stem).or_default() += 1;
        }
    }
    let mut generic: HashSet<String> = df
        .into_iter()
        .filter(|(_, n)| answered >= 8 && *n * 4 >= answered)
        .map(|(s, _)| s)
        .collect();
    generic.extend(lexicon::VACUOUS.iter().map(|w| normalizer.stem(w)));
    generic
}

fn stems_of(normalizer: &Normalizer, phrase: &str) -> Vec<String> {
    matcher::Phrase::compile(normalizer, phrase)
        .map(|p| p.stems)
        .unwrap_or_default()
}

fn empty_rubric(id: &str) -> Rubric {
    Rubric {
        id: id.to_string(),
        title: id.to_string(),
        description: None,
        points_share: 1.0,
        ordered: false,
        criteria: Vec::new(),
    }
}

fn clamp_pct(v: f64) -> u32 {
    if v.is_finite() {
        v.round().clamp(0.0, 100.0) as u32
    } else {
        0
    }
}

#[cfg(test)]
mod tests;
