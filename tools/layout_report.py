"""``make layout-report``: how good the Graphviz drawings are, measured from Graphviz itself.

For every example in ``diagrams/``, every real published diagram in ``tests/real/``
and a set of generated diagrams of 10 to 200 boxes (``bench/generate.py``: mixed
depths, many-to-many links, fixed seeds), this builds impact's DOT, lays it out with
``dot -Tjson`` and measures the drawing from the coordinates Graphviz chose. The
measures are defined in docs/layout.md; in short:

* crossings: points where the polylines of two links cross (each spline sampled into
  short segments), away from the ends of the links;
* length: the total length of the links, in points;
* detours: links that turn back against the direction of the columns somewhere;
* misleading: boxes whose centre line runs through a box of their parent's column
  that they are not linked to (their own parent is elsewhere);
* arrow clashes: pairs of arrowheads on one box whose tips are within 5 points;
* aspect: the drawing's width over its height.

Prints a Markdown table; ``--json FILE`` writes the same numbers as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from impact_cli.check.load import load_file, load_text  # noqa: E402
from impact_cli.diagram import Diagram  # noqa: E402
from impact_cli.render import RenderOptions, dot_measure  # noqa: E402
from impact_cli.render.dot import build_dot, node_id  # noqa: E402
from impact_cli.render.dot_measure import Metrics  # noqa: E402

GENERATED_SIZES = (10, 20, 30, 50, 75, 100, 150, 200)
"""Boxes in each generated diagram (one fixed seed each)."""


def measure(data: dict[str, Any], diagram: Diagram) -> Metrics:
    """The measures of one drawing (docs/layout.md); ``data`` is dot's JSON for it."""
    return dot_measure.measure(data, diagram, node_id)


def lay_out(diagram: Diagram, options: RenderOptions) -> dict[str, Any]:
    source = build_dot(diagram, options)
    proc = subprocess.run(
        ["dot", "-Tjson"], input=source.encode("utf-8"), capture_output=True, check=True
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


# --- the cases --------------------------------------------------------------------------


class Case(NamedTuple):
    group: str  # "examples", "real" or "generated"
    name: str
    diagram: Diagram


def cases(generated: bool = True) -> Iterator[Case]:
    for group, folder in (("examples", ROOT / "diagrams"), ("real", ROOT / "tests" / "real")):
        for path in sorted(folder.glob("*.yaml")):
            result = load_file(path)
            assert result.diagram is not None, f"{path} is not valid"
            yield Case(group, path.stem, result.diagram)
    if generated:
        for size in GENERATED_SIZES:
            result = load_text(generate(size), f"generated-{size}")
            assert result.diagram is not None
            yield Case("generated", f"generated-{size}", result.diagram)


def options_for(settings: dict[str, str]) -> RenderOptions:
    """Render options with only the layout settings this version of impact knows."""
    known = {f.name for f in dataclasses.fields(RenderOptions)}
    return RenderOptions(**{k: v for k, v in settings.items() if k in known})  # type: ignore[arg-type]


def report(settings: dict[str, str], *, generated: bool = True) -> list[dict[str, Any]]:
    rows = []
    for case in cases(generated):
        options = options_for(settings)
        metrics = measure(lay_out(case.diagram, options), case.diagram)
        rows.append(
            {"group": case.group, "name": case.name, **metrics._asdict(), "aspect": metrics.aspect}
        )
    return rows


COLUMNS = (
    ("name", "Diagram"),
    ("boxes", "Boxes"),
    ("crossings", "Crossings"),
    ("length", "Link length (pt)"),
    ("detours", "Detours"),
    ("misleading", "Level with an unlinked box"),
    ("arrow_clashes", "Overlapping arrowheads"),
    ("out_of_order", "Out of order"),
    ("size", "Size (pt)"),
    ("aspect", "Aspect (w/h)"),
)


def markdown(rows: list[dict[str, Any]]) -> str:
    out = [
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "| " + " | ".join("---" if key == "name" else "---:" for key, _ in COLUMNS) + " |",
    ]
    for row in rows:
        cells = []
        for key, _ in COLUMNS:
            if key == "size":
                cells.append(f"{row['width']} x {row['height']}")
            elif key == "name":
                cells.append(f"{row['group']}/{row['name']}")
            else:
                cells.append(str(row[key]))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--direction", choices=("LR", "TB"), help="only this direction (default: both)"
    )
    parser.add_argument("--ideas-column", choices=("auto", "last", "beside"))
    parser.add_argument("--no-generated", action="store_true", help="examples and real only")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    results = []
    for direction in [args.direction] if args.direction else ["LR", "TB"]:
        settings = {"direction": direction}
        if args.ideas_column:
            settings["ideas_column"] = args.ideas_column
        rows = report(settings, generated=not args.no_generated)
        sys.stdout.write(f"\n{direction}:\n\n" + markdown(rows))
        results.append({"settings": settings, "rows": rows})
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
