//! "Did you mean …?" for mistyped ids.

/// Up to three candidates close to `wanted`, best first.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            let sim = strsim::jaro_winkler(&wanted, &c.to_lowercase());
            let contains = !wanted.is_empty() && c.contains(wanted.as_str());
            (if contains { sim.max(0.9) } else { sim }, c)
        })
        .filter(|(sim, _)| *sim >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// " (did you mean `a`, `b`?)" or an empty string.
pub fn did_you_mean(near: &[&str]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let list: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    format!(" (did you mean {}?)", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_first() {
        let ids = ["late-events", "exactly-once", "backfill"];
        assert_eq!(nearest("late-event", ids.into_iter())[0], "late-events");
        assert!(nearest("zzzzzz", ids.into_iter()).is_empty());
    }
}
