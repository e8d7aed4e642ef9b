//! The checks behind the fuzz targets, one function per target, each taking the fuzzer's bytes.
//! They panic only on a real bug. Kept apart from the libFuzzer wrappers
//! (`fuzz_targets/*.rs`) so that the main crate's tests compile them on stable and replay every
//! input saved under `fuzz/regressions/` (see `tests/integration/fuzz_replay.rs`).

use std::sync::OnceLock;

use rehearse::engine::Style;
use rehearse::pack::source::{Origin, PackFile, PackSource};
use rehearse::pack::{self, Pack};
use rehearse::report::{self, Format};
use rehearse::score::{AnswerInput, Scorer};
use rehearse::session::Session;
use rehearse::{drill, history};

/// A small valid pack: six one-question rounds and one rubric, so that each run spends its
/// time on the fuzzed file rather than on parsing the rest of a large pack.
fn small_pack() -> &'static [PackFile] {
    static FILES: OnceLock<Vec<PackFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = vec![
            PackFile {
                path: "pack.toml".to_string(),
                bytes: b"[pack]\nname = \"fuzz\"\n\n[[synonyms]]\nterms = [\"p99\", \"tail latency\"]\n"
                    .to_vec(),
            },
            PackFile {
                path: "rubrics/talking-point.toml".to_string(),
                bytes: b"[rubric]\nid = \"talking-point\"\ntitle = \"Talking point\"\n\n[[criterion]]\nid = \"why\"\nlabel = \"Says why\"\nweight = 1\nany = [\"because\"]\n".to_vec(),
            },
        ];
        for (i, stage) in pack::StageId::ALL.iter().enumerate() {
            files.push(PackFile {
                path: format!("rounds/0{}-{stage}.toml", i + 1),
                bytes: format!(
                    "[stage]\nid = \"{stage}\"\ntitle = \"T\"\ninterviewer = \"I\"\nfocus = \"f\"\n\
                     minutes = [30, 45]\n\n[[question]]\nid = \"{stage}-q\"\nkind = \"talking-point\"\n\
                     text = \"How do you handle late events?\"\nminutes = 4\nrubric = \"talking-point\"\n\n\
                     [[question.point]]\nid = \"grace\"\nlabel = \"Grace periods\"\nweight = 2\n\
                     any = [\"grace period\", \"allowed lateness\"]\nfollow_up = \"And then?\"\n"
                )
                .into_bytes(),
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    })
}

/// The embedded pack and its scorer, built once.
fn embedded() -> &'static (Pack, Scorer) {
    static SETUP: OnceLock<(Pack, Scorer)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let pack = pack::load(&PackSource::embedded()).expect("the embedded pack is valid");
        let scorer = Scorer::new(&pack);
        (pack, scorer)
    })
}

/// The pack loader: the first byte picks which file of a small valid pack the rest replaces
/// (past the last file, the rest is added as a new round file). `load` must not panic, and
/// every diagnostic must point at a line and column of at least 1, inside the file.
pub fn pack_load(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let mut files = small_pack().to_vec();
    let pick = usize::from(pick);
    if pick < files.len() {
        files[pick].bytes = bytes.to_vec();
    } else {
        files.push(PackFile {
            path: "rounds/99-fuzz.toml".to_string(),
            bytes: bytes.to_vec(),
        });
    }
    let source = PackSource {
        origin: Origin::Embedded,
        files,
    };
    if let Err(invalid) = pack::load(&source) {
        assert!(!invalid.diagnostics.is_empty(), "an invalid pack says why");
        for d in &invalid.diagnostics {
            assert!(d.line >= 1 && d.col >= 1, "{d}");
            if let Some(file) = source.files.iter().find(|f| f.path == d.file) {
                let lines = String::from_utf8_lossy(&file.bytes).split('\n').count();
                assert!(d.line <= lines, "{d}: the file has {lines} lines");
            }
        }
    }
}

/// The scorer: the bytes become a lossy UTF-8 string, split at U+0001 into the main answer and
/// up to three follow-up answers; the first byte picks the question of the embedded pack and
/// whether the answer was timed. Scores stay within 0-100 and evidence points inside the text.
pub fn score(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let (pack, scorer) = embedded();
    let question = &pack.questions[usize::from(pick) % pack.questions.len()];
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\u{1}');
    let main = parts.next().unwrap_or_default();
    let timed = pick & 0x80 != 0;
    let answer = AnswerInput {
        text: main,
        follow_ups: parts.take(3).collect(),
        elapsed_secs: timed.then_some(f64::from(pick) * 7.0),
        limit_secs: timed.then_some(question.minutes * 60.0),
    };
    let a = scorer.assess(question, &answer);
    assert!(
        a.score <= 100 && a.content <= 100 && a.delivery <= 100,
        "{} {} {}",
        a.score,
        a.content,
        a.delivery
    );
    let combined = answer.combined();
    for e in a.points.iter().filter_map(|p| p.evidence.as_ref()) {
        assert!(e.start <= e.end && e.end <= combined.len(), "{e:?}");
        assert!(combined.is_char_boundary(e.start) && combined.is_char_boundary(e.end));
    }
}

/// Session files as `report`, `history` and `drill` read them: parsed, validated, then reported
/// in every format with and without the pack, charted in the history, and scheduled for a
/// drill. A corrupt file is an error, never a panic.
pub fn session_file(data: &[u8]) {
    let Ok(session) = serde_json::from_slice::<Session>(data) else {
        return;
    };
    if session.validate().is_err() {
        return;
    }
    let sessions = std::slice::from_ref(&session);
    for pack in [None, Some(&embedded().0)] {
        let report = report::build(&session, pack);
        for format in [Format::Term, Format::Md, Format::Json, Format::Html] {
            let _ = report::render(&report, format, Style::PLAIN);
        }
        let history = history::build(sessions, pack);
        for format in [
            history::Format::Table,
            history::Format::Json,
            history::Format::Html,
        ] {
            let _ = history::render(&history, format, Style::PLAIN);
        }
    }
    let request = drill::DrillRequest {
        count: 5,
        stage: None,
        seed: 1,
    };
    let picks = drill::plan(&embedded().0, sessions, session.updated_at, &request);
    assert!(picks.len() <= request.count);
}
