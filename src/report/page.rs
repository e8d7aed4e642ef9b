//! What the HTML report and the HTML history share: the self-contained page (inline CSS, no
//! script, font or image from anywhere), score badges and dates. Every piece of user or pack text
//! goes through maud, which escapes it; the only unescaped text is the stylesheet below.

use chrono::{DateTime, Local, Utc};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The stylesheet: readable on a phone (one column under 640px), printable (no shadows, cards
/// kept whole, colours kept).
const CSS: &str = r#"
:root {
  --fg: #1f2328; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
  --good: #1a7f37; --good-bg: #dafbe1; --ok: #8a5a00; --ok-bg: #fff3c4;
  --low: #c4141d; --low-bg: #ffe5e3; --accent: #0969da; --accent-bg: #eef5ff;
  --explained: #b9efc7; --mentioned: #ffe89a;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 880px; margin: 0 auto; padding: 28px 20px 56px; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 1.25rem; margin: 40px 0 14px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 18px 0 6px; }
p { margin: 6px 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.meta, .note, .legend { color: var(--muted); font-size: .9rem; }
.warn { background: var(--ok-bg); border-radius: 6px; padding: 8px 12px; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 20px 28px; align-items: center; margin-top: 20px; }
.overall { text-align: center; min-width: 130px; padding: 14px 18px; border-radius: 14px; }
.overall .big { display: block; font-size: 3rem; font-weight: 700; line-height: 1; font-variant-numeric: tabular-nums; }
.overall .of { font-size: .85rem; }
.summary .scroll { flex: 1 1 360px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.badge { display: inline-block; min-width: 2.7em; padding: 1px 8px; border-radius: 999px; text-align: center; font-weight: 650; font-variant-numeric: tabular-nums; }
.good { color: var(--good); background: var(--good-bg); }
.ok { color: var(--ok); background: var(--ok-bg); }
.low { color: var(--low); background: var(--low-bg); }
.up { color: var(--good); font-weight: 600; }
.down { color: var(--low); font-weight: 600; }
.meter { display: block; height: 8px; min-width: 60px; background: var(--panel); border-radius: 4px; overflow: hidden; }
.meter > span { display: block; height: 100%; border-radius: 4px; }
.meter > .good { background: var(--good); } .meter > .ok { background: #d4a72c; } .meter > .low { background: var(--low); }
ol.work { padding-left: 1.4em; } ol.work li { margin: 4px 0; }
figure { margin: 0; }
figcaption { margin-top: 6px; }
svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg text { fill: var(--fg); }
svg .axis { fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .budget { fill: #e7ecf0; }
svg .used { fill: var(--accent); }
svg .over { fill: var(--low); }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
svg .point { fill: var(--bg); stroke: var(--accent); stroke-width: 2.5; }
svg .point.good { fill: var(--good); stroke: var(--good); }
svg .point.ok { fill: #d4a72c; stroke: #d4a72c; }
svg .point.low { fill: var(--bg); stroke: var(--low); }
svg .target { stroke: var(--good); stroke-width: 1; stroke-dasharray: 4 4; opacity: .7; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em; margin: 0 4px 0 10px; }
.swatch.used { background: var(--accent); } .swatch.over { background: var(--low); } .swatch.budget { background: #e7ecf0; border: 1px solid var(--line); }
.card { border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin: 18px 0; }
.card header { display: flex; gap: 12px; align-items: baseline; justify-content: space-between; }
.card header h3 { flex: 1; min-width: 0; }
.card .question { font-size: 1.08rem; font-weight: 600; margin: 8px 0 2px; }
.scoreline { color: var(--muted); font-size: .9rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); border-radius: 8px; padding: 12px 14px; margin: 4px 0; }
.text.empty { color: var(--muted); font-style: italic; }
.followup { margin-top: 12px; }
.followup .asked { font-weight: 600; }
mark { border-radius: 3px; padding: 0 2px; color: inherit; }
mark.explained { background: var(--explained); }
mark.mentioned { background: var(--mentioned); }
mark sup { font-size: .68em; font-weight: 700; color: var(--muted); margin-left: 1px; }
ul.points { list-style: none; padding: 0; margin: 4px 0; }
ul.points li { padding: 3px 0 3px 1.6em; position: relative; }
ul.points li::before { position: absolute; left: 0; font-weight: 700; }
ul.points li.hit::before { content: "✓"; color: var(--good); }
ul.points li.miss::before { content: "✗"; color: var(--low); }
ul.points .n { font-weight: 700; color: var(--muted); margin-right: 4px; }
ul.points .quote { display: block; color: var(--muted); font-size: .9rem; }
ul.notes { margin: 4px 0; padding-left: 1.3em; }
.tag { font-size: .78rem; border-radius: 4px; padding: 0 6px; background: var(--panel); color: var(--muted); white-space: nowrap; }
.model { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid var(--accent); background: var(--accent-bg); border-radius: 0 8px 8px 0; padding: 10px 14px; margin: 4px 0; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 16px; }
.grid2 .card { margin: 0; padding: 14px 16px; }
.trend-head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.trend-head span { white-space: nowrap; }
footer { margin-top: 48px; color: var(--muted); font-size: .8rem; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: 18px 14px 40px; }
  h1 { font-size: 1.4rem; }
  .card { padding: 14px; border-radius: 10px; }
  .overall { min-width: 0; width: 100%; display: flex; gap: 12px; align-items: baseline; justify-content: center; }
  .overall .big { display: inline; font-size: 2.4rem; }
  th, td { padding: 6px 5px; }
  .hide-narrow { display: none; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4, .card header, .question { break-after: avoid; }
  figure, tr, li, .grid2 .card { break-inside: avoid; }
  .card { break-inside: auto; }
  .hide-narrow { display: table-cell; }
}
"#;

/// A whole page: doctype, head with the stylesheet, and `body` inside `<main>`.
pub fn page(title: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="rehearse";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main { (body) }
            }
        }
    }
    .into_string()
}

/// The colour band of a score, as in the terminal: good from 75, ok from 50, low below.
pub fn band(score: u32) -> &'static str {
    match score {
        75.. => "good",
        50..=74 => "ok",
        _ => "low",
    }
}

/// A score in a coloured pill.
pub fn badge(score: u32) -> Markup {
    html! { span.badge.(band(score)) { (score) } }
}

/// A horizontal meter of a 0-100 score.
pub fn meter(score: u32) -> Markup {
    let width = format!("width:{}%", score.min(100));
    html! { span.meter role="presentation" { span.(band(score)) style=(width) {} } }
}

/// A signed change, coloured: "+12", "−5", "±0".
pub fn change(delta: i64) -> Markup {
    html! {
        @if delta > 0 {
            span.up { "+" (delta) }
        } @else if delta < 0 {
            span.down { "−" (delta.unsigned_abs()) }
        } @else {
            span { "±0" }
        }
    }
}

/// "26 Nov 2026, 14:30" in local time.
pub fn datetime(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

/// "26 Nov" in local time.
pub fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%-d %b").to_string()
}

/// A number for an SVG attribute: at most one decimal, no trailing zeros.
pub fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_changes_and_numbers() {
        assert_eq!(
            (band(75), band(74), band(50), band(49)),
            ("good", "ok", "ok", "low")
        );
        assert_eq!(change(12).into_string(), r#"<span class="up">+12</span>"#);
        assert_eq!(change(-5).into_string(), r#"<span class="down">−5</span>"#);
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.26), "2.3");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn the_page_escapes_its_title() {
        let html = page("<b>&", &html! { p { "x" } });
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("<title>&lt;b&gt;&amp;</title>"), "{html}");
    }
}
