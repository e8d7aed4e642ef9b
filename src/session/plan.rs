//! Which questions a session asks, in which order: a pure function of the pack, the options and
//! the seed. `ChaCha8` keeps a seed's plan the same on every platform.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::model::{Planned, SessionKind};
use crate::pack::{Pack, Question, QuestionKind, StageId};

/// What to plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanRequest {
    pub kind: SessionKind,
    /// The stage of a round (ignored for a loop).
    pub stage: StageId,
    /// Main questions per stage; `None`: as many as fit the stage's minimum minutes.
    pub questions: Option<usize>,
    /// Team rounds in a loop.
    pub team_rounds: u32,
    pub seed: u64,
}

/// The ordered questions of a session. Each stage (each team round) asks randomly chosen main
/// questions and closes with its questions-to-ask question; in a loop, no main question is asked
/// twice, and the team rounds share the team's questions so that each has some.
pub fn build(pack: &Pack, request: &PlanRequest) -> Vec<Planned> {
    let mut rng = ChaCha8Rng::seed_from_u64(request.seed);
    let sittings: Vec<(StageId, u32)> = match request.kind {
        SessionKind::Round | SessionKind::Drill => vec![(request.stage, 1)],
        SessionKind::Loop => StageId::ALL
            .into_iter()
            .flat_map(|stage| {
                let rounds = if stage == StageId::Team {
                    request.team_rounds.max(1)
                } else {
                    1
                };
                (1..=rounds).map(move |round| (stage, round))
            })
            .collect(),
    };

    let mut used: HashSet<&str> = HashSet::new();
    let mut plan = Vec::new();
    for (i, &(stage, round)) in sittings.iter().enumerate() {
        let in_stage = pack.questions_in(stage);
        let closers: Vec<&Question> = in_stage
            .iter()
            .copied()
            .filter(|q| q.kind == QuestionKind::QuestionsToAsk)
            .collect();
        let closer = (!closers.is_empty()).then(|| closers[(round as usize - 1) % closers.len()]);
        let mut candidates: Vec<&Question> = in_stage
            .iter()
            .copied()
            .filter(|q| q.kind != QuestionKind::QuestionsToAsk && !used.contains(q.id.as_str()))
            .collect();
        candidates.shuffle(&mut rng);

        // Leave later rounds of the same stage (team) their share of fresh questions.
        let rounds_left = sittings[i..].iter().filter(|(s, _)| *s == stage).count();
        let share = (candidates.len() / rounds_left.max(1)).max(1);
        let mut chosen: Vec<&Question> = if let Some(n) = request.questions {
            candidates.into_iter().take(n).collect()
        } else {
            let minimum = pack.stage(stage).map_or(0.0, |s| f64::from(s.minutes[0]));
            let budget = minimum - closer.map_or(0.0, |q| q.minutes);
            fitting(&candidates, budget)
        };
        chosen.truncate(share);
        for q in chosen.iter().chain(closer.iter()) {
            used.insert(q.id.as_str());
            plan.push(Planned {
                stage,
                round,
                question_id: q.id.clone(),
            });
        }
    }
    plan
}

/// The questions, in order, that fit in `budget` minutes; always at least one when any exist.
fn fitting<'p>(candidates: &[&'p Question], budget: f64) -> Vec<&'p Question> {
    let mut total = 0.0;
    let mut chosen = Vec::new();
    for q in candidates {
        if total + q.minutes <= budget + 1e-9 {
            total += q.minutes;
            chosen.push(*q);
        }
    }
    if chosen.is_empty() {
        chosen.extend(candidates.first().copied());
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::testing::pack;

    fn request(kind: SessionKind, seed: u64) -> PlanRequest {
        PlanRequest {
            kind,
            stage: StageId::Technical,
            questions: None,
            team_rounds: 3,
            seed,
        }
    }

    #[test]
    fn a_seed_reproduces_the_plan_and_another_changes_it() {
        let pack = pack();
        let a = build(&pack, &request(SessionKind::Loop, 7));
        assert_eq!(a, build(&pack, &request(SessionKind::Loop, 7)));
        assert_ne!(a, build(&pack, &request(SessionKind::Loop, 8)));
    }

    #[test]
    fn default_count_fits_the_minimum_minutes_and_closes_with_questions_to_ask() {
        let plan = build(&pack(), &request(SessionKind::Round, 1));
        // 30 minutes minus 5 for the closing question: five 5-minute questions.
        assert_eq!(plan.len(), 6);
        assert_eq!(
            plan.last().map(|p| p.question_id.as_str()),
            Some("technical-ask")
        );
        assert!(
            plan.iter()
                .all(|p| p.stage == StageId::Technical && p.round == 1)
        );
    }

    #[test]
    fn questions_option_sets_the_main_count() {
        let mut req = request(SessionKind::Round, 1);
        req.questions = Some(2);
        assert_eq!(build(&pack(), &req).len(), 3);
        req.questions = Some(100);
        // 6 of its own plus the shared one, plus the closer.
        assert_eq!(build(&pack(), &req).len(), 8);
    }

    #[test]
    fn a_loop_never_repeats_a_main_question() {
        let mut req = request(SessionKind::Loop, 3);
        req.questions = Some(3);
        let plan = build(&pack(), &req);
        let main: Vec<&str> = plan
            .iter()
            .map(|p| p.question_id.as_str())
            .filter(|id| !id.ends_with("-ask"))
            .collect();
        let unique: HashSet<&str> = main.iter().copied().collect();
        assert_eq!(main.len(), unique.len());
        let team_rounds: HashSet<u32> = plan
            .iter()
            .filter(|p| p.stage == StageId::Team)
            .map(|p| p.round)
            .collect();
        assert_eq!(team_rounds, HashSet::from([1, 2, 3]));
        // Every team round asks main questions of its own and closes with the questions-to-ask.
        for round in 1..=3 {
            let main = plan
                .iter()
                .filter(|p| {
                    p.stage == StageId::Team && p.round == round && p.question_id != "team-ask"
                })
                .count();
            assert!(
                main >= 1,
                "team round {round} has no main question: {plan:?}"
            );
        }
        assert_eq!(
            plan.iter().filter(|p| p.question_id == "team-ask").count(),
            3
        );
        // Stages in loop order.
        let stages: Vec<StageId> = plan.iter().map(|p| p.stage).collect();
        let mut sorted = stages.clone();
        sorted.sort();
        assert_eq!(stages, sorted);
    }

    #[test]
    fn team_rounds_share_the_team_questions_when_many_would_fit() {
        // Five 5-minute questions fit a team round, but the team has only six or seven: each of
        // three rounds gets some.
        let plan = build(&pack(), &request(SessionKind::Loop, 11));
        let per_round: Vec<usize> = (1..=3)
            .map(|round| {
                plan.iter()
                    .filter(|p| p.stage == StageId::Team && p.round == round)
                    .filter(|p| p.question_id != "team-ask")
                    .count()
            })
            .collect();
        assert!(per_round.iter().all(|n| *n >= 2), "{per_round:?}");
    }
}
