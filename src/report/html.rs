//! The report as one self-contained HTML file: scores per stage, a chart of time used against
//! the budget, and every answer with its evidence highlighted, what it missed, delivery notes and
//! the model answer. Templates are maud's, which escape every piece of text they are given.

use maud::{Markup, html};

use super::charts::{TimeRow, time_chart};
use super::highlight::{Piece, Span, pieces};
use super::model::{AnswerReport, Report};
use super::page::{badge, band, datetime, meter, page};
use crate::engine::mss;
use crate::score::Status as PointStatus;

pub fn render(report: &Report) -> String {
    let title = format!(
        "Interview report: {} ({}/100)",
        report.session_id, report.score
    );
    let body = html! {
        header {
            h1 { "Interview report" }
            p.meta {
                (report.kind.as_str()) " · " (report.status.as_str()) " · "
                (datetime(report.started_at)) " · " span.id { (report.session_id) }
            }
            p.meta { (super::summary_line(report)) }
            @if let Some(note) = super::pack_note(report) {
                p.warn { (note) }
            }
        }
        (summary(report))
        @if !report.work_on.is_empty() {
            section {
                h2 { "Work on first" }
                ol.work {
                    @for w in &report.work_on {
                        @let n = report.answers.iter().position(|a| a.question_id == w.question_id && a.stage == w.stage);
                        li {
                            (badge(w.score)) " "
                            @if let Some(n) = n {
                                a href={ "#answer-" (n + 1) } { (w.stage) " · " code { (w.question_id) } }
                            } @else {
                                (w.stage) " · " code { (w.question_id) }
                            }
                            @if let Some(missed) = &w.missed { ": missed " (missed) }
                        }
                    }
                }
            }
        }
        @if !report.answers.is_empty() {
            section {
                h2 { "Time per question" }
                figure {
                    (time_chart(&time_rows(report)))
                    figcaption.legend {
                        span.swatch.used {} "time used"
                        span.swatch.over {} "over budget"
                        span.swatch.budget {} "budget"
                        " · main answers only; follow-ups are untimed."
                    }
                }
            }
            section {
                h2 { "Answers" }
                p.legend {
                    "Highlighted: the words that earned a point, "
                    mark.explained { "explained" } " or " mark.mentioned { "mentioned" }
                    "; the number is the point in the list under the answer."
                }
                @for (i, a) in report.answers.iter().enumerate() {
                    (answer(report, i + 1, a))
                }
            }
        }
        footer {
            "Made by rehearse from session " span.id { (report.session_id) }
            ". Scores are the ones saved with each answer."
        }
    };
    page(&title, &body)
}

fn summary(report: &Report) -> Markup {
    html! {
        section.summary {
            div.overall.(band(report.score)) {
                span.big { (report.score) }
                span.of { "/100 overall" }
            }
            @if !report.stages.is_empty() {
                div.scroll {
                    table.stages {
                        thead {
                            tr {
                                th { "Stage" }
                                th.num { "Score" }
                                th.hide-narrow {}
                                th.num.hide-narrow { "Answered" }
                                th.num { "Time" }
                            }
                        }
                        tbody {
                            @for s in &report.stages {
                                tr {
                                    td { (s.title) }
                                    td.num { (badge(s.score)) }
                                    td.hide-narrow style="width:28%" { (meter(s.score)) }
                                    td.num.hide-narrow { (s.answered) "/" (s.planned) }
                                    td.num { (super::time_used(s.time_used_secs, s.time_budget_secs)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn time_rows(report: &Report) -> Vec<TimeRow> {
    report
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| TimeRow {
            label: format!("{}. {} · {}", i + 1, a.stage, a.question_id),
            title: format!(
                "{}. {}: {}",
                i + 1,
                a.question,
                super::time_used(a.elapsed_secs, a.limit_secs)
            ),
            used_secs: a.elapsed_secs,
            budget_secs: a.limit_secs,
        })
        .collect()
}

fn answer(report: &Report, n: usize, a: &AnswerReport) -> Markup {
    let rounds = report
        .stages
        .iter()
        .find(|s| s.id == a.stage)
        .map_or(1, |s| s.rounds);
    // The main answer and the answered follow-ups, as the scorer saw them.
    let mut parts: Vec<&str> = vec![a.text.as_str()];
    parts.extend(
        a.follow_ups
            .iter()
            .filter(|f| !f.skipped)
            .map(|f| f.answer.as_str()),
    );
    let spans: Vec<Span> = a
        .hits
        .iter()
        .enumerate()
        .filter_map(|(hit, h)| h.span.map(|(start, end)| Span { start, end, hit }))
        .collect();
    let laid = pieces(&parts, &spans);
    let mut answered = laid.iter().skip(1);
    html! {
        article.card id={ "answer-" (n) } {
            header {
                h3 {
                    (n) ". " span.tag { (a.stage) @if rounds > 1 { " · round " (a.round) } }
                    " " code { (a.question_id) }
                }
                (badge(a.score))
            }
            p.question { (a.question) }
            p.scoreline { (super::score_line(a, |_, t| t.to_string())) }
            h4 { "Your answer" }
            @if a.skipped && a.text.is_empty() {
                p.text.empty { "(skipped)" }
            } @else {
                div.text { (marked(laid.first().map_or(&[][..], Vec::as_slice), a)) }
            }
            @for f in &a.follow_ups {
                div.followup {
                    p.asked { "Follow-up: " (f.question) }
                    @if f.skipped {
                        p.text.empty { "(skipped)" }
                    } @else {
                        div.text { (marked(answered.next().map_or(&[][..], Vec::as_slice), a)) }
                    }
                }
            }
            @if !a.hits.is_empty() {
                h4 { "Points hit" }
                ul.points {
                    @for (k, hit) in a.hits.iter().enumerate() {
                        li.hit {
                            span.n { (k + 1) } (hit.label) " "
                            span.tag { (status_word(hit.status)) }
                            @if let (None, Some(quote)) = (hit.span, &hit.quote) {
                                span.quote { "“" (quote) "”" }
                            }
                        }
                    }
                }
            }
            @if !a.missed.is_empty() {
                h4 { "Points missed" }
                ul.points {
                    @for m in &a.missed { li.miss { (m) } }
                }
            }
            @if !a.structure_missed.is_empty() {
                h4 { "Structure missing" }
                ul.notes { @for m in &a.structure_missed { li { (m) } } }
            }
            @if !a.flags.is_empty() {
                h4 { "Content" }
                ul.notes { @for f in &a.flags { li { (f) } } }
            }
            @if !a.delivery_notes.is_empty() || a.overtime_secs.is_some() {
                h4 { "Delivery" }
                ul.notes {
                    @if let Some(over) = a.overtime_secs { li { (mss(over)) " over the time budget" } }
                    @for d in &a.delivery_notes { li { (d) } }
                }
            }
            @if let Some(model) = &a.model_answer {
                h4 { "Model answer" }
                div.model { (model.trim()) }
            }
        }
    }
}

/// Plain text and `<mark>`s, each mark titled with its point and numbered as in the list.
fn marked(pieces: &[Piece<'_>], a: &AnswerReport) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                Piece::Plain(text) => (text),
                Piece::Mark { text, hit } => {
                    @let h = a.hits.get(*hit);
                    mark.(h.map_or("mentioned", |h| status_word(h.status)))
                        title=(h.map_or("", |h| h.label.as_str())) {
                        (text) sup { (hit + 1) }
                    }
                }
            }
        }
    }
}

fn status_word(status: PointStatus) -> &'static str {
    match status {
        PointStatus::Explained => "explained",
        _ => "mentioned",
    }
}
