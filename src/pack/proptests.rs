//! Property tests of the loader: whatever bytes a pack's files hold (random, invalid UTF-8,
//! truncated, with NUL, control or bidi characters), `load` never panics and either succeeds or
//! pins every problem to a real `file:line:col` (1-based, inside the file).

use proptest::prelude::*;

use super::source::{PackFile, PackSource};
use super::{InvalidPack, load};

/// The embedded pack's files, parsed once per test process.
fn embedded_files() -> &'static [PackFile] {
    static FILES: std::sync::OnceLock<Vec<PackFile>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| PackSource::embedded().files)
}

fn source(files: Vec<PackFile>) -> PackSource {
    PackSource {
        origin: super::source::Origin::Embedded,
        files,
    }
}

/// The embedded pack with file `index` (modulo the file count) replaced by `bytes`.
fn with_file(index: usize, bytes: Vec<u8>) -> (PackSource, String) {
    let mut files = embedded_files().to_vec();
    let index = index % files.len();
    files[index].bytes = bytes;
    let path = files[index].path.clone();
    (source(files), path)
}

/// Checks the one property every load must have; returns the diagnostics, if any.
fn check(source: &PackSource) -> Result<(), TestCaseError> {
    match load(source) {
        Ok(pack) => {
            prop_assert!(!pack.questions.is_empty());
            Ok(())
        }
        Err(InvalidPack { diagnostics, .. }) => {
            prop_assert!(!diagnostics.is_empty(), "an invalid pack says why");
            for d in &diagnostics {
                prop_assert!(d.line >= 1 && d.col >= 1, "{d}");
                prop_assert!(!d.file.is_empty() && !d.message.is_empty(), "{d}");
                if let Some(file) = source.files.iter().find(|f| f.path == d.file) {
                    // Lines and columns point inside the file (one past its end at most).
                    let text = String::from_utf8_lossy(&file.bytes);
                    let lines = text.split('\n').count();
                    prop_assert!(d.line <= lines, "{d}: the file has {lines} lines");
                    let width = text
                        .split('\n')
                        .nth(d.line - 1)
                        .map_or(0, |l| l.chars().count());
                    prop_assert!(d.col <= width + 1, "{d}: line {} is {width} wide", d.line);
                }
            }
            Ok(())
        }
    }
}

/// Characters that break parsers and terminals: NUL, controls, bidi overrides, a BOM, a lone
/// surrogate's replacement, quotes and brackets.
const NASTY: &[&str] = &[
    "\0", "\u{1}", "\u{7f}", "\r", "\t", "\u{202e}", "\u{2066}", "\u{feff}", "\u{fffd}", "\"", "'",
    "[", "]", "[[", "{", "=", "\\", "\n", "#", "\"\"\"",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_in_any_file(index in any::<usize>(), bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (source, _) = with_file(index, bytes);
        check(&source)?;
    }

    #[test]
    fn a_truncated_file(index in any::<usize>(), cut in 0.0f64..1.0) {
        let files = embedded_files();
        let original = &files[index % files.len()].bytes;
        let keep = (original.len() as f64 * cut) as usize;
        let (source, _) = with_file(index, original[..keep].to_vec());
        check(&source)?;
    }

    #[test]
    fn invalid_utf8_or_nasty_characters_spliced_in(
        index in any::<usize>(),
        at in 0.0f64..1.0,
        insert in prop_oneof![
            proptest::collection::vec(0x80u8..=0xff, 1..4),
            prop::sample::select(NASTY.to_vec()).prop_map(|s| s.as_bytes().to_vec()),
        ],
        delete in 0usize..40,
    ) {
        let files = embedded_files();
        let mut bytes = files[index % files.len()].bytes.clone();
        let at = (bytes.len() as f64 * at) as usize;
        let end = (at + delete).min(bytes.len());
        bytes.splice(at..end, insert);
        let (source, _) = with_file(index, bytes);
        check(&source)?;
    }

    #[test]
    fn toml_shaped_noise(index in any::<usize>(), text in "(\\[\\[question\\]\\]\n|\\[stage\\]\n|id = \"[a-z-]{0,8}\"\n|minutes = -?[0-9]{1,20}(\\.[0-9])?\n|minutes = \\[-?[0-9]{1,3}, [0-9]{1,20}\\]\n|weight = [a-z0-9.-]{0,6}\n|any = \\[\"[a-z ]{0,6}\"\\]\n|rubric = \"[a-z-]{0,12}\"\n|kind = \"[a-z-]{0,14}\"\n|[a-z_]{1,8} = [0-9\"\\[\\]{}]{0,6}\n|\\[\\[question.point\\]\\]\n|\u{202e}|\0|\"\"\"\n){0,40}") {
        let (source, _) = with_file(index, text.into_bytes());
        check(&source)?;
    }
}

#[test]
fn every_file_empty_at_once_is_diagnosed_not_a_panic() {
    let files = embedded_files()
        .iter()
        .map(|f| PackFile {
            path: f.path.clone(),
            bytes: Vec::new(),
        })
        .collect();
    let err = load(&source(files)).expect_err("an empty pack is invalid");
    assert!(err.diagnostics.iter().all(|d| d.line >= 1 && d.col >= 1));
    assert!(
        err.diagnostics
            .iter()
            .any(|d| d.message.contains("missing field")),
        "{err}"
    );
}

#[test]
fn no_files_at_all_is_diagnosed() {
    let err = load(&source(Vec::new())).expect_err("no files");
    assert!(
        err.diagnostics
            .iter()
            .all(|d| d.message.starts_with("missing stage")),
        "{err}"
    );
}
