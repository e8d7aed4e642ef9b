use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::Env;
use crate::cli::HistoryFormat;
use crate::engine::Style;
use crate::history::{self, Format};
use crate::session::Store;

/// `rehearse history [--format table|json|html] [-o FILE]`: every readable session (a corrupt
/// file is named on stderr and skipped), the trends, the weakest questions.
pub fn run(env: &Env, format: HistoryFormat, output: Option<&Path>) -> Result<ExitCode> {
    let store = Store::new(&env.data_dir()?);
    let scan = store.scan()?;
    for (path, err) in &scan.corrupt {
        super::sitting::warn_corrupt(path, err);
    }
    // Scores come from the sessions; the pack only adds stage titles and the points of
    // skipped questions.
    let pack = if scan.sessions.is_empty() {
        None
    } else {
        env.pack()
            .inspect_err(|err| eprintln!("warning: history without the pack: {err:#}"))
            .ok()
    };
    let history = history::build(&scan.sessions, pack.as_ref());
    let format = match format {
        HistoryFormat::Table => Format::Table,
        HistoryFormat::Json => Format::Json,
        HistoryFormat::Html => Format::Html,
    };
    let style = match (format, output) {
        (Format::Table, None) => super::sitting::stdout_style(),
        _ => Style::PLAIN,
    };
    let text = history::render(&history, format, style)?;
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write the history to {}", path.display()))?,
        None => super::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
