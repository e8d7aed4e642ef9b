#!/usr/bin/env bash
# Fuzzes the pack loader, the scorer and session files with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 180 s, every target
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz`); installs cargo-fuzz when missing. Seeds each corpus from the
# embedded pack (its files, its model answers, a session sat on them) so the fuzzer starts
# from valid inputs. Crashes land in fuzz/artifacts/<target>/; reproduce one with
# `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`. Not part of CI: too slow.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-180}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pack_load score session_file)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
toolchain=nightly
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    # No nightly: libFuzzer's sanitizer flags need one, but a stable compiler accepts them
    # when told it may (RUSTC_BOOTSTRAP).
    echo "no nightly toolchain; trying stable with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
    toolchain=stable
fi

cargo build --release --quiet
bin=target/release/rehearse
seed_dir=$(mktemp -d)
trap 'rm -rf "$seed_dir"' EXIT
"$bin" init "$seed_dir/pack" >/dev/null

# pack_load: one byte choosing the file of the small pack in fuzz/src/lib.rs (0 pack.toml,
# 1-6 the rounds, 7 the rubric, 8 a new round file), then the embedded pack's files in place.
rm -rf fuzz/corpus/pack_load
mkdir -p fuzz/corpus/pack_load fuzz/corpus/score fuzz/corpus/session_file
seed() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } >"fuzz/corpus/pack_load/seed-$1-$(basename "$2")"; }
seed 0 "$seed_dir/pack/pack.toml"
for f in "$seed_dir"/pack/rounds/*.toml; do
    n=$(basename "$f" | cut -c2)
    seed "$n" "$f"
    seed 8 "$f"
done
for f in "$seed_dir"/pack/rubrics/*.toml; do seed 7 "$f"; done

# score: one byte choosing the question, then a model answer.
"$bin" list --format json >"$seed_dir/list.json"
python3 - "$seed_dir/list.json" fuzz/corpus/score <<'PY'
import json, sys
questions = json.load(open(sys.argv[1]))
for i, q in enumerate(questions):
    with open(f"{sys.argv[2]}/seed-{i}", "wb") as out:
        out.write(bytes([i % 128]) + (q.get("model_answer") or q["text"]).encode())
PY

# session_file: a round sat through the piped console on model answers.
python3 - "$seed_dir/list.json" >"$seed_dir/answers.txt" <<'PY'
import json, sys
for q in json.load(open(sys.argv[1])):
    print((q.get("model_answer") or "I would ask about the team.").replace("\n\n", "\n"))
    print()
PY
REHEARSE_DATA_DIR="$seed_dir/data" "$bin" round technical --seed 3 --pace untimed \
    <"$seed_dir/answers.txt" >/dev/null
cp "$seed_dir"/data/sessions/*.json fuzz/corpus/session_file/

cd fuzz
mkdir -p artifacts
status=0
for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s (full log: fuzz/artifacts/$target.log)"
    # No sanitizer: the code is safe Rust (unsafe_code = "forbid"), so AddressSanitizer finds
    # nothing and costs most of the speed; debug assertions catch integer overflow instead.
    if ! cargo "+$toolchain" fuzz run --sanitizer none --debug-assertions "$target" -- \
        -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
        >"artifacts/$target.log" 2>&1; then
        status=1
    fi
    grep -E "^(#[0-9]+.*DONE|Done |stat::peak_rss_mb|SUMMARY|thread .* panicked|artifact_prefix)" \
        "artifacts/$target.log" || true
done
if [ "$status" -ne 0 ]; then
    echo "a target failed: see the logs, and the crash inputs in fuzz/artifacts/<target>/;" \
        "after fixing, copy each to fuzz/regressions/<target>/ so cargo test replays it" >&2
fi
exit "$status"
