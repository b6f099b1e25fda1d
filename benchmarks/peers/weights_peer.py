"""The Monte Carlo over weights of WeightUncertainty in numpy, the peer of
benchmarks/weights.sh: the same statistics by the same method, written
from docs/sensitivity.md §3 (blocks of draws, statistics after each
block): per alternative the mean and SD, 5 %/95 % from 256-bin histograms
over its own score range, the grade shares (90/80/60) and the share below
60, and the rank median and 5 %/95 % from a 2,048-bin histogram of each
draw's scores folded into 256 rank bins. Seeded scores U(40, 100) and
Dirichlet(50/d) weight draws from numpy's generator.

With `light`, only the statistics numpy computes cheaply after each
block (mean, SD, grade shares and the share below 60, no histograms):
the lighter computation issue 7's figure of 8–9 s refers to.

    python weights_peer.py PROJECTS DIMENSIONS DRAWS [light]
"""
import json, sys, time
import numpy as np

n, d, draws = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
light = len(sys.argv) > 4 and sys.argv[4] == "light"
rng = np.random.default_rng(1)
S = 40 + 60 * rng.random((n, d))
w0 = np.full(d, 1 / d)
block = 256
sb, rb, hb = 256, 256, 2048
t0 = time.perf_counter()
low, high = S.min(1), S.max(1)
width = np.where(high > low, (high - low) / sb, 1.0)
g_low, g_high = low.min(), high.max()
g_scale = hb / (g_high - g_low)
total = np.zeros(n); squares = np.zeros(n)
grades = np.zeros((n, 4), dtype=np.int64); below = np.zeros(n, dtype=np.int64)
score_hist = np.zeros(n * sb, dtype=np.int64); rank_hist = np.zeros(n * rb, dtype=np.int64)
rows = np.arange(n)
for start in range(0, draws, block):
    k = min(block, draws - start)
    W = rng.dirichlet(50 * w0, size=k).T            # d × k
    T = S @ W                                       # n × k
    total += T.sum(1); squares += (T * T).sum(1)
    grades[:, 0] += (T >= 90).sum(1)
    grades[:, 1] += ((T >= 80) & (T < 90)).sum(1)
    grades[:, 2] += ((T >= 60) & (T < 80)).sum(1)
    grades[:, 3] += (T < 60).sum(1)
    below += (T < 60).sum(1)
    if light:
        continue
    bins = np.clip(((T - low[:, None]) / width[:, None]).astype(np.int64), 0, sb - 1)
    score_hist += np.bincount((rows[:, None] * sb + bins).ravel(), minlength=n * sb)
    g = np.clip(((T - g_low) * g_scale).astype(np.int64), 0, hb - 1)   # n × k
    counts = np.zeros((k, hb), dtype=np.int64)
    for j in range(k):
        counts[j] = np.bincount(g[:, j], minlength=hb)
    above = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1] - counts     # scores in bins above
    rank = above + (counts + 1) / 2                                   # k × hb
    r = rank[np.arange(k)[None, :], g]                                # n × k
    rbin = np.clip(((r - 1) * rb / max(n - 1, 1)).astype(np.int64), 0, rb - 1)
    rank_hist += np.bincount((rows[:, None] * rb + rbin).ravel(), minlength=n * rb)
mean = total / draws
sd = np.sqrt(np.maximum(0, squares / draws - mean ** 2) * draws / max(1, draws - 1))
def q(h, p):
    c = np.cumsum(h, axis=1); target = p * draws
    b = (c < target).sum(1)
    before = np.where(b > 0, c[rows, np.maximum(b - 1, 0)], 0)
    inside = h[rows, np.minimum(b, h.shape[1] - 1)]
    return b + (target - before) / np.maximum(inside, 1)
p5 = rmed = np.full(n, np.nan)
if not light:
    sh = score_hist.reshape(n, sb); rh = rank_hist.reshape(n, rb)
    p5 = low + width * q(sh, 0.05); p95 = low + width * q(sh, 0.95)
    rmed = 1 + (n - 1) / rb * q(rh, 0.5)
seconds = time.perf_counter() - t0
print(json.dumps({"tool": "numpy-light" if light else "numpy", "stage": "weights_mc", "projects": n, "dimensions": d, "draws": draws,
                  "threads": 1, "seconds": round(seconds, 3), "mean0": float(mean[0]),
                  "p5_0": None if light else float(p5[0]),
                  "rank_median_0": None if light else float(rmed[0])}))
