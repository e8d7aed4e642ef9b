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
/// twice.
pub fn build(pack: &Pack, request: &PlanRequest) -> Vec<Planned> {
    let mut rng = ChaCha8Rng::seed_from_u64(request.seed);
    let sittings: Vec<(StageId, u32)> = match request.kind {
        SessionKind::Round => vec![(request.stage, 1)],
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
    for (stage, round) in sittings {
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

        let chosen = if let Some(n) = request.questions {
            candidates.into_iter().take(n).collect()
        } else {
            let minimum = pack.stage(stage).map_or(0.0, |s| f64::from(s.minutes[0]));
            let budget = minimum - closer.map_or(0.0, |q| q.minutes);
            fitting(&candidates, budget)
        };
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
        // Every team round closes with the team's questions-to-ask.
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
}
