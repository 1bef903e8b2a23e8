"""The IHI run chart rules (Perla, Provost & Murray, BMJ Qual Saf 2011;20:46-51).

The centre line is the median of each section (a rebase starts a new one; with
``baseline`` the first section's median comes from its first points). Signals:

* ``shift``: six or more points in a row all above or all below the median. A point
  on the median is skipped: it neither counts nor breaks the shift;
* ``trend``: five or more points all going up or all going down. A point equal to the
  one before it is skipped: like values neither count nor break the trend;
* ``runs``: too few or too many runs (series of points on one side of the median,
  points on it not counted) for the number of points above and below it: fewer than
  the lower or more than the upper critical value of Swed & Eisenhart (1943), 5%
  two-sided, which is where the IHI's table of limits comes from. Checked from 10
  points off the median on, where that table starts;
* ``astronomical``: a point 'obviously different' from the rest. The IHI leaves it to
  judgement; impact proposes the points Tukey calls *far out* (Exploratory Data
  Analysis, 1977): more than three interquartile ranges beyond the quartiles of their
  section, and says it is for the team to judge. Quartiles, unlike XmR limits, are
  not narrowed by a shift, so the points of a shift are not all proposed; a section
  needs 4 points.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from math import comb
from typing import NamedTuple

from .patterns import Pattern, runs_on_one_side, sign, trends
from .xmr import bounds

SHIFT = 6
TREND = 5
RUNS_FROM = 10
FAR_OUT = 3
"""Tukey's outer fences: quartiles ± 3 interquartile ranges."""


class Centre(NamedTuple):
    start: int
    stop: int
    median: float
    basis: int


class Runs(NamedTuple):
    """The runs test of one section."""

    start: int
    stop: int
    runs: int
    above: int
    below: int
    lower: int | None
    """Fewest runs that are not 'too few' (None: too few points to test)."""
    upper: int | None

    @property
    def verdict(self) -> str | None:
        """'too few', 'too many', 'as expected', or None when not tested."""
        if self.lower is None or self.upper is None:
            return None
        if self.runs < self.lower:
            return "too few"
        if self.runs > self.upper:
            return "too many"
        return "as expected"


def centres(
    values: Sequence[float], rebase: Sequence[int] = (), *, baseline: int | None = None
) -> tuple[Centre, ...]:
    out = []
    for number, (start, stop) in enumerate(bounds(len(values), rebase)):
        basis = values[start:stop]
        if number == 0 and baseline is not None:
            basis = basis[:baseline]
        out.append(Centre(start, stop, statistics.median(basis), len(basis)))
    return tuple(out)


def signals(
    values: Sequence[float], centre_lines: Sequence[Centre]
) -> tuple[list[Pattern], list[Runs]]:
    side = [0] * len(values)
    for c in centre_lines:
        for i in range(c.start, c.stop):
            side[i] = sign(values[i] - c.median)
    found: list[Pattern] = []
    runs: list[Runs] = []
    for c in centre_lines:
        found += runs_on_one_side(side, c.start, c.stop, SHIFT, skip_zero=True)
        runs.append(_runs(side[c.start : c.stop], c.start, c.stop))
    found += trends(values, TREND, ignore_ties=True)
    for c in centre_lines:
        found += _far_out(values, c)
    for r in runs:
        if r.verdict in ("too few", "too many"):
            found.append(Pattern("runs", 0, tuple(range(r.start, r.stop))))
    return found, runs


def _far_out(values: Sequence[float], centre: Centre) -> list[Pattern]:
    section = values[centre.start : centre.stop]
    if len(section) < 4:
        return []
    q1, _, q3 = statistics.quantiles(section, n=4, method="inclusive")
    reach = FAR_OUT * (q3 - q1)
    return [
        Pattern("astronomical", 1 if values[i] > q3 else -1, (i,))
        for i in range(centre.start, centre.stop)
        if values[i] > q3 + reach or values[i] < q1 - reach
    ]


def _runs(side: Sequence[int], start: int, stop: int) -> Runs:
    useful = [s for s in side if s != 0]
    count = sum(1 for i, s in enumerate(useful) if i == 0 or s != useful[i - 1])
    above = useful.count(1)
    below = len(useful) - above
    if len(useful) < RUNS_FROM or not above or not below:
        return Runs(start, stop, count, above, below, None, None)
    lower, upper = critical_runs(above, below)
    return Runs(start, stop, count, above, below, lower, upper)


def critical_runs(n1: int, n2: int, tail: float = 0.025) -> tuple[int, int]:
    """The fewest and most runs that are not a signal, for ``n1`` and ``n2`` points on
    the two sides: the Swed & Eisenhart critical values (exact, in whole numbers)."""
    total = comb(n1 + n2, n1)
    ways = {r: _ways(r, n1, n2) for r in range(2, n1 + n2 + 1)}
    # P(R <= r) <= tail  <=>  ways * 1/tail <= total, kept in integers (tail = 1/40)
    scale = round(1 / tail)
    below = 0
    lower = 2
    for r in sorted(ways):
        below += ways[r]
        if below * scale > total:
            lower = r
            break
    above = 0
    upper = n1 + n2
    for r in sorted(ways, reverse=True):
        above += ways[r]
        if above * scale > total:
            upper = r
            break
    return lower, upper


def _ways(r: int, n1: int, n2: int) -> int:
    """How many arrangements of n1 and n2 items have exactly r runs."""
    if r % 2 == 0:
        k = r // 2
        return 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
    k = (r - 1) // 2
    return comb(n1 - 1, k) * comb(n2 - 1, k - 1) + comb(n1 - 1, k - 1) * comb(n2 - 1, k)
