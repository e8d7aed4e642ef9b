//! The history for the terminal: tables, a sparkline per stage; colour only when the caller's
//! style has it (and never inside tables, whose widths count characters).

use std::fmt::Write as _;

use chrono::Local;

use super::{History, SessionSummary, WEAK_BELOW};
use crate::engine::{Style, mss};
use crate::report::charts::sparkline;
use crate::table::{compact as table, right_align};

/// Sparklines show at most this many sessions, the latest.
const SPARK: usize = 24;

pub fn render(history: &History, style: Style) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (history.sessions.first(), history.sessions.last()) else {
        return "No sessions yet: start one with `rehearse round STAGE`, `rehearse loop` or \
                `rehearse drill`.\n"
            .to_string();
    };
    let n = history.sessions.len();
    let total: f64 = history.sessions.iter().map(|s| s.time_used_secs).sum();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "History: {n} session{}, {} · {} practised",
            if n == 1 { "" } else { "s" },
            if date(first) == date(last) {
                format!("on {}", date(first))
            } else {
                format!("{} to {}", date(first), date(last))
            },
            mss(total)
        ))
    );

    let mut sessions = table(&["date", "kind", "stages", "score", "answered", "time"]);
    for s in &history.sessions {
        sessions.add_row([
            format!("{} {}", date(s), time(s)),
            s.kind.as_str().to_string(),
            s.stage_list(),
            s.score.to_string(),
            format!("{}/{}", s.answered, s.planned),
            mss(s.time_used_secs),
        ]);
    }
    right_align(&mut sessions, &[3, 4, 5]);
    let _ = writeln!(out, "\n{}\n{sessions}", style.bold("Sessions"));

    if !history.stages.is_empty() {
        let mut trends = table(&["stage", "trend", "first", "latest", "best", "change"]);
        for s in &history.stages {
            let scores: Vec<u32> = s.points.iter().map(|p| p.score).collect();
            trends.add_row([
                s.id.to_string(),
                sparkline(&scores, SPARK),
                s.first.to_string(),
                s.latest.to_string(),
                s.best.to_string(),
                signed(s.change),
            ]);
        }
        right_align(&mut trends, &[2, 3, 4, 5]);
        let _ = writeln!(out, "\n{}\n{trends}", style.bold("Trend per stage"));
    }

    let _ = writeln!(
        out,
        "\n{}",
        style.bold(&format!(
            "Weakest questions (latest score below {WEAK_BELOW})"
        ))
    );
    if history.questions.is_empty() {
        let _ = writeln!(out, "  No answers yet.");
    } else if history.weakest.is_empty() {
        let _ = writeln!(
            out,
            "  None: every question's latest score is {WEAK_BELOW} or more."
        );
    }
    for (i, w) in history.weakest.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {} · {}: latest {}, mean {} over {} attempt{}",
            i + 1,
            w.stage,
            w.question_id,
            style.score(w.latest, &w.latest.to_string()),
            w.mean,
            w.attempts,
            if w.attempts == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "     {}", style.dim(&w.question));
        for m in &w.missed {
            let _ = writeln!(
                out,
                "     {} {} (missed in {} of {})",
                style.score(0, "✗"),
                m.label,
                m.times,
                w.attempts
            );
        }
    }

    let repeated: Vec<_> = history
        .questions
        .iter()
        .filter(|q| q.attempts > 1)
        .collect();
    let _ = writeln!(
        out,
        "\n{}",
        style.bold("Change from the first attempt to the latest")
    );
    if repeated.is_empty() {
        let _ = writeln!(out, "  No question answered twice yet.");
    } else {
        let mut changes = table(&[
            "question", "stage", "attempts", "first", "latest", "change", "scores",
        ]);
        for q in &repeated {
            changes.add_row([
                q.question_id.clone(),
                q.stage.to_string(),
                q.attempts.to_string(),
                q.first.to_string(),
                q.latest.to_string(),
                signed(q.change),
                sparkline(&q.scores, SPARK),
            ]);
        }
        right_align(&mut changes, &[2, 3, 4, 5]);
        let _ = writeln!(out, "{changes}");
    }
    let once = history.questions.len() - repeated.len();
    if once > 0 {
        let _ = writeln!(
            out,
            "  {once} question{} answered once.",
            if once == 1 { "" } else { "s" }
        );
    }
    out
}

fn date(s: &SessionSummary) -> String {
    s.started_at
        .with_timezone(&Local)
        .format("%Y-%m-%d")
        .to_string()
}

fn time(s: &SessionSummary) -> String {
    s.started_at
        .with_timezone(&Local)
        .format("%H:%M")
        .to_string()
}

fn signed(delta: i64) -> String {
    match delta {
        0 => "±0".to_string(),
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    }
}
