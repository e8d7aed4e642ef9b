//! The report for the terminal: a stage table and one section per answer; colour only when the
//! caller's style has it.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};

use super::model::{AnswerReport, Report};
use crate::engine::Style;
use crate::score::Status as PointStatus;

pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "Report: session {} ({}, {})",
            report.session_id,
            report.kind.as_str(),
            report.status.as_str()
        ))
    );
    let _ = writeln!(out, "{}", super::summary_line(report));
    if let Some(note) = super::pack_note(report) {
        let _ = writeln!(out, "{}", style.yellow(note));
    }
    let overall = format!("Overall score: {}/100", report.score);
    let _ = writeln!(
        out,
        "\n{}",
        style.bold(&style.score(report.score, &overall))
    );

    if !report.stages.is_empty() {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(["stage", "score", "answered", "time used"]);
        for stage in &report.stages {
            table.add_row([
                stage.id.to_string(),
                stage.score.to_string(),
                format!("{}/{}", stage.answered, stage.planned),
                super::time_used(stage.time_used_secs, stage.time_budget_secs),
            ]);
        }
        let _ = writeln!(out, "\n{table}");
    }

    if !report.work_on.is_empty() {
        let _ = writeln!(out, "\n{}", style.bold("Work on first"));
        for w in &report.work_on {
            let missed = w
                .missed
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {} / {} (score {}){missed}",
                w.stage, w.question_id, w.score
            );
        }
    }

    for (i, answer) in report.answers.iter().enumerate() {
        render_answer(&mut out, i + 1, answer, style);
    }
    out
}

fn render_answer(out: &mut String, n: usize, a: &AnswerReport, style: Style) {
    let title = format!("{n}. {} · {}", a.stage, a.question_id);
    let _ = writeln!(out, "\n{}", style.bold(&format!("── {title} ──")));
    let _ = writeln!(out, "{} {}", style.cyan("Q:"), a.question);
    let _ = writeln!(out, "{}", super::score_line(a, |s, t| style.score(s, t)));
    if !a.skipped || !a.text.is_empty() {
        let _ = writeln!(out, "Your answer:");
        quote(out, &a.text);
    }
    for f in &a.follow_ups {
        let _ = writeln!(out, "{} {}", style.cyan("Follow-up:"), f.question);
        if f.skipped {
            let _ = writeln!(out, "  (skipped)");
        } else {
            quote(out, &f.answer);
        }
    }
    if !a.hits.is_empty() {
        let _ = writeln!(out, "Hit:");
        for hit in &a.hits {
            let how = match hit.status {
                PointStatus::Explained => "explained",
                _ => "mentioned",
            };
            let _ = writeln!(out, "  {} {} ({how})", style.score(100, "✓"), hit.label);
            if let Some(q) = &hit.quote {
                let _ = writeln!(out, "      \"{q}\"");
            }
        }
    }
    if !a.missed.is_empty() {
        let _ = writeln!(out, "Missed:");
        for m in &a.missed {
            let _ = writeln!(out, "  {} {m}", style.score(0, "✗"));
        }
    }
    if !a.structure_missed.is_empty() {
        let _ = writeln!(out, "Structure missing:");
        for m in &a.structure_missed {
            let _ = writeln!(out, "  - {m}");
        }
    }
    for (title, notes) in [("Content", &a.flags), ("Delivery", &a.delivery_notes)] {
        if !notes.is_empty() {
            let _ = writeln!(out, "{title}:");
            for note in notes {
                let _ = writeln!(out, "  - {note}");
            }
        }
    }
    if let Some(model) = &a.model_answer {
        let _ = writeln!(out, "{}", style.dim("Model answer:"));
        for line in model.lines() {
            let _ = writeln!(out, "  {}", style.dim(line));
        }
    }
}

fn quote(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "  > {line}");
    }
}
