"""The main job of Jixiao, done by peer libraries on the same files.

Each peer runs the stages of benchmarks/Sources/jixiao-bench in the same
order, on the result of the stage before, and prints one JSON line per
stage: {"tool", "stage", "seconds": [...], "work", "unit"}. It also writes
its project scores (id, score) to OUT/<tool>-scores.csv so that run.sh can
check that every peer agrees with Jixiao to 1e-9.

The scoring rules are those of docs/scheme.md (财预〔2020〕10号 self-
evaluation, the default scheme of generated data sets):
  ≥  a ≥ t → 1;  t > 0 → max(0, a / t);  else 0
  ≤  a ≤ t → 1;  t > 0 → t / a;          else 0
  =  a = t → 1;  t ≠ 0 → max(0, 1 − |a − t| / |t|); else 0
  qualitative tiers 达成年度指标 1, 部分达成并具有一定效果 0.7,
  未达成且效果较差 0.3; 不适用 drops the row.
Per project and dimension, share = Σ w·s / Σ w over applicable rows;
execution = min(executed / budget, 1) when budget > 0; the score is
100 · Σ_d W_d share_d / Σ_d W_d over the dimensions that apply, with
W = 10 / 50 / 30 / 10; grades 90 / 80 / 60. Generated data sets hold only
these kinds, so the peers need no more of the scheme.

Usage: python peers.py DATA OUT RUNS [tool ...]
"""

import json
import os
import sys
import time

import numpy as np

WEIGHTS = {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0}
DIMENSION_IDS = {"产出指标": "output", "效益指标": "benefit", "满意度指标": "satisfaction"}
SOFT_RATIO = 1.2
PROJECT_COLUMNS = ["project", "name", "unit", "unit name", "budget", "executed", "execution %",
                   "execution", "output", "benefit", "satisfaction", "score", "grade",
                   "soft targets", "status"]
INDICATOR_COLUMNS = ["project", "dimension", "subdimension", "indicator", "operator", "target",
                     "actual", "unit", "weight", "points", "status", "soft target"]
EXECUTION_WEIGHT = 10.0
TIERS = {"达成年度指标": 1.0, "部分达成并具有一定效果": 0.7, "未达成且效果较差": 0.3}
NA = "不适用"
GRADES = ["excellent", "good", "fair", "poor"]
FILES = ["units.csv", "duties.csv", "activities.csv", "projects.csv", "indicators.csv",
         "spending.csv"]


def present(data):
    """The data set's files (spending.csv is optional)."""
    return [f for f in FILES if os.path.exists(os.path.join(data, f))]


def megabytes(data):
    return sum(os.path.getsize(os.path.join(data, f)) for f in present(data)) / 1e6


def timed(runs, work):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return times, result


def emit(tool, stage, times, work, unit):
    print(json.dumps({"tool": tool, "stage": stage, "seconds": times,
                      "work": work, "unit": unit}), flush=True)


def share_numpy(op, target, actual, kind, label):
    """Row shares with NumPy; NaN marks rows that do not apply."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ge = np.where(actual >= target, 1.0,
                      np.where(target > 0, np.maximum(0.0, actual / target), 0.0))
        le = np.where(actual <= target, 1.0,
                      np.where(target > 0, target / actual, 0.0))
        eq = np.where(actual == target, 1.0,
                      np.where(target != 0,
                               np.maximum(0.0, 1 - np.abs(actual - target) / np.abs(target)),
                               0.0))
    quantitative = np.where(op == "≥", ge, np.where(op == "≤", le, eq))
    qualitative = np.array([TIERS.get(x, np.nan) for x in label]) if len(label) else label
    share = np.where(kind == "定量", quantitative, np.nan)
    is_qualitative = kind == "定性"
    share[is_qualitative] = qualitative[is_qualitative] if np.any(is_qualitative) else share[is_qualitative]
    share[label == NA] = np.nan
    return share


def composite_numpy(project_index, dimension, weight, share, budget, executed):
    """Scores per project with NumPy bincounts (segment sums)."""
    n = len(budget)
    dims = list(WEIGHTS)
    applicable = ~np.isnan(share)
    points = np.zeros(n)
    possible = np.zeros(n)
    shares = {}
    for d in dims:
        rows = applicable & (dimension == d)
        earned = np.bincount(project_index[rows], weights=weight[rows] * share[rows], minlength=n)
        available = np.bincount(project_index[rows], weights=weight[rows], minlength=n)
        has = available > 0
        s = np.divide(earned, available, out=np.zeros(n), where=has)
        shares[d] = np.where(has, s, np.nan)
        points += np.where(has, WEIGHTS[d] * s, 0)
        possible += np.where(has, WEIGHTS[d], 0)
    has_budget = budget > 0
    rate = np.divide(executed, budget, out=np.zeros(n), where=has_budget)
    execution = np.where(has_budget, np.minimum(rate, 1.0), np.nan)
    points += np.where(has_budget, EXECUTION_WEIGHT * np.minimum(rate, 1.0), 0)
    possible += np.where(has_budget, EXECUTION_WEIGHT, 0)
    score = np.divide(100 * points, possible, out=np.zeros(n), where=possible > 0)
    score = np.round(score, 9)
    grade = np.select([score >= 90, score >= 80, score >= 60], GRADES[:3], GRADES[3])
    return score, grade, execution, shares


def simulate_numpy(budget, grade, in_tree):
    """Default scenario: 优 +10 %, 良 kept, 中 −10 %, 差 and excluded cancelled."""
    factor = np.select([grade == "excellent", grade == "good", grade == "fair"],
                       [1.1, 1.0, 0.9], 0.0)
    factor = np.where(in_tree, factor, 0.0)
    return budget * factor


# MARK: pandas (with NumPy for the row rules, SciPy for the unit roll-up)

def run_pandas(data, out, runs):
    import pandas as pd
    import scipy.sparse as sp
    tool = "pandas"

    def load():
        frames = {}
        for name in present(data):
            frames[name] = pd.read_csv(os.path.join(data, name), dtype=str if name != "indicators.csv" else
                                       {"target": str, "actual": str, "weight": float, "operator": str},
                                       keep_default_na=False)
        frames["projects.csv"]["budget"] = frames["projects.csv"]["budget"].astype(float)
        frames["projects.csv"]["executed"] = frames["projects.csv"]["executed"].astype(float)
        return frames

    times, frames = timed(runs, load)
    emit(tool, "load", times, megabytes(data), "MB")
    projects, rows = frames["projects.csv"], frames["indicators.csv"]

    def score_rows():
        target = pd.to_numeric(rows["target"], errors="coerce").to_numpy()
        actual = pd.to_numeric(rows["actual"], errors="coerce").to_numpy()
        return share_numpy(rows["operator"].to_numpy(), target, actual,
                           rows["kind"].to_numpy(), rows["actual"].to_numpy())

    times, share = timed(runs, score_rows)
    emit(tool, "score_rows", times, len(rows), "rows")

    units = frames["units.csv"]
    unit_index = pd.Index(units["id"])
    parent = unit_index.get_indexer(units["parent"])

    def composite():
        index = pd.Index(projects["id"]).get_indexer(rows["project"])
        result = composite_numpy(index, rows["dimension"].to_numpy(), rows["weight"].to_numpy(),
                                 share, projects["budget"].to_numpy(), projects["executed"].to_numpy())
        # Budget-weighted roll-up to every unit with the units below it:
        # a sparse project → unit matrix, closed under the parent relation.
        u = unit_index.get_indexer(projects["unit"])
        scored = projects["activity"].to_numpy() != ""
        budget = np.where(scored, projects["budget"].to_numpy(), 0)
        m = sp.csr_matrix((np.ones(len(u)), (u, np.arange(len(u)))), shape=(len(units), len(u)))
        up = sp.csr_matrix((np.ones(np.sum(parent >= 0)), (parent[parent >= 0], np.nonzero(parent >= 0)[0])),
                           shape=(len(units), len(units)))
        closure, step = sp.identity(len(units), format="csr"), sp.identity(len(units), format="csr")
        while step.nnz:
            step = up @ step
            closure = closure + step
        tree = closure @ m
        _ = tree @ (budget * result[0]) / np.maximum(tree @ budget, 1e-300)
        return result

    times, (score, grade, execution, shares) = timed(runs, composite)
    emit(tool, "composite", times, len(projects), "projects")
    in_tree = projects["activity"].to_numpy() != ""
    times, _ = timed(runs, lambda: simulate_numpy(projects["budget"].to_numpy(), grade, in_tree))
    emit(tool, "simulate", times, len(projects), "projects")

    def write(frames, rows, share, result):
        """The two tables `jixiao score --out` writes, same columns."""
        projects, units = frames["projects.csv"], frames["units.csv"]
        score, grade, execution, shares = result
        target = pd.to_numeric(rows["target"], errors="coerce").to_numpy()
        actual = pd.to_numeric(rows["actual"], errors="coerce").to_numpy()
        quantitative = rows["kind"].to_numpy() == "定量"
        op = rows["operator"].to_numpy()
        soft = quantitative & (target > 0) & (((op == "≥") & (actual >= SOFT_RATIO * target)) |
                                              ((op == "≤") & (actual <= target / SOFT_RATIO)))
        applicable = ~np.isnan(share)
        pd.DataFrame({
            "project": rows["project"], "dimension": rows["dimension"].map(DIMENSION_IDS),
            "subdimension": rows["subdimension"], "indicator": rows["name"],
            "operator": np.where(quantitative, op, ""), "target": np.where(quantitative, target, np.nan),
            "actual": rows["actual"], "unit": rows["unit"], "weight": rows["weight"],
            "points": np.where(applicable, rows["weight"].to_numpy() * share, np.nan),
            "status": np.where(applicable, "", "n/a"), "soft target": np.where(soft, "yes", ""),
        }).to_csv(os.path.join(out, "pandas-indicators.csv"), index=False)
        index = pd.Index(projects["id"]).get_indexer(rows["project"])
        soft_count = np.bincount(index[soft], minlength=len(projects))
        budget = projects["budget"].to_numpy()
        possible = np.where(budget > 0, EXECUTION_WEIGHT, 0.0)
        for d in WEIGHTS:
            possible = possible + np.where(np.isnan(shares[d]), 0.0, WEIGHTS[d])
        factor = 100 / possible
        names = units.set_index("id")["name"]
        table = {"project": projects["id"], "name": projects["name"], "unit": projects["unit"],
                 "unit name": projects["unit"].map(names), "budget": budget,
                 "executed": projects["executed"],
                 "execution %": np.where(budget > 0, projects["executed"].to_numpy() / np.where(budget > 0, budget, 1) * 100, np.nan),
                 "execution": execution * EXECUTION_WEIGHT * factor}
        for d, name in DIMENSION_IDS.items():
            table[name] = shares[d] * WEIGHTS[d] * factor
        table.update({"score": score, "grade": grade, "soft targets": soft_count,
                      "status": np.where(projects["activity"].to_numpy() != "", "scored", "excluded: outside tree")})
        pd.DataFrame(table).to_csv(os.path.join(out, "pandas-projects.csv"), index=False)

    times, _ = timed(runs, lambda: write(frames, rows, share, (score, grade, execution, shares)))
    emit(tool, "write", times, len(rows), "rows")

    def end_to_end():
        f = load()
        p, r = f["projects.csv"], f["indicators.csv"]
        s = share_numpy(r["operator"].to_numpy(), pd.to_numeric(r["target"], errors="coerce").to_numpy(),
                        pd.to_numeric(r["actual"], errors="coerce").to_numpy(), r["kind"].to_numpy(),
                        r["actual"].to_numpy())
        index = pd.Index(p["id"]).get_indexer(r["project"])
        result = composite_numpy(index, r["dimension"].to_numpy(), r["weight"].to_numpy(), s,
                                 p["budget"].to_numpy(), p["executed"].to_numpy())
        write(f, r, s, result)

    times, _ = timed(runs, end_to_end)
    emit(tool, "end_to_end", times, len(rows), "rows")
    pd.DataFrame({"id": projects["id"], "score": score}).to_csv(
        os.path.join(out, "pandas-scores.csv"), index=False, float_format="%.12f")


# MARK: polars

def run_polars(data, out, runs):
    import polars as pl
    tool = "polars"

    def load():
        frames = {}
        for name in present(data):
            overrides = {"target": pl.Utf8, "actual": pl.Utf8, "operator": pl.Utf8} \
                if name == "indicators.csv" else {"id": pl.Utf8}
            frames[name] = pl.read_csv(os.path.join(data, name), schema_overrides=overrides,
                                       infer_schema_length=10000)
        return frames

    times, frames = timed(runs, load)
    emit(tool, "load", times, megabytes(data), "MB")
    projects, rows = frames["projects.csv"], frames["indicators.csv"]

    def score_rows(rows):
        a = pl.col("actual").cast(pl.Float64, strict=False)
        t = pl.col("target").cast(pl.Float64, strict=False)
        ge = pl.when(a >= t).then(1.0).when(t > 0).then(pl.max_horizontal(pl.lit(0.0), a / t)).otherwise(0.0)
        le = pl.when(a <= t).then(1.0).when(t > 0).then(t / a).otherwise(0.0)
        eq = pl.when(a == t).then(1.0).when(t != 0).then(
            pl.max_horizontal(pl.lit(0.0), 1 - (a - t).abs() / t.abs())).otherwise(0.0)
        quantitative = pl.when(pl.col("operator") == "≥").then(ge).when(
            pl.col("operator") == "≤").then(le).otherwise(eq)
        tier = pl.col("actual").replace_strict(TIERS, default=None, return_dtype=pl.Float64)
        share = pl.when(pl.col("actual") == NA).then(None).when(pl.col("kind") == "定量").then(
            quantitative).otherwise(tier)
        return rows.with_columns(share.alias("share"))

    times, scored = timed(runs, lambda: score_rows(rows))
    emit(tool, "score_rows", times, len(rows), "rows")

    def composite(projects, scored):
        per = (scored.filter(pl.col("share").is_not_null())
               .group_by("project", "dimension")
               .agg(((pl.col("weight") * pl.col("share")).sum() / pl.col("weight").sum()).alias("s"))
               .with_columns(pl.col("dimension").replace_strict(WEIGHTS, return_dtype=pl.Float64).alias("w"))
               .group_by("project")
               .agg((pl.col("w") * pl.col("s")).sum().alias("points"), pl.col("w").sum().alias("possible"),
                    *[pl.col("s").filter(pl.col("dimension") == d).first().alias(name)
                      for d, name in DIMENSION_IDS.items()]))
        e = pl.when(pl.col("budget") > 0).then(pl.min_horizontal(pl.col("executed") / pl.col("budget"), pl.lit(1.0)))
        result = (projects.join(per, left_on="id", right_on="project", how="left")
                  .with_columns(e.alias("e"))
                  .with_columns(((100 * (pl.col("points").fill_null(0) + EXECUTION_WEIGHT * pl.col("e").fill_null(0)))
                                 / (pl.col("possible").fill_null(0) + pl.when(pl.col("e").is_not_null())
                                    .then(EXECUTION_WEIGHT).otherwise(0.0))).round(9).alias("score")))
        grade = (pl.when(pl.col("score") >= 90).then(pl.lit("excellent"))
                 .when(pl.col("score") >= 80).then(pl.lit("good"))
                 .when(pl.col("score") >= 60).then(pl.lit("fair")).otherwise(pl.lit("poor")))
        return result.with_columns(grade.alias("grade"))

    times, result = timed(runs, lambda: composite(projects, scored))
    emit(tool, "composite", times, len(projects), "projects")

    def simulate(result):
        factor = (pl.when(pl.col("activity").is_null()).then(0.0)
                  .when(pl.col("grade") == "excellent").then(1.1)
                  .when(pl.col("grade") == "good").then(1.0)
                  .when(pl.col("grade") == "fair").then(0.9).otherwise(0.0))
        return result.select((pl.col("budget") * factor).alias("after")).sum()

    times, _ = timed(runs, lambda: simulate(result))
    emit(tool, "simulate", times, len(projects), "projects")

    def write(frames, result, scored):
        """The two tables `jixiao score --out` writes, same columns."""
        a = pl.col("actual").cast(pl.Float64, strict=False)
        t = pl.col("target").cast(pl.Float64, strict=False)
        quantitative = pl.col("kind") == "定量"
        soft = quantitative & (t > 0) & (((pl.col("operator") == "≥") & (a >= SOFT_RATIO * t)) |
                                         ((pl.col("operator") == "≤") & (a <= t / SOFT_RATIO)))
        rows = scored.with_columns(soft.fill_null(False).alias("soft"))
        rows.select(
            "project", pl.col("dimension").replace_strict(DIMENSION_IDS).alias("dimension"), "subdimension",
            pl.col("name").alias("indicator"),
            pl.when(quantitative).then(pl.col("operator")).otherwise(pl.lit("")).alias("operator"),
            pl.when(quantitative).then(t).alias("target"), "actual", "unit", "weight",
            (pl.col("weight") * pl.col("share")).alias("points"),
            pl.when(pl.col("share").is_null()).then(pl.lit("n/a")).otherwise(pl.lit("")).alias("status"),
            pl.when(pl.col("soft")).then(pl.lit("yes")).otherwise(pl.lit("")).alias("soft target"),
        ).write_csv(os.path.join(out, "polars-indicators.csv"))
        soft_count = rows.group_by("project").agg(pl.col("soft").sum().alias("soft targets"))
        units = frames["units.csv"].select(pl.col("id").alias("unit"), pl.col("name").alias("unit name"))
        factor = 100 / pl.col("possible_all")
        out_table = (result.join(units, on="unit", how="left")
                     .join(soft_count, left_on="id", right_on="project", how="left")
                     .with_columns((pl.col("possible").fill_null(0) + pl.when(pl.col("e").is_not_null())
                                    .then(EXECUTION_WEIGHT).otherwise(0.0)).alias("possible_all")))
        columns = [pl.col("id").alias("project"), "name", "unit", "unit name", "budget", "executed",
                   pl.when(pl.col("budget") > 0).then(pl.col("executed") / pl.col("budget") * 100).alias("execution %"),
                   (pl.col("e") * EXECUTION_WEIGHT * factor).alias("execution")]
        for d, name in DIMENSION_IDS.items():
            columns.append((pl.col(name) * WEIGHTS[d] * factor).alias(name))
        columns += ["score", "grade", pl.col("soft targets").fill_null(0),
                    pl.when(pl.col("activity").is_null()).then(pl.lit("excluded: outside tree"))
                    .otherwise(pl.lit("scored")).alias("status")]
        out_table.select(columns).write_csv(os.path.join(out, "polars-projects.csv"))

    times, _ = timed(runs, lambda: write(frames, result, scored))
    emit(tool, "write", times, len(rows), "rows")

    def end_to_end():
        f = load()
        s = score_rows(f["indicators.csv"])
        write(f, composite(f["projects.csv"], s), s)

    times, _ = timed(runs, end_to_end)
    emit(tool, "end_to_end", times, len(rows), "rows")
    result.select("id", "score").write_csv(os.path.join(out, "polars-scores.csv"), float_precision=12)


# MARK: DuckDB

SHARE_SQL = f"""
  CASE
    WHEN actual = '{NA}' THEN NULL
    WHEN kind = '定性' THEN CASE actual WHEN '达成年度指标' THEN 1.0
         WHEN '部分达成并具有一定效果' THEN 0.7 WHEN '未达成且效果较差' THEN 0.3 END
    WHEN operator = '≥' THEN CASE WHEN a >= t THEN 1.0 WHEN t > 0 THEN greatest(0.0, a / t) ELSE 0.0 END
    WHEN operator = '≤' THEN CASE WHEN a <= t THEN 1.0 WHEN t > 0 THEN t / a ELSE 0.0 END
    ELSE CASE WHEN a = t THEN 1.0 WHEN t <> 0 THEN greatest(0.0, 1 - abs(a - t) / abs(t)) ELSE 0.0 END
  END"""


def duck_composite_sql():
    dims = ", ".join(f"('{d}', {w})" for d, w in WEIGHTS.items())
    return f"""
    CREATE OR REPLACE TABLE result AS
    WITH w(dimension, w) AS (VALUES {dims}),
    d AS (SELECT project, dimension, sum(weight * share) / sum(weight) AS s
          FROM scored WHERE share IS NOT NULL GROUP BY project, dimension),
    p AS (SELECT project, sum(w.w * s) AS points, sum(w.w) AS possible,
            {", ".join(f"max(s) FILTER (WHERE dimension = '{d}') AS d_{name}" for d, name in DIMENSION_IDS.items())}
          FROM d JOIN w USING (dimension) GROUP BY project),
    e AS (SELECT *, CASE WHEN budget > 0 THEN least(executed / budget, 1.0) END AS e FROM projects)
    SELECT e.id, e.name, e.unit, e.activity, e.budget, e.executed, e.e,
      {", ".join(f"p.d_{name}" for name in DIMENSION_IDS.values())},
      coalesce(p.possible, 0) + CASE WHEN e.e IS NULL THEN 0 ELSE {EXECUTION_WEIGHT} END AS possible_all,
      round(100 * (coalesce(p.points, 0) + {EXECUTION_WEIGHT} * coalesce(e.e, 0))
            / (coalesce(p.possible, 0) + CASE WHEN e.e IS NULL THEN 0 ELSE {EXECUTION_WEIGHT} END), 9) AS score
    FROM e LEFT JOIN p ON e.id = p.project"""


def run_duckdb(data, out, runs):
    import duckdb
    tool = "duckdb"
    con = duckdb.connect()
    con.execute(f"SET threads TO {os.cpu_count()}")

    def load(con):
        for name in present(data):
            table = name[:-4]
            types = "types={'target': 'VARCHAR', 'actual': 'VARCHAR', 'operator': 'VARCHAR'}" \
                if table == "indicators" else "all_varchar=false, types={'id': 'VARCHAR', 'activity': 'VARCHAR'}" \
                if table == "projects" else "all_varchar=true"
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM "
                        f"read_csv('{os.path.join(data, name)}', header=true, {types})")

    times, _ = timed(runs, lambda: load(con))
    emit(tool, "load", times, megabytes(data), "MB")
    count = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    projects = con.execute("SELECT count(*) FROM projects").fetchone()[0]

    def score_rows(con):
        con.execute(f"""CREATE OR REPLACE TABLE scored AS
            SELECT project, name, dimension, subdimension, kind, operator, actual, unit, weight, t,
              {SHARE_SQL} AS share,
              coalesce(kind = '定量' AND t > 0 AND ((operator = '≥' AND a >= {SOFT_RATIO} * t)
                OR (operator = '≤' AND a <= t / {SOFT_RATIO})), false) AS soft FROM
            (SELECT *, try_cast(actual AS DOUBLE) AS a, try_cast(target AS DOUBLE) AS t FROM indicators)""")

    times, _ = timed(runs, lambda: score_rows(con))
    emit(tool, "score_rows", times, count, "rows")

    def composite(con):
        con.execute(duck_composite_sql())
        con.execute("""CREATE OR REPLACE TABLE graded AS SELECT *, CASE WHEN score >= 90 THEN 'excellent'
            WHEN score >= 80 THEN 'good' WHEN score >= 60 THEN 'fair' ELSE 'poor' END AS grade FROM result""")

    times, _ = timed(runs, lambda: composite(con))
    emit(tool, "composite", times, projects, "projects")

    def simulate(con):
        return con.execute("""SELECT sum(budget * CASE WHEN activity IS NULL THEN 0 WHEN grade = 'excellent'
            THEN 1.1 WHEN grade = 'good' THEN 1.0 WHEN grade = 'fair' THEN 0.9 ELSE 0 END) FROM graded""").fetchone()

    times, _ = timed(runs, lambda: simulate(con))
    emit(tool, "simulate", times, projects, "projects")

    def write(con):
        """The two tables `jixiao score --out` writes, same columns."""
        dims = DIMENSION_IDS.items()
        ids = " ".join(f"WHEN '{d}' THEN '{name}'" for d, name in dims)
        con.execute(f"""COPY (SELECT project, CASE dimension {ids} END AS dimension, subdimension,
              name AS indicator, CASE WHEN kind = '定量' THEN operator ELSE '' END AS operator,
              CASE WHEN kind = '定量' THEN t END AS target, actual, unit, weight,
              weight * share AS points, CASE WHEN share IS NULL THEN 'n/a' ELSE '' END AS status,
              CASE WHEN soft THEN 'yes' ELSE '' END AS "soft target" FROM scored) TO
            '{os.path.join(out, 'duckdb-indicators.csv')}' (HEADER)""")
        points = ", ".join(f"d_{name} * {WEIGHTS[d]} * 100 / possible_all AS {name}" for d, name in dims)
        con.execute(f"""COPY (SELECT g.id AS project, g.name, g.unit, u.name AS "unit name", g.budget,
              g.executed, CASE WHEN g.budget > 0 THEN g.executed / g.budget * 100 END AS "execution %",
              g.e * {EXECUTION_WEIGHT} * 100 / possible_all AS execution, {points}, g.score, g.grade,
              coalesce(s.soft, 0) AS "soft targets",
              CASE WHEN g.activity IS NULL THEN 'excluded: outside tree' ELSE 'scored' END AS status
            FROM graded g LEFT JOIN units u ON g.unit = u.id
              LEFT JOIN (SELECT project, count(*) FILTER (WHERE soft) AS soft FROM scored GROUP BY project) s
              ON g.id = s.project ORDER BY g.id) TO
            '{os.path.join(out, 'duckdb-projects.csv')}' (HEADER)""")

    times, _ = timed(runs, lambda: write(con))
    emit(tool, "write", times, count, "rows")

    def end_to_end():
        fresh = duckdb.connect()
        fresh.execute(f"SET threads TO {os.cpu_count()}")
        load(fresh)
        score_rows(fresh)
        composite(fresh)
        write(fresh)
        fresh.close()

    times, _ = timed(runs, end_to_end)
    emit(tool, "end_to_end", times, count, "rows")
    con.execute(f"COPY (SELECT id, printf('%.12f', score) AS score FROM graded) TO "
                f"'{os.path.join(out, 'duckdb-scores.csv')}' (HEADER)")


def main():
    data, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tools = sys.argv[4:] or ["duckdb", "polars", "pandas"]
    os.makedirs(out, exist_ok=True)
    for tool in tools:
        {"pandas": run_pandas, "polars": run_polars, "duckdb": run_duckdb,
         "pandas-standards": run_standards_pandas}[tool](data, out, runs)



# MARK: standards (pandas groupby)

def measures_pandas(data):
    """The values of `jixiao standards`: quantitative actuals keyed by name,
    unit and operator, and unit costs (executed ÷ the actual of a quantity
    indicator whose unit counts things), with each project's category and
    unit."""
    import pandas as pd
    projects = pd.read_csv(os.path.join(data, "projects.csv"), dtype=str, keep_default_na=False)
    rows = pd.read_csv(os.path.join(data, "indicators.csv"), dtype=str, keep_default_na=False)
    projects["executed"] = projects["executed"].astype(float)
    actual = pd.to_numeric(rows["actual"], errors="coerce")
    keep = (rows["kind"] == "定量") & actual.notna()
    rows = rows[keep].assign(value=actual[keep])
    rows = rows.merge(projects[["id", "category", "unit", "executed"]], left_on="project",
                      right_on="id", how="inner", suffixes=("", "_project"))
    values = pd.DataFrame({"kind": "indicator", "name": rows["name"], "measure_unit": rows["unit"],
                           "operator": rows["operator"], "category": rows["category"],
                           "group_unit": rows["unit_project"], "value": rows["value"]})
    countable = ~(rows["unit"].str.contains("元") | rows["unit"].str.contains("%"))
    quantity = rows["subdimension"].str.contains("数量") & countable & (rows["value"] > 0) & \
        (rows["executed"] > 0)
    q = rows[quantity]
    costs = pd.DataFrame({"kind": "unit cost", "name": q["name"], "measure_unit": q["unit"],
                          "operator": "cost", "category": q["category"], "group_unit": q["unit_project"],
                          "value": q["executed"] / q["value"]})
    return pd.concat([values, costs], ignore_index=True)


def standards_pandas(values):
    """All three levels (all, category, category and unit): Tukey screening
    (type-7 quartiles, k = 1.5; cells of fewer than 4 values or with Q1 = Q3
    are not screened), then n, mean, median, 10 % trimmed mean,
    P10/P25/P75/P90, MAD, min and max per cell."""
    import numpy as np
    measure = ["kind", "name", "measure_unit", "operator"]
    results = []
    for keys in ([], ["category"], ["category", "group_unit"]):
        cell = measure + keys
        g = values.groupby(cell, sort=False)["value"]
        n = g.transform("size")
        q1 = g.transform("quantile", 0.25)
        q3 = g.transform("quantile", 0.75)
        spread = 1.5 * (q3 - q1)
        # No spread (Q1 = Q3): the fences would screen every other value,
        # so the cell is not judged (as OutlierRule does).
        judged = (n >= 4) & (q3 > q1)
        kept = values[~judged | ((values["value"] >= q1 - spread) & (values["value"] <= q3 + spread))]
        k = kept.sort_values(cell + ["value"])
        g = k.groupby(cell, sort=False)["value"]
        stats = g.agg(["size", "mean", "median", "min", "max"])
        quantiles = g.quantile([0.1, 0.25, 0.75, 0.9]).unstack()
        median = g.transform("median")
        mad = (k["value"] - median).abs().groupby([k[c] for c in cell], sort=False).median()
        rank = g.cumcount()
        size = g.transform("size")
        cut = np.floor(size * 0.1)
        trimmed = k[(rank >= cut) & (rank < size - cut)].groupby(cell, sort=False)["value"].mean()
        table = stats.join(quantiles).assign(mad=mad, trimmed=trimmed).reset_index()
        table["level"] = len(keys)
        results.append(table)
    return results


def run_standards_pandas(data, out, runs):
    values = measures_pandas(data)
    times, tables = timed(runs, lambda: standards_pandas(values))
    emit("pandas", "standards", times, len(values), "values")
    finest = tables[-1]
    finest.to_csv(os.path.join(out, "pandas-standards.csv"), index=False, float_format="%.12g")


if __name__ == "__main__":
    main()
