//! Content: the question's points and the rubric's criteria, each credited once, with evidence.

use std::collections::HashSet;

use super::assessment::{Credit, Evidence, Status};
use super::contrast::{self, Contrast};
use super::lexicon;
use super::matcher::{Hit, Index, Phrase};
use super::text::{Analysis, Normalizer};
use crate::pack::{Criterion, Cue, Point, Question, Rubric, Where};

/// Credit for a point named in passing, relative to one explained.
const MENTIONED_CREDIT: f64 = 0.3;
/// Factor on mentions in a sentence that names three or more points without explaining them.
const LISTED_IN_PROSE: f64 = 0.6;
/// Factor on all the credit of an answer that names two or more points and explains none.
const NAMED_ONLY: f64 = 0.75;
/// Factor on a hit through a one-word phrase, and through a one-word phrase common across the
/// pack: single generic words prove little ("kafka", "called").
const SINGLE_WORD: f64 = 0.7;
const GENERIC_WORD: f64 = 0.35;
/// A paraphrase found through a point's distinctive words: this many of them, within this many
/// tokens, for this factor of the credit of an exact phrase.
const BAG_MIN: usize = 2;
const BAG_SPAN: usize = 8;
const LOOSE_MATCH: f64 = 0.6;
/// Words on either side of a hit that may say how or why it works.
const WINDOW: usize = 12;

/// Credit for a rubric criterion found out of place or out of order.
const MISPLACED_CREDIT: f64 = 0.5;
/// Share of content from topical vocabulary used in real sentences (what separates a vague but
/// on-topic answer from an off-topic one).
const RELEVANCE_SHARE: f64 = 0.12;
/// Distinct topical words that earn the full relevance share.
const RELEVANCE_SATURATION: f64 = 14.0;
/// Point coverage under which rubric structure counts only in proportion: a well-formed story
/// about something else is still off-topic.
const COVERAGE_GATE: f64 = 0.35;
/// How much a point named only in a negation or with a wrong mechanism takes away, relative
/// to what explaining it would have earned: all of it. A wrong claim is not silence; it tells
/// the interviewer the mechanism is not understood.
const CONTRADICTION_PENALTY: f64 = 1.0;
/// Raw content that already deserves 100: strong answers rarely name every point.
const FULL_MARKS_AT: f64 = 0.8;

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
    question_stems: HashSet<String>,
    /// Stems of the model answer and all point phrases, minus the question's own words.
    pub(crate) topical_stems: HashSet<String>,
    /// Words common across the pack ("walmart", "kafka"): alone, they prove little.
    generic_stems: HashSet<String>,
    /// The answer is the candidate's own questions: a point asked as a question is made in full.
    asking: bool,
    /// A story: its points are events, made by narrating them with specifics.
    story: bool,
    /// Words of the topic an explanation must use (one for a number): a reason in other words
    /// altogether is as likely a wrong mechanism as a right one ("bulkheads mean every team gets
    /// admin access").
    on_topic_needed: usize,
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
            let mut sentences: Vec<usize> = p
                .phrases
                .iter()
                .flat_map(|ph| model_index.find(ph))
                .filter(|h| !model_index.negated(model, *h))
                .map(|h| h.sentence)
                .collect();
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

/// Per-sentence facts used to judge each match.
struct SentenceFacts {
    /// 0.2-1: how much this sentence reads like prose rather than a list of terms.
    prose: f64,
    /// Has a word of the question's topic (excludes asides from positions).
    topical: bool,
    /// A bullet line that relates things ("keyed by event id", "p99 < 50ms", "x + y"): the
    /// terse form of a claim, not a bare term.
    terse_claim: bool,
}

pub struct ContentResult {
    pub points: Vec<Credit>,
    pub criteria: Vec<Credit>,
    pub content: f64,
    pub flags: Vec<String>,
}

pub fn assess(
    cq: &CompiledQuestion,
    normalizer: &Normalizer,
    text: &str,
    analysis: &Analysis,
    noise: &[bool],
) -> ContentResult {
    let index = Index::new(analysis);
    let vacuous: HashSet<String> = lexicon::VACUOUS
        .iter()
        .map(|w| normalizer.stem(w))
        .collect();

    // Every valid hit of every point, to measure how much of each sentence is rubric terms.
    let mut point_hits: Vec<Vec<(Hit, f64)>> = Vec::new();
    // Sentences that describe some point wrongly: no substance, whatever their vocabulary.
    let mut wrong_anywhere: HashSet<usize> = HashSet::new();
    let mut notes: Vec<Option<String>> = Vec::new();
    let mut term_token = vec![false; analysis.tokens.len()];
    for cp in &cq.points {
        // A wrong phrase under a negation ("not whose fault it was") is the right idea.
        let mut wrong_sentences: HashSet<usize> = cp
            .wrong
            .iter()
            .flat_map(|w| {
                index
                    .find(w)
                    .into_iter()
                    .filter(|h| w.self_negating || !index.negated(text, *h))
            })
            .map(|h| h.sentence)
            .collect();
        let mut note = None;
        for (sentence, why) in contrast::contradicted(&cp.contrasts, &index, analysis, text) {
            if wrong_sentences.insert(sentence) {
                note.get_or_insert(why);
            }
        }
        wrong_anywhere.extend(wrong_sentences.iter().copied());
        let mut hits = Vec::new();
        for phrase in &cp.phrases {
            for hit in index.find(phrase) {
                for flag in &mut term_token[hit.first..=hit.last] {
                    *flag = true;
                }
                if wrong_sentences.contains(&hit.sentence) {
                    if !note
                        .as_deref()
                        .is_some_and(|n: &str| n.starts_with("described with a wrong mechanism"))
                    {
                        note = Some("described with a wrong mechanism".to_string());
                    }
                } else if !phrase.self_negating && index.negated(text, hit) {
                    note.get_or_insert_with(|| "only mentioned in a negation".to_string());
                } else {
                    hits.push((hit, phrase_strength(phrase, &cq.generic_stems)));
                }
            }
        }
        if hits.is_empty() {
            for hit in index.find_bag(&cp.bag, BAG_MIN, BAG_SPAN) {
                if wrong_sentences.contains(&hit.sentence) || index.negated(text, hit) {
                    continue;
                }
                hits.push((hit, LOOSE_MATCH));
            }
        }
        hits.sort_by_key(|(h, _)| h.first);
        point_hits.push(hits);
        notes.push(note);
    }

    let facts: Vec<SentenceFacts> = (0..analysis.sentences.len())
        .map(|s| sentence_facts(cq, analysis, text, s, &term_token, &vacuous))
        .collect();

    // How many distinct points each sentence names: a sentence naming many without explaining
    // any is a list in prose.
    let mut points_per_sentence = vec![0usize; analysis.sentences.len()];
    for hits in &point_hits {
        let sentences: HashSet<usize> = hits.iter().map(|(h, _)| h.sentence).collect();
        for s in sentences {
            points_per_sentence[s] += 1;
        }
    }
    let cx = HitContext {
        analysis,
        text,
        term_token: &term_token,
        noise,
        vacuous: &vacuous,
        question_stems: &cq.question_stems,
        topical_stems: &cq.topical_stems,
        generic_stems: &cq.generic_stems,
        story: cq.story,
        on_topic_needed: cq.on_topic_needed,
    };

    // Points: the best hit of each, credited once.
    let mut points = Vec::new();
    let mut earned = 0.0;
    let mut total_weight = 0.0;
    let mut list_like_credit = 0.0;
    let mut explained_weight = 0.0;
    let mut contradicted_weight = 0.0;
    for ((cp, hits), note) in cq.points.iter().zip(&point_hits).zip(notes) {
        total_weight += cp.point.weight;
        let best = hits
            .iter()
            .map(|(hit, strength)| {
                let f = &facts[hit.sentence];
                // Asking about three topics in one breath is a list, not three questions.
                let (explains, noisy) = if cq.asking
                    && points_per_sentence[hit.sentence] < 3
                    && asks_question(analysis, text, hit.sentence)
                {
                    (true, false)
                } else {
                    cx.explains(*hit, points_per_sentence[hit.sentence], f.terse_claim)
                };
                let status = if explains && !noisy && f.prose >= 0.6 {
                    Status::Explained
                } else {
                    Status::Mentioned
                };
                let mut factor = f.prose * strength;
                let base = if status == Status::Explained {
                    1.0
                } else {
                    if points_per_sentence[hit.sentence] >= 3 {
                        factor *= LISTED_IN_PROSE;
                    }
                    MENTIONED_CREDIT
                };
                (base * factor, status, *hit)
            })
            .fold(None::<(f64, Status, Hit)>, |best, cand| match best {
                Some(b) if b.0 >= cand.0 => Some(b),
                _ => Some(cand),
            });
        let (status, evidence, credit) = match best {
            Some((credit, status, hit)) => {
                if facts[hit.sentence].prose < 0.5 {
                    list_like_credit += credit * cp.point.weight;
                }
                (status, Some(evidence(text, analysis, hit)), credit)
            }
            None => (Status::Missed, None, 0.0),
        };
        earned += credit * cp.point.weight;
        if status == Status::Explained {
            explained_weight += credit * cp.point.weight;
        }
        if status == Status::Missed && note.is_some() {
            contradicted_weight += cp.point.weight;
        }
        points.push(Credit {
            id: cp.point.id.clone(),
            label: cp.point.label.clone(),
            weight: cp.point.weight,
            status,
            evidence,
            note: if status == Status::Missed { note } else { None },
        });
    }
    // Naming two or more of the ideas without saying how any of them works is name-dropping:
    // the mentions together earn less than their sum.
    let name_dropping = !points.iter().any(|p| p.status == Status::Explained)
        && points
            .iter()
            .filter(|p| p.status == Status::Mentioned)
            .count()
            >= 2;
    let credited = if name_dropping {
        earned * NAMED_ONLY
    } else {
        earned
    };
    let coverage = if total_weight > 0.0 {
        credited / total_weight
    } else {
        0.0
    };

    // Criteria: structure, gated by coverage so a well-told story about something else stays low.
    let topical_positions = topical_positions(analysis, &facts);
    let mut criteria = Vec::new();
    let mut crit_earned = 0.0;
    let mut crit_total = 0.0;
    let mut last_position = 0.0_f64;
    for cc in &cq.criteria {
        crit_total += cc.criterion.weight;
        let (status, evidence, credit, position) = match &cc.criterion.cue {
            Cue::QuestionCount { min, max } => {
                let asked: Vec<usize> = (0..analysis.sentences.len())
                    .filter(|&s| asks_question(analysis, text, s))
                    .collect();
                let n = asked.len() as u32;
                let status = if n >= *min && n <= *max && n > 0 {
                    Status::Explained
                } else if n > 0 {
                    Status::Mentioned
                } else {
                    Status::Missed
                };
                let ev = asked.first().map(|&s| Evidence {
                    phrase: format!("{n} question{}", if n == 1 { "" } else { "s" }),
                    sentence: analysis.sentence_text(text, s).to_string(),
                    start: analysis.sentences[s].start,
                    end: analysis.sentences[s].end,
                });
                let credit = match status {
                    Status::Explained => 1.0,
                    Status::Mentioned => MISPLACED_CREDIT,
                    Status::Missed => 0.0,
                };
                (status, ev, credit, None)
            }
            Cue::Phrases(_) => {
                let mut found: Option<(Hit, &Phrase, f64)> = None;
                for phrase in &cc.phrases {
                    for hit in index.find(phrase) {
                        if facts[hit.sentence].prose < 0.5
                            || (!phrase.self_negating && index.negated(text, hit))
                        {
                            continue;
                        }
                        let pos = relative_position(&topical_positions, hit.sentence);
                        let better = found.is_none_or(|(h, _, _)| hit.first < h.first);
                        if better {
                            found = Some((hit, phrase, pos));
                        }
                    }
                }
                match found {
                    Some((hit, _, pos)) => {
                        let in_place = match cc.criterion.position {
                            Where::Start => pos <= 0.4,
                            Where::Middle => (0.15..=0.85).contains(&pos),
                            Where::End => pos >= 0.6,
                            Where::Anywhere => true,
                        };
                        let in_order = !cq.ordered || pos + 1e-9 >= last_position;
                        let status = if in_place && in_order {
                            Status::Explained
                        } else {
                            Status::Mentioned
                        };
                        let credit = if status == Status::Explained {
                            1.0
                        } else {
                            MISPLACED_CREDIT
                        };
                        (
                            status,
                            Some(evidence(text, analysis, hit)),
                            credit,
                            Some(pos),
                        )
                    }
                    None => (Status::Missed, None, 0.0, None),
                }
            }
        };
        if let Some(pos) = position {
            last_position = last_position.max(pos);
        }
        crit_earned += credit * cc.criterion.weight;
        let note = match (status, position) {
            (Status::Mentioned, Some(_)) => Some("out of place or out of order".to_string()),
            _ => None,
        };
        criteria.push(Credit {
            id: cc.criterion.id.clone(),
            label: cc.criterion.label.clone(),
            weight: cc.criterion.weight,
            status,
            evidence,
            note,
        });
    }
    let structure = if crit_total > 0.0 {
        crit_earned / crit_total
    } else {
        0.0
    };
    // Structure counts in proportion to the points actually explained: a story skeleton
    // around name-dropped points is not a story.
    let explained_coverage = if total_weight > 0.0 {
        explained_weight / total_weight
    } else {
        0.0
    };
    let gate = (explained_coverage / COVERAGE_GATE).min(1.0);
    // Points named only to be negated or described wrongly count against the answer.
    let contradicted = if total_weight > 0.0 {
        contradicted_weight / total_weight
    } else {
        0.0
    };

    // Relevance: distinct topical words used in real sentences.
    let topical_used: HashSet<&str> = analysis
        .tokens
        .iter()
        .filter(|t| {
            facts[t.sentence].prose >= 0.6
                && cq.topical_stems.contains(&t.stem)
                && !wrong_anywhere.contains(&t.sentence)
        })
        .map(|t| t.stem.as_str())
        .collect();
    let relevance = (topical_used.len() as f64 / RELEVANCE_SATURATION).min(1.0);

    let rubric_part = cq.points_share * coverage + (1.0 - cq.points_share) * structure * gate;
    let raw = (1.0 - RELEVANCE_SHARE) * rubric_part + RELEVANCE_SHARE * relevance;
    let content = ((raw - CONTRADICTION_PENALTY * contradicted) / FULL_MARKS_AT).clamp(0.0, 1.0);

    let mut flags = Vec::new();
    if earned > 0.0 && list_like_credit > earned / 2.0 {
        flags.push("reads like a list of terms: say how each one works, in sentences".to_string());
    }
    if name_dropping {
        flags.push("names the right ideas without saying how or why".to_string());
    }
    if coverage == 0.0 && relevance < 0.3 && !analysis.tokens.is_empty() {
        flags.push("does not seem to answer this question".to_string());
    }
    ContentResult {
        points,
        criteria,
        content,
        flags,
    }
}

fn phrase_strength(phrase: &Phrase, generic: &HashSet<String>) -> f64 {
    match phrase.stems.as_slice() {
        [only] if generic.contains(only) => GENERIC_WORD,
        [_] => SINGLE_WORD,
        _ => 1.0,
    }
}

/// What is needed to judge whether a hit is explained.
struct HitContext<'a> {
    analysis: &'a Analysis,
    text: &'a str,
    term_token: &'a [bool],
    noise: &'a [bool],
    vacuous: &'a HashSet<String>,
    question_stems: &'a HashSet<String>,
    topical_stems: &'a HashSet<String>,
    /// Words common across the pack: no detail about this point.
    generic_stems: &'a HashSet<String>,
    story: bool,
    on_topic_needed: usize,
}

impl HitContext<'_> {
    /// Whether the words around a hit say how or why (a mechanism or reason cue with at least
    /// two informative words, or a number with one; more when the sentence names many points;
    /// either using the topic's own vocabulary), and whether fillers and hedges blur it.
    #[allow(clippy::needless_range_loop)] // `i` indexes tokens, terms and noise alike
    fn explains(&self, hit: Hit, points_in_sentence: usize, terse_claim: bool) -> (bool, bool) {
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

fn evidence(text: &str, analysis: &Analysis, hit: Hit) -> Evidence {
    let start = analysis.tokens[hit.first].start;
    let end = analysis.tokens[hit.last].end;
    Evidence {
        phrase: text.get(start..end).unwrap_or("").to_string(),
        sentence: analysis.sentence_text(text, hit.sentence).to_string(),
        start,
        end,
    }
}

fn sentence_facts(
    cq: &CompiledQuestion,
    analysis: &Analysis,
    text: &str,
    s: usize,
    term_token: &[bool],
    vacuous: &HashSet<String>,
) -> SentenceFacts {
    let sentence = &analysis.sentences[s];
    let range = sentence.tokens.clone();
    let tokens = &analysis.tokens[range.clone()];
    let n = tokens.len();
    let stops = tokens.iter().filter(|t| t.is_stop).count();
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
    let items = sentence.separators + 1;
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

/// Sentence indices that carry the answer (topical), in order; asides are left out so that
/// padding does not move where the structure appears to be.
fn topical_positions(analysis: &Analysis, facts: &[SentenceFacts]) -> Vec<usize> {
    let topical: Vec<usize> = (0..analysis.sentences.len())
        .filter(|&s| facts[s].topical)
        .collect();
    if topical.is_empty() {
        (0..analysis.sentences.len()).collect()
    } else {
        topical
    }
}

/// 0 at the first topical sentence, 1 at the last.
fn relative_position(topical: &[usize], sentence: usize) -> f64 {
    if topical.len() <= 1 {
        return 0.5;
    }
    let rank = topical.partition_point(|&s| s < sentence);
    (rank.min(topical.len() - 1)) as f64 / (topical.len() - 1) as f64
}

fn asks_question(analysis: &Analysis, text: &str, s: usize) -> bool {
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
