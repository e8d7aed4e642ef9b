//! The engine driven through the piped console with a stand-in scorer: credit for a point when
//! the answer names its first phrase.

use std::io::Cursor;

use chrono::Utc;

use super::*;
use crate::pack::{Pack, QuestionKind};
use crate::score::{Credit, DeliveryReport};
use crate::session::plan::{self, PlanRequest};
use crate::session::testing;
use crate::session::{Options, Pace, PackRef, SCHEMA_VERSION, Session, SessionKind};

struct Keywords;

impl Assess for Keywords {
    fn assess(&self, question: &Question, answer: &AnswerInput<'_>) -> Assessment {
        let all = answer.combined();
        let points: Vec<Credit> = question
            .points
            .iter()
            .map(|p| Credit {
                id: p.id.clone(),
                label: p.label.clone(),
                weight: p.weight,
                status: if all.contains(&p.any[0]) {
                    PointStatus::Explained
                } else {
                    PointStatus::Missed
                },
                evidence: None,
                note: None,
            })
            .collect();
        let hit: f64 = points
            .iter()
            .filter(|p| p.status != PointStatus::Missed)
            .map(|p| p.weight)
            .sum();
        let total: f64 = points.iter().map(|p| p.weight).sum();
        let score = (100.0 * hit / total).round() as u32;
        Assessment {
            score,
            content: score,
            delivery: 100,
            missed: points
                .iter()
                .filter(|p| p.status == PointStatus::Missed)
                .map(|p| p.label.clone())
                .collect(),
            points,
            criteria: Vec::new(),
            delivery_notes: Vec::new(),
            flags: Vec::new(),
            delivery_detail: DeliveryReport {
                words: 0,
                word_budget: 0,
                fillers: Vec::new(),
                hedges: Vec::new(),
                quantified: Vec::new(),
                i_count: 0,
                we_count: 0,
                elapsed_secs: answer.elapsed_secs,
                limit_secs: answer.limit_secs,
            },
        }
    }
}

fn session(pack: &Pack, kind: SessionKind, questions: usize, feedback: Feedback) -> Session {
    let request = PlanRequest {
        kind,
        stage: StageId::Technical,
        questions: Some(questions),
        team_rounds: 2,
        seed: 5,
    };
    let now = Utc::now();
    Session {
        schema_version: SCHEMA_VERSION,
        id: "test".to_string(),
        kind,
        pack: PackRef {
            name: pack.name.clone(),
            hash: pack.hash.clone(),
        },
        options: Options {
            stage: (kind == SessionKind::Round).then_some(StageId::Technical),
            seed: 5,
            questions: Some(questions),
            pace: Pace::Real,
            feedback,
            team_rounds: (kind == SessionKind::Loop).then_some(2),
        },
        started_at: now,
        updated_at: now,
        status: Status::InProgress,
        plan: plan::build(pack, &request),
        answers: Vec::new(),
        draft: None,
    }
}

/// Runs the engine on `input`; returns the outcome, the output and how many saves happened.
fn run(pack: &Pack, session: &mut Session, input: &str) -> (Outcome, String, usize) {
    let (outcome, output, saved) = run_bytes(pack, session, input.as_bytes());
    (outcome, output, saved.len())
}

/// Runs the engine on raw `input`; returns the outcome, the output and every session saved.
fn run_bytes(pack: &Pack, session: &mut Session, input: &[u8]) -> (Outcome, String, Vec<Session>) {
    let mut console = PipedConsole::new(Cursor::new(input.to_vec()), Vec::new());
    let mut saved = Vec::new();
    let mut save = |s: &Session| -> Result<()> {
        saved.push(s.clone());
        Ok(())
    };
    let outcome = Engine::new(pack, &Keywords, &mut console, session, &mut save)
        .run()
        .expect("engine runs");
    let output = String::from_utf8(console.into_output()).expect("utf-8");
    (outcome, output, saved)
}

#[test]
fn a_round_asks_every_planned_question_and_finishes() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 2, Feedback::End);
    assert_eq!(s.plan.len(), 3);
    let input = "alpha and beta\n\nalpha beta\n\nbeta alpha questions\n\n";
    let (outcome, out, saves) = run(&pack, &mut s, input);
    assert_eq!(outcome, Outcome::Finished);
    assert_eq!(s.status, Status::Finished);
    assert_eq!(s.answers.len(), 3);
    // One save per answer and one when finishing.
    assert_eq!(saves, 4);
    assert!(out.contains("Stage 3/6: The technical stage"), "{out}");
    assert!(
        out.contains("technical · stage 3/6 · question 1/3 · 5:00"),
        "{out}"
    );
    assert!(out.contains("5:00 to answer"), "{out}");
    assert!(out.contains("Q: technical-ask?"), "{out}");
    assert!(!out.contains("Score "), "feedback at the end only: {out}");
    assert!(!out.contains("Follow-up"), "{out}");
}

#[test]
fn follow_ups_probe_missed_points_heaviest_first_and_count() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::Now);
    // Main answer misses both points; the follow-ups are asked Q (weight 2) first.
    let input = "nothing useful\n\nbeta, because reasons\n\nalpha too\n\n";
    let (outcome, out, _) = run(&pack, &mut s, input);
    assert_eq!(outcome, Outcome::InputEnded);
    let q = out.find("Follow-up: And beta?").expect("beta asked");
    let p = out
        .find("Follow-up: What about alpha?")
        .expect("alpha asked");
    assert!(q < p, "{out}");
    let answer = &s.answers[0];
    assert_eq!(answer.follow_ups.len(), 2);
    assert_eq!(answer.follow_ups[0].point_id, "q");
    assert_eq!(answer.follow_ups[0].answer, "beta, because reasons");
    assert_eq!(answer.score(), 100, "re-assessed with the follow-ups");
    assert!(
        out.contains("Score 100/100 (content 100 · delivery 100)"),
        "{out}"
    );
}

#[test]
fn commands_hint_repeat_time_skip() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::Now);
    let input = ":hint\n\n:repeat\n\n:time\n\n:bogus\n\nalpha beta\n\n:skip\n\n";
    let (outcome, out, _) = run(&pack, &mut s, input);
    assert_eq!(outcome, Outcome::Finished);
    assert!(
        out.contains("Hint: a strong answer covers\n  - Point P\n  - Point Q\n"),
        "{out}"
    );
    assert!(out.contains("Time: 0:00 of 5:00 (5:00 left)"), "{out}");
    assert!(out.contains("Unknown command :bogus"), "{out}");
    assert!(s.answers[0].hinted);
    assert!(!s.answers[0].skipped);
    assert!(s.answers[1].skipped);
    assert!(s.answers[1].assessment.is_none());
    assert!(out.contains("Skipped."), "{out}");
    assert!(out.contains("Score 100/100"), "{out}");
}

#[test]
fn quit_and_end_of_input_stop_resumably_and_resume_continues() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 2, Feedback::End);
    let (outcome, out, _) = run(&pack, &mut s, "alpha beta\n\n:quit\n\n");
    assert_eq!(outcome, Outcome::Quit);
    assert_eq!(s.answers.len(), 1);
    assert_eq!(s.status, Status::InProgress);
    assert!(
        out.contains("Saved session test (1 of 3 questions answered)"),
        "{out}"
    );
    assert!(out.contains("rehearse resume test"), "{out}");

    let (outcome, out, _) = run(&pack, &mut s, "alpha beta\n");
    assert_eq!(outcome, Outcome::InputEnded);
    assert!(out.contains("(resumed)"), "{out}");
    assert!(out.contains("question 2/3"), "{out}");
    assert_eq!(s.answers.len(), 2);

    let (outcome, _, _) = run(&pack, &mut s, "alpha beta\n\n");
    assert_eq!(outcome, Outcome::Finished);
    assert_eq!(s.answers.len(), 3);
    assert_eq!(s.answers[2].question_id, "technical-ask");
}

#[test]
fn a_loop_opens_with_the_checklist_and_breaks_between_stages() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Loop, 1, Feedback::End);
    // 5 stages + 2 team rounds, each 1 main question and the closer.
    assert_eq!(s.plan.len(), 14);
    let input = "alpha beta\n\n".repeat(14);
    let (outcome, out, _) = run(&pack, &mut s, &input);
    assert_eq!(outcome, Outcome::Finished);
    assert!(
        out.starts_with("Before each interview\n  [ ] Breathe\n"),
        "{out}"
    );
    assert!(
        out.contains("-- break: 1/6 stages done; next: The hiring-manager stage --"),
        "{out}"
    );
    assert!(
        out.contains("-- break: 5/6 stages done; next: The team stage (round 2/2) --"),
        "{out}"
    );
    assert!(
        out.contains("team · stage 6/6 · round 2/2 · question 2/2"),
        "{out}"
    );
    let questions_to_ask = pack
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::QuestionsToAsk)
        .count();
    assert_eq!(questions_to_ask, 6);
}

#[test]
fn the_main_answer_is_saved_before_its_follow_ups_are_asked() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::End);
    // Misses both points, so follow-ups come; a kill while one is pending must keep it.
    let (_, out, saved) = run_bytes(&pack, &mut s, b"nothing useful\n\nbeta, because\n\n");
    assert!(out.contains("Follow-up: And beta?"), "{out}");
    let first = &saved[0];
    assert_eq!(first.answers.len(), 1);
    assert_eq!(first.answers[0].text, "nothing useful");
    assert!(first.answers[0].follow_ups.is_empty());
    // Each follow-up answer is saved into it as it comes.
    assert_eq!(saved[1].answers[0].follow_ups[0].answer, "beta, because");
    assert_eq!(s.answers[0].follow_ups.len(), 1);
}

#[test]
fn text_typed_before_a_command_is_kept_in_the_answer() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::End);
    run(&pack, &mut s, "alpha first\n:hint\n\nthen beta\n\n");
    assert_eq!(s.answers[0].text, "alpha first\nthen beta");
    assert!(s.answers[0].hinted);
}

#[test]
fn quit_keeps_the_text_typed_and_resume_continues_it() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 2, Feedback::End);
    let (outcome, out, saved) = run_bytes(&pack, &mut s, b"alpha so far\n:quit\n\n");
    assert_eq!(outcome, Outcome::Quit);
    assert!(
        out.contains("What you were typing is kept for then."),
        "{out}"
    );
    assert!(s.answers.is_empty());
    assert_eq!(s.draft.as_deref(), Some("alpha so far"));
    assert_eq!(
        saved.last().and_then(|x| x.draft.clone()).as_deref(),
        Some("alpha so far")
    );

    run(&pack, &mut s, "and beta\n\n");
    assert_eq!(s.answers[0].text, "alpha so far\nand beta");
    assert_eq!(s.draft, None);
}

#[test]
fn bytes_that_are_not_utf8_are_replaced_not_fatal() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::End);
    let (_, _, _) = run_bytes(&pack, &mut s, b"alpha caf\xe9 \xff beta\n\n");
    assert_eq!(s.answers.len(), 1);
    assert_eq!(s.answers[0].text, "alpha caf\u{fffd} \u{fffd} beta");
}

#[test]
fn time_during_a_follow_up_says_follow_ups_are_untimed() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 1, Feedback::End);
    let (_, out, _) = run(&pack, &mut s, "nothing useful\n\n:time\n\n");
    assert!(out.contains("Follow-up: And beta?"), "{out}");
    assert!(
        out.contains("on this follow-up (follow-ups are untimed)"),
        "{out}"
    );
}

#[test]
fn the_saved_message_counts_skipped_questions_apart() {
    let pack = testing::pack();
    let mut s = session(&pack, SessionKind::Round, 2, Feedback::End);
    let (_, out, _) = run(&pack, &mut s, ":skip\n\nalpha beta\n\n:quit\n\n");
    assert!(
        out.contains("Saved session test (1 of 3 questions answered, 1 skipped)"),
        "{out}"
    );
}
