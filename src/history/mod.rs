//! History across sessions: every session, the trend of each stage's score, the weakest
//! questions with the points they keep missing, and how each question's score moved from its
//! first attempt to its latest. Built once by a pure function (`build`) from the sessions, each
//! through the report model so that every score is the report's own; each format only renders.

mod html;
mod json;
mod term;

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::engine::Style;
use crate::pack::{Pack, StageId};
use crate::report;
use crate::session::{Session, SessionKind, Status};

/// Questions whose latest score is below this are weak (the report's "work on" bar too).
pub const WEAK_BELOW: u32 = 75;
/// How many weak questions to show.
pub const WEAKEST: usize = 5;
/// How many missed points to show per weak question.
pub const MISSED_PER_QUESTION: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// Every readable session, oldest first.
    pub sessions: Vec<SessionSummary>,
    /// Each stage that was ever sat, in loop order, with its scores over time.
    pub stages: Vec<StageTrend>,
    /// Questions whose latest score is below `WEAK_BELOW`, lowest first.
    pub weakest: Vec<WeakQuestion>,
    /// Every question answered, with its scores from the first attempt to the latest; most
    /// improved first.
    pub questions: Vec<QuestionTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub kind: SessionKind,
    pub status: Status,
    /// The stages sat, in loop order, with their scores.
    pub stages: Vec<StageScore>,
    /// 0-100: the session's overall score, as in its report.
    pub score: u32,
    pub answered: usize,
    pub planned: usize,
    pub time_used_secs: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageScore {
    pub id: StageId,
    pub score: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTrend {
    pub id: StageId,
    pub title: String,
    /// One point per session that sat the stage, oldest first.
    pub points: Vec<TrendPoint>,
    pub first: u32,
    pub latest: u32,
    pub best: u32,
    /// `latest - first`.
    pub change: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub session_id: String,
    pub started_at: DateTime<Utc>,
    pub score: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakQuestion {
    pub question_id: String,
    pub stage: StageId,
    pub question: String,
    pub attempts: usize,
    pub latest: u32,
    /// The rounded mean over every attempt.
    pub mean: u32,
    /// The points missed most often across attempts, most first.
    pub missed: Vec<MissedPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedPoint {
    pub label: String,
    /// In how many attempts it was missed.
    pub times: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionTrend {
    pub question_id: String,
    pub stage: StageId,
    pub attempts: usize,
    pub first: u32,
    pub latest: u32,
    /// `latest - first`: 0 for a single attempt.
    pub change: i64,
    /// Every attempt's score, oldest first.
    pub scores: Vec<u32>,
}

impl SessionSummary {
    /// "technical", "recruiter, culture" or "all six".
    pub fn stage_list(&self) -> String {
        if self.stages.len() == StageId::ALL.len() {
            return "all six".to_string();
        }
        let ids: Vec<&str> = self.stages.iter().map(|s| s.id.as_str()).collect();
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.join(", ")
        }
    }
}

/// Every attempt at one question, oldest first.
struct Attempts<'r> {
    stage: StageId,
    question: &'r str,
    scores: Vec<u32>,
    missed: Vec<&'r [String]>,
}

/// The history of `sessions` (in any order); `pack`, when loaded, supplies stage titles and
/// the points of skipped questions. Pure: no I/O, no clock.
pub fn build(sessions: &[Session], pack: Option<&Pack>) -> History {
    let mut sorted: Vec<&Session> = sessions.iter().collect();
    sorted.sort_by(|a, b| {
        a.started_at
            .cmp(&b.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    let reports: Vec<report::Report> = sorted.iter().map(|s| report::summary(s, pack)).collect();

    let summaries: Vec<SessionSummary> = reports
        .iter()
        .map(|r| SessionSummary {
            id: r.session_id.clone(),
            started_at: r.started_at,
            kind: r.kind,
            status: r.status,
            stages: r
                .stages
                .iter()
                .map(|s| StageScore {
                    id: s.id,
                    score: s.score,
                })
                .collect(),
            score: r.score,
            answered: r.answered,
            planned: r.planned,
            time_used_secs: r.time_used_secs,
        })
        .collect();

    let mut stages = Vec::new();
    for id in StageId::ALL {
        let mut title = None;
        let points: Vec<TrendPoint> = reports
            .iter()
            .filter_map(|r| {
                let s = r.stages.iter().find(|s| s.id == id)?;
                title.get_or_insert_with(|| s.title.clone());
                Some(TrendPoint {
                    session_id: r.session_id.clone(),
                    started_at: r.started_at,
                    score: s.score,
                })
            })
            .collect();
        let (Some(first), Some(latest)) = (points.first(), points.last()) else {
            continue;
        };
        stages.push(StageTrend {
            id,
            title: title.unwrap_or_else(|| id.to_string()),
            first: first.score,
            latest: latest.score,
            best: points.iter().map(|p| p.score).max().unwrap_or(0),
            change: i64::from(latest.score) - i64::from(first.score),
            points,
        });
    }

    // Attempts per question, in the order the answers were given.
    let mut by_question: BTreeMap<&str, Attempts<'_>> = BTreeMap::new();
    for r in &reports {
        for a in &r.answers {
            let entry = by_question
                .entry(a.question_id.as_str())
                .or_insert_with(|| Attempts {
                    stage: a.stage,
                    question: &a.question,
                    scores: Vec::new(),
                    missed: Vec::new(),
                });
            entry.question = &a.question;
            entry.scores.push(a.score);
            entry.missed.push(&a.missed);
        }
    }

    let mut weakest: Vec<WeakQuestion> = by_question
        .iter()
        .filter_map(|(id, at)| {
            let latest = *at.scores.last()?;
            (latest < WEAK_BELOW).then(|| WeakQuestion {
                question_id: (*id).to_string(),
                stage: at.stage,
                question: at.question.to_string(),
                attempts: at.scores.len(),
                latest,
                mean: mean(&at.scores),
                missed: most_missed(&at.missed),
            })
        })
        .collect();
    weakest.sort_by(|a, b| {
        (a.latest, a.mean)
            .cmp(&(b.latest, b.mean))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    weakest.truncate(WEAKEST);

    let mut questions: Vec<QuestionTrend> = by_question
        .iter()
        .filter_map(|(id, at)| {
            let (first, latest) = (*at.scores.first()?, *at.scores.last()?);
            Some(QuestionTrend {
                question_id: (*id).to_string(),
                stage: at.stage,
                attempts: at.scores.len(),
                first,
                latest,
                change: i64::from(latest) - i64::from(first),
                scores: at.scores.clone(),
            })
        })
        .collect();
    questions.sort_by(|a, b| {
        b.change
            .cmp(&a.change)
            .then(b.attempts.cmp(&a.attempts))
            .then_with(|| a.question_id.cmp(&b.question_id))
    });

    History {
        sessions: summaries,
        stages,
        weakest,
        questions,
    }
}

/// The labels missed most often (at most `MISSED_PER_QUESTION`), most first, then by label.
fn most_missed(attempts: &[&[String]]) -> Vec<MissedPoint> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for missed in attempts {
        let mut seen: Vec<&str> = missed.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for label in seen {
            *counts.entry(label).or_default() += 1;
        }
    }
    let mut points: Vec<MissedPoint> = counts
        .into_iter()
        .map(|(label, times)| MissedPoint {
            label: label.to_string(),
            times,
        })
        .collect();
    points.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.label.cmp(&b.label)));
    points.truncate(MISSED_PER_QUESTION);
    points
}

fn mean(scores: &[u32]) -> u32 {
    if scores.is_empty() {
        return 0;
    }
    let sum: u64 = scores.iter().map(|s| u64::from(*s)).sum();
    (sum as f64 / scores.len() as f64).round() as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Html,
}

/// The history in `format`; `style` colours the table only.
pub fn render(history: &History, format: Format, style: Style) -> Result<String> {
    Ok(match format {
        Format::Table => term::render(history, style),
        Format::Json => json::render(history)?,
        Format::Html => html::render(history),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::score::Assessment;
    use crate::session::Answer;
    use crate::session::testing;

    fn answer(id: &str, stage: StageId, score: Option<u32>, missed: &[&str]) -> Answer {
        let now = Utc::now();
        Answer {
            question_id: id.to_string(),
            stage,
            round: 1,
            question: format!("{id}?"),
            text: "text".to_string(),
            follow_ups: Vec::new(),
            started_at: now,
            ended_at: now,
            elapsed_secs: 60.0,
            limit_secs: Some(300.0),
            overtime_secs: None,
            hinted: false,
            skipped: score.is_none(),
            assessment: score.map(|score| Assessment::with_score(score, missed)),
        }
    }

    fn session(day: u32, answers: Vec<Answer>) -> Session {
        let at = Utc
            .with_ymd_and_hms(2026, 11, day, 9, 0, 0)
            .single()
            .expect("valid time");
        crate::session::testing::finished_session(&format!("day-{day:02}"), at, None, answers)
    }

    #[test]
    fn trends_weakest_and_changes_come_from_the_sessions_in_time_order() {
        let t = StageId::Technical;
        let r = StageId::Recruiter;
        // Given out of order: the history sorts by start.
        let sessions = vec![
            session(
                3,
                vec![
                    answer("technical-0", t, Some(80), &[]),
                    answer("technical-1", t, Some(20), &["Point Q", "Point P"]),
                ],
            ),
            session(
                1,
                vec![
                    answer("technical-0", t, Some(30), &["Point Q"]),
                    answer("technical-1", t, None, &[]),
                ],
            ),
            session(2, vec![answer("recruiter-0", r, Some(60), &["Point Q"])]),
        ];
        let pack = testing::pack();
        let h = build(&sessions, Some(&pack));
        let ids: Vec<&str> = h.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["day-01", "day-02", "day-03"]);
        assert_eq!(h.sessions[0].score, 15);
        assert_eq!(h.sessions[0].stages, vec![StageScore { id: t, score: 15 }]);

        let stages: Vec<(StageId, Vec<u32>, i64)> = h
            .stages
            .iter()
            .map(|s| (s.id, s.points.iter().map(|p| p.score).collect(), s.change))
            .collect();
        assert_eq!(stages, vec![(r, vec![60], 0), (t, vec![15, 50], 35)]);
        assert_eq!(h.stages[1].title, "The technical stage");

        // technical-1: skipped (every point missed, from the pack), then 20.
        let weak: Vec<(&str, u32, u32)> = h
            .weakest
            .iter()
            .map(|w| (w.question_id.as_str(), w.latest, w.mean))
            .collect();
        assert_eq!(weak, vec![("technical-1", 20, 10), ("recruiter-0", 60, 60)]);
        assert_eq!(
            h.weakest[0].missed,
            vec![
                MissedPoint {
                    label: "Point P".to_string(),
                    times: 2
                },
                MissedPoint {
                    label: "Point Q".to_string(),
                    times: 2
                },
            ]
        );

        let changes: Vec<(&str, i64, Vec<u32>)> = h
            .questions
            .iter()
            .map(|q| (q.question_id.as_str(), q.change, q.scores.clone()))
            .collect();
        assert_eq!(
            changes,
            vec![
                ("technical-0", 50, vec![30, 80]),
                ("technical-1", 20, vec![0, 20]),
                ("recruiter-0", 0, vec![60]),
            ]
        );
    }

    #[test]
    fn a_session_left_before_its_first_answer_is_listed_but_not_charted() {
        let h = build(&[session(1, Vec::new())], None);
        assert_eq!(h.sessions.len(), 1);
        assert!(h.stages.is_empty() && h.questions.is_empty());
        let table = render(&h, Format::Table, Style::PLAIN).expect("table");
        assert!(table.contains("No answers yet."), "{table}");
        let html = render(&h, Format::Html, Style::PLAIN).expect("html");
        assert!(!html.contains("<circle"), "{html}");
    }

    #[test]
    fn no_sessions_make_an_empty_history() {
        let h = build(&[], None);
        assert!(h.sessions.is_empty() && h.stages.is_empty() && h.weakest.is_empty());
        for format in [Format::Table, Format::Json, Format::Html] {
            assert!(render(&h, format, Style::PLAIN).is_ok());
        }
    }
}
