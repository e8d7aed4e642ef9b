//! Where rehearse keeps its data.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The data directory: `--data-dir` / `REHEARSE_DATA_DIR`, else the platform's
/// (e.g. `~/.local/share/rehearse` on Linux).
pub fn data_dir(overridden: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = overridden {
        return Ok(dir.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "rehearse")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .context(
            "no home directory to keep sessions in; pass --data-dir DIR or set REHEARSE_DATA_DIR",
        )
}
