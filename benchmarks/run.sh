#!/usr/bin/env bash
# The benchmark suite: generates the data set (if missing), builds Jixiao
# and its benchmark in release mode, installs the peers, runs every stage
# for Jixiao and each peer in one run, checks that all agree on every
# project's score to 1e-9, and prints one table (also written to
# benchmarks/results/latest.md).
#
#   benchmarks/run.sh [--projects N] [--seed S] [--runs R] [--peers "duckdb polars pandas"]
set -euo pipefail
cd "$(dirname "$0")"
projects=100000
seed=1
runs=5
peers="duckdb polars pandas"
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
done
root="$(cd .. && pwd)"
data="data/p${projects}-s${seed}"
results="results"
out="$results/out"
# The outputs of earlier runs are the suite's own: start from nothing.
rm -rf "$out"
mkdir -p "$results" "$out"

make -C "$root" build >/dev/null
jixiao="$root/.build/release/jixiao"
if [ ! -f "$data/indicators.csv" ]; then
  "$jixiao" generate --projects "$projects" --seed "$seed" --out "$data"
fi
swift build -c release --package-path . >/dev/null
./setup-peers.sh

raw="$results/raw.jsonl"
: > "$raw"
echo "timing Jixiao stages ($runs runs each) …" >&2
.build/release/jixiao-bench --data "$data" --runs "$runs" --out "$out/jixiao-bench" >> "$raw"

# The command a user runs, end to end, as a process (start-up included).
echo "timing the jixiao score command …" >&2
.venv/bin/python - "$jixiao" "$data" "$out/jixiao" "$runs" >> "$raw" <<'PY'
import json, subprocess, sys, time, resource
jixiao, data, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([jixiao, "score", data, "--format", "csv", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"tool": "jixiao", "stage": "command", "seconds": times,
                  "work": 0, "unit": "rows", "peak_mb": peak}))
PY

for peer in $peers; do
  echo "timing $peer ($runs runs each) …" >&2
  .venv/bin/python peers/peers.py "$data" "$out" "$runs" "$peer" >> "$raw"
  if [ "$peer" = pandas ]; then
    .venv/bin/python peers/peers.py "$data" "$out" "$runs" pandas-standards >> "$raw"
  fi
done
.venv/bin/python report.py "$raw" "$data" "$out" | tee "$results/latest.md"
