//! The history as one self-contained HTML page: the overall and per-stage trends as SVG line
//! charts, the weakest questions with what they keep missing, the change per question and every
//! session. maud escapes every piece of text.

use maud::{Markup, html};

use super::{History, SessionSummary, WEAK_BELOW};
use crate::engine::mss;
use crate::report::charts::{TrendPoint, trend_chart};
use crate::report::page::{badge, band, change, datetime, day, page};

pub fn render(history: &History) -> String {
    let n = history.sessions.len();
    let body = html! {
        header {
            h1 { "Interview practice: progress" }
            @match (history.sessions.first(), history.sessions.last()) {
                (Some(first), Some(last)) => p.meta {
                    (n) " session" @if n != 1 { "s" } " from " (datetime(first.started_at))
                    " to " (datetime(last.started_at)) " · "
                    (mss(history.sessions.iter().map(|s| s.time_used_secs).sum())) " practised"
                },
                _ => p.meta {
                    "No sessions yet: start one with " code { "rehearse round STAGE" } ", "
                    code { "rehearse loop" } " or " code { "rehearse drill" } "."
                },
            }
        }
        @if !history.sessions.is_empty() {
            (trends(history))
            (weakest(history))
            (changes(history))
            (sessions(history))
        }
        footer { "Made by rehearse. Scores are the ones saved with each answer." }
    };
    page("Interview practice: progress", &body)
}

fn trends(history: &History) -> Markup {
    // Sessions left before their first answer have no score to chart.
    let scored: Vec<&SessionSummary> = history.sessions.iter().filter(|s| s.answered > 0).collect();
    let overall: Vec<TrendPoint> = scored.iter().map(|s| point(s, s.score)).collect();
    let (first, last) = ends(scored.first().copied(), scored.last().copied());
    let latest = scored.last().map_or(0, |s| s.score);
    let delta = scored
        .first()
        .map_or(0, |f| i64::from(latest) - i64::from(f.score));
    html! {
        section {
            h2 { "Where you stand" }
            div.grid2 {
                div.card {
                    div.trend-head {
                        h3 { "Overall" }
                        span { (badge(latest)) " " (change(delta)) }
                    }
                    (trend_chart("overall", &overall, &first, &last))
                    p.note { "Each session's overall score, oldest left; dashed: 75, the bar of a good answer." }
                }
                @for s in &history.stages {
                    @let points: Vec<TrendPoint> = s.points.iter().map(|p| TrendPoint {
                        score: p.score,
                        title: format!("{}: {}", datetime(p.started_at), p.score),
                    }).collect();
                    @let (first, last) = (
                        s.points.first().map(|p| day(p.started_at)).unwrap_or_default(),
                        s.points.last().map(|p| day(p.started_at)).unwrap_or_default(),
                    );
                    div.card {
                        div.trend-head {
                            h3 { (s.title) }
                            span { (badge(s.latest)) " " (change(s.change)) }
                        }
                        (trend_chart(s.id.as_str(), &points, &first, &last))
                        p.note {
                            (s.points.len()) " session" @if s.points.len() != 1 { "s" }
                            " · first " (s.first) " · best " (s.best)
                        }
                    }
                }
            }
        }
    }
}

fn weakest(history: &History) -> Markup {
    html! {
        section {
            h2 { "Weakest questions" }
            @if history.questions.is_empty() {
                p { "No answers yet." }
            } @else if history.weakest.is_empty() {
                p { "None: every question's latest score is " (WEAK_BELOW) " or more." }
            } @else {
                p.note {
                    "Latest score below " (WEAK_BELOW) ", lowest first. "
                    code { "rehearse drill" } " puts you on them."
                }
                @for (i, w) in history.weakest.iter().enumerate() {
                    div.card {
                        header {
                            h3 { (i + 1) ". " span.tag { (w.stage) } " " code { (w.question_id) } }
                            (badge(w.latest))
                        }
                        p.question { (w.question) }
                        p.scoreline {
                            "latest " (w.latest) " · mean " (w.mean) " over " (w.attempts)
                            " attempt" @if w.attempts != 1 { "s" }
                        }
                        @if !w.missed.is_empty() {
                            h4 { "Missed most often" }
                            ul.points {
                                @for m in &w.missed {
                                    li.miss {
                                        (m.label) " "
                                        span.tag { "missed in " (m.times) " of " (w.attempts) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn changes(history: &History) -> Markup {
    let repeated: Vec<_> = history
        .questions
        .iter()
        .filter(|q| q.attempts > 1)
        .collect();
    let once = history.questions.len() - repeated.len();
    html! {
        section {
            h2 { "Change from the first attempt to the latest" }
            @if repeated.is_empty() {
                p { "No question answered twice yet." }
            } @else {
                div.scroll {
                    table {
                        thead {
                            tr {
                                th { "Question" }
                                th.hide-narrow { "Stage" }
                                th.num { "First" }
                                th.num { "Latest" }
                                th.num { "Change" }
                                th.hide-narrow { "Scores" }
                            }
                        }
                        tbody {
                            @for q in &repeated {
                                tr {
                                    td { code { (q.question_id) } }
                                    td.hide-narrow { (q.stage) }
                                    td.num { (q.first) }
                                    td.num { (badge(q.latest)) }
                                    td.num { (change(q.change)) }
                                    td.hide-narrow.scores {
                                        @for (i, s) in q.scores.iter().enumerate() {
                                            @if i > 0 { " → " }
                                            span.(band(*s)) style="background:none" { (s) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if once > 0 {
                p.note { (once) " question" @if once != 1 { "s" } " answered once." }
            }
        }
    }
}

fn sessions(history: &History) -> Markup {
    html! {
        section {
            h2 { "Sessions" }
            div.scroll {
                table {
                    thead {
                        tr {
                            th { "Date" }
                            th { "Kind" }
                            th { "Stages" }
                            th.num { "Score" }
                            th.num.hide-narrow { "Answered" }
                            th.num { "Time" }
                        }
                    }
                    tbody {
                        @for s in history.sessions.iter().rev() {
                            tr title=(s.id) {
                                td { (datetime(s.started_at)) }
                                td { (s.kind.as_str()) }
                                td { (s.stage_list()) }
                                td.num { (badge(s.score)) }
                                td.num.hide-narrow { (s.answered) "/" (s.planned) }
                                td.num { (mss(s.time_used_secs)) }
                            }
                        }
                    }
                }
            }
            p.note { "Newest first." }
        }
    }
}

fn point(s: &SessionSummary, score: u32) -> TrendPoint {
    TrendPoint {
        score,
        title: format!("{} ({}): {score}", datetime(s.started_at), s.kind.as_str()),
    }
}

fn ends(first: Option<&SessionSummary>, last: Option<&SessionSummary>) -> (String, String) {
    (
        first.map(|s| day(s.started_at)).unwrap_or_default(),
        last.map(|s| day(s.started_at)).unwrap_or_default(),
    )
}
