//! Evidence laid over the answer text. Evidence offsets are bytes into the answer joined with
//! its answered follow-ups by blank lines (`AnswerInput::combined`); this splits that text back
//! into its parts, each a run of plain and marked pieces. Offsets that are out of range or not
//! on a character boundary are dropped, and overlapping spans are trimmed so that none overlap:
//! a session file edited by hand can never make a renderer panic or garble text.

/// A credited span of the combined text: `[start, end)` and which hit (0-based) it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub hit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Mark { text: &'a str, hit: usize },
}

/// The separator `AnswerInput::combined` puts between parts.
const SEPARATOR: &str = "\n\n";

/// Each part (the answer, then each answered follow-up) as pieces; the spans are over the parts
/// joined by blank lines.
pub fn pieces<'a>(parts: &[&'a str], spans: &[Span]) -> Vec<Vec<Piece<'a>>> {
    // Where each part starts in the combined text.
    let mut starts = Vec::with_capacity(parts.len());
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            at += SEPARATOR.len();
        }
        starts.push(at);
        at += part.len();
    }
    let total = at;
    let on_boundary = |offset: usize| {
        parts.iter().zip(&starts).any(|(part, start)| {
            offset >= *start
                && offset <= start + part.len()
                && part.is_char_boundary(offset - start)
        })
    };
    let mut valid: Vec<Span> = spans
        .iter()
        .copied()
        .filter(|s| s.start < s.end && s.end <= total && on_boundary(s.start) && on_boundary(s.end))
        .collect();
    valid.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<Span> = Vec::new();
    for mut span in valid {
        if let Some(last) = kept.last() {
            span.start = span.start.max(last.end);
        }
        if span.start < span.end {
            kept.push(span);
        }
    }

    parts
        .iter()
        .zip(&starts)
        .map(|(part, &start)| {
            let end = start + part.len();
            let mut out = Vec::new();
            let mut cursor = 0;
            for span in &kept {
                let (s, e) = (span.start.max(start), span.end.min(end));
                if s >= e {
                    continue;
                }
                let (s, e) = (s - start, e - start);
                if s > cursor {
                    out.push(Piece::Plain(&part[cursor..s]));
                }
                out.push(Piece::Mark {
                    text: &part[s..e],
                    hit: span.hit,
                });
                cursor = e;
            }
            if cursor < part.len() {
                out.push(Piece::Plain(&part[cursor..]));
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, hit: usize) -> Span {
        Span { start, end, hit }
    }

    #[test]
    fn marks_spans_in_the_answer_and_its_follow_ups() {
        let parts = ["We keep a grace period.", "We dedup by id."];
        // "grace period" is 10..22; "dedup" is at 25 + 3 in the combined text.
        let out = pieces(&parts, &[span(28, 33, 1), span(10, 22, 0)]);
        assert_eq!(
            out[0],
            vec![
                Piece::Plain("We keep a "),
                Piece::Mark {
                    text: "grace period",
                    hit: 0
                },
                Piece::Plain("."),
            ]
        );
        assert_eq!(
            out[1],
            vec![
                Piece::Plain("We "),
                Piece::Mark {
                    text: "dedup",
                    hit: 1
                },
                Piece::Plain(" by id."),
            ]
        );
    }

    #[test]
    fn drops_bad_offsets_and_trims_overlaps() {
        let parts = ["héllo wörld"];
        // 2 is inside "é"; 99 is past the end; 4 >= 3 is empty.
        let out = pieces(
            &parts,
            &[
                span(2, 5, 0),
                span(0, 99, 1),
                span(4, 3, 2),
                span(0, 6, 3),
                span(4, 10, 4),
                span(7, 9, 5),
            ],
        );
        let text: String = out[0]
            .iter()
            .map(|p| match p {
                Piece::Plain(t) | Piece::Mark { text: t, .. } => *t,
            })
            .collect();
        assert_eq!(text, parts[0], "no text is lost or repeated");
        let marks: Vec<(&str, usize)> = out[0]
            .iter()
            .filter_map(|p| match p {
                Piece::Mark { text, hit } => Some((*text, *hit)),
                Piece::Plain(_) => None,
            })
            .collect();
        // "ö" is bytes 8..10: 7..9 ends inside it; 4..10 overlaps "héllo" and is trimmed.
        assert_eq!(marks, vec![("héllo", 3), (" wö", 4)]);
    }

    #[test]
    fn a_span_over_the_separator_is_split_and_empty_parts_stay() {
        let parts = ["ab", "", "cd"];
        // Combined: "ab\n\n\n\ncd"; 1..7 covers "b", the separators and "c".
        let out = pieces(&parts, &[span(1, 7, 0)]);
        assert_eq!(
            out[0],
            vec![Piece::Plain("a"), Piece::Mark { text: "b", hit: 0 }]
        );
        assert!(out[1].is_empty());
        assert_eq!(
            out[2],
            vec![Piece::Mark { text: "c", hit: 0 }, Piece::Plain("d")]
        );
    }
}
