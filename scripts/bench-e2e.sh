#!/usr/bin/env bash
# Times the release binary end to end, against a generated history of 1,000 sessions.
#
#   scripts/bench-e2e.sh [SESSIONS]        default: 1000
#
# 1. builds the release binary;
# 2. sits a few real sessions through the piped console (rounds of every stage, a loop and a
#    drill, answered with the pack's model answers cut short to vary the scores), then writes
#    SESSIONS valid session files from them, one every six hours, each with its own id and
#    times (and 100 and 300 for the linearity check);
# 3. times every command with hyperfine (installed with apt-get when missing; else a small loop
#    timer takes its place), the time to first output of `list` and of a round, and the peak
#    memory of scoring a 1 MB answer.
# Needs python3 (generation, first-output timing and peak memory). Prints a Markdown summary.
# BENCH_WORK=DIR keeps the generated data in DIR (default: a temporary folder, removed);
# BENCH_GENERATE_ONLY=1 stops after generating it.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"

cargo build --release --quiet
bin="$PWD/target/release/rehearse"
if [ -n "${BENCH_WORK:-}" ]; then
    # Keep the generated history and answers there, for profiling by hand.
    work="$BENCH_WORK"
    rm -rf "$work" && mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
export NO_COLOR=1

if ! command -v hyperfine >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
    fi
fi

# --- a history ------------------------------------------------------------------------------
templates="$work/templates"
"$bin" list --format json >"$work/list.json"
python3 - "$work/list.json" "$work" <<'PY'
import json, sys
questions = json.load(open(sys.argv[1]))
# Three sets of answers: the model answers whole, their first half, their first sentence.
for name, cut in [("full", None), ("half", 2), ("short", 0)]:
    with open(f"{sys.argv[2]}/answers-{name}.txt", "w") as out:
        for q in questions * 3:
            text = (q.get("model_answer") or "How does the team decide what to build next?").replace("\n\n", "\n")
            if cut == 2:
                text = text[: len(text) // 2]
            elif cut == 0:
                text = text.split(". ")[0] + "."
            out.write(text + "\n\n")
PY
i=0
for stage in recruiter hiring-manager technical cross-functional culture team; do
    for kind in full half short; do
        REHEARSE_DATA_DIR="$templates" "$bin" round "$stage" --seed "$i" --pace untimed \
            <"$work/answers-$kind.txt" >/dev/null
        i=$((i + 1))
    done
done
REHEARSE_DATA_DIR="$templates" "$bin" loop --seed 1 --pace untimed <"$work/answers-half.txt" >/dev/null
REHEARSE_DATA_DIR="$templates" "$bin" drill --seed 1 --pace untimed <"$work/answers-short.txt" >/dev/null

generate() { # COUNT DIR
    python3 - "$templates/sessions" "$1" "$2/sessions" <<'PY'
import datetime as dt, glob, json, os, sys
src, count, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
templates = [json.load(open(p)) for p in sorted(glob.glob(f"{src}/*.json"))]
os.makedirs(dest, mode=0o700, exist_ok=True)
start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone.utc)
fmt = lambda t: t.isoformat().replace("+00:00", "Z")
for i in range(count):
    s = json.loads(json.dumps(templates[i % len(templates)]))
    base = start + dt.timedelta(hours=6 * i)
    old = dt.datetime.fromisoformat(s["started_at"].replace("Z", "+00:00"))
    shift = base - old
    move = lambda v: fmt(dt.datetime.fromisoformat(v.replace("Z", "+00:00")) + shift)
    s["started_at"], s["updated_at"] = move(s["started_at"]), move(s["updated_at"])
    for a in s["answers"]:
        a["started_at"], a["ended_at"] = move(a["started_at"]), move(a["ended_at"])
    kind = s["id"].split("-", 2)[2]
    s["id"] = base.strftime("%Y%m%d-%H%M%S") + f"-{kind}-{i:04d}"
    path = f"{dest}/{s['id']}.json"
    with open(path, "w") as out:
        json.dump(s, out, indent=2)
    os.chmod(path, 0o600)
PY
}
for count in 100 300 "$n"; do
    generate "$count" "$work/h$count"
done
data="$work/h$n"
bytes=$(du -sk "$data/sessions" | cut -f1)
latest=$(ls "$data/sessions" | sort | tail -1 | sed 's/\.json$//')
touch "$work/marker"

# --- answers to score -------------------------------------------------------------------------
python3 - "$work/list.json" "$work" <<'PY'
import json, sys
questions = json.load(open(sys.argv[1]))
own = next(q for q in questions if q["id"] == "late-events")["model_answer"]
prose = "\n\n".join(q["model_answer"] for q in questions if q.get("model_answer"))
words = own.split()
open(f"{sys.argv[2]}/typical.txt", "w").write(" ".join(words[:150]))
for name, size in [("100k", 100_000), ("1m", 1_000_000)]:
    text = own
    while len(text) < size:
        text += "\n\n" + prose
    open(f"{sys.argv[2]}/{name}.txt", "w").write(text[:size])
PY

[ -z "${BENCH_GENERATE_ONLY:-}" ] || { echo "generated in $work"; exit 0; }

# --- timing -----------------------------------------------------------------------------------
results="$work/results.md"
echo "| command | mean | min | max |" >"$results"
echo "|---|---|---|---|" >>"$results"
# Removes what a timed run added to the history (a drill or a round makes a session).
clean="find $work -newer $work/marker -path '*/sessions/*' -type f -delete"
time_it() { # NAME DATA_DIR COMMAND...
    local name="$1" dir="$2"
    shift 2
    if command -v hyperfine >/dev/null; then
        REHEARSE_DATA_DIR="$dir" hyperfine --style none --warmup 3 --min-runs 20 -N \
            --prepare "$clean" --export-json "$work/h.json" "$*" >/dev/null 2>&1 ||
            REHEARSE_DATA_DIR="$dir" hyperfine --style none --warmup 3 --min-runs 20 \
                --prepare "$clean" --export-json "$work/h.json" "$*" >/dev/null
        python3 - "$work/h.json" "$name" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"| {sys.argv[2]} | {ms(r['mean'])} | {ms(r['min'])} | {ms(r['max'])} |")
PY
    else
        # No hyperfine: a loop timer, 20 runs.
        python3 - "$dir" "$name" "$clean" "$@" >>"$results" <<'PY'
import os, subprocess, sys, time
env = dict(os.environ, REHEARSE_DATA_DIR=sys.argv[1])
times = []
for _ in range(23):
    subprocess.run(sys.argv[3], shell=True)
    t = time.perf_counter()
    subprocess.run(sys.argv[4:], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
times = times[3:]
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"| {sys.argv[2]} | {ms(sum(times) / len(times))} | {ms(min(times))} | {ms(max(times))} |")
PY
    fi
}
empty="$work/empty"
time_it "list --format json" "$empty" "$bin" list --format json
time_it "check (embedded pack)" "$empty" "$bin" check
time_it "round technical, no answer (whole run)" "$empty" "$bin" round technical --seed 1
time_it "score, typical answer (~150 words)" "$empty" "$bin" score -q late-events "$work/typical.txt"
time_it "score, 100 KB answer" "$empty" "$bin" score -q late-events "$work/100k.txt"
time_it "score, 1 MB answer" "$empty" "$bin" score -q late-events "$work/1m.txt"
for count in 100 300 "$n"; do
    time_it "history --format json, $count sessions" "$work/h$count" "$bin" history --format json
done
for count in 100 300 "$n"; do
    time_it "drill, $count sessions (plan + first question)" "$work/h$count" "$bin" drill --seed 1
done
time_it "report (latest of $n: reads them all)" "$data" "$bin" report
time_it "report $latest (named)" "$data" "$bin" report "$latest"
time_it "history --format html, $n sessions" "$data" "$bin" history --format html

# Time to first output, and peak memory.
python3 - "$bin" "$empty" "$work/1m.txt" "$work/typical.txt" "$data" "$clean" >>"$results" <<'PY'
import os, subprocess, sys, time
binary, data, big, typical, history, clean = sys.argv[1:7]
env = dict(os.environ, REHEARSE_DATA_DIR=data)
def first_output(args, runs=30, env=env):
    best = []
    for _ in range(runs):
        subprocess.run(clean, shell=True)
        t = time.perf_counter()
        p = subprocess.Popen([binary] + args, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        p.stdout.read(1)
        best.append(time.perf_counter() - t)
        p.stdout.read()
        p.wait()
    best.sort()
    return f"{best[len(best) // 2] * 1000:.1f} ms median, {best[0] * 1000:.1f} ms min"
print(f"| first output: list --format json | {first_output(['list', '--format', 'json'])} | | |")
print(f"| first output: round technical (its first question) | {first_output(['round', 'technical', '--seed', '1'])} | | |")
print(f"| first output: loop (the checklist, then the first question) | {first_output(['loop', '--seed', '1'])} | | |")
drill = first_output(['drill', '--seed', '1'], env=dict(env, REHEARSE_DATA_DIR=history))
print(f"| first output: drill over the {history.rsplit('h', 1)[1]} sessions (its plan) | {drill} | | |")
PY
# Peak memory, each in a fresh process (the maximum RSS of children is kept across them).
for answer in typical 1m; do
    python3 - "$bin" "$empty" "$work/$answer.txt" "$answer" >>"$results" <<'PY'
import os, resource, subprocess, sys
binary, data, path, name = sys.argv[1:5]
env = dict(os.environ, REHEARSE_DATA_DIR=data)
subprocess.run([binary, "score", "-q", "late-events", path], env=env, stdout=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"| peak memory: score, {name} answer | {peak / 1024:.1f} MB (max RSS) | | |")
PY
done

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
echo "Machine: $(nproc) CPUs, $cpu; $(uname -sr)."
echo "History: $n sessions, $((bytes / 1024)) MB of session files."
echo "Timer: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'python loop timer (no hyperfine)')."
echo
cat "$results"
