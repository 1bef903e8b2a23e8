"""``make cachesim``: why a stage's time grows faster than its work, per 10x nodes.

``make bench`` times each in-process stage at 3,000 and 10,000 nodes and gives the
growth per 10x. When that reads above 10x, either the code does more work per node
at the larger size (a quadratic lookup, a re-walked tree) or each unit of the same
work costs more (the data no longer fits a cache). The two look alike in a timing.
This script tells them apart without hardware counters, which virtual machines
rarely expose: it runs each stage under Valgrind's cachegrind, which counts the
instructions executed (the work, exactly, on any machine) and simulates the data
caches. The last simulated level is set to this machine's L2 cache (read from
/sys, or ``--l2``), so "L2 misses" are the reads and writes that had to go further.

For each stage and size it runs the stage ``--runs`` times and once with no runs,
both after the same untimed set-up (loading the diagram, and one warm-up run of the
stage that makes its lazy imports and caches), and reports the difference per run.
The collector is off during the counted runs: the simulation is of the stage's own
work (``make bench`` times the collector with it).

It prints one table and writes the same numbers as JSON (``--output``). Slow by
nature: cachegrind runs a program about 50 times slower.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gc
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench import STAGES as BENCH_STAGES  # noqa: E402
from bench import growth_per_10x, stage_functions  # noqa: E402
from generate import generate  # noqa: E402

STAGES = ("validate", "lint", "outline", "html")
SIZES = (3_000, 10_000)
RUNS = 2

# cachegrind's summary, e.g. "==12== D1  misses:   14,109,737  ( 12,366,267 rd + ...)"
_SUMMARY = re.compile(r"^==\d+== (I +refs|D +refs|D1 +misses|LLd misses):\s+([\d,]+)", re.M)
_KEYS = {"I": "instructions", "D": "data_refs", "D1": "d1_misses", "LLd": "l2_misses"}


def l2_geometry() -> tuple[int, int, int]:
    """This machine's L2 data cache as (bytes, ways, line bytes), from /sys."""
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            if (index / "level").read_text().strip() != "2":
                continue
            size = (index / "size").read_text().strip()  # "2048K"
            scale = {"K": 1024, "M": 1024 * 1024}.get(size[-1:], 1)
            ways = int((index / "ways_of_associativity").read_text())
            line = int((index / "coherency_line_size").read_text())
            return int(size.rstrip("KM")) * scale, ways, line
        except (OSError, ValueError):
            continue
    return 2 * 1024 * 1024, 16, 64  # a common L2; say --l2 to choose


def parse_l2(text: str) -> tuple[int, int, int]:
    """``--l2 BYTES[,WAYS[,LINE]]``; the ways and line default to 16 and 64."""
    parts = [int(part) for part in text.split(",")]
    size, ways, line = (parts + [16, 64][len(parts) - 1 :])[:3]
    return size, ways, line


def child(stage: str, runs: int, path: str) -> None:
    """Set up, warm up once, then run ``stage`` ``runs`` times (under cachegrind)."""
    funcs = stage_functions()
    state: dict[str, Any] = {"data": Path(path).read_bytes(), "path": "generated.yaml"}
    for name in ("validate", stage):  # the diagram every later stage reads; a warm-up
        func = funcs[name]
        if isinstance(func, str):
            raise SystemExit(f"stage {name}: {func}")
        func(state)
    gc.collect()
    gc.disable()
    run = funcs[stage]
    assert not isinstance(run, str)
    for _ in range(runs):
        run(state)


def simulate(stage: str, runs: int, path: str, l2: tuple[int, int, int]) -> dict[str, int]:
    """cachegrind's totals for the child running ``stage`` ``runs`` times."""
    size, ways, line = l2
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=yes",
        f"--LL={size},{ways},{line}",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        stage,
        str(runs),
        path,
    ]
    # The same string hashes in every run, so dict and set layouts, and with them
    # the cache lines touched, repeat exactly.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{stage} under cachegrind failed: {done.stderr[-400:]}")
    totals = {}
    for name, value in _SUMMARY.findall(done.stderr):
        totals[_KEYS[name.split()[0]]] = int(value.replace(",", ""))
    if len(totals) != len(_KEYS):
        raise RuntimeError(f"no cachegrind summary in: {done.stderr[-400:]}")
    return totals


def per_run(stage: str, path: str, runs: int, l2: tuple[int, int, int]) -> dict[str, float]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        base, with_runs = pool.map(lambda k: simulate(stage, k, path, l2), (0, runs))
    return {key: (with_runs[key] - base[key]) / runs for key in base}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--child", nargs=3, metavar=("STAGE", "RUNS", "FILE"), help=argparse.SUPPRESS
    )
    parser.add_argument("--stages", default=",".join(STAGES), help="stages of make bench")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="two or more node counts"
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="counted runs per stage and size")
    parser.add_argument(
        "--l2", help="simulated L2 as BYTES[,WAYS[,LINE]] (default: this machine's)"
    )
    parser.add_argument("--output", default=str(BENCH / "results" / "cachesim.json"))
    args = parser.parse_args(argv)
    if args.child:
        stage, runs, path = args.child
        child(stage, int(runs), path)
        return 0
    if shutil.which("valgrind") is None:
        print("cachesim needs Valgrind: apt-get install valgrind", file=sys.stderr)
        return 2
    stages = args.stages.split(",")
    unknown = [stage for stage in stages if stage not in BENCH_STAGES]
    if unknown:
        parser.error(f"unknown stage {', '.join(unknown)}; choose from {', '.join(BENCH_STAGES)}")
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
        l2 = parse_l2(args.l2) if args.l2 else l2_geometry()
    except ValueError:
        parser.error("--sizes takes node counts, --l2 BYTES[,WAYS[,LINE]], all whole numbers")
    if args.runs < 1 or min(sizes) < 1:
        parser.error("--runs and every size must be at least 1")
    print(
        f"simulating an L2 of {l2[0] // 1024} KiB, {l2[1]}-way, {l2[2]}-byte lines", file=sys.stderr
    )
    results: dict[str, dict[int, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="impact-cachesim-") as tmp:
        files = {}
        for size in sizes:
            files[size] = str(Path(tmp) / f"g{size}.yaml")
            Path(files[size]).write_text(generate(size), encoding="utf-8")
        for stage in stages:
            results[stage] = {}
            for size in sizes:
                print(f"  {stage} at {size:,} nodes ...", file=sys.stderr)
                results[stage][size] = per_run(stage, files[size], args.runs, l2)
    print(table(results, sizes, l2))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "l2": {"bytes": l2[0], "ways": l2[1], "line": l2[2]},
        "runs": args.runs,
        "per_run": {s: {str(n): v for n, v in r.items()} for s, r in results.items()},
    }
    out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwrote {os.path.relpath(out)}", file=sys.stderr)
    return 0


def table(
    results: dict[str, dict[int, dict[str, float]]], sizes: list[int], l2: tuple[int, int, int]
) -> str:
    head = ("stage", "nodes", "instructions", "per node", "L2 misses", "per 1k instr")
    rows = [head]
    growth_rows = []
    for stage, by_size in results.items():
        for size in sizes:
            r = by_size[size]
            rows.append(
                (
                    stage,
                    f"{size:,}",
                    f"{r['instructions'] / 1e6:,.1f}M",
                    f"{r['instructions'] / size:,.0f}",
                    f"{r['l2_misses'] / 1e3:,.0f}k",
                    f"{1000 * r['l2_misses'] / r['instructions']:.2f}",
                )
            )
        for a, b in itertools.pairwise(sizes):
            ra, rb = by_size[a], by_size[b]
            growth_rows.append(
                f"{stage} {a:,} -> {b:,}: instructions "
                f"{growth_per_10x(ra['instructions'], a, rb['instructions'], b):.1f}x, "
                f"L2 misses {growth_per_10x(ra['l2_misses'], a, rb['l2_misses'], b):.1f}x per 10x"
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([*lines, "", "growth per 10x (10x is linear):", *growth_rows])


if __name__ == "__main__":
    raise SystemExit(main())
