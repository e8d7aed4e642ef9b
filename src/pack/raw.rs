//! The pack's file format, exactly as written on disk.
//!
//! These structs mirror the TOML files one to one and keep the source spans of every value that
//! `check` may need to point at. `load` turns them into the validated model in `model.rs`.

use serde::Deserialize;
use toml::Spanned;

use super::model::{QuestionKind, StageId, Where};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: Option<PackMeta>,
    #[serde(default)]
    pub checklists: Checklists,
    #[serde(default)]
    pub synonyms: Vec<SynonymGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: String,
    pub title: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Checklists {
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub day_before: Vec<String>,
    #[serde(default)]
    pub day_of: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub terms: Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundFile {
    pub stage: Spanned<StageTable>,
    #[serde(default)]
    pub question: Vec<QuestionTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageTable {
    pub id: Spanned<StageId>,
    pub title: String,
    pub interviewer: String,
    pub focus: String,
    pub minutes: Spanned<[i64; 2]>,
    pub rounds: Option<Spanned<[i64; 2]>>,
    pub intro: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTable {
    pub id: Spanned<String>,
    pub kind: QuestionKind,
    pub text: String,
    pub minutes: Spanned<f64>,
    pub rubric: Spanned<String>,
    #[serde(default)]
    pub also_in: Vec<Spanned<StageId>>,
    pub model_answer: Option<String>,
    #[serde(default)]
    pub point: Vec<PointTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointTable {
    pub id: Spanned<String>,
    pub label: String,
    pub weight: Spanned<f64>,
    pub any: Spanned<Vec<String>>,
    pub follow_up: Option<String>,
    #[serde(default)]
    pub wrong: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricFile {
    pub rubric: RubricTable,
    #[serde(default)]
    pub criterion: Vec<CriterionTable>,
    pub delivery: Option<DeliveryTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricTable {
    pub id: Spanned<String>,
    pub title: String,
    pub description: Option<String>,
    pub points_share: Option<Spanned<f64>>,
    #[serde(default)]
    pub ordered: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionTable {
    pub id: Spanned<String>,
    pub label: String,
    pub weight: Spanned<f64>,
    #[serde(rename = "where", default)]
    pub position: Where,
    pub any: Option<Spanned<Vec<String>>>,
    pub count_questions: Option<Spanned<[i64; 2]>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryTable {
    #[serde(default)]
    pub fillers: Vec<String>,
    #[serde(default)]
    pub hedges: Vec<String>,
    pub words_per_minute: Option<Spanned<f64>>,
}
