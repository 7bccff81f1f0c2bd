"""Time and peak memory of the RFM table on large logs: pandas, DuckDB out of core, local Spark.

Input: nothing. Seeded synthetic purchase logs of 1 M, 10 M and 100 M rows are
generated once, in chunks, as Parquet files under ``.cache/bench/`` (git-ignored):
about three purchases per customer on average, most customers buying once and a
long tail of frequent buyers (gamma-distributed purchase rates), timestamps over
2023-2024, lognormal amounts (median 55 EUR, mean about 66 EUR).

Each (size, engine) cell runs in its own subprocess, so that the peak memory is
that of one engine: the parent samples the resident memory (RSS) of the child's
whole process tree every 0.1 s (for Spark this includes the JVM launched by the
Python worker) and reads ``ru_maxrss`` of its finished children.

* pandas: ``pd.read_parquet`` of the whole log, then ``marketing_kpi.rfm_table``.
  Not run when the estimated memory exceeds what psutil says is available.
* DuckDB: ``marketing_kpi.sql.rfm_table_duckdb`` on the Parquet glob, streamed,
  ``memory_limit`` 2 GB and a ``temp_directory`` whose peak size is reported
  (the spill). The ``duckdb-low`` cell repeats it with a 200 MB limit, to show
  the spill to disk when the aggregation does not fit.
* Spark: ``marketing_kpi.sql.rfm_table_spark`` (transpiled query), ``local[2]``,
  driver memory 4 GB; the time excludes the JVM start-up, reported apart.

Output: one table (size x engine: seconds, peak MB, ratio to pandas), and with
``--json out.json`` the same figures as JSON. A cell that cannot run prints
« not run: reason ». Run with ``make bench-sql`` or
``.venv/bin/python scripts/benchmark_rfm_sql.py --sizes 1e6,1e7``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
AS_OF = "2024-12-31"
SEED = 20_240_101
CHUNK = 5_000_000
PURCHASES_PER_CUSTOMER = 3
ENGINES = ("pandas", "duckdb", "duckdb-low", "spark")
SAFE_SHARE = 0.7  # of the available memory, the most a pandas cell may need
BYTES_PER_ROW_PANDAS = 180  # measured: 1.73 GB peak for 10 M rows (read + checks + groupby)


# --- data -----------------------------------------------------------------------------


def log_directory(rows: int) -> Path:
    """Parquet directory of the synthetic log of ``rows`` rows, generated on first use."""
    folder = CACHE / f"log_{rows}"
    if (folder / "_DONE").exists():
        return folder
    import pyarrow as pa
    import pyarrow.parquet as pq

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = np.random.default_rng(SEED)
    customers = max(rows // PURCHASES_PER_CUSTOMER, 1)
    # purchase rate of each customer: gamma with shape 0.35, so most customers buy once
    # or never and a few buy dozens of times; ids drawn in proportion to the rate
    cumulative = np.cumsum(rng.gamma(0.35, 1.0, customers))
    cumulative /= cumulative[-1]
    start = np.datetime64("2023-01-01T00:00:00", "s")
    seconds_in_period = 731 * 86_400
    written = 0
    part = 0
    while written < rows:
        size = min(CHUNK, rows - written)
        ids = np.searchsorted(cumulative, rng.random(size), side="right") + 1
        stamps = start + rng.integers(0, seconds_in_period, size).astype("timedelta64[s]")
        amounts = np.round(rng.lognormal(np.log(55.0), 0.6, size), 2)
        table = pa.table(
            {
                "customer_id": pa.array(ids, pa.int64()),
                "date": pa.array(stamps.astype("datetime64[us]")),
                "amount": pa.array(amounts, pa.float64()),
            }
        )
        pq.write_table(table, folder / f"part-{part:04d}.parquet", row_group_size=1_000_000)
        written += size
        part += 1
    (folder / "_DONE").write_text(f"{rows}\n")
    return folder


def parquet_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.parquet"))


# --- workers (run in a subprocess each) --------------------------------------------------


def summary(table) -> dict:
    """A checksum of an RFM table, to check that the engines agree."""
    return {
        "customers": len(table),
        "recency_sum": int(table["recency"].sum()),
        "frequency_sum": int(table["frequency"].sum()),
        "monetary_sum": float(table["monetary"].sum()),
    }


def work_pandas(folder: Path) -> dict:
    import pandas as pd

    from marketing_kpi import rfm_table

    began = time.perf_counter()
    log = pd.read_parquet(folder)
    table = rfm_table(log, as_of=AS_OF, truncate=True)
    return {"seconds": time.perf_counter() - began, **summary(table)}


def directory_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def work_duckdb(folder: Path, memory_limit: str) -> dict:
    import duckdb

    from marketing_kpi.sql import rfm_table_duckdb

    spill = CACHE / f"duckdb_tmp_{os.getpid()}"
    spill.mkdir(parents=True, exist_ok=True)
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], directory_size(spill))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    connection = duckdb.connect(
        config={"memory_limit": memory_limit, "temp_directory": str(spill), "threads": 2}
    )
    try:
        began = time.perf_counter()
        table = rfm_table_duckdb(str(folder / "*.parquet"), AS_OF, connection=connection)
        seconds = time.perf_counter() - began
    finally:
        done.set()
        watcher.join()
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)
    return {"seconds": seconds, "spilled_mb": peak[0] / 2**20, **summary(table)}


def work_spark(folder: Path, driver_memory: str) -> dict:
    from pyspark.sql import SparkSession

    from marketing_kpi.sql import rfm_table_spark

    began = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("benchmark_rfm_sql")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - began
    try:
        began = time.perf_counter()
        table = rfm_table_spark(spark, str(folder), AS_OF)
        seconds = time.perf_counter() - began
    finally:
        spark.stop()
    return {"seconds": seconds, "startup_seconds": startup, **summary(table)}


def worker(args: argparse.Namespace) -> None:
    folder = Path(args.data)
    if args.worker == "pandas":
        result = work_pandas(folder)
    elif args.worker == "duckdb":
        result = work_duckdb(folder, args.duckdb_memory)
    elif args.worker == "duckdb-low":
        result = work_duckdb(folder, args.duckdb_low_memory)
    else:
        result = work_spark(folder, args.spark_memory)
    result["ru_maxrss_mb"] = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    print("RESULT " + json.dumps(result))


# --- parent ---------------------------------------------------------------------------


def tree_rss(process) -> int:
    """Resident memory of ``process`` and all its descendants, in bytes."""
    import psutil

    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_cell(engine: str, folder: Path, rows: int, args: argparse.Namespace) -> dict:
    import psutil

    if engine == "pandas":
        needed = rows * BYTES_PER_ROW_PANDAS
        available = psutil.virtual_memory().available
        # 70 %: the estimate is a mean over smaller logs, and running the machine out of
        # memory would kill the other processes too (or the benchmark itself)
        if needed > SAFE_SHARE * available:
            return {
                "not_run": f"pandas needs about {needed / 2**30:.1f} GiB, more than "
                f"{SAFE_SHARE:.0%} of the {available / 2**30:.1f} GiB available"
            }
    if engine == "spark" and not shutil.which("java"):
        return {"not_run": "Java is not installed"}
    command = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--data",
        str(folder),
        "--duckdb-memory",
        args.duckdb_memory,
        "--spark-memory",
        args.spark_memory,
        "--duckdb-low-memory",
        args.duckdb_low_memory,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    began = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    watched = psutil.Process(child.pid)
    peak = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(child.stdout.read()), daemon=True)
    errors: list[str] = []
    error_reader = threading.Thread(target=lambda: errors.append(child.stderr.read()), daemon=True)
    reader.start()
    error_reader.start()
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(watched))
        except psutil.Error:
            pass
        if time.perf_counter() - began > args.timeout:
            for member in [*watched.children(recursive=True), watched]:
                try:
                    member.kill()
                except psutil.Error:
                    pass
            child.wait()
            return {"not_run": f"timeout after {args.timeout:.0f} s"}
        time.sleep(0.1)
    reader.join()
    error_reader.join()
    lines = [line for line in "".join(output).splitlines() if line.startswith("RESULT ")]
    if child.returncode != 0 or not lines:
        last = ("".join(errors).strip().splitlines() or ["no message"])[-1]
        return {"not_run": f"failed ({last[:120]})"}
    result = json.loads(lines[-1][len("RESULT ") :])
    result["peak_mb"] = max(peak / 2**20, result["ru_maxrss_mb"])
    return result


def print_table(results: dict, sizes: list[int]) -> None:
    print()
    print(f"{'rows':>12}  {'engine':<11}{'seconds':>9}{'peak MB':>9}{'/ pandas':>10}  notes")
    for rows in sizes:
        base = results[rows].get("pandas", {}).get("seconds")
        for engine, cell in results[rows].items():
            if "not_run" in cell:
                print(f"{rows:>12,}  {engine:<11}  not run: {cell['not_run']}")
                continue
            ratio = f"{cell['seconds'] / base:>10.2f}" if base else f"{'-':>10}"
            notes = []
            if "spilled_mb" in cell:
                notes.append(f"spilled {cell['spilled_mb']:.0f} MB")
            if "startup_seconds" in cell:
                notes.append(f"JVM start {cell['startup_seconds']:.1f} s")
            notes.append(f"{cell['customers']:,} customers")
            print(
                f"{rows:>12,}  {engine:<11}{cell['seconds']:>9.2f}{cell['peak_mb']:>9.0f}"
                f"{ratio}  {', '.join(notes)}"
            )


def check_agreement(cells: dict) -> list[str]:
    """Engines that ran must give the same checksum (monetary up to 1e-9 relative)."""
    done = {engine: cell for engine, cell in cells.items() if "not_run" not in cell}
    problems = []
    for engine, cell in done.items():
        for other, reference in done.items():
            if other >= engine:
                continue
            for key in ("customers", "recency_sum", "frequency_sum"):
                if cell[key] != reference[key]:
                    problems.append(f"{engine} and {other} differ on {key}")
            if not np.isclose(cell["monetary_sum"], reference["monetary_sum"], rtol=1e-9):
                problems.append(f"{engine} and {other} differ on monetary_sum")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e6,1e7,1e8", help="rows, comma-separated")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per cell")
    parser.add_argument("--duckdb-memory", default="2GB")
    parser.add_argument(
        "--duckdb-low-memory", default="200MB", help="memory_limit of the duckdb-low cell"
    )
    parser.add_argument("--spark-memory", default="4g")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    sizes = [int(float(size)) for size in args.sizes.split(",")]
    engines = [engine for engine in args.engines.split(",") if engine]
    results: dict[int, dict] = {}
    for rows in sizes:
        began = time.perf_counter()
        folder = log_directory(rows)
        print(
            f"{rows:,} rows: {parquet_bytes(folder) / 2**20:.0f} MB of Parquet in {folder} "
            f"({time.perf_counter() - began:.0f} s to generate or find)",
            flush=True,
        )
        results[rows] = {}
        for engine in engines:
            results[rows][engine] = run_cell(engine, folder, rows, args)
            print(f"  {engine}: {results[rows][engine]}", flush=True)
        for problem in check_agreement(results[rows]):
            print(f"  DISAGREEMENT: {problem}", flush=True)
    print_table(results, sizes)
    print(
        f"\nDuckDB memory_limit {args.duckdb_memory} (duckdb-low: {args.duckdb_low_memory}, "
        "to force spilling to temp_directory); Spark local[2], driver memory "
        f"{args.spark_memory}; peak MB = RSS of the worker's process tree (JVM included); "
        f"{os.cpu_count()} CPU(s)."
    )
    if args.json:
        args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=2))


if __name__ == "__main__":
    main()
