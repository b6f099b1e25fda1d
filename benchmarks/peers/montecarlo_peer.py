"""The multi-year Monte Carlo of one rule-set scenario in numpy, the peer of
Jixiao's MultiYearSimulation in benchmarks/montecarlo.sh.

Written from docs/simulate.md, not from Jixiao's code: the same rules in the
same order (outside the tree, exited earlier, completed, major-project
limit, no grade, multi-year exit, rectification cycle, the grade's change;
then the core-duty floor and the unit caps), the same response model
s' = min(100, max(0, s (b'/b)^e + sigma z)) with e ~ N(0.2, 0.1) floored
at 0, and the members-weighted Gini of funds per member of the first level
with members. numpy's own random generator draws, so single runs differ
from Jixiao's while means over 1,000 runs agree within Monte Carlo error.
Vectorised over blocks of runs x projects. Scenarios that are budget neutral
or protect projects are outside this peer.

    python montecarlo_peer.py EXPORT_DIR SCENARIO.json RUNS YEARS SEED
"""
import csv, json, sys, time
import numpy as np

folder, scenario_path, runs, years, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
scenario = json.load(open(scenario_path))
rules = scenario.get("rules", {})
assert not scenario.get("budgetNeutral", False), "budget-neutral scenarios are outside this peer"
assert not rules.get("protected") and not rules.get("protectedCategories")
meta = json.load(open(f"{folder}/meta.json"))
rows = list(csv.DictReader(open(f"{folder}/projects.csv", encoding="utf-8")))
units = list(csv.DictReader(open(f"{folder}/units.csv", encoding="utf-8")))

budget0 = np.array([float(r["budget"]) for r in rows])
score0 = np.array([float(r["score"]) for r in rows])
status = np.array([int(r["status"]) for r in rows])  # 0 scored, 1 unrated, 2 excluded
grade0 = np.array([int(r["grade"]) for r in rows])   # 0 优 … 3 差, -1 none
unit = np.array([int(r["unit"]) for r in rows])
core_names = set(rules.get("coreCategories", ["职工活动", "工会业务", "维权帮扶"]))
core = np.array([r["category"] in core_names for r in rows])
multi = np.array([r["multi_year"] == "1" for r in rows])
major = np.array([r["major"] == "1" for r in rows])
start = np.array([int(r["start_year"]) for r in rows])
end = np.array([int(r["end_year"]) for r in rows])
renewed = np.zeros(len(rows), dtype=bool)
cutoffs = meta["cutoffs"]  # 90, 80, 60: grade = first cut-off reached
year0 = meta["year"]
n, m = len(rows), len(units)

names = {"excellent": 0, "优": 0, "good": 1, "良": 1, "fair": 2, "中": 2, "poor": 3, "差": 3}
change = np.zeros(4)          # byGrade: relative change, cancel = -1
for key, value in scenario.get("byGrade", {}).items():
    change[names[key]] = -1.0 if value == "cancel" else (0.0 if value == "keep" else float(value))
cycle = rules.get("rectification")
if cycle is True:
    cycle = {}
if cycle is not None:
    cut_after, cut_by = cycle.get("cutAfter", 2), cycle.get("cutBy", 0.10)
    cancel_weak, cancel_poor = cycle.get("cancelAfterWeak", 3), cycle.get("cancelAfterPoor", 2)
exit_grades = [names[g] for g in rules.get("multiYearExit", [])]
major_years = rules.get("majorYears")
end_completed = rules.get("endCompleted", False)
core_floor = rules.get("coreFloor")
unit_cap = rules.get("unitCap")
excluded_action = scenario.get("excluded", "cancel")
assert excluded_action == "cancel" and scenario.get("unrated", "keep") == "keep"

members = np.array([float(u["members"]) if u["members"] else 0.0 for u in units])
levels = {}
for k, u in enumerate(units):
    if members[k] > 0:
        levels.setdefault(u["level"], []).append(k)
level_units = [np.array(v) for v in levels.values() if len(v) >= 2]

def gini(funds, idx):
    w = members[idx]
    x = funds[:, idx] / w
    order = np.argsort(x, axis=1, kind="stable")
    xs = np.take_along_axis(x, order, axis=1)
    ws = w[order]
    total = w.sum()
    mean = (xs * ws).sum(axis=1) / total
    before = np.cumsum(ws, axis=1) - ws
    s = (ws * xs * (2 * before + ws - total)).sum(axis=1)
    return s / (total * total * mean)

def grade_of(s):
    g = np.full(s.shape, 3)
    for k in range(len(cutoffs) - 1, -1, -1):
        g = np.where(s >= cutoffs[k], k, g)
    return g

rng = np.random.default_rng(seed)
block = 100
stats = {k: [[] for _ in range(years)] for k in ("budget", "performance", "ended", "gini")}
t0 = time.perf_counter()
for b0 in range(0, runs, block):
    B = min(block, runs - b0)
    e = np.maximum(0.0, 0.2 + 0.1 * rng.standard_normal((B, n)))
    budget = np.tile(budget0, (B, 1))
    score = np.tile(score0, (B, 1))
    grade = np.tile(grade0, (B, 1))
    weak = np.zeros((B, n), dtype=np.int32)
    poor = np.zeros((B, n), dtype=np.int32)
    ended = np.zeros((B, n), dtype=bool)
    scored = status == 0
    for k in range(1, years + 1):
        t = year0 + k
        before = budget
        after = before.copy()
        decided = np.zeros((B, n), dtype=bool)
        ends = np.zeros((B, n), dtype=bool)
        undoable = np.zeros((B, n), dtype=bool)
        raise_ok = np.zeros((B, n), dtype=bool)
        excl = np.broadcast_to(status == 2, (B, n))
        after[excl] = 0; decided |= excl
        m_ = ~decided & ended
        after[m_] = 0; decided |= m_
        if end_completed:
            m_ = ~decided & (multi & (end < t))[None, :]
            after[m_] = 0; decided |= m_; ends |= m_
        if major_years is not None:
            m_ = ~decided & (major & ~renewed & (start > 0) & (t - start + 1 > major_years))[None, :]
            after[m_] = 0; decided |= m_; ends |= m_
        m_ = ~decided & (status == 1)[None, :]
        decided |= m_                      # unrated: kept
        for g in exit_grades:
            m_ = ~decided & multi[None, :] & (grade == g)
            after[m_] = 0; decided |= m_
        if cycle is not None:
            w_ = ~decided & ((grade == 2) | (grade == 3))
            weak[w_] += 1
            poor[w_ & (grade == 3)] += 1
            cancel = w_ & ((weak >= cancel_weak) | (poor >= cancel_poor))
            cut = w_ & ~cancel & (weak >= cut_after)
            after[cancel] = 0
            after[cut] = before[cut] + before[cut] * -cut_by
            undoable |= cut
            decided |= w_
            ok = ~decided & ((grade == 0) | (grade == 1))
            weak[ok] = 0; poor[ok] = 0
        for g in range(4):
            m_ = ~decided & (grade == g)
            if change[g] == -1.0:
                after[m_] = 0
            else:
                after[m_] = np.maximum(0, before[m_] + before[m_] * change[g])
                if change[g] < 0: undoable |= m_
            decided |= m_
        if core_floor is not None:
            # The floor first, over the core projects that go on (budget
            # above 0 after the rules); then the unit caps hold raises.
            base = core[None, :] & ~excl & (after > 0)
            tb = (before * base).sum(axis=1)
            ta = (after * base).sum(axis=1)
            cuts_ = np.where(base & undoable & (after < before), before - after, 0.0)
            cs = cuts_.sum(axis=1)
            deficit = core_floor * tb - ta
            undone = np.where(deficit > 0, np.minimum(deficit, cs), 0.0)
            frac = np.divide(undone, cs, out=np.zeros(B), where=cs > 0)
            after += cuts_ * frac[:, None]
        if unit_cap is not None:
            raised = np.where(after > before, after - before, 0.0)
            for r in range(B):
                bu = np.bincount(unit, weights=before[r], minlength=m)
                au = np.bincount(unit, weights=after[r], minlength=m)
                ru = np.bincount(unit, weights=raised[r], minlength=m)
                excess = np.minimum(ru, np.maximum(0, au - unit_cap * bu))
                share = np.divide(excess, ru, out=np.zeros(m), where=ru > 0)
                after[r] -= share[unit] * raised[r]
        ended |= ~excl & (after == 0) & ((before > 0) | ends)
        z = rng.standard_normal((B, n))
        funded = scored[None, :] & (after > 0)
        ratio = np.divide(after, before, out=np.ones_like(after), where=before > 0)
        moved = np.where((ratio == 1) | (e == 0), score, score * ratio ** e)
        new = np.clip(moved + 5.0 * z, 0, 100)
        score = np.where(funded, new, score)
        grade = np.where(funded, grade_of(score), grade)
        budget = after
        fb = np.where(funded, budget, 0.0)
        stats["budget"][k - 1] += list(budget.sum(axis=1))
        stats["performance"][k - 1] += list((score * fb).sum(axis=1) / fb.sum(axis=1))
        stats["ended"][k - 1] += list((ended & (status != 2)[None, :]).sum(axis=1))
        if level_units:
            counted = np.where((status == 2)[None, :], 0.0, budget)
            funds = np.stack([np.bincount(unit, weights=counted[r], minlength=m) for r in range(B)])
            stats["gini"][k - 1] += list(gini(funds, level_units[0]))
seconds = time.perf_counter() - t0
mean = lambda v: [float(np.mean(x)) if x else -1 for x in v]
print(json.dumps({"tool": "numpy", "stage": "montecarlo", "projects": n, "years": years, "runs": runs,
                  "threads": 1, "seconds": round(seconds, 4), "budget": mean(stats["budget"]),
                  "performance": mean(stats["performance"]),
                  "performance_sd": [float(np.std(x, ddof=1)) for x in stats["performance"]],
                  "ended": mean(stats["ended"]), "gini": mean(stats["gini"])}))
