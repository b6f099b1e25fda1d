#!/usr/bin/env bash
# The multi-year Monte Carlo stage (issue 6): a generated data set of
# 10,000 projects (jixiao generate, seed 1), the rule-set scenario
# datasets/scenarios/rectification.json, 3 budget years × 1,000 runs.
# Jixiao (MultiYearSimulation) on 1 and 2 threads; the peer is the same
# model in numpy (peers/montecarlo_peer.py, vectorised over blocks of runs
# × projects, one core), in the same run. Their yearly means must agree
# within Monte Carlo error (the two draw different random numbers).
# Prints a table and writes results/montecarlo.md.
#
#   benchmarks/montecarlo.sh [--projects N] [--runs R] [--years Y] [--repeat K] [--seed S]
set -euo pipefail
cd "$(dirname "$0")"
projects=10000
runs=1000
years=3
repeat=3
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --years) years="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 64 ;;
  esac
done
scenario=../datasets/scenarios/rectification.json
data=results/out/mc-data-$projects
export=results/out/mc-export-$projects
mkdir -p results/out
(cd .. && swift build -c release --product jixiao >/dev/null)
swift build -c release --package-path . --product mc-bench >/dev/null
./setup-peers.sh >/dev/null
rm -rf "$data"
../.build/release/jixiao generate --projects "$projects" --seed 1 --out "$data" >/dev/null
raw=results/montecarlo.jsonl
: > "$raw"
for k in $(seq "$repeat"); do
  echo "timing Jixiao, $projects projects × $years years × $runs runs (repeat $k) …" >&2
  .build/release/mc-bench --dataset "$data" --scenario "$scenario" --years "$years" \
    --runs "$runs" --seed "$seed" --threads "1 2" --export "$export" >> "$raw"
  echo "timing numpy (repeat $k) …" >&2
  .venv/bin/python peers/montecarlo_peer.py "$export" "$scenario" "$runs" "$years" "$seed" >> "$raw"
done
.venv/bin/python - "$raw" <<'PY' | tee results/montecarlo.md
import json, math, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def pick(tool, threads):
    return [r for r in rows if r["tool"] == tool and r["threads"] == threads]
one, two, peer = pick("jixiao", 1), pick("jixiao", 2), pick("numpy", 1)
med = lambda rs: statistics.median(r["seconds"] for r in rs)
r0 = rows[0]
print(f"| projects × years × runs | Jixiao, 1 thread | Jixiao, 2 threads | numpy, 1 core | numpy ÷ Jixiao (1 thread) | numpy ÷ Jixiao (2 threads) |")
print("|---|---|---|---|---|---|")
print(f"| {r0['projects']:,} × {r0['years']} × {r0['runs']:,} | {med(one):.2f} s | {med(two):.2f} s | {med(peer):.2f} s "
      f"| {med(peer) / med(one):.1f} × | {med(peer) / med(two):.1f} × |")
print()
print("Agreement of the yearly means (different random numbers, so within Monte Carlo error: "
      "|difference| / standard error of the difference, which should stay below about 3):")
print()
print("| year | budget Jixiao | budget numpy | performance Jixiao | performance numpy | z | exited Jixiao | exited numpy | Gini Jixiao | Gini numpy |")
print("|---|---|---|---|---|---|---|---|---|---|")
a, b = one[0], peer[0]
worst = 0.0
for k in range(a["years"]):
    se = math.sqrt(a["performance_sd"][k] ** 2 / a["runs"] + b["performance_sd"][k] ** 2 / b["runs"])
    z = abs(a["performance"][k] - b["performance"][k]) / se if se > 0 else 0.0
    worst = max(worst, z)
    # Budgets: the spread over runs is not exported; a relative gap above
    # 1e-3 is far beyond Monte Carlo error at 1,000 runs here.
    if abs(a["budget"][k] - b["budget"][k]) > 1e-3 * a["budget"][k]:
        worst = max(worst, 99.0)
    print(f"| {k + 1} | {a['budget'][k]:,.2f} | {b['budget'][k]:,.2f} | {a['performance'][k]:.4f} | {b['performance'][k]:.4f} "
          f"| {z:.2f} | {a['ended'][k]:.1f} | {b['ended'][k]:.1f} | {a['gini'][k]:.5f} | {b['gini'][k]:.5f} |")
print()
print(f"Scenario datasets/scenarios/rectification.json; medians of {len(one)} repeats. Target (issue 6): ≤ 60 s. "
      f"Same numbers on 1 and 2 threads: {all(x['performance'] == y['performance'] and x['budget'] == y['budget'] for x, y in zip(one, two))}.")
if worst > 4:
    print(f"WARNING: a yearly mean differs by {worst:.1f} standard errors.")
    sys.exit(1)
PY
