"""``make profile``: where the time goes, as profiles to read next to ``make bench``.

``make bench`` says how fast; this says why. It writes three reports into
``build/profile/`` (or ``--out``):

* ``pipeline.txt``: pyinstrument's call tree of the throughput pipeline of the
  benchmark (load and validate, lint, accessible outline, HTML text) on the
  generated 10,000-node diagram (``--nodes``);
* ``many-files.txt``: pyinstrument's call tree of one ``impact validate --quiet
  -j 1`` over 1,000 generated 30-node files (``--files``), in one process so that
  the profiler sees every file (the workers of ``-j 0`` are forked and would not
  be profiled; per file they do exactly this);
* ``importtime.txt``: ``python -X importtime`` of ``impact validate`` on the NHS
  example, the modules sorted by cumulative import time (start-up is imports).

pyinstrument samples the stack (every millisecond here), so small calls are far
less inflated than under a tracing profiler such as cProfile, though code that
makes very many calls still reads somewhat high. Compare its shares, not its
absolute times, which vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import generate, write_files  # noqa: E402

SMALL = "diagrams/nhs-impact.yaml"
INTERVAL = 0.001  # seconds between samples


def profile_pipeline(nodes: int, out: Path) -> None:
    from pyinstrument import Profiler

    from impact_cli.check.load import load_text
    from impact_cli.lint import lint_diagram
    from impact_cli.render import RenderOptions, render
    from impact_cli.render.html import render_page

    data = generate(nodes).encode("utf-8")
    # Warm up on the small example: lazy imports and the validator's construction
    # are start-up costs, which the importtime report covers.
    small = load_text((ROOT / SMALL).read_bytes(), SMALL).diagram
    assert small is not None
    render(small, "txt", RenderOptions(accessible=True))
    render_page(small, RenderOptions(), "")

    profiler = Profiler(interval=INTERVAL)
    with profiler:
        result = load_text(data, "generated.yaml")
        diagram = result.diagram
        if diagram is None:
            raise SystemExit(f"the generated diagram is invalid: {result.diagnostics[:3]}")
        lint_diagram(diagram)
        render(diagram, "txt", RenderOptions(accessible=True))
        render_page(diagram, RenderOptions(), "")
    out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))


def profile_many_files(count: int, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="impact-profile-") as tmp:
        write_files(tmp, count, nodes=30)
        cmd = [
            sys.executable,
            "-m",
            "pyinstrument",
            "--interval",
            str(INTERVAL),
            "--renderer",
            "text",
            "--outfile",
            str(out),
            "-m",
            "impact_cli",
            "validate",
            "--quiet",
            "-j",
            "1",
            tmp,
        ]
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        if done.returncode not in (0, 1):  # 1: the generated files have lint findings
            raise SystemExit(f"profiling validate failed with exit {done.returncode}")


def import_times(out: Path) -> None:
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    impact = Path(sys.executable).parent / "impact"
    done = subprocess.run(
        [str(impact), "validate", SMALL], cwd=ROOT, env=env, capture_output=True, text=True
    )
    # "import time: self [us] | cumulative | imported package", one line per module
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            self_us, cumulative, indent, name = match.groups()
            rows.append((int(cumulative), int(self_us), len(indent) // 2, name))
    total = sum(c for c, _, depth, _ in rows if depth == 0)
    lines = [
        f"python -X importtime: impact validate {SMALL}",
        f"{len(rows)} modules, {total / 1000:.1f} ms of imports in all (top-level cumulative)",
        "",
        f"{'cumulative ms':>13}  {'self ms':>7}  module",
    ]
    for cumulative, self_us, depth, name in sorted(rows, reverse=True)[:40]:
        lines.append(f"{cumulative / 1000:13.1f}  {self_us / 1000:7.1f}  {'  ' * depth}{name}")
    out.write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "profile"))
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=1_000)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"profiling the pipeline on {args.nodes:,} nodes ...", file=sys.stderr)
    profile_pipeline(args.nodes, out / "pipeline.txt")
    print(f"profiling validate over {args.files:,} files ...", file=sys.stderr)
    profile_many_files(args.files, out / "many-files.txt")
    print("timing imports ...", file=sys.stderr)
    import_times(out / "importtime.txt")
    for name in ("pipeline.txt", "many-files.txt", "importtime.txt"):
        print(f"wrote {os.path.relpath(out / name)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
