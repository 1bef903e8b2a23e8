"""Measures with data: read each one's data, check it and its options, attach it.

After the diagram is normalised, each measure with ``data:`` (a CSV file) or
``points:`` gets a :class:`~impact_cli.diagram.MeasureData`: its checked points
(:mod:`.series`), how its chart is read, the rebase points found in the data, and the
dated PDSA cycles of the change ideas it follows. Every measure also gets its unit,
direction of improvement and target number.

A data file is read by :mod:`.data_file`, as safely as the diagram itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Loc, Severity, Span, pointer, printable
from ..diagram import Cycle, Diagram, Measure, MeasureData, Tier
from ..measures.periods import Period, parse_period
from ..source.text import Limits
from .data_file import DataFile
from .series import Row, Series, check_rows

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from ..fileformat.model import DiagramFile
    from ..fileformat.model import Measure as MeasureModel
    from ..source.spans import Locator

_NUMBER_IN_TEXT = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def attach(
    diagram: Diagram,
    doc: DiagramFile,
    locator: Locator,
    base: Path | None,
    limits: Limits | None = None,
) -> tuple[Diagram, list[Diagnostic]]:
    """``diagram`` with its measures' data attached, and the findings on the way."""
    if not doc.measures:
        return diagram, []
    reader = _Reader(diagram, locator, base, limits or Limits())
    measures = tuple(
        reader.measure(i, measure, model)
        for i, (measure, model) in enumerate(zip(diagram.measures, doc.measures, strict=True))
    )
    return dataclasses.replace(diagram, measures=measures), reader.diags


def target_number(target: str | None, unit: str | None) -> float | None:
    """The one number in a target ('5.7 or fewer', '95%'); None with none or several.

    The unit is left out first, so '5.7 falls per 1,000 bed days' with the unit 'falls
    per 1,000 bed days' is 5.7.
    """
    if not target:
        return None
    if unit and len(unit) > 1 and unit in target:
        target = target.replace(unit, " ")
    found = _NUMBER_IN_TEXT.findall(target)
    return float(found[0].replace(",", "")) if len(found) == 1 else None


class _Reader:
    def __init__(
        self, diagram: Diagram, locator: Locator, base: Path | None, limits: Limits
    ) -> None:
        self.diagram = diagram
        self.locator = locator
        self.base = base
        self.limits = limits
        self.diags: list[Diagnostic] = []

    def at(self, *loc: str | int) -> Span:
        return self.locator.span(loc)

    def error(self, code: str, message: str, loc: Loc, hint: str | None = None) -> None:
        self.diags.append(
            Diagnostic(code, Severity.ERROR, message, self.diagram.path, self.at(*loc), hint)
        )

    def measure(self, i: int, measure: Measure, model: MeasureModel) -> Measure:
        facts: dict[str, Any] = {
            "unit": model.unit,
            "improvement": model.improvement.value if model.improvement else None,
            "target_value": target_number(model.target, model.unit),
        }
        series = self.series(i, model)
        if series is not None and self.options_fit(i, model, series):
            facts["data"] = MeasureData(
                series.points,
                model.data or "points",
                model.rules.value,
                model.run_length or 7,
                model.baseline,
                tuple(self.rebase(i, model, series)),
                model.screen_moving_ranges,
                series.gaps,
                tuple(self.cycles(measure, series.periods)),
            )
        return measure._replace(**facts)

    def series(self, i: int, model: MeasureModel) -> Series | None:
        loc: Loc = ("measures", i)
        if model.data and model.points:
            self.error(
                "DD-D09",
                "a measure has both 'data' and 'points'",
                (*loc, "points"),
                "keep the data in one place: the file, or the points",
            )
            return None
        if model.points:
            rows = [
                Row(
                    p.period,
                    p.value,
                    p.note,
                    self.at(*loc, "points", j, "period"),
                    self.at(*loc, "points", j, "value"),
                )
                for j, p in enumerate(model.points)
            ]
            return check_rows(rows, self.diagram.path, self.diags)
        if model.data:
            where: Loc = (*loc, "data")
            file = DataFile(
                model.data,
                self.base,
                self.diagram.path,
                self.at(*where),
                pointer(where),
                self.limits,
                self.diags,
            )
            return file.read()
        for key in ("baseline", "rebase", "run_length"):
            if getattr(model, key):
                self.error(
                    "DD-D09",
                    f"'{key}' is given but the measure has no data",
                    (*loc, key),
                    "add 'data: <file>.csv' or 'points:', or remove it",
                )
                return None
        return None

    def options_fit(self, i: int, model: MeasureModel, series: Series) -> bool:
        loc: Loc = ("measures", i)
        fits = True
        if model.rules.value == "ihi":
            for key in ("run_length", "screen_moving_ranges"):
                if getattr(model, key):
                    fits = False
                    self.error(
                        "DD-D09",
                        f"'{key}' applies to the Making Data Count rules, not to a run chart",
                        (*loc, key),
                        "remove it, or use 'rules: mdc'",
                    )
        count = len(series.points)
        if model.baseline is not None and not 2 <= model.baseline <= count:
            fits = False
            self.error(
                "DD-D09",
                f"'baseline' is {model.baseline}, but the measure has {count} points",
                (*loc, "baseline"),
                "a baseline is at least 2 points and at most all of them",
            )
        return fits

    def rebase(self, i: int, model: MeasureModel, series: Series) -> Iterator[int]:
        index = {(p.kind, p.ordinal): n for n, p in enumerate(series.periods)}
        for j, text in enumerate(model.rebase):
            period = parse_period(text)
            n = None if isinstance(period, str) else index.get((period.kind, period.ordinal))
            if n is None:
                self.error(
                    "DD-D09",
                    f"the rebase period '{printable(text)}' is not a period of the data",
                    ("measures", i, "rebase", j),
                    "name the first period of the new process, as the data writes it",
                )
            elif n > 0:
                yield n

    def cycles(self, measure: Measure, periods: tuple[Period, ...]) -> Iterator[Cycle]:
        """The dated PDSA cycles of the change ideas this measure follows: the ideas it
        tracks, and those that support (directly or not) a driver or aim it tracks."""
        if not periods:
            return
        for idea in self.ideas_followed(measure):
            node = self.diagram.nodes[idea]
            for text, note in node.pdsa_dated:
                period = parse_period(text)
                if isinstance(period, str):
                    self.diags.append(
                        Diagnostic(
                            "DD-D03",
                            Severity.ERROR,
                            f"the PDSA period of {node.label.lower()}: {period}",
                            self.diagram.path,
                            node.span,
                            "write the period as 2024-05, 2024-05-13 or 2024-W20",
                        )
                    )
                    continue
                at = next((n for n, p in enumerate(periods) if p.start >= period.start), None)
                if at is not None:
                    yield Cycle(at, period.label, node.number, note)

    def ideas_followed(self, measure: Measure) -> list[str]:
        found: dict[str, None] = {}
        todo = list(measure.tracks)
        seen = set(todo)
        while todo:
            key = todo.pop(0)
            node = self.diagram.nodes.get(key)
            if node is None:
                continue
            if node.tier is Tier.CHANGE_IDEA:
                found[key] = None
            for supporter in self.diagram.supporters(key):
                if supporter.key not in seen:
                    seen.add(supporter.key)
                    todo.append(supporter.key)
        return list(found)
