//! Content: the question's points and the rubric's criteria, each credited once, with evidence.

use std::collections::HashSet;

use super::assessment::{Credit, Evidence, Status};
use super::compiled::CompiledQuestion;
use super::contrast;
use super::judge::{HitContext, SentenceFacts, asks_question, sentence_facts};
use super::lexicon;
use super::matcher::{Hit, Index, Phrase};
use super::text::{Analysis, Normalizer};
use crate::pack::{Cue, Where};

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
/// The note on a point described with a wrong mechanism (a contrast's note says more).
const WRONG: &str = "described with a wrong mechanism";
/// Raw content that already deserves 100: strong answers rarely name every point.
const FULL_MARKS_AT: f64 = 0.8;

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
        let mut wrong_sentences: HashSet<usize> =
            index.sentences_affirming(text, &cp.wrong).collect();
        // A sentence that claims a misconception about the point counts against it whether or
        // not it names the point: "we retry it in a tight loop" is wrong about retries. A
        // contrast's note, which names both practices, is the one shown.
        let contradictions = contrast::contradicted(&cp.contrasts, &index, analysis, text);
        let mut note = contradictions
            .first()
            .map(|(_, why)| why.clone())
            .or_else(|| (!wrong_sentences.is_empty()).then(|| WRONG.to_string()));
        wrong_sentences.extend(contradictions.into_iter().map(|(s, _)| s));
        wrong_anywhere.extend(wrong_sentences.iter().copied());
        let mut hits = Vec::new();
        for phrase in &cp.phrases {
            for hit in index.find(phrase) {
                for flag in &mut term_token[hit.first..=hit.last] {
                    *flag = true;
                }
                if wrong_sentences.contains(&hit.sentence) {
                    // Voided: the note above already says why.
                } else if !index.affirms(text, phrase, hit) {
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
        .map(|s| sentence_facts(cq, analysis, text, s, &term_token, &vacuous, noise))
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
                        if facts[hit.sentence].prose < 0.5 || !index.affirms(text, phrase, hit) {
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
