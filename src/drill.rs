//! Which questions a drill asks: spaced repetition (FSRS, through `rs-fsrs`) over every past
//! answer. A pure function of the pack, the sessions and the time given: no clock, no I/O.
//!
//! Each question is a card. Its answers, oldest first, are reviews rated from their scores
//! (below 40 again, below 60 hard, below 80 good, else easy; a skipped question is again).
//! FSRS keeps a question in short learning steps (minutes) until it is answered well twice in a
//! row, and only then grows the interval in days, more for easy than for good; an answer rated
//! again sends it back to relearning. Learning steps are shorter than a drill, so like a flash-card
//! program's learn-ahead limit, a question due within `LEARN_AHEAD` counts as due now: right after
//! a poor answer, the question is due again.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use serde::Serialize;

use crate::pack::{Pack, StageId};
use crate::session::{Planned, Session};

/// A card due within this much of now is due now: learning steps are minutes long.
pub const LEARN_AHEAD_MINUTES: i64 = 20;

/// The default number of questions in a drill.
pub const DEFAULT_COUNT: usize = 5;

/// The FSRS rating of an answer's score.
pub fn rating(score: u32) -> Rating {
    match score {
        0..40 => Rating::Again,
        40..60 => Rating::Hard,
        60..80 => Rating::Good,
        _ => Rating::Easy,
    }
}

/// Why a question is in the drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Answered before and due now.
    Due,
    /// Never answered.
    New,
    /// Answered before, not due yet: only to fill the count, soonest due first.
    Early,
}

/// One question of a drill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    pub question_id: String,
    /// The stage that asks it in the drill.
    pub stage: StageId,
    pub reason: Reason,
    /// The score of the latest answer, if any.
    pub latest: Option<u32>,
    pub attempts: usize,
    /// When FSRS schedules it next, if it was ever answered.
    pub due: Option<DateTime<Utc>>,
}

/// What to drill.
#[derive(Debug, Clone, Copy)]
pub struct DrillRequest {
    pub count: usize,
    /// Only questions asked in this stage.
    pub stage: Option<StageId>,
    /// Orders the questions never answered.
    pub seed: u64,
}

/// The memory state of one question after its answers.
#[derive(Debug, Clone)]
struct Scheduled {
    card: Card,
    latest: u32,
    attempts: usize,
}

/// The drill's questions, in order: due questions with the lowest latest score first, then
/// questions never answered (in seeded random order), then, to fill the count, the others by
/// when they fall due.
pub fn plan(
    pack: &Pack,
    sessions: &[Session],
    now: DateTime<Utc>,
    req: &DrillRequest,
) -> Vec<Pick> {
    let questions: Vec<_> = match req.stage {
        Some(stage) => pack.questions_in(stage),
        None => pack.questions.iter().collect(),
    };
    let horizon = now + Duration::minutes(LEARN_AHEAD_MINUTES);
    // Every answer, grouped by question in one pass over the history (a pass per question
    // went over a thousand sessions forty times).
    let mut answers: HashMap<&str, Vec<(DateTime<Utc>, u32)>> = HashMap::new();
    for a in sessions.iter().flat_map(|s| &s.answers) {
        answers
            .entry(a.question_id.as_str())
            .or_default()
            .push((a.ended_at.max(a.started_at), a.score()));
    }
    let mut due = Vec::new();
    let mut new = Vec::new();
    let mut early = Vec::new();
    for q in questions {
        let stage = req.stage.unwrap_or(q.stage);
        match schedule(answers.remove(q.id.as_str()).unwrap_or_default()) {
            None => new.push(Pick {
                question_id: q.id.clone(),
                stage,
                reason: Reason::New,
                latest: None,
                attempts: 0,
                due: None,
            }),
            Some(s) => {
                let is_due = s.card.due <= horizon;
                let pick = Pick {
                    question_id: q.id.clone(),
                    stage,
                    reason: if is_due { Reason::Due } else { Reason::Early },
                    latest: Some(s.latest),
                    attempts: s.attempts,
                    due: Some(s.card.due),
                };
                if is_due {
                    due.push(pick);
                } else {
                    early.push(pick);
                }
            }
        }
    }
    due.sort_by(|a, b| {
        a.latest
            .cmp(&b.latest)
            .then(a.due.cmp(&b.due))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    new.shuffle(&mut ChaCha8Rng::seed_from_u64(req.seed));
    early.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(a.latest.cmp(&b.latest))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    due.into_iter()
        .chain(new)
        .chain(early)
        .take(req.count)
        .collect()
}

/// The plan of a drill session.
pub fn planned(picks: &[Pick]) -> Vec<Planned> {
    picks
        .iter()
        .map(|p| Planned {
            stage: p.stage,
            round: 1,
            question_id: p.question_id.clone(),
        })
        .collect()
}

/// Replays the answers to one question (when, score), oldest first, through FSRS; `None` if
/// never answered.
fn schedule(mut answers: Vec<(DateTime<Utc>, u32)>) -> Option<Scheduled> {
    answers.sort_by_key(|(at, _)| *at);
    let (first, _) = *answers.first()?;
    let fsrs = FSRS::new(Parameters {
        enable_fuzz: false,
        enable_short_term: true,
        ..Parameters::default()
    });
    let mut card = Card {
        due: first,
        last_review: first,
        state: State::New,
        ..Card::default()
    };
    let mut latest = 0;
    for (at, score) in &answers {
        card = fsrs.next(card, *at, rating(*score)).card;
        latest = *score;
    }
    Some(Scheduled {
        card,
        latest,
        attempts: answers.len(),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::score::Assessment;
    use crate::session::Answer;
    use crate::session::testing;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
            .single()
            .expect("valid time")
    }

    fn answer(
        question_id: &str,
        stage: StageId,
        score: Option<u32>,
        when: DateTime<Utc>,
    ) -> Answer {
        Answer {
            question_id: question_id.to_string(),
            stage,
            round: 1,
            question: String::new(),
            text: "text".to_string(),
            follow_ups: Vec::new(),
            started_at: when,
            ended_at: when,
            elapsed_secs: 60.0,
            limit_secs: None,
            overtime_secs: None,
            hinted: false,
            skipped: score.is_none(),
            assessment: score.map(|score| Assessment::with_score(score, &[])),
        }
    }

    fn session(answers: Vec<Answer>) -> Session {
        let when = answers.first().map_or_else(|| at(1, 9), |a| a.started_at);
        testing::finished_session(
            &format!("s-{when}"),
            when,
            Some(StageId::Technical),
            answers,
        )
    }

    fn ids(picks: &[Pick]) -> Vec<&str> {
        picks.iter().map(|p| p.question_id.as_str()).collect()
    }

    fn request(count: usize) -> DrillRequest {
        DrillRequest {
            count,
            stage: Some(StageId::Technical),
            seed: 1,
        }
    }

    #[test]
    fn scores_map_to_ratings() {
        assert_eq!(rating(0), Rating::Again);
        assert_eq!(rating(39), Rating::Again);
        assert_eq!(rating(40), Rating::Hard);
        assert_eq!(rating(59), Rating::Hard);
        assert_eq!(rating(60), Rating::Good);
        assert_eq!(rating(79), Rating::Good);
        assert_eq!(rating(80), Rating::Easy);
        assert_eq!(rating(100), Rating::Easy);
    }

    #[test]
    fn right_after_a_session_the_worst_answers_come_first_then_new_questions() {
        let pack = testing::pack();
        let t = StageId::Technical;
        let s = session(vec![
            answer("technical-0", t, Some(55), at(3, 10)),
            answer("technical-1", t, Some(12), at(3, 10)),
            answer("technical-2", t, None, at(3, 10)),
            answer("technical-3", t, Some(95), at(3, 10)),
        ]);
        let picks = plan(&pack, &[s], at(3, 10) + Duration::minutes(2), &request(20));
        let first: Vec<&str> = ids(&picks).into_iter().take(3).collect();
        // Skipped counts 0; the easy one is not due and comes last.
        assert_eq!(first, vec!["technical-2", "technical-1", "technical-0"]);
        assert!(picks[..3].iter().all(|p| p.reason == Reason::Due));
        let last = picks.last().expect("picks");
        assert_eq!(
            (last.question_id.as_str(), last.reason),
            ("technical-3", Reason::Early)
        );
        assert!(
            picks[3..picks.len() - 1]
                .iter()
                .all(|p| p.reason == Reason::New && p.latest.is_none())
        );
        // The count cuts the list.
        assert_eq!(plan(&pack, &[], at(3, 10), &request(2)).len(), 2);
    }

    #[test]
    fn intervals_grow_only_as_answers_get_good() {
        let pack = testing::pack();
        let t = StageId::Technical;
        let due_after = |scores: &[u32]| {
            let answers: Vec<Answer> = scores
                .iter()
                .enumerate()
                .map(|(i, s)| answer("technical-0", t, Some(*s), at(1 + i as u32 * 3, 9)))
                .collect();
            let last = answers.last().map(|a| a.ended_at).expect("answers");
            let picks = plan(&pack, &[session(answers)], last, &request(20));
            let pick = picks
                .iter()
                .find(|p| p.question_id == "technical-0")
                .expect("planned");
            (pick.due.expect("due") - last).num_days()
        };
        // Poor answers: due again at once, however often they come.
        assert_eq!(due_after(&[20]), 0);
        assert_eq!(due_after(&[85, 90, 20]), 0);
        // Good answers: learning first, then days, growing.
        let two = due_after(&[70, 75]);
        let three = due_after(&[70, 75, 78]);
        assert!(two >= 1 && three > two, "{two} then {three}");
        // Easy grows faster than good.
        assert!(due_after(&[90, 95, 95]) > three);
    }

    #[test]
    fn the_clock_decides_what_is_due_and_a_stage_filters() {
        let pack = testing::pack();
        let t = StageId::Technical;
        let s = session(vec![
            answer("technical-0", t, Some(85), at(1, 9)),
            answer("recruiter-0", StageId::Recruiter, Some(10), at(1, 9)),
        ]);
        let sessions = [s];
        let soon = plan(&pack, &sessions, at(1, 10), &request(50));
        assert_eq!(
            soon.iter()
                .find(|p| p.question_id == "technical-0")
                .map(|p| p.reason),
            Some(Reason::Early)
        );
        assert!(soon.iter().all(|p| p.stage == t), "{soon:?}");
        assert!(!ids(&soon).contains(&"recruiter-0"));
        let later = plan(&pack, &sessions, at(28, 9), &request(50));
        assert_eq!(later[0].question_id, "technical-0");
        assert_eq!(later[0].reason, Reason::Due);
        // Without a stage, every question, each from its own stage.
        let all = plan(
            &pack,
            &sessions,
            at(1, 10),
            &DrillRequest {
                count: 1,
                stage: None,
                seed: 1,
            },
        );
        assert_eq!(ids(&all), vec!["recruiter-0"]);
        assert_eq!(all[0].stage, StageId::Recruiter);
    }

    #[test]
    fn a_seed_orders_new_questions_reproducibly() {
        let pack = testing::pack();
        let a = plan(&pack, &[], at(1, 9), &request(20));
        assert_eq!(a, plan(&pack, &[], at(1, 9), &request(20)));
        let other = DrillRequest {
            seed: 99,
            ..request(20)
        };
        let b = plan(&pack, &[], at(1, 9), &other);
        assert_ne!(ids(&a), ids(&b));
    }
}
