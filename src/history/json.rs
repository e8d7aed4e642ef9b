//! The history as JSON: the model as it is. `sessions` (each with `id`, `started_at`, `kind`,
//! `status`, `stages`, `score`, `answered`, `planned`, `time_used_secs`), then the aggregates
//! `stages`, `weakest` and `questions`.

use anyhow::{Context, Result};

use super::History;

pub fn render(history: &History) -> Result<String> {
    let mut json = serde_json::to_string_pretty(history).context("cannot serialize the history")?;
    json.push('\n');
    Ok(json)
}
