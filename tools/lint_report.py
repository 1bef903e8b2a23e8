"""How right is the lint on real published driver diagrams? (``make lint-report``)

Runs every lint rule over the transcribed published diagrams in ``tests/real/`` and
scores each rule against the findings a QI reviewer judged by hand
(``tests/real/expected/<name>.yaml``: for each rule, the items where a finding is
right, or none). A finding is a true positive when a finding of that rule names an
expected item (by its pointer); a false positive names another item; a false negative
is an expected item with no finding. Several findings of one rule on one item count
once.

Prints the table; ``--write`` puts it into docs/rules.md between its markers (a test
keeps that section current); ``--check`` exits 1 when a rule that found anything is
less than 90% precise, as tests/lint/test_lint_report.py does.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from impact_cli.check.load import load_file  # noqa: E402
from impact_cli.lint import RULES, lint_diagram  # noqa: E402

REAL = ROOT / "tests" / "real"
EXPECTED = REAL / "expected"
DOCS = ROOT / "docs" / "rules.md"
START = "<!-- lint-report:start -->"
END = "<!-- lint-report:end -->"
PRECISION_FLOOR = 0.9


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    """'file: pointer' of each false positive (FP) and false negative (FN), for the report."""

    @property
    def precision(self) -> float | None:
        found = self.tp + self.fp
        return self.tp / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.tp + self.fn
        return self.tp / expected if expected else None


def expected_places(path: Path) -> dict[str, set[str]]:
    """Rule code -> the pointers where a finding is expected (an empty set for 'none')."""
    judged = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: set() if "none" in places else set(places) for code, places in judged.items()}


def found_places(path: Path) -> dict[str, set[str]]:
    """Rule code -> the pointers the lint names, every lint rule on, in the file's profile."""
    loaded = load_file(path)
    assert loaded.diagram is not None, f"{path} does not load"
    found: dict[str, set[str]] = {}
    for finding in lint_diagram(loaded.diagram, select=[rule.code for rule in RULES]):
        found.setdefault(finding.code, set()).add(finding.pointer)
    return found


def diagrams() -> list[Path]:
    return sorted(REAL.glob("*.yaml"))


def score() -> dict[str, Score]:
    scores = {rule.code: Score() for rule in RULES}
    for path in diagrams():
        expected = expected_places(EXPECTED / path.name)
        found = found_places(path)
        for code, s in scores.items():
            want, got = expected.get(code, set()), found.get(code, set())
            s.tp += len(want & got)
            s.fp += len(got - want)
            s.fn += len(want - got)
            s.misses += [f"FP {path.stem}: {p}" for p in sorted(got - want)]
            s.misses += [f"FN {path.stem}: {p}" for p in sorted(want - got)]
    return scores


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def table(scores: dict[str, Score]) -> str:
    rows = [
        f"Measured on the {len(diagrams())} published driver diagrams transcribed in "
        "`tests/real/`, against the findings a QI reviewer judged by hand "
        "(`tests/real/expected/`). A finding is right (TP) when the reviewer expects that rule "
        "on that item; FP: found where not expected; FN: expected, not found. '–': the rule "
        "found nothing, or nothing was expected. Every rule must stay at least 90% precise "
        "on this corpus (a test fails otherwise). Run `make lint-report` to measure again.",
        "",
        "| Rule | TP | FP | FN | Precision | Recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for code, s in scores.items():
        rows.append(
            f"| {code} | {s.tp} | {s.fp} | {s.fn} | {_percent(s.precision)} | "
            f"{_percent(s.recall)} |"
        )
    total = Score(
        tp=sum(s.tp for s in scores.values()),
        fp=sum(s.fp for s in scores.values()),
        fn=sum(s.fn for s in scores.values()),
    )
    rows.append(
        f"| all rules | {total.tp} | {total.fp} | {total.fn} | {_percent(total.precision)} | "
        f"{_percent(total.recall)} |"
    )
    return "\n".join(rows) + "\n"


def with_table(document: str, body: str) -> str:
    """``document`` with ``body`` between its markers (which must be there)."""
    head, rest = document.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{body}{END}{tail}"


def below_floor(scores: dict[str, Score]) -> list[str]:
    return [
        code
        for code, s in scores.items()
        if s.precision is not None and s.precision < PRECISION_FLOOR
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/rules.md")
    parser.add_argument("--check", action="store_true", help="fail below 90%% precision")
    parser.add_argument("--misses", action="store_true", help="list every FP and FN")
    args = parser.parse_args(argv)
    scores = score()
    body = table(scores)
    sys.stdout.write(body)
    if args.misses:
        for code, s in scores.items():
            for miss in s.misses:
                print(f"{code} {miss}")
    if args.write:
        DOCS.write_text(with_table(DOCS.read_text(encoding="utf-8"), body), encoding="utf-8")
    low = below_floor(scores)
    if args.check and low:
        print(f"below {PRECISION_FLOOR:.0%} precision: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
