"""Prints the "## Targets" table of benchmarks/run.sh: the issue's targets beside this run's figures.

Usage: targets.py RESULTS_DIR METRICS_FILE SINCE
  RESULTS_DIR   BenchmarkDotNet's results folder (*-report.csv); only reports written at or after
                SINCE (seconds since the epoch) count, so a filtered run never shows stale figures.
  METRICS_FILE  "metric name=value" lines from --wire-report, --large-sync and --cold-start.
A target whose figures this run did not produce shows "not run".
"""
import csv
import glob
import os
import re
import sys

results, metrics_file, since = sys.argv[1], sys.argv[2], float(sys.argv[3])

TIME = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}
SIZE = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def number(cell, units):
    """A BenchmarkDotNet cell ("3,247.5 ms", "1.2 KB") in ms or bytes; None when absent."""
    match = re.fullmatch(r"([\d,.]+)\s*(\S+)", (cell or "").strip())
    if not match or match.group(2) not in units:
        return None
    return float(match.group(1).replace(",", "")) * units[match.group(2)]


def reports():
    rows = {}
    for path in glob.glob(os.path.join(results, "*-report.csv")):
        if os.path.getmtime(path) < since:
            continue
        cls = os.path.basename(path)[: -len("-report.csv")].rsplit(".", 1)[-1]
        with open(path, newline="") as f:
            rows[cls] = list(csv.DictReader(f))
    return rows


def row(rows, cls, **params):
    for candidate in rows.get(cls, []):
        if all(candidate.get(key) == str(value) for key, value in params.items()):
            return candidate
    return None


def median_ms(rows, cls, **params):
    found = row(rows, cls, **params)
    return number(found.get("Median") or found.get("Mean"), TIME) if found else None


def allocated(rows, cls, **params):
    found = row(rows, cls, **params)
    return number(found.get("Allocated"), SIZE) if found else None


def read_metrics():
    values = {}
    if os.path.exists(metrics_file):
        with open(metrics_file) as f:
            for line in f:
                if line.startswith("metric ") and "=" in line:
                    name, value = line[len("metric "):].strip().split("=", 1)
                    try:
                        values[name] = float(value)
                    except ValueError:
                        values[name] = value
    return values


rows, metrics = reports(), read_metrics()
table = []  # (workload, target, ours, met)


def target(workload, text, ours, met, shown):
    """One row; ours is None when this run did not measure it."""
    table.append((workload, text, "not run" if ours is None else shown, "—" if ours is None else ("yes" if met else "**no**")))


for atoms, limit in ((10_000, 25), (100_000, 300)):
    ms = median_ms(rows, "InitialSyncBenchmarks", Atoms=atoms, Depth=3, Format="MessagePack")
    target(f"initial {atoms // 1000}k, memory, MessagePack", f"≤ {limit} ms", ms, ms is not None and ms <= limit, f"{ms:,.1f} ms" if ms else "")

ms = median_ms(rows, "OfflineBothBenchmarks", Atoms=100_000, Format="MessagePack", Conflicts=False)
target("offline-both 100k, memory, MessagePack", "≤ 500 ms", ms, ms is not None and ms <= 500, f"{ms:,.1f} ms" if ms else "")

median = metrics.get("wire.offline_both.MessagePack.100000.bytes_per_atom")
worst = metrics.get("wire.offline_both.MessagePack.100000.bytes_per_atom_worst", median)
target("offline-both 100k: bytes per atom", "≤ 30", median, worst is not None and worst <= 30, f"{median:.1f} (worst {worst:.1f})" if median is not None else "")

# Offline-both with 1% of the atoms written on both sides (conflicts): each atom should cross once,
# so the worst of the wire report's runs counts, and the time's spread as well as its median.
found = row(rows, "OfflineBothBenchmarks", Atoms=100_000, Format="MessagePack", Conflicts=True)
ms = number(found.get("Median"), TIME) if found else None
p95 = number(found.get("P95"), TIME) if found else None
target("offline-both 100k, 1% conflicts, memory, MessagePack", "median ≤ 350 ms", ms, ms is not None and ms <= 350, f"{ms:,.1f} ms" if ms else "")
target("offline-both 100k, 1% conflicts: spread", "p95 ≤ 1.5 × median", p95, ms and p95 is not None and p95 <= 1.5 * ms,
       f"p95 {p95:,.1f} ms = {p95 / ms:.2f} × median" if ms and p95 is not None else "")
for fmt, limit in (("MessagePack", 12), ("Json", 40)):
    median = metrics.get(f"wire.offline_both_conflicts.{fmt}.100000.bytes_per_atom")
    worst = metrics.get(f"wire.offline_both_conflicts.{fmt}.100000.bytes_per_atom_worst", median)
    target(f"offline-both 100k, 1% conflicts, {fmt}: bytes per atom", f"≤ {limit}", median, worst is not None and worst <= limit,
           f"{median:.1f} (worst {worst:.1f})" if median is not None else "")

initial = [metrics.get(f"wire.initial.MessagePack.{atoms}.bytes_per_atom") for atoms in (10_000, 100_000)]
initial = [value for value in initial if value is not None]
most = max(initial) if initial else None
target("initial 10k/100k: bytes per atom", "≤ 18", most, most is not None and most <= 18, f"{most:.1f} (the larger of 10k, 100k)" if most is not None else "")

messages, size = metrics.get("wire.write.MessagePack.100000.messages"), metrics.get("wire.write.MessagePack.100000.bytes")
target("one local write (100k tree)", "1 message ≤ 60 bytes", messages,
       messages == 1 and size is not None and size <= 60, f"{messages:.0f} message(s), {size:.0f} bytes" if messages is not None else "")

sync = median_ms(rows, "SqliteInitialSyncBenchmarks", Atoms=100_000, Source="memory", Target="tree")
target("initial 100k, memory → SQLite (tree tables)", "≤ 800 ms", sync, sync is not None and sync <= 800, f"{sync:,.0f} ms" if sync else "")
raw = median_ms(rows, "SqliteRawUpsertBenchmarks", Atoms=100_000, Target="tree")
share = raw / sync * 100 if sync and raw else None
target("SQLite initial 100k vs raw upserts (same run)", "≥ 50 % of the ceiling", share, share is not None and share >= 50,
       f"{share:.0f} % ({sync:,.0f} ms vs {raw:,.0f} ms)" if share is not None else "")

# The first layout's figure on this machine (median of 5, PostgreSQL 15 on loopback): the same
# benchmark at the last commit of that layout (f036a9d), run just before layout 2's in one session.
POSTGRES_TREE_LAYOUT_1_MS = 8_735.0
ms = median_ms(rows, "PostgresInitialSyncBenchmarks", Atoms=100_000, Method="Tree")
target("initial 100k, memory → PostgreSQL (tree tables)", f"≥ 2× faster than layout 1 ({POSTGRES_TREE_LAYOUT_1_MS:,.0f} ms)", ms,
       ms is not None and ms * 2 <= POSTGRES_TREE_LAYOUT_1_MS, f"{ms:,.0f} ms ({POSTGRES_TREE_LAYOUT_1_MS / ms:.1f}× faster)" if ms else "")

first, last, rooms_mb = metrics.get("stored_rooms.first_ms"), metrics.get("stored_rooms.last_ms"), metrics.get("stored_rooms.open_500_mb")
target("500 stored rooms open in one SQLite file", "≤ 300 MB", rooms_mb, rooms_mb is not None and rooms_mb <= 300,
       f"{rooms_mb:,.0f} MB (the whole process)" if rooms_mb is not None else "")
target("opening the 10,001st room vs the first", "within 20 %", last, last is not None and last <= 1.2 * first,
       f"{last:.1f} ms vs {first:.1f} ms" if last is not None else "")

for fmt in ("MessagePack", "Json"):
    size = allocated(rows, "IncrementalSyncBenchmarks", Format=fmt)
    target(f"incremental, one atom on 100k, {fmt}: allocated", "≤ 2 KB per atom", size, size is not None and size <= 2048,
           f"{size / 1024:,.2f} KB" if size is not None else "")

seconds, peak, outcome = metrics.get("large_sync.seconds"), metrics.get("large_sync.peak_mb"), metrics.get("large_sync.outcome")
raw = metrics.get("large_sync.raw_upsert_seconds")
target("1M atoms initial, memory → SQLite: time", "≤ 8 s", seconds, outcome == "completed" and seconds <= 8,
       f"{seconds:.1f} s ({outcome})" if seconds is not None else "")
share = raw / seconds * 100 if seconds and raw else None
target("1M atoms initial vs raw upserts of the same rows (same run)", "≥ 80 % of the ceiling", share, share is not None and share >= 80,
       f"{share:.0f} % ({seconds:.1f} s vs {raw:.1f} s)" if share is not None else "")
target("1M atoms initial, memory → SQLite: peak process memory", "≤ 400 MB", peak, outcome == "completed" and peak <= 400,
       f"{peak:,.0f} MB (before the sync {metrics.get('large_sync.baseline_mb', 0):,.0f} MB, the memory source included)" if peak is not None else "")

retained = metrics.get("large_sync.retained_mb")
target("1M atoms initial: memory the sync keeps alive", "≤ 50 MB", retained, retained is not None and retained <= 50,
       f"{retained:,.1f} MB (managed, after a full collection, synclets open)" if retained is not None else "")

# The cold-start report times the program as built (JIT only) and as published ReadyToRun with
# TieredPGO off, the settings README gives for a server; the first is what `dotnet run` gets.
for build, name in (("readytorun", "published ReadyToRun, TieredPGO off"), (None, "dotnet build, JIT only")):
    metric = "cold-start-100k" + (f"-{build}" if build else "")
    ms, low, high = (metrics.get(f"{metric}-ms{suffix}") for suffix in ("", "-min", "-max"))
    target(f"cold process, first sync 100k, memory, MessagePack ({name})", "≤ 500 ms", ms, ms is not None and ms <= 500,
           f"{ms:,.0f} ms (median of {metrics.get(f'{metric}-launches', 0):.0f} processes; {low:,.0f}–{high:,.0f})" if ms is not None else "")

# Issue 21: a metrics listener costs at most 5 % (the median of paired watched/unwatched ratios).
for workload, metric in (("incremental, one atom on 100k", "observation_incremental_ratio"), ("initial 10k", "observation_initial_ratio")):
    ratio = metrics.get(metric)
    target(f"{workload}, MessagePack, watched by metrics vs not", "≤ 1.05×", ratio, ratio is not None and ratio <= 1.05,
           f"{ratio:.3f}× (median of 100 paired rounds)" if ratio is not None else "")

print("| workload | target | ours | met? |")
print("|---|---|---|---|")
for cells in table:
    print("| " + " | ".join(cells) + " |")
