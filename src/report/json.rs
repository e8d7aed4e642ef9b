//! The report as JSON: the report model as it is, a stable documented shape.

use anyhow::{Context, Result};

use super::model::Report;

pub fn render(report: &Report) -> Result<String> {
    let mut json = serde_json::to_string_pretty(report).context("cannot serialize the report")?;
    json.push('\n');
    Ok(json)
}
