//! Where a pack's files come from: compiled into the binary, or a folder on disk.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use include_dir::{Dir, include_dir};

static EMBEDDED_ROUNDS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rounds");
static EMBEDDED_RUBRICS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rubrics");
static EMBEDDED_PACK_TOML: &[u8] = include_bytes!("../../pack.toml");

pub const PACK_FILE: &str = "pack.toml";
pub const ROUNDS_DIR: &str = "rounds";
pub const RUBRICS_DIR: &str = "rubrics";

/// One file of a pack: its path relative to the pack root (with `/` separators) and its bytes.
#[derive(Debug, Clone)]
pub struct PackFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The files of a pack, sorted by path, and where they came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    pub origin: Origin,
    pub files: Vec<PackFile>,
}

#[derive(Debug, Clone)]
pub enum Origin {
    Embedded,
    Dir(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Embedded => f.write_str("the embedded default pack"),
            Origin::Dir(dir) => write!(f, "the pack in {}", dir.display()),
        }
    }
}

impl PackSource {
    /// The default pack compiled into the binary.
    pub fn embedded() -> PackSource {
        let mut files = vec![PackFile {
            path: PACK_FILE.to_string(),
            bytes: EMBEDDED_PACK_TOML.to_vec(),
        }];
        for (dir, name) in [
            (&EMBEDDED_ROUNDS, ROUNDS_DIR),
            (&EMBEDDED_RUBRICS, RUBRICS_DIR),
        ] {
            files.extend(dir.files().filter(|f| is_toml(f.path())).map(|f| PackFile {
                path: format!("{name}/{}", f.path().display()),
                bytes: f.contents().to_vec(),
            }));
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        PackSource {
            origin: Origin::Embedded,
            files,
        }
    }

    /// A pack on disk: `DIR/pack.toml` (optional), `DIR/rounds/*.toml`, `DIR/rubrics/*.toml`.
    pub fn from_dir(dir: &Path) -> Result<PackSource> {
        let meta = std::fs::metadata(dir)
            .with_context(|| format!("cannot read pack folder {}", dir.display()))?;
        anyhow::ensure!(meta.is_dir(), "{} is not a folder", dir.display());
        // Not a pack at all (a wrong path, an empty folder): one clear error rather than six
        // missing stages.
        if !dir.join(ROUNDS_DIR).is_dir() && !dir.join(PACK_FILE).is_file() {
            return Err(crate::error::bad_input(format!(
                "{} is not a pack: it has no {ROUNDS_DIR}/ folder and no {PACK_FILE} \
                 (`rehearse init DIR` writes the default pack to start from)",
                dir.display()
            )));
        }
        let mut files = Vec::new();
        let pack_toml = dir.join(PACK_FILE);
        if pack_toml.is_file() {
            files.push(read(&pack_toml, PACK_FILE.to_string())?);
        }
        for sub in [ROUNDS_DIR, RUBRICS_DIR] {
            let folder = dir.join(sub);
            if !folder.is_dir() {
                continue;
            }
            let entries = std::fs::read_dir(&folder)
                .with_context(|| format!("cannot list {}", folder.display()))?;
            for entry in entries {
                let path = entry
                    .with_context(|| format!("cannot list {}", folder.display()))?
                    .path();
                if path.is_file() && is_toml(&path) {
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    files.push(read(&path, format!("{sub}/{name}"))?);
                }
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(PackSource {
            origin: Origin::Dir(dir.to_path_buf()),
            files,
        })
    }

    /// The name a pack gets when its `pack.toml` does not give one.
    pub fn default_name(&self) -> String {
        match &self.origin {
            Origin::Embedded => "default".to_string(),
            Origin::Dir(dir) => std::fs::canonicalize(dir)
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "pack".to_string()),
        }
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "toml")
}

fn read(path: &Path, relative: String) -> Result<PackFile> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(PackFile {
        path: relative,
        bytes,
    })
}
