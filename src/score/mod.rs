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
mod content;
mod delivery;
mod lexicon;
mod matcher;
mod text;

use std::collections::{HashMap, HashSet};

pub use assessment::*;

use crate::pack::{Delivery, Pack, Question, QuestionKind, Rubric};
use content::CompiledQuestion;
use delivery::{DeliveryInput, DeliveryLexicon};
use text::Normalizer;

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
}

impl Scorer {
    pub fn new(pack: &Pack) -> Scorer {
        let normalizer = Normalizer::default();
        let synonym_stems: Vec<Vec<Vec<String>>> = pack
            .synonyms
            .iter()
            .map(|group| group.iter().map(|t| stems_of(&normalizer, t)).collect())
            .collect();
        let generic = generic_stems(&normalizer, pack);
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
                );
                Some((q.id.clone(), compiled))
            })
            .collect();
        Scorer {
            delivery: DeliveryLexicon::new(&normalizer, &pack.delivery),
            normalizer,
            questions,
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
                );
                self.assess_compiled(question, &compiled, answer)
            }
        }
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
        let content = content::assess(compiled, &self.normalizer, &text, &analysis, &noise);
        let (delivery_detail, delivery, delivery_notes) = delivery::assess(
            &self.delivery,
            &DeliveryInput {
                text: &text,
                analysis: &analysis,
                minutes: question.minutes,
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
        let mut missed: Vec<&PointResult> = content
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
    let normalizer = Normalizer::default();
    let compiled = CompiledQuestion::new(&normalizer, question, rubric, &[], &[], &HashSet::new());
    let scorer = Scorer {
        delivery: DeliveryLexicon::new(&normalizer, &Delivery::default()),
        normalizer,
        questions: HashMap::new(),
    };
    scorer.assess_compiled(question, &compiled, answer)
}

/// Stems found in the model answers of a quarter or more of the pack's questions, and the
/// vacuous words: a point matched through one of these alone is weak evidence.
fn generic_stems(normalizer: &Normalizer, pack: &Pack) -> HashSet<String> {
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut answered = 0usize;
    for q in &pack.questions {
        let Some(model) = &q.model_answer else {
            continue;
        };
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
