use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::Env;
use crate::cli::ReportFormat;
use crate::engine::Style;
use crate::report::{self, Format};
use crate::session::{Latest, Store};

/// `rehearse report [SESSION] [--format term|md|json|html] [-o FILE]`.
pub fn run(
    env: &Env,
    wanted: Option<&str>,
    format: ReportFormat,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let store = Store::new(&env.data_dir()?);
    let session = store.find(wanted, Latest::Answered, &mut super::sitting::warn_corrupt)?;
    // The session holds every answer and score: a pack that cannot be loaded only costs the
    // model answers and stage titles.
    let pack = env
        .pack()
        .inspect_err(|err| eprintln!("warning: reporting without the pack: {err:#}"))
        .ok();
    let report = report::build(&session, pack.as_ref());
    let format = match format {
        ReportFormat::Term => Format::Term,
        ReportFormat::Md => Format::Md,
        ReportFormat::Json => Format::Json,
        ReportFormat::Html => Format::Html,
    };
    let style = match (format, output) {
        (Format::Term, None) => super::sitting::stdout_style(),
        _ => Style::PLAIN,
    };
    let text = report::render(&report, format, style)?;
    match output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write the report to {}", path.display()))?,
        None => super::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
