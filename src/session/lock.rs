//! One writer per session: an exclusive advisory lock on `<id>.lock`, held while the process
//! runs and released by the OS if it dies.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use fs4::fs_std::FileExt;

#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

impl SessionLock {
    /// Takes the lock of session `id`, failing at once if another process holds it.
    pub fn acquire(path: &Path, id: &str) -> Result<SessionLock> {
        let file = open(path, false)
            .with_context(|| format!("cannot open lock file {}", path.display()))?;
        Self::take(file, path, id)
    }

    /// Creates the lock file of a new session; `Ok(None)` when the file already exists (the id
    /// is taken).
    pub fn create_new(path: &Path, id: &str) -> Result<Option<SessionLock>> {
        match open(path, true) {
            Ok(file) => Self::take(file, path, id).map(Some),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
            Err(err) => {
                Err(err).with_context(|| format!("cannot create lock file {}", path.display()))
            }
        }
    }

    fn take(file: File, path: &Path, id: &str) -> Result<SessionLock> {
        let locked = FileExt::try_lock_exclusive(&file)
            .with_context(|| format!("cannot lock {}", path.display()))?;
        if !locked {
            bail!(
                "session {id} is open in another rehearse process (its lock {} is held); \
                 finish or quit that one first",
                path.display()
            );
        }
        Ok(SessionLock {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Releases the lock and removes the lock file: for a finished session, which nobody
    /// writes again.
    pub fn release_and_remove(self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = FileExt::unlock(&self.file);
    }
}

fn open(path: &Path, create_new: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    if create_new {
        options.create_new(true);
    } else {
        options.create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
