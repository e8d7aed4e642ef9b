use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use super::Env;
use crate::cli::ListFormat;
use crate::pack::{Question, StageId};

/// One question as `list --format json` prints it (a stable, documented shape).
#[derive(Serialize)]
struct ListedQuestion<'a> {
    id: &'a str,
    stage: StageId,
    stages: Vec<StageId>,
    kind: &'a str,
    text: &'a str,
    minutes: f64,
    rubric: &'a str,
    model_answer: Option<&'a str>,
    points: Vec<ListedPoint<'a>>,
}

#[derive(Serialize)]
struct ListedPoint<'a> {
    id: &'a str,
    label: &'a str,
    weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up: Option<&'a str>,
}

impl<'a> From<&'a Question> for ListedQuestion<'a> {
    fn from(q: &'a Question) -> Self {
        ListedQuestion {
            id: &q.id,
            stage: q.stage,
            stages: q.stages(),
            kind: q.kind.as_str(),
            text: &q.text,
            minutes: q.minutes,
            rubric: &q.rubric,
            model_answer: q.model_answer.as_deref(),
            points: q
                .points
                .iter()
                .map(|p| ListedPoint {
                    id: &p.id,
                    label: &p.label,
                    weight: p.weight,
                    follow_up: p.follow_up.as_deref(),
                })
                .collect(),
        }
    }
}

pub fn run(env: &Env, stage: Option<&str>, format: ListFormat) -> Result<ExitCode> {
    let stage = stage.map(super::parse_stage).transpose()?;
    let pack = env.pack()?;
    let questions: Vec<&Question> = match stage {
        Some(stage) => pack.questions_in(stage),
        None => pack.questions.iter().collect(),
    };
    match format {
        ListFormat::Json => {
            let listed: Vec<ListedQuestion> = questions.iter().map(|q| (*q).into()).collect();
            super::print(&(serde_json::to_string_pretty(&listed)? + "\n"))?;
        }
        ListFormat::Table => {
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_HORIZONTAL_ONLY)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(["id", "stages", "kind", "min", "points", "question"]);
            for q in &questions {
                let stages: Vec<&str> = q.stages().iter().map(|s| s.as_str()).collect();
                table.add_row([
                    q.id.clone(),
                    stages.join(", "),
                    q.kind.as_str().to_string(),
                    format_minutes(q.minutes),
                    q.points.len().to_string(),
                    q.text.clone(),
                ]);
            }
            super::print(&format!(
                "{table}\n{} question{} in {}\n",
                questions.len(),
                if questions.len() == 1 { "" } else { "s" },
                stage.map_or_else(|| pack.title.clone(), |s| format!("stage {s}"))
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn format_minutes(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}
