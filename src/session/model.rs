//! What a session file holds: the options, the plan and every answer with its assessment.
//! Serialized as JSON, one file per session; `SCHEMA_VERSION` guards the shape.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::pack::StageId;
use crate::score::Assessment;

/// Bumped whenever a field changes meaning or a required field is added.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// One stage.
    Round,
    /// All six stages in order.
    Loop,
    /// The questions most in need of practice, chosen by spaced repetition over past scores.
    Drill,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Round => "round",
            SessionKind::Loop => "loop",
            SessionKind::Drill => "drill",
        }
    }
}

/// How the time budget of a question is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    /// The pack's minutes.
    Real,
    /// Half the pack's minutes.
    Brisk,
    /// No budget, no warnings.
    Untimed,
}

impl Pace {
    pub fn as_str(self) -> &'static str {
        match self {
            Pace::Real => "real",
            Pace::Brisk => "brisk",
            Pace::Untimed => "untimed",
        }
    }

    /// The time budget in seconds for a question of `minutes`, if timed.
    pub fn limit_secs(self, minutes: f64) -> Option<f64> {
        match self {
            Pace::Real => Some(minutes * 60.0),
            Pace::Brisk => Some(minutes * 30.0),
            Pace::Untimed => None,
        }
    }
}

/// When the candidate sees scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feedback {
    /// After every answer.
    Now,
    /// Only in the report, like a real loop.
    End,
}

impl Feedback {
    pub fn as_str(self) -> &'static str {
        match self {
            Feedback::Now => "now",
            Feedback::End => "end",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    Finished,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in-progress",
            Status::Finished => "finished",
        }
    }
}

/// The pack a session was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackRef {
    pub name: String,
    pub hash: String,
}

/// The options the session was started with. `seed` is the seed actually used (generated when
/// none was given), so the plan can always be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// The stage of a round; `None` for a loop.
    pub stage: Option<StageId>,
    pub seed: u64,
    /// Main questions per stage as asked for; `None` means as many as fit the stage.
    pub questions: Option<usize>,
    pub pace: Pace,
    pub feedback: Feedback,
    /// Team rounds of a loop; `None` for a round.
    pub team_rounds: Option<u32>,
}

/// One planned question: which stage and round (1-based; only team has more than one) asks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub stage: StageId,
    pub round: u32,
    pub question_id: String,
}

/// A follow-up the interviewer asked after a missed point, and what the candidate said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The point whose miss prompted it.
    pub point_id: String,
    pub question: String,
    pub answer: String,
    pub skipped: bool,
    pub elapsed_secs: f64,
}

/// One answered (or skipped) planned question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question_id: String,
    pub stage: StageId,
    pub round: u32,
    /// The question as it was asked, so a report still reads well if the pack changes.
    pub question: String,
    pub text: String,
    pub follow_ups: Vec<FollowUp>,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// Time taken by the main answer.
    pub elapsed_secs: f64,
    /// The budget, when timed.
    pub limit_secs: Option<f64>,
    /// Seconds the main answer ran over its budget, if it did.
    #[serde(default)]
    pub overtime_secs: Option<f64>,
    pub hinted: bool,
    pub skipped: bool,
    /// `None` for a skipped question.
    pub assessment: Option<Assessment>,
}

/// Seconds past `limit_secs`, if any.
pub fn overtime(elapsed_secs: f64, limit_secs: Option<f64>) -> Option<f64> {
    limit_secs
        .map(|limit| elapsed_secs - limit)
        .filter(|over| *over > 0.0)
}

impl Answer {
    /// 0 for a skipped question.
    pub fn score(&self) -> u32 {
        self.assessment.as_ref().map_or(0, |a| a.score)
    }

    /// The main answer and its follow-ups.
    pub fn total_secs(&self) -> f64 {
        self.elapsed_secs + self.follow_ups.iter().map(|f| f.elapsed_secs).sum::<f64>()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub kind: SessionKind,
    pub pack: PackRef,
    pub options: Options,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub status: Status,
    /// Every question of the session, in the order it is asked.
    pub plan: Vec<Planned>,
    /// The answers so far: `answers[i]` answers `plan[i]`.
    pub answers: Vec<Answer>,
    /// Text typed for the next planned question before `:quit`, offered again on `resume`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
}

/// Why a file of `schema_version` cannot be read, when it was written by a newer rehearse.
pub fn newer_schema(schema_version: u32) -> Option<String> {
    (schema_version > SCHEMA_VERSION).then(|| {
        format!(
            "schema version {schema_version} is newer than this rehearse understands \
             ({SCHEMA_VERSION}); upgrade rehearse"
        )
    })
}

impl Session {
    /// The index in the plan of the next question to ask, if any is left.
    pub fn next_index(&self) -> Option<usize> {
        (self.answers.len() < self.plan.len()).then_some(self.answers.len())
    }

    pub fn is_finished(&self) -> bool {
        self.status == Status::Finished
    }

    /// Checks what serde cannot: a known schema and answers that follow the plan.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(why) = newer_schema(self.schema_version) {
            return Err(why);
        }
        if self.answers.len() > self.plan.len() {
            return Err(format!(
                "{} answers for {} planned questions",
                self.answers.len(),
                self.plan.len()
            ));
        }
        for (i, (answer, planned)) in self.answers.iter().zip(&self.plan).enumerate() {
            if answer.question_id != planned.question_id || answer.stage != planned.stage {
                return Err(format!(
                    "answer {} is to `{}` but the plan asks `{}` there",
                    i + 1,
                    answer.question_id,
                    planned.question_id
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overtime_is_only_time_past_a_budget() {
        assert_eq!(overtime(250.0, Some(240.0)), Some(10.0));
        assert_eq!(overtime(200.0, Some(240.0)), None);
        assert_eq!(overtime(999.0, None), None);
    }
}
