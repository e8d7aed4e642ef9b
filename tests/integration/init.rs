use crate::support::Test;

#[test]
fn init_writes_the_embedded_pack_and_it_checks_clean() {
    let out = Test::new()
        .args(["init", "mypack"])
        .stdout_contains("wrote ")
        .run();
    assert!(out.path("mypack/rounds/03-technical.toml").is_file());
    assert!(out.path("mypack/rubrics").is_dir());
    assert!(out.path("mypack/pack.toml").is_file());
    let out = Test::in_dir(out.dir)
        .args(["check", "mypack"])
        .stdout_contains("ok: the pack in mypack is valid")
        .run();
    // Same questions as the embedded pack.
    let from_disk = Test::in_dir(out.dir)
        .args(["--pack", "mypack", "list", "--format", "json"])
        .run();
    let embedded = Test::new().args(["list", "--format", "json"]).run();
    assert_eq!(from_disk.json(), embedded.json());
}

#[test]
fn init_writes_byte_for_byte() {
    let out = Test::new().args(["init", "p"]).run();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in ["pack.toml", "rounds/01-recruiter.toml", "rubrics/star.toml"] {
        let written = std::fs::read(out.path(&format!("p/{rel}"))).expect("written");
        let original = std::fs::read(repo.join(rel)).expect("original");
        assert_eq!(written, original, "{rel} differs");
    }
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let out = Test::new()
        .write("p/rounds/01-recruiter.toml", "my edits")
        .args(["init", "p"])
        .status(2)
        .stderr_contains("refusing to overwrite 1 existing file (use --force)")
        .run();
    assert_eq!(
        std::fs::read_to_string(out.path("p/rounds/01-recruiter.toml")).expect("read"),
        "my edits"
    );
    assert!(
        !out.path("p/rubrics").exists(),
        "nothing written when refusing"
    );
    let out = Test::in_dir(out.dir).args(["init", "p", "--force"]).run();
    assert_ne!(
        std::fs::read_to_string(out.path("p/rounds/01-recruiter.toml")).expect("read"),
        "my edits"
    );
}

#[test]
fn init_into_a_file_is_a_runtime_error() {
    Test::new()
        .write("afile", "x")
        .args(["init", "afile"])
        .status(1)
        .stderr_contains("cannot create")
        .run();
}
