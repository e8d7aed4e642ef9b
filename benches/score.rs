//! Scoring benchmarks: the embedded pack parsed and validated, the `Scorer` built from it, and
//! one answer assessed at four sizes (a typical spoken answer, 100 KB, 200 KB — the most the
//! scorer analyses — and 1 MB, of which it reads the first 200 KB).
//!
//! `cargo bench --bench score`. The figures and the machine are in the README (Performance).

use divan::{Bencher, black_box};
use rehearse::pack::{self, Pack, PackSource};
use rehearse::score::{AnswerInput, Scorer};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// The question every size is scored against: a talking point with several points.
const QUESTION: &str = "late-events";

fn embedded() -> Pack {
    pack::load(&PackSource::embedded()).expect("the embedded pack is valid")
}

/// Prose made of the pack's model answers, in pack order, cut to `bytes` on a word boundary
/// (about 150 words for `typical`); `200KB same` repeats the question's own model answer, the
/// worst case for phrase matching (every phrase found thousands of times).
fn answer(pack: &Pack, size: &str) -> String {
    let bytes = match size {
        "typical" => 1_000,
        "100KB" => 100_000,
        "200KB" | "200KB same" => 200_000,
        "1MB" => 1_000_000,
        other => panic!("unknown size {other}"),
    };
    let mut text = String::new();
    let own = pack
        .question(QUESTION)
        .and_then(|q| q.model_answer.clone())
        .unwrap_or_default();
    text.push_str(&own);
    while size == "200KB same" && text.len() < bytes {
        text.push_str("\n\n");
        text.push_str(&own);
    }
    'fill: loop {
        for q in &pack.questions {
            if text.len() >= bytes {
                break 'fill;
            }
            if let Some(model) = &q.model_answer {
                text.push_str("\n\n");
                text.push_str(model);
            }
        }
    }
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) || !text[end..].starts_with(char::is_whitespace) {
        end -= 1;
    }
    text.truncate(end);
    text
}

#[divan::bench]
fn load_embedded_pack() -> Pack {
    embedded()
}

#[divan::bench]
fn build_scorer(bencher: Bencher) {
    let pack = embedded();
    bencher.bench(|| Scorer::new(black_box(&pack)));
}

#[divan::bench(args = ["typical", "100KB", "200KB", "200KB same", "1MB"], sample_count = 30)]
fn assess(bencher: Bencher, size: &str) {
    let pack = embedded();
    let scorer = Scorer::new(&pack);
    let question = pack.question(QUESTION).expect("question in the pack");
    let text = answer(&pack, size);
    if size == "typical" {
        let words = text.split_whitespace().count();
        assert!(
            (120..=200).contains(&words),
            "typical answer has {words} words"
        );
    }
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| scorer.assess(question, &AnswerInput::text(black_box(&text))));
}
