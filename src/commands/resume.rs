use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::error::bad_input;
use crate::session::{Latest, Session, Store};

/// `rehearse resume [SESSION]`: continues an unfinished session at its first unanswered
/// question, with the same pack it was made with.
pub fn run(env: &Env, wanted: Option<&str>) -> Result<ExitCode> {
    let store = Store::new(&env.data_dir()?);
    let found = store.find(
        wanted,
        Latest::Unfinished,
        &mut super::sitting::warn_corrupt,
    )?;
    refuse_finished(&found)?;
    let lock = store.lock(&found.id)?;
    // Read again under the lock: another process may have written it meanwhile.
    let session = store.load(&found.id)?;
    refuse_finished(&session)?;
    let pack = env.pack()?;
    if pack.hash != session.pack.hash {
        return Err(bad_input(format!(
            "session {} was made with pack `{}` ({}), but the current pack is `{}` ({}); \
             its questions may have changed, so it cannot be resumed with this pack. \
             Resume it with the pack it was made with (--pack DIR or REHEARSE_PACK)",
            session.id,
            session.pack.name,
            short(&session.pack.hash),
            pack.name,
            short(&pack.hash)
        )));
    }
    super::sitting::sit(&pack, &store, session, lock)
}

fn refuse_finished(session: &Session) -> Result<()> {
    if session.is_finished() {
        return Err(bad_input(format!(
            "session {0} is already finished; see its report: rehearse report {0}",
            session.id
        )));
    }
    Ok(())
}

fn short(hash: &str) -> String {
    format!("hash {}", hash.get(..12).unwrap_or(hash))
}
