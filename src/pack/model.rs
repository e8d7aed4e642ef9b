//! The validated interview pack: what every other module reads.

use serde::{Deserialize, Serialize};

/// The six stages of a loop, in the order a loop runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StageId {
    Recruiter,
    HiringManager,
    Technical,
    CrossFunctional,
    Culture,
    Team,
}

impl StageId {
    pub const ALL: [StageId; 6] = [
        StageId::Recruiter,
        StageId::HiringManager,
        StageId::Technical,
        StageId::CrossFunctional,
        StageId::Culture,
        StageId::Team,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StageId::Recruiter => "recruiter",
            StageId::HiringManager => "hiring-manager",
            StageId::Technical => "technical",
            StageId::CrossFunctional => "cross-functional",
            StageId::Culture => "culture",
            StageId::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<StageId> {
        StageId::ALL.into_iter().find(|id| id.as_str() == s)
    }

    /// 1-based position in the loop.
    pub fn number(self) -> usize {
        StageId::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

impl std::fmt::Display for StageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    MainStory,
    TalkingPoint,
    Gap,
    Behavioral,
    Culture,
    SystemDesign,
    Debugging,
    Compensation,
    QuestionsToAsk,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::MainStory => "main-story",
            QuestionKind::TalkingPoint => "talking-point",
            QuestionKind::Gap => "gap",
            QuestionKind::Behavioral => "behavioral",
            QuestionKind::Culture => "culture",
            QuestionKind::SystemDesign => "system-design",
            QuestionKind::Debugging => "debugging",
            QuestionKind::Compensation => "compensation",
            QuestionKind::QuestionsToAsk => "questions-to-ask",
        }
    }

    /// Stories told in the first person, where "I" vs "we" ownership matters.
    pub fn is_story(self) -> bool {
        matches!(self, QuestionKind::Behavioral | QuestionKind::Culture)
    }
}

/// Where in an answer a rubric criterion is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Where {
    Start,
    Middle,
    End,
    #[default]
    Anywhere,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub name: String,
    pub title: String,
    /// SHA-256 of every file of the pack, so a session can tell it was made with this pack.
    pub hash: String,
    /// In loop order; `check` guarantees all six are present.
    pub stages: Vec<Stage>,
    pub questions: Vec<Question>,
    pub rubrics: Vec<Rubric>,
    pub delivery: Delivery,
    pub checklists: Checklists,
    pub synonyms: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub id: StageId,
    pub title: String,
    pub interviewer: String,
    pub focus: String,
    pub minutes: [u32; 2],
    pub rounds: [u32; 2],
    pub intro: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    /// The stage whose round file defines the question.
    pub stage: StageId,
    /// Other stages that ask it too.
    pub also_in: Vec<StageId>,
    pub text: String,
    pub minutes: f64,
    pub rubric: String,
    pub model_answer: Option<String>,
    pub points: Vec<Point>,
}

impl Question {
    pub fn asked_in(&self, stage: StageId) -> bool {
        self.stage == stage || self.also_in.contains(&stage)
    }

    pub fn stages(&self) -> Vec<StageId> {
        let mut all = vec![self.stage];
        all.extend(self.also_in.iter().copied().filter(|s| *s != self.stage));
        all.sort();
        all.dedup();
        all
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub id: String,
    pub label: String,
    pub weight: f64,
    pub any: Vec<String>,
    pub follow_up: Option<String>,
    pub wrong: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Share of the content score that comes from the question's own points.
    pub points_share: f64,
    pub ordered: bool,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub weight: f64,
    pub position: Where,
    pub cue: Cue,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cue {
    Phrases(Vec<String>),
    QuestionCount { min: u32, max: u32 },
}

#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub fillers: Vec<String>,
    pub hedges: Vec<String>,
    pub words_per_minute: f64,
}

impl Default for Delivery {
    fn default() -> Self {
        let words = |list: &[&str]| list.iter().map(ToString::to_string).collect();
        Delivery {
            fillers: words(&[
                "um",
                "uh",
                "erm",
                "you know",
                "kind of",
                "sort of",
                "i mean",
                "basically",
            ]),
            hedges: words(&["i guess", "i think maybe", "probably", "not sure"]),
            words_per_minute: 140.0,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Checklists {
    pub before: Vec<String>,
    pub day_before: Vec<String>,
    pub day_of: Vec<String>,
}

impl Pack {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn rubric(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id)
    }

    /// Every question asked in `stage`, those defined there first, in file order.
    pub fn questions_in(&self, stage: StageId) -> Vec<&Question> {
        let home = self.questions.iter().filter(|q| q.stage == stage);
        let borrowed = self
            .questions
            .iter()
            .filter(|q| q.stage != stage && q.also_in.contains(&stage));
        home.chain(borrowed).collect()
    }

    /// The question ids closest to a mistyped one, best first.
    pub fn nearest_question_ids(&self, wanted: &str) -> Vec<&str> {
        crate::suggest::nearest(wanted, self.questions.iter().map(|q| q.id.as_str()))
    }
}
