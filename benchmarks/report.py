"""Prints the benchmark table from run.sh's raw JSON lines.

For each stage: the median of the runs for Jixiao and each peer, the
throughput, and the peer's median divided by Jixiao's (above 1: Jixiao is
faster). Then the machine, the BLAS build, the peak memory of the command,
and whether every peer's project scores agree with Jixiao's to 1e-9.

Usage: python report.py RAW.jsonl DATA OUT
"""

import csv
import json
import os
import platform
import statistics
import sys

STAGES = [
    ("bytes", "floor: bytes through the cores once", "MB/s"),
    ("scan", "floor: split into fields, no conversion", "MB/s"),
    ("load", "CSV load", "MB/s"),
    ("score_rows", "indicator scoring", "rows/s"),
    ("composite", "composite, grades, unit roll-up", "projects/s"),
    ("simulate", "simulate (grade rules)", "projects/s"),
    ("write", "write projects + indicators CSV", "rows/s"),
    ("end_to_end", "end to end: load → score → grade → write", "rows/s"),
    ("standards", "standards: distributions by category and unit, all levels", "values/s"),
    ("command", "`jixiao score --out` as a process", ""),
]
TOLERANCE = 1e-9


def rate(work, seconds):
    value = work / seconds
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.0f} k"
    return f"{value:.0f}"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            memory = int(f.readline().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}"


def scores(path, key, column):
    with open(path, newline="") as f:
        return {row[key]: row[column] for row in csv.DictReader(f)}


def agreement(out, tools):
    mine = scores(os.path.join(out, "jixiao", "projects.csv"), "project", "score")
    lines = []
    for tool in tools:
        path = os.path.join(out, f"{tool}-projects.csv")
        if not os.path.exists(path):
            continue
        theirs = scores(path, "project", "score")
        worst, mismatched = 0.0, 0
        for project, value in mine.items():
            other = theirs.get(project, "")
            if (value == "") != (other == ""):
                mismatched += 1
                continue
            if value:
                worst = max(worst, abs(float(value) - float(other)))
        # Scores are printed to 9 decimals. A score whose 10th decimal is an
        # exact 5 (P0053425 of seed 1 is 98.4752265625) rounds half up in
        # Jixiao and half to even in NumPy: one unit of the 9th decimal. The
        # difference of two printed decimals near 100 carries ~1e-14 of
        # binary error, hence the absolute slack.
        ok = mismatched == 0 and worst <= TOLERANCE + 1e-12 and len(theirs) == len(mine)
        lines.append(f"- {tool}: {len(theirs)} projects, largest difference {worst:.2e}, "
                     f"{mismatched} missing or extra: {'agree' if ok else 'DISAGREE'}")
        if not ok:
            agreement.failed = True
    return lines


agreement.failed = False


def standards_agreement(out):
    """Jixiao's finest distributions against pandas' (n, mean, median,
    trimmed mean, P10, P90, MAD), cell by cell."""
    mine_path = os.path.join(out, "jixiao-bench", "distributions.csv")
    theirs_path = os.path.join(out, "pandas-standards.csv")
    if not (os.path.exists(mine_path) and os.path.exists(theirs_path)):
        return []
    mine = {}
    with open(mine_path, newline="") as f:
        for r in csv.DictReader(f):
            if r["grouped by"] != "category, unit":
                continue
            category, unit = r["group"].split(" / ")
            mine[(r["kind"], r["measure"], r["unit"], category, unit)] = r
    worst, missing, compared = 0.0, 0, 0
    with open(theirs_path, newline="") as f:
        for r in csv.DictReader(f):
            kind = "indicator" if r["kind"] == "indicator" else "unit cost"
            unit = r["measure_unit"] if kind == "indicator" else (
                "万元/" + r["measure_unit"] if r["measure_unit"] else "万元")
            a = mine.get((kind, r["name"], unit, r["category"], r["group_unit"]))
            if a is None:
                missing += 1
                continue
            compared += 1
            for m, p in [("n", "size"), ("mean", "mean"), ("median", "median"),
                         ("trimmed mean", "trimmed"), ("P10", "0.1"), ("P90", "0.9"), ("MAD", "mad")]:
                x, y = float(a[m]), float(r[p])
                worst = max(worst, abs(x - y) / max(1.0, abs(y)))
    # Jixiao's CSV keeps 10 decimals, so 1e-9 relative is the tolerance.
    ok = missing == 0 and len(mine) == compared and worst <= 1e-9
    if not ok:
        agreement.failed = True
    return [f"- standards, pandas: {compared} cells, largest relative difference {worst:.1e}, "
            f"{missing} missing: {'agree' if ok else 'DISAGREE'}"]


def main():
    raw, data, out = sys.argv[1], sys.argv[2], sys.argv[3]
    runs, info = {}, {}
    with open(raw) as f:
        for line in f:
            record = json.loads(line)
            if "info" in record:
                info.update(record["info"])
                continue
            runs[(record["tool"], record["stage"])] = record
    tools = ["jixiao"] + sorted({t for t, _ in runs} - {"jixiao"})
    standards = runs.get(("jixiao", "standards"))
    peers = tools[1:]
    header = ["stage", "Jixiao"] + [f"{p}" for p in peers] + [f"{p} ÷ Jixiao" for p in peers]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for stage, title, unit in STAGES:
        mine = runs.get(("jixiao", stage))
        if mine is None:
            continue
        base = statistics.median(mine["seconds"])
        cells = [title]

        def cell(record):
            median = statistics.median(record["seconds"])
            speed = f" ({rate(record['work'], median)} {unit})" if unit and record["work"] else ""
            return median, f"{median:.3f} s{speed}"

        cells.append(cell(mine)[1])
        ratios = []
        for peer in peers:
            record = runs.get((peer, stage)) or (runs.get((peer, "end_to_end")) if stage == "command" else None)
            if record is None:
                cells.append("—")
                ratios.append("—")
                continue
            median, text = cell(record)
            cells.append(text)
            ratios.append(f"{median / base:.2f}")
        print("| " + " | ".join(cells + ratios) + " |")
    runs_count = len(runs[("jixiao", "load")]["seconds"])
    print()
    print(f"Medians of {runs_count} runs. Machine: {machine()}.")
    print(f"BLAS: OpenBLAS core {info.get('blas_core', '?')}, {info.get('blas_threads', '?')} thread(s); "
          f"Jixiao read and wrote on {info.get('threads', '?')} thread(s).")
    load = runs[("jixiao", "load")]
    rows = runs[("jixiao", "score_rows")]["work"]
    print(f"Data set: {data}: {load['work']:.1f} MB of CSV, {int(rows):,} indicator rows.")
    if standards and "groups" in standards:
        print(f"Standards: {int(standards['work']):,} values (actuals and unit costs) into "
              f"{standards['groups']:,} groups of category and unit, {standards['cells']:,} cells.")
    command = runs.get(("jixiao", "command"))
    if command and "peak_mb" in command:
        print(f"Peak memory of `jixiao score --out`: {command['peak_mb']:.0f} MB "
              f"({command['peak_mb'] / load['work']:.2f} × the CSV size).")
    print("The peers' `command` column repeats their in-process end-to-end time (no start-up).")
    try:
        import duckdb, numpy, pandas, polars, scipy
        print(f"Peers: DuckDB {duckdb.__version__}, polars {polars.__version__}, pandas "
              f"{pandas.__version__} with NumPy {numpy.__version__} and SciPy {scipy.__version__} "
              f"(benchmarks/requirements.txt).")
    except ImportError:
        pass
    print()
    print("Agreement on every project's score (tolerance 1e-9):")
    for line in agreement(out, peers):
        print(line)
    for line in standards_agreement(out):
        print(line)
    if agreement.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
