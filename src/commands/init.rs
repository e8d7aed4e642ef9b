use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::pack::PackSource;

/// Writes the embedded pack to `dir` byte for byte. Without `force`, nothing is written if any
/// file already exists, so an edited pack is never half-overwritten.
pub fn run(dir: &Path, force: bool) -> Result<ExitCode> {
    let source = PackSource::embedded();
    let targets: Vec<_> = source
        .files
        .iter()
        .map(|f| (dir.join(&f.path), &f.bytes))
        .collect();
    if !force {
        let existing: Vec<String> = targets
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(crate::error::bad_input(format!(
                "refusing to overwrite {} existing file{} (use --force): {}",
                existing.len(),
                if existing.len() == 1 { "" } else { "s" },
                existing.join(", ")
            )));
        }
    }
    for (path, bytes) in &targets {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    super::print(&format!(
        "wrote {} files of the default pack to {}\nedit them, then: rehearse check {}\n",
        targets.len(),
        dir.display(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
