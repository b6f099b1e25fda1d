#!/usr/bin/env bash
# The DEA stage: seeded synthetic units (SyntheticUnits: 3 inputs, 4
# outputs, Cobb–Douglas technology with half-normal inefficiency), VRS,
# input orientation, on one core. Jixiao solves with reference-set
# reduction on COIN-OR CLP (two phases, and scores only); the peer is
# scipy's HiGHS, one LP per unit (scores only), in the same run. Prints a
# table and writes results/dea.md.
#
#   benchmarks/dea.sh [--units "5000 10000"] [--peer-units "5000"] [--runs R] [--seed S]
set -euo pipefail
cd "$(dirname "$0")"
units="5000 10000"
peer_units="5000"
runs=3
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units="$2"; shift 2 ;;
    --peer-units) peer_units="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
done
mkdir -p results/out
swift build -c release --package-path . --product dea-bench >/dev/null
./setup-peers.sh >/dev/null
raw=results/dea.jsonl
: > "$raw"
for n in $units; do
  echo "timing Jixiao DEA on $n units ($runs runs) …" >&2
  .build/release/dea-bench --units "$n" --seed "$seed" --runs "$runs" --threads 1 \
    --csv "results/out/dea-units-$n.csv" --scores "results/out/dea-scores-$n.csv" >> "$raw"
done
for n in $peer_units; do
  echo "timing scipy HiGHS on $n units (1 run, one LP per unit) …" >&2
  .venv/bin/python peers/dea_peer.py "results/out/dea-units-$n.csv" \
    "results/out/dea-scores-$n.csv" 1 >> "$raw"
done
.venv/bin/python - "$raw" <<'PY' | tee results/dea.md
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def median(r): return statistics.median(r["seconds"])
print("| units | Jixiao, two phases | Jixiao, scores only | Jixiao, full LPs (no reduction) | reference set | scipy HiGHS, scores only | ratio (scores only) | largest θ difference |")
print("|---|---|---|---|---|---|---|---|")
for n in sorted({r["units"] for r in rows}):
    get = lambda tool, stage: next((r for r in rows if r["units"] == n and r["tool"] == tool and r["stage"] == stage), None)
    two, only, full = get("jixiao", "dea_vrs_input"), get("jixiao", "dea_vrs_input_scores_only"), get("jixiao", "dea_vrs_input_full_lps")
    peer = get("scipy-highs", "dea_vrs_input_scores_only")
    cell = lambda r: f"{median(r):.2f} s" if r else "—"
    ratio = f"{median(peer) / median(only):.1f} × faster" if peer and only else "—"
    diff = f"{peer['largest_difference']:.1e}" if peer else "—"
    print(f"| {n:,} | {cell(two)} | {cell(only)} | {cell(full)} | {two['reference_set'] if two else '—'} | {cell(peer)} | {ratio} | {diff} |")
print()
print("VRS, input orientation, 3 inputs and 4 outputs, one core; medians of the runs. "
      "Targets (issue 5): 5,000 units ≤ 10 s, 10,000 ≤ 30 s.")
PY
