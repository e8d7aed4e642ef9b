//! The report of a session, computed once by `build`: every format renders this and nothing
//! else, so no format recomputes a score.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::pack::{Pack, Point, Question, StageId};
use crate::score::{Assessment, Status as PointStatus};
use crate::session::{Answer, Options, PackRef, Session, SessionKind, Status};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub session_id: String,
    pub kind: SessionKind,
    pub status: Status,
    pub pack: PackRef,
    /// Whether the pack the report was made with is the session's (same hash). When not, model
    /// answers and stage titles come from the current pack where ids match.
    pub pack_matches: bool,
    /// Whether a pack could be loaded at all: without one there are no model answers.
    pub pack_loaded: bool,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub options: Options,
    /// 0-100: the mean of the stage scores.
    pub score: u32,
    pub answered: usize,
    pub planned: usize,
    pub time_used_secs: f64,
    pub stages: Vec<StageReport>,
    /// The lowest-scoring answers, lowest first, with what they missed most.
    pub work_on: Vec<WorkOn>,
    pub answers: Vec<AnswerReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageReport {
    pub id: StageId,
    pub title: String,
    /// Rounds sat (team rounds in a loop).
    pub rounds: u32,
    /// 0-100: the mean of the stage's answer scores (a skipped question counts 0).
    pub score: u32,
    pub answered: usize,
    pub planned: usize,
    /// Main answers and follow-ups.
    pub time_used_secs: f64,
    /// Sum of the answered questions' budgets, when timed.
    pub time_budget_secs: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkOn {
    pub question_id: String,
    pub stage: StageId,
    pub score: u32,
    /// The heaviest missed point, if any.
    pub missed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    pub question_id: String,
    pub stage: StageId,
    pub round: u32,
    pub question: String,
    pub text: String,
    /// 0 for a skipped question.
    pub score: u32,
    pub skipped: bool,
    pub hinted: bool,
    pub elapsed_secs: f64,
    pub limit_secs: Option<f64>,
    pub overtime_secs: Option<f64>,
    /// Points credited, with the sentence that earned them.
    pub hits: Vec<Hit>,
    /// Labels of the points missed, heaviest first.
    pub missed: Vec<String>,
    /// Labels of the rubric's structure criteria missed (STAR parts, design steps...).
    pub structure_missed: Vec<String>,
    pub delivery_notes: Vec<String>,
    pub flags: Vec<String>,
    pub follow_ups: Vec<FollowUpReport>,
    pub model_answer: Option<String>,
    /// The stored assessment, unchanged (`null` for a skipped question).
    pub assessment: Option<Assessment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub label: String,
    pub status: PointStatus,
    /// The sentence of the answer that earned the credit.
    pub quote: Option<String>,
    /// Byte range of the matched words in the answer joined with its answered follow-ups
    /// (for highlighting; the JSON has it in `assessment.points[].evidence`).
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpReport {
    pub question: String,
    pub answer: String,
    pub skipped: bool,
}

/// The report of `session`; `pack` (when it could be loaded) supplies stage titles and model
/// answers. Pure: no I/O, no clock.
pub fn build(session: &Session, pack: Option<&Pack>) -> Report {
    build_with(session, pack, Detail::Full)
}

/// The report without what only the page of one session shows: each answer keeps its
/// question, score, time and missed points, but not its text, evidence, notes, follow-ups,
/// model answer or stored assessment. All `history` needs of a session, at a fraction of the
/// cost over a thousand sessions.
pub fn summary(session: &Session, pack: Option<&Pack>) -> Report {
    build_with(session, pack, Detail::Summary)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    Summary,
}

fn build_with(session: &Session, pack: Option<&Pack>, detail: Detail) -> Report {
    let answers: Vec<AnswerReport> = session
        .answers
        .iter()
        .map(|a| match detail {
            Detail::Full => answer_report(a, pack),
            Detail::Summary => answer_summary(a, pack),
        })
        .collect();

    let mut stages: Vec<StageReport> = Vec::new();
    for id in StageId::ALL {
        let of_stage: Vec<&Answer> = session.answers.iter().filter(|a| a.stage == id).collect();
        if of_stage.is_empty() {
            continue;
        }
        let mut rounds: Vec<u32> = of_stage.iter().map(|a| a.round).collect();
        rounds.dedup();
        let budgets: Vec<f64> = of_stage.iter().filter_map(|a| a.limit_secs).collect();
        stages.push(StageReport {
            id,
            title: pack
                .and_then(|p| p.stage(id))
                .map_or_else(|| id.to_string(), |s| s.title.clone()),
            rounds: rounds.len() as u32,
            score: mean(of_stage.iter().map(|a| a.score())),
            answered: of_stage.len(),
            planned: session.plan.iter().filter(|p| p.stage == id).count(),
            time_used_secs: of_stage.iter().map(|a| a.total_secs()).sum(),
            time_budget_secs: (budgets.len() == of_stage.len()).then(|| budgets.iter().sum()),
        });
    }

    let mut work_on: Vec<WorkOn> = answers
        .iter()
        .filter(|a| a.score < 75)
        .map(|a| WorkOn {
            question_id: a.question_id.clone(),
            stage: a.stage,
            score: a.score,
            missed: a.missed.first().cloned(),
        })
        .collect();
    work_on.sort_by_key(|w| w.score);
    work_on.truncate(3);

    Report {
        session_id: session.id.clone(),
        kind: session.kind,
        status: session.status,
        pack: session.pack.clone(),
        pack_matches: pack.is_some_and(|p| p.hash == session.pack.hash),
        pack_loaded: pack.is_some(),
        started_at: session.started_at,
        updated_at: session.updated_at,
        options: session.options.clone(),
        score: mean(stages.iter().map(|s| s.score)),
        answered: session.answers.len(),
        planned: session.plan.len(),
        time_used_secs: session.answers.iter().map(Answer::total_secs).sum(),
        stages,
        work_on,
        answers,
    }
}

fn answer_report(answer: &Answer, pack: Option<&Pack>) -> AnswerReport {
    let question = pack.and_then(|p| p.question(&answer.question_id));
    let assessment = answer.assessment.as_ref();
    let hits = assessment
        .map(|a| {
            a.points
                .iter()
                .filter(|p| p.status != PointStatus::Missed)
                .map(|p| Hit {
                    label: p.label.clone(),
                    status: p.status,
                    quote: p.evidence.as_ref().map(|e| e.sentence.trim().to_string()),
                    span: p.evidence.as_ref().map(|e| (e.start, e.end)),
                })
                .collect()
        })
        .unwrap_or_default();
    let structure_missed = assessment
        .map(|a| {
            a.criteria
                .iter()
                .filter(|c| c.status == PointStatus::Missed)
                .map(|c| c.label.clone())
                .collect()
        })
        .unwrap_or_default();
    AnswerReport {
        text: answer.text.clone(),
        hits,
        structure_missed,
        delivery_notes: assessment
            .map(|a| a.delivery_notes.clone())
            .unwrap_or_default(),
        flags: assessment.map(|a| a.flags.clone()).unwrap_or_default(),
        follow_ups: answer
            .follow_ups
            .iter()
            .map(|f| FollowUpReport {
                question: f.question.clone(),
                answer: f.answer.clone(),
                skipped: f.skipped,
            })
            .collect(),
        model_answer: question.and_then(|q| q.model_answer.clone()),
        assessment: answer.assessment.clone(),
        ..answer_summary(answer, pack)
    }
}

/// An answer's question, score, time and missed points, and nothing else.
fn answer_summary(answer: &Answer, pack: Option<&Pack>) -> AnswerReport {
    AnswerReport {
        question_id: answer.question_id.clone(),
        stage: answer.stage,
        round: answer.round,
        question: answer.question.clone(),
        text: String::new(),
        score: answer.score(),
        skipped: answer.skipped,
        hinted: answer.hinted,
        elapsed_secs: answer.elapsed_secs,
        limit_secs: answer.limit_secs,
        overtime_secs: answer.overtime_secs,
        hits: Vec::new(),
        missed: answer.assessment.as_ref().map_or_else(
            || all_points(pack.and_then(|p| p.question(&answer.question_id))),
            |a| a.missed.clone(),
        ),
        structure_missed: Vec::new(),
        delivery_notes: Vec::new(),
        flags: Vec::new(),
        follow_ups: Vec::new(),
        model_answer: None,
        assessment: None,
    }
}

/// The labels of a question's points, heaviest first: what a skipped question missed.
fn all_points(question: Option<&Question>) -> Vec<String> {
    let mut points: Vec<&Point> = question
        .map(|q| q.points.iter().collect())
        .unwrap_or_default();
    points.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    points.into_iter().map(|p| p.label.clone()).collect()
}

/// The rounded mean, 0 for none.
fn mean(scores: impl Iterator<Item = u32>) -> u32 {
    let (sum, n) = scores.fold((0u64, 0u64), |(s, n), x| (s + u64::from(x), n + 1));
    if n == 0 {
        0
    } else {
        ((sum as f64) / (n as f64)).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::session::testing;
    use crate::session::{Feedback, Pace, Planned, SCHEMA_VERSION};

    fn answer(question_id: &str, stage: StageId, score: Option<u32>, secs: f64) -> Answer {
        let now = Utc::now();
        Answer {
            question_id: question_id.to_string(),
            stage,
            round: 1,
            question: format!("{question_id}?"),
            text: "text".to_string(),
            follow_ups: Vec::new(),
            started_at: now,
            ended_at: now,
            elapsed_secs: secs,
            limit_secs: Some(300.0),
            overtime_secs: None,
            hinted: false,
            skipped: score.is_none(),
            assessment: score.map(|score| Assessment::with_score(score, &["Point Q"])),
        }
    }

    #[test]
    fn stage_scores_are_means_and_the_overall_weighs_stages_equally() {
        let pack = testing::pack();
        let now = Utc::now();
        let answers = vec![
            answer("recruiter-0", StageId::Recruiter, Some(90), 60.0),
            answer("recruiter-ask", StageId::Recruiter, Some(70), 30.0),
            answer("technical-0", StageId::Technical, Some(41), 100.0),
            answer("technical-1", StageId::Technical, None, 5.0),
        ];
        let plan = answers
            .iter()
            .map(|a| Planned {
                stage: a.stage,
                round: 1,
                question_id: a.question_id.clone(),
            })
            .chain(std::iter::once(Planned {
                stage: StageId::Culture,
                round: 1,
                question_id: "culture-0".to_string(),
            }))
            .collect();
        let session = Session {
            schema_version: SCHEMA_VERSION,
            id: "s".to_string(),
            kind: SessionKind::Loop,
            pack: PackRef {
                name: "t".to_string(),
                hash: "h".to_string(),
            },
            options: Options {
                stage: None,
                seed: 1,
                questions: None,
                pace: Pace::Real,
                feedback: Feedback::End,
                team_rounds: Some(2),
            },
            started_at: now,
            updated_at: now,
            status: Status::InProgress,
            plan,
            answers,
            draft: None,
        };
        let report = build(&session, Some(&pack));
        assert!(report.pack_matches);
        assert_eq!((report.answered, report.planned), (4, 5));
        let scores: Vec<(StageId, u32)> = report.stages.iter().map(|s| (s.id, s.score)).collect();
        // Technical: (41 + 0 for the skipped one) / 2 = 20.5, rounded.
        assert_eq!(
            scores,
            vec![(StageId::Recruiter, 80), (StageId::Technical, 21)]
        );
        assert_eq!(report.score, 51);
        // The summary (for `history`) is the report without each answer's detail.
        let mut stripped = report.clone();
        for a in &mut stripped.answers {
            a.text.clear();
            a.hits.clear();
            a.structure_missed.clear();
            a.delivery_notes.clear();
            a.flags.clear();
            a.follow_ups.clear();
            a.model_answer = None;
            a.assessment = None;
        }
        assert_eq!(summary(&session, Some(&pack)), stripped);
        assert!((report.stages[0].time_used_secs - 90.0).abs() < 1e-9);
        assert_eq!(report.stages[0].time_budget_secs, Some(600.0));
        // The skipped answer missed every point, heaviest first.
        assert_eq!(report.answers[3].missed, vec!["Point Q", "Point P"]);
        assert_eq!(
            report.answers[3].model_answer.as_deref(),
            Some("The model answer to technical-1.")
        );
        let work_on: Vec<&str> = report
            .work_on
            .iter()
            .map(|w| w.question_id.as_str())
            .collect();
        assert_eq!(work_on, vec!["technical-1", "technical-0", "recruiter-ask"]);
        // Rendering only reads the model.
        let text = super::super::render(
            &report,
            super::super::Format::Term,
            crate::engine::Style::PLAIN,
        )
        .expect("render");
        assert!(text.contains("Overall score: 51/100"), "{text}");
    }
}
