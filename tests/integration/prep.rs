use crate::support::Test;

#[test]
fn prints_one_checklist_or_all() {
    let out = Test::new().args(["prep", "day-of"]).run();
    assert!(out.stdout.starts_with("The day of\n"), "{}", out.stdout);
    assert!(!out.stdout.contains("Before each interview"));
    assert!(out.stdout.contains("[ ] "));

    let all = Test::new().arg("prep").run();
    for title in ["Before each interview", "The day before", "The day of"] {
        assert!(all.stdout.contains(title), "{}", all.stdout);
    }
}
