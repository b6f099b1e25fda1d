"""DEA peer: scipy's HiGHS, one envelopment LP per unit (VRS, input
orientation, scores only), on the CSV that dea-bench writes.

    python dea_peer.py UNITS.csv SCORES.csv [RUNS]

Prints one JSON line with the times, and the largest difference from the
scores Jixiao wrote to SCORES.csv.
"""
import csv
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linprog


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    xs = [i for i, h in enumerate(header) if h.startswith("x")]
    ys = [i for i, h in enumerate(header) if h.startswith("y")]
    data = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    return [r[0] for r in rows[1:]], data[:, [i - 1 for i in xs]], data[:, [i - 1 for i in ys]]


def scores(x, y):
    n, m = x.shape
    s = y.shape[1]
    # Variables: theta, lambda_1..n. Rows: m inputs, s outputs (as <=).
    a_ub = np.zeros((m + s, n + 1))
    a_ub[:m, 1:] = x.T
    a_ub[m:, 1:] = -y.T
    b_ub = np.zeros(m + s)
    a_eq = np.zeros((1, n + 1))
    a_eq[0, 1:] = 1
    c = np.zeros(n + 1)
    c[0] = 1
    bounds = [(0, None)] * (n + 1)
    theta = np.empty(n)
    for o in range(n):
        a_ub[:m, 0] = -x[o]
        b_ub[m:] = -y[o]
        res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1], bounds=bounds, method="highs")
        theta[o] = res.x[0] if res.status == 0 else np.nan
    return theta


def main():
    units, x, y = load(sys.argv[1])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        theta = scores(x, y)
        times.append(time.perf_counter() - start)
    with open(sys.argv[2], newline="") as f:
        ours = {r["unit"]: float(r["theta"]) for r in csv.DictReader(f)}
    diff = max(abs(theta[k] - ours[u]) for k, u in enumerate(units))
    print(json.dumps({"tool": "scipy-highs", "stage": "dea_vrs_input_scores_only",
                      "units": len(units), "threads": 1, "seconds": times,
                      "scipy": scipy.__version__, "largest_difference": diff}))


main()
