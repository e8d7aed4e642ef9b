//! Errors that are the user's to fix: they exit with status 2, everything else with 1.

use std::fmt;

/// Bad input: an unknown id, a malformed file the user gave us, a wrong argument.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Shorthand: `return Err(bad_input(format!(...)))`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(message.into()))
}

/// Whether an error (anywhere in its chain) is the user's input rather than the machine's.
pub fn is_bad_input(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.is::<BadInput>() || e.is::<crate::pack::InvalidPack>())
}
