//! Charts: inline SVG for the HTML pages (built with maud, so labels are escaped) and Unicode
//! sparklines for the terminal. They draw numbers they are given; they compute no score.

use maud::{Markup, html};

use super::page::{band, num};
use crate::engine::mss;

/// One bar of the time chart.
pub struct TimeRow {
    pub label: String,
    /// A longer description, shown on hover.
    pub title: String,
    pub used_secs: f64,
    pub budget_secs: Option<f64>,
}

// Each row is a label with its bar under it, so that labels need not be cut and the chart stays
// narrow enough to read on a phone.
const TIME_W: f64 = 440.0;
const BAR_X: f64 = 1.0;
const VALUE_W: f64 = 96.0;
const ROW_H: f64 = 44.0;
const LABEL_Y: f64 = 15.0;
const BAR_Y: f64 = 21.0;
const BAR_H: f64 = 14.0;
const TOP: f64 = 2.0;

/// Time used against the budget, one row per question: the budget as a grey track, the time
/// used in blue up to the budget and red past it. Each row has exactly one `rect.used`.
pub fn time_chart(rows: &[TimeRow]) -> Markup {
    let bar_w = TIME_W - BAR_X - VALUE_W;
    let longest = rows
        .iter()
        .map(|r| r.used_secs.max(r.budget_secs.unwrap_or(0.0)))
        .fold(60.0_f64, f64::max);
    let scale = bar_w / longest;
    let step = tick_step(longest);
    let ticks: Vec<f64> = (0..=((longest + 1e-9) / step).floor() as u32)
        .map(|k| f64::from(k) * step)
        .collect();
    let plot_bottom = TOP + ROW_H * rows.len() as f64;
    let height = plot_bottom + 22.0;
    let label = format!(
        "Time used against the budget for {} question{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    html! {
        svg.time viewBox={ "0 0 " (num(TIME_W)) " " (num(height)) }
            width=(num(TIME_W)) height=(num(height)) role="img" aria-label=(label) {
            @for t in &ticks {
                line.grid x1=(num(BAR_X + t * scale)) x2=(num(BAR_X + t * scale))
                    y1=(num(TOP + BAR_Y)) y2=(num(plot_bottom)) {}
                text.axis x=(num(BAR_X + t * scale)) y=(num(plot_bottom + 16.0))
                    font-size="12" text-anchor=(if *t == 0.0 { "start" } else { "middle" }) { (mss(*t)) }
            }
            @for (i, row) in rows.iter().enumerate() {
                @let top = TOP + ROW_H * i as f64;
                @let y = top + BAR_Y;
                @let used = row.used_secs.max(0.0);
                @let within = row.budget_secs.map_or(used, |b| used.min(b));
                @let end = used.max(row.budget_secs.unwrap_or(0.0));
                g {
                    title { (row.title) }
                    text x="0" y=(num(top + LABEL_Y)) font-size="14" { (truncate(&row.label, 56)) }
                    @if let Some(budget) = row.budget_secs {
                        rect.budget x=(num(BAR_X)) y=(num(y)) width=(num(budget * scale))
                            height=(num(BAR_H)) rx="3" {}
                    }
                    rect.used x=(num(BAR_X)) y=(num(y)) width=(num(within * scale))
                        height=(num(BAR_H)) rx="3" {}
                    @if let Some(budget) = row.budget_secs.filter(|b| used > *b) {
                        rect.over x=(num(BAR_X + budget * scale)) y=(num(y))
                            width=(num((used - budget) * scale)) height=(num(BAR_H)) rx="3" {}
                    }
                    text x=(num(BAR_X + end * scale + 6.0)) y=(num(y + BAR_H - 2.0)) font-size="13" {
                        (mss(used))
                        @if let Some(budget) = row.budget_secs { " / " (mss(budget)) }
                    }
                }
            }
        }
    }
}

/// A tick every so many seconds: at most six ticks.
fn tick_step(longest: f64) -> f64 {
    [15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0]
        .into_iter()
        .find(|s| longest / s <= 6.0)
        // Longer than six hours (a session file can say anything): whole hours, still at most
        // six ticks. A fixed step here once meant billions of ticks for a huge `elapsed_secs`.
        .unwrap_or_else(|| (longest / 6.0 / 3600.0).ceil() * 3600.0)
}

/// One point of a trend.
pub struct TrendPoint {
    pub score: u32,
    /// Shown on hover, e.g. "26 Nov: 72".
    pub title: String,
}

const TREND_W: f64 = 260.0;
const TREND_H: f64 = 140.0;
const PLOT_L: f64 = 32.0;
const PLOT_R: f64 = 250.0;
const PLOT_T: f64 = 10.0;
const PLOT_B: f64 = 106.0;

/// A line chart of scores (0-100) over sessions, oldest left: one `circle.point` per point.
/// `first` and `last` label the ends of the x axis.
pub fn trend_chart(name: &str, points: &[TrendPoint], first: &str, last: &str) -> Markup {
    let x = |i: usize| {
        if points.len() < 2 {
            f64::midpoint(PLOT_L, PLOT_R)
        } else {
            PLOT_L + (PLOT_R - PLOT_L) * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |score: u32| PLOT_B - (PLOT_B - PLOT_T) * f64::from(score.min(100)) / 100.0;
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", num(x(i)), num(y(p.score))))
        .collect();
    let label = format!(
        "{name}: scores of {} session{}",
        points.len(),
        if points.len() == 1 { "" } else { "s" }
    );
    html! {
        svg.trend viewBox={ "0 0 " (num(TREND_W)) " " (num(TREND_H)) }
            role="img" aria-label=(label) data-series=(name) {
            @for level in [0u32, 50, 100] {
                line.grid x1=(num(PLOT_L)) x2=(num(PLOT_R)) y1=(num(y(level))) y2=(num(y(level))) {}
                text.axis x=(num(PLOT_L - 6.0)) y=(num(y(level) + 4.0)) font-size="12" text-anchor="end" { (level) }
            }
            // The bar of a good answer.
            line.target x1=(num(PLOT_L)) x2=(num(PLOT_R)) y1=(num(y(75))) y2=(num(y(75))) {}
            @if points.len() > 1 {
                polyline.line points=(line.join(" ")) {}
            }
            @for (i, p) in points.iter().enumerate() {
                circle.point.(band(p.score)) cx=(num(x(i))) cy=(num(y(p.score))) r="4.5" { title { (p.title) } }
            }
            text.axis x=(num(PLOT_L)) y=(num(TREND_H - 10.0)) font-size="12" { (first) }
            @if points.len() > 1 {
                text.axis x=(num(PLOT_R)) y=(num(TREND_H - 10.0)) font-size="12" text-anchor="end" { (last) }
            }
        }
    }
}

/// Scores as Unicode block characters, one per score, ▁ for 0 up to █ for 100; at most `max`,
/// the latest, with "…" in front when some were left out.
pub fn sparkline(scores: &[u32], max: usize) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let skip = scores.len().saturating_sub(max);
    let mut out = String::new();
    if skip > 0 {
        out.push('…');
    }
    for s in &scores[skip..] {
        let i = (s.min(&100) * 7 + 50) / 100;
        out.push(BLOCKS[i as usize]);
    }
    out
}

/// At most `max` characters, with "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_map_scores_to_blocks() {
        assert_eq!(sparkline(&[0, 14, 50, 86, 100], 10), "▁▂▅▇█");
        assert_eq!(sparkline(&[0, 100, 0, 100], 2), "…▁█");
        assert_eq!(sparkline(&[], 5), "");
    }

    #[test]
    fn a_time_chart_has_one_used_bar_per_row_and_marks_overtime() {
        let rows = vec![
            TimeRow {
                label: "1 · a".to_string(),
                title: "a".to_string(),
                used_secs: 300.0,
                budget_secs: Some(240.0),
            },
            TimeRow {
                label: "2 · <b>".to_string(),
                title: "b".to_string(),
                used_secs: 10.0,
                budget_secs: None,
            },
        ];
        let svg = time_chart(&rows).into_string();
        assert_eq!(svg.matches(r#"<rect class="used""#).count(), 2, "{svg}");
        assert_eq!(svg.matches(r#"<rect class="over""#).count(), 1, "{svg}");
        assert!(svg.contains("5:00 / 4:00"), "{svg}");
        assert!(svg.contains("2 · &lt;b&gt;"), "{svg}");
    }

    #[test]
    fn a_trend_chart_has_one_point_per_score() {
        let points: Vec<TrendPoint> = [10, 40, 80]
            .into_iter()
            .map(|score| TrendPoint {
                score,
                title: format!("{score}"),
            })
            .collect();
        let svg = trend_chart("technical", &points, "1 Nov", "3 Nov").into_string();
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
    }

    #[test]
    fn a_time_chart_of_absurd_durations_keeps_six_ticks() {
        for used in [7.0 * 3600.0, 1e9, 1e308] {
            assert!(used / tick_step(used) <= 6.0, "{used}");
            let rows = [TimeRow {
                label: "q".to_string(),
                title: "q".to_string(),
                used_secs: used,
                budget_secs: Some(240.0),
            }];
            let svg = time_chart(&rows).into_string();
            let ticks = svg.matches("line class=\"grid\"").count();
            assert!((2..=7).contains(&ticks), "{ticks} ticks: {svg}");
        }
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("héllo wörld", 6), "héllo…");
        assert_eq!(truncate("short", 6), "short");
    }
}
