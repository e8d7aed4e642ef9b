//! What scoring one answer produces: every credit with its evidence, every miss with its label.
//! Stored in sessions and rendered by reports, which never recompute it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not in the answer (or only negated, or only in a keyword list).
    Missed,
    /// Named in passing, without saying how or why.
    Mentioned,
    /// Named inside a sentence that gives a mechanism, a reason, an example or a number.
    Explained,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Missed => "missed",
            Status::Mentioned => "mentioned",
            Status::Explained => "explained",
        }
    }
}

/// Where a credit came from: the phrase that matched (as written in the answer) and its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub phrase: String,
    pub sentence: String,
    /// Byte range of the matched words in the answer text, for highlighting.
    pub start: usize,
    pub end: usize,
}

/// How one point of the question, or one criterion of the rubric, was credited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    pub id: String,
    pub label: String,
    pub weight: f64,
    pub status: Status,
    pub evidence: Option<Evidence>,
    /// Why a match earned no credit ("negated", "wrong mechanism"), when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Delivery measured apart from content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryReport {
    pub words: usize,
    /// Words the question's time budget allows at the pack's speaking pace.
    pub word_budget: usize,
    pub fillers: Vec<Count>,
    pub hedges: Vec<Count>,
    /// Sentences with a number tied to an outcome ("cut p99 from 200ms to 40ms").
    pub quantified: Vec<String>,
    /// First-person singular and plural pronouns, for ownership in stories.
    pub i_count: usize,
    pub we_count: usize,
    /// Seconds the answer took and the budget, when timed.
    pub elapsed_secs: Option<f64>,
    pub limit_secs: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub text: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0-100, content-weighted.
    pub score: u32,
    /// 0-100: the question's points and the rubric's criteria.
    pub content: u32,
    /// 0-100: fillers, hedges, quantified impact, length and time.
    pub delivery: u32,
    pub points: Vec<Credit>,
    pub criteria: Vec<Credit>,
    /// Labels of the weighted points that were missed, heaviest first.
    pub missed: Vec<String>,
    /// Plain-language notes on delivery ("4 fillers: \"you know\" ×3, \"um\"").
    pub delivery_notes: Vec<String>,
    /// Why content was discounted ("reads like a keyword list").
    pub flags: Vec<String>,
    pub delivery_detail: DeliveryReport,
}

#[cfg(test)]
impl Assessment {
    /// An assessment that is only a score and the labels it missed, for testing what is built
    /// on top of scores (reports, history, drill).
    pub fn with_score(score: u32, missed: &[&str]) -> Assessment {
        Assessment {
            score,
            content: score,
            delivery: 100,
            points: Vec::new(),
            criteria: Vec::new(),
            missed: missed.iter().map(ToString::to_string).collect(),
            delivery_notes: Vec::new(),
            flags: Vec::new(),
            delivery_detail: DeliveryReport {
                words: 1,
                word_budget: 1,
                fillers: Vec::new(),
                hedges: Vec::new(),
                quantified: Vec::new(),
                i_count: 0,
                we_count: 0,
                elapsed_secs: None,
                limit_secs: None,
            },
        }
    }
}
