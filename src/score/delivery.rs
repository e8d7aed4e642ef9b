//! Delivery, measured apart from content: fillers, hedges, quantified impact, length, time,
//! and "I" vs "we" in stories.

use super::assessment::{Count, DeliveryReport};
use super::lexicon;
use super::text::{Analysis, Normalizer};
use crate::pack::Delivery;

/// Fillers and hedges compiled to word sequences (not stems: "kind of" is a filler, "kinds" not).
pub struct DeliveryLexicon {
    fillers: Vec<Vec<String>>,
    hedges: Vec<Vec<String>>,
    words_per_minute: f64,
}

impl DeliveryLexicon {
    pub fn new(normalizer: &Normalizer, config: &Delivery) -> Self {
        let compile = |list: &[String]| {
            let mut out: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
                    p.split_whitespace()
                        .map(|w| normalizer.normalize_word(w))
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty())
                .collect();
            // Longest first, so "i think maybe" wins over "maybe".
            out.sort_by_key(|w| std::cmp::Reverse(w.len()));
            out
        };
        DeliveryLexicon {
            fillers: compile(&config.fillers),
            hedges: compile(&config.hedges),
            words_per_minute: config.words_per_minute,
        }
    }
}

pub struct DeliveryInput<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub minutes: f64,
    pub story: bool,
    pub wants_numbers: bool,
    pub elapsed_secs: Option<f64>,
    pub limit_secs: Option<f64>,
}

/// Returns the report, the 0-100 delivery score and plain-language notes.
pub fn assess(
    lex: &DeliveryLexicon,
    input: &DeliveryInput<'_>,
) -> (DeliveryReport, u32, Vec<String>) {
    let tokens = &input.analysis.tokens;
    let words = tokens.len();
    let mut used = vec![false; tokens.len()];
    let fillers = count_sequences(input, &lex.fillers, &mut used);
    let hedges = count_sequences(input, &lex.hedges, &mut used);
    let quantified: Vec<String> = (0..input.analysis.sentences.len())
        .filter(|&s| is_quantified(input, s))
        .map(|s| input.analysis.sentence_text(input.text, s).to_string())
        .collect();
    let i_count = tokens
        .iter()
        .filter(|t| {
            matches!(
                t.word.as_str(),
                "i" | "i'm" | "i've" | "i'd" | "i'll" | "me" | "my"
            )
        })
        .count();
    let we_count = tokens
        .iter()
        .filter(|t| {
            matches!(
                t.word.as_str(),
                "we" | "we're" | "we've" | "we'd" | "we'll" | "us" | "our"
            )
        })
        .count();
    let word_budget = (input.minutes * lex.words_per_minute).round().max(1.0) as usize;

    let mut penalty = 0.0;
    let mut notes = Vec::new();
    let per_100 = |n: usize| n as f64 * 100.0 / words.max(1) as f64;

    let filler_total: usize = fillers.iter().map(|c| c.count).sum();
    if filler_total > 0 {
        penalty += (per_100(filler_total) * 4.0).min(30.0);
        notes.push(format!(
            "{filler_total} filler{}: {}",
            plural(filler_total),
            list(&fillers)
        ));
    }
    let hedge_total: usize = hedges.iter().map(|c| c.count).sum();
    if hedge_total > 0 {
        penalty += (per_100(hedge_total) * 5.0).min(20.0);
        notes.push(format!(
            "{hedge_total} hedge{}: {}",
            plural(hedge_total),
            list(&hedges)
        ));
    }
    if input.wants_numbers && quantified.is_empty() && words > 0 {
        penalty += 10.0;
        notes.push(
            "no quantified impact: tie a number to the outcome (\"cut p99 from 200ms to 40ms\")"
                .to_string(),
        );
    }
    let ratio = words as f64 / word_budget as f64;
    if words == 0 {
        // Nothing said is not flawless delivery.
        penalty = 100.0;
        notes.push("no answer: nothing was said".to_string());
    } else if ratio < 0.08 {
        penalty += 10.0;
        notes.push(format!(
            "very short: {words} words for a {}-minute answer",
            fmt_minutes(input.minutes)
        ));
    } else if ratio > 1.5 {
        penalty += ((ratio - 1.5) * 20.0).min(20.0);
        notes.push(format!(
            "long: {words} words, about {word_budget} fit in {} minutes",
            fmt_minutes(input.minutes)
        ));
    }
    if let (Some(elapsed), Some(limit)) = (input.elapsed_secs, input.limit_secs) {
        if limit > 0.0 && elapsed > limit {
            let over = elapsed - limit;
            penalty += (over / limit * 40.0).min(25.0);
            notes.push(format!("over time by {}", mmss(over)));
        }
    }
    if input.story && we_count >= 4 && we_count > 2 * i_count {
        penalty += 10.0;
        notes.push(format!(
            "ownership: \"we\" {we_count}× vs \"I\" {i_count}×: say what you did"
        ));
    }
    let score = (100.0 - penalty).clamp(0.0, 100.0).round() as u32;
    let report = DeliveryReport {
        words,
        word_budget,
        fillers,
        hedges,
        quantified,
        i_count,
        we_count,
        elapsed_secs: input.elapsed_secs,
        limit_secs: input.limit_secs,
    };
    (report, score, notes)
}

/// Tokens that are fillers or hedges: words that blur the sentence they sit in.
pub fn noise_tokens(lex: &DeliveryLexicon, text: &str, analysis: &Analysis) -> Vec<bool> {
    let input = DeliveryInput {
        text,
        analysis,
        minutes: 1.0,
        story: false,
        wants_numbers: false,
        elapsed_secs: None,
        limit_secs: None,
    };
    let mut used = vec![false; analysis.tokens.len()];
    count_sequences(&input, &lex.fillers, &mut used);
    count_sequences(&input, &lex.hedges, &mut used);
    used
}

/// Counts word sequences, longest first, never counting a word twice. A lone "like" counts
/// only when set off by commas ("it was, like, slow"), since "like" is usually a real word.
fn count_sequences(
    input: &DeliveryInput<'_>,
    sequences: &[Vec<String>],
    used: &mut [bool],
) -> Vec<Count> {
    let tokens = &input.analysis.tokens;
    let mut counts: Vec<Count> = Vec::new();
    for seq in sequences {
        let n = seq.len();
        if n == 0 || n > tokens.len() {
            continue;
        }
        let mut count = 0;
        let mut i = 0;
        while i + n <= tokens.len() {
            let fits = (0..n).all(|k| !used[i + k] && tokens[i + k].word == seq[k])
                && tokens[i].sentence == tokens[i + n - 1].sentence
                && (n > 1 || seq[0] != "like" || set_off_by_commas(input, i));
            if fits {
                for flag in &mut used[i..i + n] {
                    *flag = true;
                }
                count += 1;
                i += n;
            } else {
                i += 1;
            }
        }
        if count > 0 {
            counts.push(Count {
                text: seq.join(" "),
                count,
            });
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    counts
}

fn set_off_by_commas(input: &DeliveryInput<'_>, i: usize) -> bool {
    let t = &input.analysis.tokens[i];
    let before = input.text.get(..t.start).unwrap_or("").trim_end();
    let after = input.text.get(t.end..).unwrap_or("").trim_start();
    before.ends_with(',') || after.starts_with(',')
}

/// A sentence with a number tied to an outcome word.
fn is_quantified(input: &DeliveryInput<'_>, sentence: usize) -> bool {
    let s = &input.analysis.sentences[sentence];
    let tokens = &input.analysis.tokens[s.tokens.clone()];
    let has_number = tokens
        .iter()
        .any(|t| t.is_number || is_number_word(&t.word));
    let text = input.text.get(s.start..s.end).unwrap_or("");
    let has_outcome = text.contains('%')
        || tokens.iter().any(|t| {
            lexicon::OUTCOME_CUES.contains(&t.word.as_str())
                || (t.is_number && t.word.ends_with("ms"))
        });
    has_number && has_outcome
}

fn is_number_word(word: &str) -> bool {
    matches!(
        word,
        "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "twelve"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "hundred"
            | "hundreds"
            | "thousand"
            | "thousands"
            | "million"
            | "millions"
            | "billion"
            | "billions"
            | "half"
            | "double"
            | "doubled"
            | "tripled"
    )
}

fn list(counts: &[Count]) -> String {
    counts
        .iter()
        .map(|c| {
            if c.count == 1 {
                format!("\"{}\"", c.text)
            } else {
                format!("\"{}\" ×{}", c.text, c.count)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn fmt_minutes(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// Seconds as m:ss.
pub fn mmss(secs: f64) -> String {
    let total = secs.max(0.0).round() as u64;
    format!("{}:{:02}", total / 60, total % 60)
}
