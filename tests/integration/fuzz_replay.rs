//! The fuzz checks (fuzz/src/lib.rs) on stable, in every `cargo test`: every input saved under
//! `fuzz/regressions/<target>/` (crashes the fuzzer once found, and hand-made edge cases) is
//! replayed through its target's check, so a fixed bug stays fixed without libFuzzer or
//! nightly. The fuzzer itself runs apart: `scripts/fuzz.sh`.

#[path = "../../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

use crate::packs::{self, GOOD};

/// Every file under `fuzz/regressions/<target>/`, sorted.
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path.display().to_string();
            (name, std::fs::read(&path).expect("read input"))
        })
        .collect();
    inputs.sort();
    inputs
}

fn replay(target: &str, check: fn(&[u8])) {
    let inputs = regressions(target);
    assert!(!inputs.is_empty(), "no inputs for {target}");
    for (name, bytes) in inputs {
        assert!(
            std::panic::catch_unwind(|| check(&bytes)).is_ok(),
            "{target} fails on {name}"
        );
    }
}

#[test]
fn pack_load_regressions() {
    replay("pack_load", checks::pack_load);
    // Every file of the small pack empty, or a NUL, in turn.
    for slot in 0u8..10 {
        checks::pack_load(&[slot]);
        checks::pack_load(&[slot, 0]);
    }
}

#[test]
fn score_regressions() {
    replay("score", checks::score);
}

#[test]
fn session_file_regressions() {
    replay("session_file", checks::session_file);
    // A real session, as the binary writes it.
    let sat = packs::tiny()
        .args(["round", "technical", "--seed", "2", "--questions", "2"])
        .stdin(GOOD.repeat(3))
        .run();
    let file = crate::sessions::session_files(sat.dir.path())
        .pop()
        .expect("a session file");
    checks::session_file(&std::fs::read(file).expect("read session"));
}
