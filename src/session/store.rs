//! Session files on disk: `<data-dir>/sessions/<id>.json`, written atomically after every answer.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Local, Utc};

use super::lock::SessionLock;
use super::model::{Session, SessionKind, Status};
use crate::error::bad_input;
use crate::pack::StageId;

pub struct Store {
    dir: PathBuf,
}

/// Every session that could be read, and the files that could not.
pub struct Scan {
    pub sessions: Vec<Session>,
    pub corrupt: Vec<(PathBuf, anyhow::Error)>,
}

/// Which sessions `find` may pick when none is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latest {
    Any,
    Unfinished,
    /// The latest with at least one answer: a session left before its first has no report.
    Answered,
}

impl Store {
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("sessions"),
        }
    }

    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    /// Gives `session` a fresh id (its base id, plus a short random suffix when taken), locks it
    /// and writes the first version of its file.
    pub fn create(&self, session: &mut Session) -> Result<SessionLock> {
        self.ensure_dir()?;
        let base = session.id.clone();
        for attempt in 0..20 {
            let id = if attempt == 0 {
                base.clone()
            } else {
                format!("{base}-{:04x}", rand::random::<u16>())
            };
            if self.path(&id).exists() {
                continue;
            }
            if let Some(lock) = SessionLock::create_new(&self.lock_path(&id), &id)? {
                session.id = id;
                self.write(session, false)?;
                return Ok(lock);
            }
        }
        anyhow::bail!(
            "cannot find a free session id like {base} in {}",
            self.dir.display()
        )
    }

    /// Locks an existing session for writing; fails if another process holds it.
    pub fn lock(&self, id: &str) -> Result<SessionLock> {
        SessionLock::acquire(&self.lock_path(id), id)
    }

    /// Writes the session atomically: a temporary file in the same folder, fsync, rename.
    /// Taking the lock proves the caller is the session's only writer.
    pub fn save(&self, session: &Session, _lock: &SessionLock) -> Result<()> {
        self.write(session, true)
    }

    /// The atomic write; `durable` waits for the disk (fsync of the file and the folder). A
    /// new session is written without waiting: it holds no answer yet, and the wait came
    /// before the first question appeared.
    fn write(&self, session: &Session, durable: bool) -> Result<()> {
        self.ensure_dir()?;
        let path = self.path(&session.id);
        let json = serde_json::to_vec_pretty(session).context("cannot serialize the session")?;
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir)
            .with_context(|| format!("cannot create a temporary file in {}", self.dir.display()))?;
        set_private(temp.path(), 0o600)?;
        temp.write_all(&json)
            .and_then(|()| temp.write_all(b"\n"))
            .and_then(|()| {
                if durable {
                    temp.as_file().sync_all()
                } else {
                    Ok(())
                }
            })
            .with_context(|| format!("cannot write {}", temp.path().display()))?;
        temp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot save {}", path.display()))?;
        if durable {
            sync_dir(&self.dir);
        }
        Ok(())
    }

    pub fn load(&self, id: &str) -> Result<Session> {
        load_file(&self.path(id))
    }

    /// Reads every session file; unreadable ones are returned apart, never fatal. Files are
    /// parsed on every core: a history of a thousand sessions is tens of megabytes of JSON.
    pub fn scan(&self) -> Result<Scan> {
        let mut scan = Scan {
            sessions: Vec::new(),
            corrupt: Vec::new(),
        };
        for (path, loaded) in read_all(self.files()?, load_file) {
            match loaded {
                Ok(session) => scan.sessions.push(session),
                Err(err) => scan.corrupt.push((path, err)),
            }
        }
        Ok(scan)
    }

    /// The ids of every session file, sorted.
    pub fn ids(&self) -> Result<Vec<String>> {
        Ok(self
            .files()?
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect())
    }

    fn files(&self) -> Result<Vec<PathBuf>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                self.refuse_file_in_the_way()?;
                return Err(e).with_context(|| format!("cannot list {}", self.dir.display()));
            }
        };
        let mut files = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot list {}", self.dir.display()))?
                .path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden && path.extension().is_some_and(|e| e == "json") && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// The session named `wanted` (an id or a unique prefix of one), else the most recently
    /// updated one that `latest` allows. Unreadable files are reported through `warn` and
    /// skipped when looking for the latest.
    pub fn find(
        &self,
        wanted: Option<&str>,
        latest: Latest,
        warn: &mut dyn FnMut(&Path, &anyhow::Error),
    ) -> Result<Session> {
        if let Some(wanted) = wanted {
            return self.find_named(wanted);
        }
        // Only the head of every file is needed to pick one: read those (the whole file is
        // still checked to be JSON), then load candidates, the latest first, until one loads.
        let mut heads = Vec::new();
        for (path, head) in read_all(self.files()?, load_head) {
            match head {
                Ok(head) => heads.push((path, head)),
                Err(err) => warn(&path, &err),
            }
        }
        heads.retain(|(_, h)| latest != Latest::Unfinished || h.status != Status::Finished);
        heads.sort_by(|(_, a), (_, b)| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| b.id.cmp(&a.id))
        });
        let mut picked = None;
        for (path, _) in heads {
            match load_file(&path) {
                Ok(session) if latest == Latest::Answered && session.answers.is_empty() => {}
                Ok(session) => {
                    picked = Some(session);
                    break;
                }
                Err(err) => warn(&path, &err),
            }
        }
        picked.ok_or_else(|| {
            let what = match latest {
                Latest::Any => "no sessions",
                Latest::Unfinished => "no unfinished sessions",
                Latest::Answered => "no sessions with an answer",
            };
            bad_input(format!(
                "{what} in {}; start one with `rehearse loop` or `rehearse round STAGE`",
                self.dir.display()
            ))
        })
    }

    fn find_named(&self, wanted: &str) -> Result<Session> {
        let path = self.path(wanted);
        if path.is_file() {
            return load_file(&path);
        }
        let ids = self.ids()?;
        let prefixed: Vec<&String> = ids.iter().filter(|id| id.starts_with(wanted)).collect();
        if let [only] = prefixed.as_slice() {
            return self.load(only);
        }
        if prefixed.len() > 1 {
            let latest: Vec<&str> = prefixed.iter().rev().take(3).map(|s| s.as_str()).collect();
            return Err(bad_input(format!(
                "`{wanted}` is ambiguous: {} sessions start with it, the latest {}; give more of \
                 the id",
                prefixed.len(),
                latest.join(", ")
            )));
        }
        let near = crate::suggest::nearest(wanted, ids.iter().map(String::as_str));
        Err(bad_input(format!(
            "no session `{wanted}` in {}{}",
            self.dir.display(),
            crate::suggest::did_you_mean(&near)
        )))
    }

    fn ensure_dir(&self) -> Result<()> {
        if !self.dir.is_dir() {
            self.refuse_file_in_the_way()?;
            std::fs::create_dir_all(&self.dir)
                .with_context(|| format!("cannot create {}", self.dir.display()))?;
            set_private(&self.dir, 0o700)?;
        }
        Ok(())
    }

    /// A clear error when the sessions folder, or a folder above it, is a file.
    fn refuse_file_in_the_way(&self) -> Result<()> {
        let in_the_way = self
            .dir
            .ancestors()
            .find_map(|p| std::fs::metadata(p).ok().map(|m| (p, m)))
            .filter(|(_, meta)| !meta.is_dir());
        if let Some((file, _)) = in_the_way {
            anyhow::bail!(
                "cannot keep sessions in {}: {} is a file, not a folder \
                 (choose another data folder with --data-dir or REHEARSE_DATA_DIR)",
                self.dir.display(),
                file.display()
            );
        }
        Ok(())
    }
}

/// The base id of a new session: `20261126-143012-round-technical` or `20261126-143012-loop`.
pub fn base_id(now: DateTime<Local>, kind: SessionKind, stage: Option<StageId>) -> String {
    let stamp = now.format("%Y%m%d-%H%M%S");
    match (kind, stage) {
        (SessionKind::Round | SessionKind::Drill, Some(stage)) => {
            format!("{stamp}-{}-{stage}", kind.as_str())
        }
        _ => format!("{stamp}-{}", kind.as_str()),
    }
}

/// What `find` needs of a session to pick the latest; the rest of the file is skipped over
/// (checked to be JSON, not kept).
#[derive(serde::Deserialize)]
struct Head {
    schema_version: u32,
    id: String,
    #[allow(dead_code)] // read to check it is a kind this rehearse knows
    kind: SessionKind,
    status: Status,
    updated_at: DateTime<Utc>,
    plan: Vec<serde::de::IgnoredAny>,
    answers: Vec<serde::de::IgnoredAny>,
}

fn load_head(path: &Path) -> Result<Head> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let invalid = || format!("{} is not a valid session file", path.display());
    let head: Head = match serde_json::from_slice(&bytes) {
        Ok(head) => head,
        Err(err) => {
            if let Some(why) = newer_schema_in(&bytes) {
                anyhow::bail!("{}: {why}", invalid());
            }
            return Err(err).with_context(invalid);
        }
    };
    if let Some(why) = super::model::newer_schema(head.schema_version) {
        anyhow::bail!("{}: {why}", invalid());
    }
    anyhow::ensure!(
        head.answers.len() <= head.plan.len(),
        "{}: {} answers for {} planned questions",
        invalid(),
        head.answers.len(),
        head.plan.len()
    );
    Ok(head)
}

/// Why a file that does not parse cannot be read, when a newer rehearse wrote it: its shape
/// may have changed, and the version is what the user needs to know.
fn newer_schema_in(bytes: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: u32,
    }
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .and_then(|v| super::model::newer_schema(v.schema_version))
}

/// `read` applied to every file, on as many threads as there are cores (at least 64 files a
/// thread), in the order of `files`.
fn read_all<T: Send>(
    files: Vec<PathBuf>,
    read: fn(&Path) -> Result<T>,
) -> Vec<(PathBuf, Result<T>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len().div_ceil(64))
        .max(1);
    if threads == 1 {
        return files
            .into_iter()
            .map(|path| {
                let loaded = read(&path);
                (path, loaded)
            })
            .collect();
    }
    let per_thread = files.len().div_ceil(threads);
    let results: Vec<Result<T>> = std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(per_thread)
            .map(|part| scope.spawn(move || part.iter().map(|p| read(p)).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    files.into_iter().zip(results).collect()
}

pub fn load_file(path: &Path) -> Result<Session> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let session: Session = match serde_json::from_slice(&bytes) {
        Ok(session) => session,
        Err(err) => {
            // A newer rehearse may have changed the shape: say so rather than what failed.
            if let Some(why) = newer_schema_in(&bytes) {
                anyhow::bail!("{} is not a valid session file: {why}", path.display());
            }
            return Err(err)
                .with_context(|| format!("{} is not a valid session file", path.display()));
        }
    };
    session
        .validate()
        .map_err(|why| anyhow::anyhow!("{} is not a valid session file: {why}", path.display()))?;
    Ok(session)
}

#[cfg(unix)]
fn set_private(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("cannot set the permissions of {}", path.display()))
}

#[cfg(not(unix))]
fn set_private(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Makes a rename durable; best effort (not every platform can open a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::session::model::Status;

    fn session(id: &str, minute: u32) -> Session {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 26, 14, minute, 0)
            .single()
            .expect("valid time");
        let mut s = crate::session::testing::finished_session(
            id,
            at,
            Some(crate::pack::StageId::Technical),
            Vec::new(),
        );
        s.status = Status::InProgress;
        s
    }

    fn quiet() -> impl FnMut(&Path, &anyhow::Error) {
        |_: &Path, _: &anyhow::Error| {}
    }

    #[test]
    fn creates_saves_and_loads_privately() {
        let home = tempfile::tempdir().expect("temp dir");
        let store = Store::new(home.path());
        let mut s = session("20261126-140000-round-technical", 0);
        let lock = store.create(&mut s).expect("create");
        assert_eq!(store.load(&s.id).expect("load"), s);
        s.status = Status::Finished;
        store.save(&s, &lock).expect("save");
        assert_eq!(store.load(&s.id).expect("load").status, Status::Finished);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode(&store.path(&s.id)), 0o600);
            assert_eq!(mode(&home.path().join("sessions")), 0o700);
        }
        // No temporary files left behind.
        assert_eq!(store.ids().expect("ids"), vec![s.id.clone()]);
    }

    #[test]
    fn a_taken_id_gets_a_suffix_and_a_held_lock_refuses_a_second_writer() {
        let home = tempfile::tempdir().expect("temp dir");
        let store = Store::new(home.path());
        let mut first = session("same", 0);
        let _held = store.create(&mut first).expect("create");
        let mut second = session("same", 1);
        let _other = store.create(&mut second).expect("create");
        assert_eq!(first.id, "same");
        assert!(
            second.id.starts_with("same-") && second.id.len() == 9,
            "{}",
            second.id
        );

        let err = store.lock("same").expect_err("lock is held");
        assert!(
            err.to_string().contains("open in another rehearse process"),
            "{err}"
        );
    }

    #[test]
    fn the_latest_whose_body_is_broken_is_named_and_the_next_one_picked() {
        let home = tempfile::tempdir().expect("temp dir");
        let store = Store::new(home.path());
        for (id, minute) in [("older", 0), ("newer", 5)] {
            let mut s = session(id, minute);
            drop(store.create(&mut s).expect("create"));
        }
        // Its head (id, status, time) reads fine; the rest does not.
        let mut broken: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.path("newer")).expect("read"))
                .expect("JSON");
        broken["options"] = 5.into();
        std::fs::write(store.path("newer"), broken.to_string()).expect("write");
        let mut warned = Vec::new();
        let latest = store
            .find(None, Latest::Any, &mut |p: &Path, e: &anyhow::Error| {
                warned.push((p.to_path_buf(), format!("{e:#}")));
            })
            .expect("latest");
        assert_eq!(latest.id, "older");
        assert_eq!(warned.len(), 1);
        assert_eq!(warned[0].0, store.path("newer"));
        assert!(
            warned[0].1.contains("not a valid session file"),
            "{warned:?}"
        );
        assert_eq!(store.scan().expect("scan").corrupt.len(), 1);
    }

    #[test]
    fn finds_by_prefix_or_latest_and_skips_corrupt_files() {
        let home = tempfile::tempdir().expect("temp dir");
        let store = Store::new(home.path());
        for (id, minute) in [
            ("20261126-140000-loop", 0),
            ("20261126-150000-round-culture", 5),
        ] {
            let mut s = session(id, minute);
            drop(store.create(&mut s).expect("create"));
        }
        std::fs::write(store.path("broken"), "{ not json").expect("write");

        let mut warned = Vec::new();
        let latest = store
            .find(None, Latest::Any, &mut |p: &Path, _: &anyhow::Error| {
                warned.push(p.to_path_buf());
            })
            .expect("latest");
        assert_eq!(latest.id, "20261126-150000-round-culture");
        assert_eq!(warned, vec![store.path("broken")]);

        let by_prefix = store
            .find(Some("20261126-14"), Latest::Any, &mut quiet())
            .expect("prefix");
        assert_eq!(by_prefix.id, "20261126-140000-loop");

        let err = store
            .find(Some("20261126"), Latest::Any, &mut quiet())
            .expect_err("ambiguous");
        assert!(crate::error::is_bad_input(&err));
        assert!(
            err.to_string().starts_with(
                "`20261126` is ambiguous: 2 sessions start with it, the latest \
                 20261126-150000-round-culture, 20261126-140000-loop"
            ),
            "{err}"
        );

        let err = store
            .find(Some("20261126-140000-lop"), Latest::Any, &mut quiet())
            .expect_err("unknown");
        assert!(crate::error::is_bad_input(&err));
        assert!(
            err.to_string()
                .contains("did you mean `20261126-140000-loop`"),
            "{err}"
        );

        let err = store
            .find(Some("broken"), Latest::Any, &mut quiet())
            .expect_err("corrupt");
        assert!(
            format!("{err:#}").contains("broken.json is not a valid session file"),
            "{err:#}"
        );
    }
}
