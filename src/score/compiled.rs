//! A question compiled for scoring: its points' phrases, wrong phrases, loose-match bags and
//! contrasts, its criteria, and the vocabularies that tell topic from echo and from filler.

use std::collections::HashSet;

use super::contrast::{self, Contrast};
use super::lexicon;
use super::matcher::{Index, Phrase};
use super::text::Normalizer;
use crate::pack::{Criterion, Cue, Point, Question, Rubric};

/// Fills each point's bag: the stems of its phrases that are long enough, not the question's own
/// words, not generic across the pack, and not shared with two or more other points.
fn bags(
    points: &mut [CompiledPoint],
    question: &HashSet<String>,
    generic: &HashSet<String>,
    quantities: &HashSet<String>,
) {
    let all: Vec<HashSet<String>> = points
        .iter()
        .map(|p| {
            p.phrases
                .iter()
                .flat_map(|ph| ph.stems.iter().cloned())
                .filter(|s| {
                    s.chars().count() >= 3
                        && !s.chars().all(|c| c.is_ascii_digit())
                        && !question.contains(s)
                        && !generic.contains(s)
                        && !quantities.contains(s)
                        && !lexicon::STOPWORDS.contains(&s.as_str())
                })
                .collect()
        })
        .collect();
    for (i, point) in points.iter_mut().enumerate() {
        point.bag = all[i]
            .iter()
            .filter(|s| {
                all.iter()
                    .enumerate()
                    .filter(|(j, b)| *j != i && b.contains(*s))
                    .count()
                    < 2
            })
            .cloned()
            .collect();
    }
}

/// A question with its phrases compiled, ready to score answers.
pub struct CompiledQuestion {
    pub points: Vec<CompiledPoint>,
    pub criteria: Vec<CompiledCriterion>,
    pub points_share: f64,
    pub ordered: bool,
    /// Stems of the question's own words: echoing them says nothing.
    pub(super) question_stems: HashSet<String>,
    /// Stems of the model answer and all point phrases, minus the question's own words.
    pub(crate) topical_stems: HashSet<String>,
    /// Words common across the pack ("walmart", "kafka"): alone, they prove little.
    pub(super) generic_stems: HashSet<String>,
    /// The answer is the candidate's own questions: a point asked as a question is made in full.
    pub(super) asking: bool,
    /// A story: its points are events, made by narrating them with specifics.
    pub(super) story: bool,
    /// Words of the topic an explanation must use (one for a number): a reason in other words
    /// altogether is as likely a wrong mechanism as a right one ("bulkheads mean every team gets
    /// admin access").
    pub(super) on_topic_needed: usize,
}

pub struct CompiledPoint {
    pub point: Point,
    pub phrases: Vec<Phrase>,
    pub wrong: Vec<Phrase>,
    /// Distinctive stems of the point's phrases, for loose matches of paraphrases.
    pub bag: HashSet<String>,
    /// Practices the model answer takes for this point, and the ones that exclude them.
    pub contrasts: Vec<Contrast>,
}

pub struct CompiledCriterion {
    pub criterion: Criterion,
    pub phrases: Vec<Phrase>,
}

impl CompiledQuestion {
    pub fn new(
        normalizer: &Normalizer,
        question: &Question,
        rubric: &Rubric,
        synonyms: &[Vec<Vec<String>>],
        synonym_texts: &[Vec<String>],
        generic_stems: &HashSet<String>,
        contrasts: &contrast::Lexicon,
    ) -> CompiledQuestion {
        let question_stems: HashSet<String> = normalizer
            .analyze(&question.text)
            .tokens
            .into_iter()
            .filter(|t| !t.is_stop)
            .map(|t| t.stem)
            .collect();
        let compile_list = |list: &[String], drop_echoes: bool| -> Vec<Phrase> {
            let mut out: Vec<Phrase> = Vec::new();
            let mut push = |p: Phrase| {
                if !out.iter().any(|o| o.stems == p.stems) {
                    out.push(p);
                }
            };
            for text in list {
                let Some(phrase) = Phrase::compile(normalizer, text) else {
                    continue;
                };
                if drop_echoes && phrase.stems.iter().all(|s| question_stems.contains(s)) {
                    continue;
                }
                for (group, texts) in synonyms.iter().zip(synonym_texts) {
                    if group.contains(&phrase.stems) {
                        for t in texts {
                            if let Some(p) = Phrase::compile(normalizer, t) {
                                if !(drop_echoes
                                    && p.stems.iter().all(|s| question_stems.contains(s)))
                                {
                                    push(p);
                                }
                            }
                        }
                    }
                }
                push(phrase);
            }
            out
        };
        let mut points: Vec<CompiledPoint> = question
            .points
            .iter()
            .map(|p| CompiledPoint {
                point: p.clone(),
                phrases: compile_list(&p.any, true),
                wrong: compile_list(&p.wrong, false),
                bag: HashSet::new(),
                contrasts: Vec::new(),
            })
            .collect();
        let model = question.model_answer.as_deref().unwrap_or("");
        let model_analysis = normalizer.analyze(model);
        let model_index = Index::new(&model_analysis);
        for p in &mut points {
            // The point's own sentences of the model answer, and its phrases.
            let mut sentences: Vec<usize> =
                model_index.sentences_affirming(model, &p.phrases).collect();
            sentences.sort_unstable();
            sentences.dedup();
            let reference = contrast::Reference {
                index: &model_index,
                text: model,
                sentences: &sentences,
                phrases: &p.phrases,
            };
            p.contrasts = contrast::compile(contrasts, &reference);
        }
        // Numbers and units ("five minutes") say nothing about which point is meant.
        let quantities: HashSet<String> = lexicon::QUANTITIES
            .iter()
            .map(|w| normalizer.stem(w))
            .collect();
        bags(&mut points, &question_stems, generic_stems, &quantities);
        let criteria = rubric
            .criteria
            .iter()
            .map(|c| CompiledCriterion {
                criterion: c.clone(),
                phrases: match &c.cue {
                    Cue::Phrases(list) => compile_list(list, false),
                    Cue::QuestionCount { .. } => Vec::new(),
                },
            })
            .collect();
        let mut topical_stems: HashSet<String> = HashSet::new();
        if let Some(model) = &question.model_answer {
            topical_stems.extend(
                normalizer
                    .analyze(model)
                    .tokens
                    .into_iter()
                    .filter(|t| !t.is_stop && !t.is_number)
                    .map(|t| t.stem),
            );
        }
        for p in &points {
            for phrase in &p.phrases {
                topical_stems.extend(phrase.stems.iter().cloned());
            }
        }
        let vacuous: HashSet<String> = lexicon::VACUOUS
            .iter()
            .map(|w| normalizer.stem(w))
            .collect();
        topical_stems.retain(|s| {
            !question_stems.contains(s) && !vacuous.contains(s) && s.chars().count() > 2
        });
        CompiledQuestion {
            points,
            criteria,
            points_share: if rubric.criteria.is_empty() {
                1.0
            } else {
                rubric.points_share
            },
            ordered: rubric.ordered,
            question_stems,
            topical_stems,
            generic_stems: generic_stems.clone(),
            asking: question.kind == crate::pack::QuestionKind::QuestionsToAsk,
            story: question.kind.is_story()
                || question.kind == crate::pack::QuestionKind::MainStory,
            // Without a model answer the topic's vocabulary is only the points' phrases, too
            // thin to ask an explanation to use it.
            on_topic_needed: if question.model_answer.is_some() {
                2
            } else {
                0
            },
        }
    }
}
