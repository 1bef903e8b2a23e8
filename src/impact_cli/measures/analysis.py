"""One measure's series, read with one rule set: what a chart and its words show.

:func:`analyse` takes the values in time order and the reading's options and returns
an :class:`Analysis`: the centre line and limits of each section, every pattern a
rule found, each point's category, and for Making Data Count the variation and
assurance of the chart. Every analysis names its rule set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from . import mdc, runchart, xmr
from .patterns import Pattern

RULE_SETS = {
    "mdc": "Making Data Count (XmR chart)",
    "ihi": "IHI run chart rules",
}


@dataclass(frozen=True)
class Options:
    rules: str = "mdc"
    """'mdc' or 'ihi'."""
    run_length: int = 7
    """Making Data Count: points in a shift or a trend (7, or 6 as an option)."""
    baseline: int | None = None
    """Calculate the first section's lines from its first N points only."""
    rebase: tuple[int, ...] = ()
    """Indexes of the points that start a new section."""
    screen: bool = False
    """Making Data Count: leave large moving ranges out of MR-bar."""
    two_sigma_beyond_limits: bool = True
    """Making Data Count: points beyond a limit count towards two-of-three (2023)."""
    improvement: str | None = None
    """'increase', 'decrease', 'neither' or None."""
    target: float | None = None


class Band(NamedTuple):
    """One section of the chart: its centre line and, for XmR charts, its limits."""

    start: int
    stop: int
    centre: float
    basis: int
    """How many points the lines were calculated from."""
    upper: float | None = None
    lower: float | None = None
    upper_two_sigma: float | None = None
    lower_two_sigma: float | None = None
    sigma: float | None = None
    mr_bar: float | None = None
    screened: int = 0

    @property
    def trial(self) -> bool:
        """Limits from fewer than 12 points (XmR charts only)."""
        return self.upper is not None and self.basis < xmr.TRIAL_BELOW


@dataclass(frozen=True)
class Analysis:
    rules: str
    """'mdc' or 'ihi'."""
    values: tuple[float, ...]
    bands: tuple[Band, ...]
    patterns: tuple[Pattern, ...]
    categories: tuple[str, ...]
    """Per point: 'improvement', 'concern', 'neither-high', 'neither-low' or 'common'."""
    options: Options
    variation: str | None = None
    """Making Data Count: the category of the last point."""
    assurance: str | None = None
    """Making Data Count: 'pass', 'fail', 'hit-and-miss', or None."""
    runs: tuple[runchart.Runs, ...] = field(default=())

    @property
    def rule_set(self) -> str:
        """The rule set's name: 'Making Data Count (XmR chart)'."""
        return RULE_SETS[self.rules]

    @property
    def centre_name(self) -> str:
        return "mean" if self.rules == "mdc" else "median"

    def band_of(self, index: int) -> Band:
        return next(b for b in self.bands if b.start <= index < b.stop)

    def patterns_at(self, index: int) -> list[Pattern]:
        return [p for p in self.patterns if index in p.points and p.side != 0]


def analyse(values: Sequence[float], options: Options | None = None) -> Analysis:
    options = options or Options()
    values = tuple(values)
    if options.rules == "ihi":
        return _run_chart(values, options)
    sections = xmr.sections(
        values, options.rebase, baseline=options.baseline, screen=options.screen
    )
    patterns = mdc.special_causes(
        values,
        sections,
        run_length=options.run_length,
        two_sigma_beyond_limits=options.two_sigma_beyond_limits,
    )
    cats = mdc.categories(len(values), patterns, options.improvement)
    bands = tuple(
        Band(
            s.start,
            s.stop,
            s.mean,
            s.basis,
            s.upper,
            s.lower,
            s.upper_two_sigma,
            s.lower_two_sigma,
            s.sigma,
            s.mr_bar,
            s.screened,
        )
        for s in sections
    )
    return Analysis(
        "mdc",
        values,
        bands,
        tuple(patterns),
        tuple(cats),
        options,
        variation=cats[-1] if cats else None,
        assurance=mdc.assurance(
            sections[-1].lower, sections[-1].upper, options.target, options.improvement
        )
        if sections
        else None,
    )


def _run_chart(values: tuple[float, ...], options: Options) -> Analysis:
    lines = runchart.centres(values, options.rebase, baseline=options.baseline)
    patterns, runs = runchart.signals(values, lines)
    cats = mdc.categories(len(values), patterns, options.improvement)
    bands = tuple(Band(c.start, c.stop, c.median, c.basis) for c in lines)
    return Analysis("ihi", values, bands, tuple(patterns), tuple(cats), options, runs=tuple(runs))
