"""XmR (individuals) chart limits, section by section.

For the points a section's limits are calculated from:

* the mean of the values;
* the moving ranges, the absolute differences between consecutive values, and their
  mean, MR-bar;
* sigma, the estimated standard deviation, MR-bar / 1.128 (the d2 constant for
  ranges of two);
* the process limits at the mean ± 2.66 × MR-bar. 2.66 is 3 / 1.128 rounded as every
  Making Data Count tool rounds it (NHS England's SPC SQL query v2.6, Step 4e;
  NHSRplotthedots ``ptd_spc_standard``), so the limits match theirs to the last digit
  rather than differing by 0.02%;
* the two-sigma lines at the mean ± 2/3 of that distance, again as those tools draw
  them (1.7733 × MR-bar; 2 × MR-bar / 1.128 would be 1.7730 × MR-bar).

A *section* runs from the start of the data, or from a rebase point, to the next
rebase point. Its limits come from all its points, or with ``baseline`` from the first
points of the first section only, held for the points after them (Making Data Count's
baseline; NHSRplotthedots' ``fix_after_n_points``). Limits from fewer than 12 points
are *trial* limits (NHSRplotthedots vignette 'Number of points required').

Screening (off by default, as in NHS England's tools): moving ranges of 3.267 ×
MR-bar or more are left out and MR-bar recalculated once, as NHSRplotthedots does
(Nelson 1982; Provost & Murray 2011, p.155). 3.267 is the upper limit of the moving
range chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

LIMIT = 2.66
D2 = 1.128
SCREEN = 3.267
TRIAL_BELOW = 12


class Section(NamedTuple):
    start: int
    """Index of its first point."""
    stop: int
    """Index after its last point."""
    mean: float
    mr_bar: float
    """The mean moving range the limits use (after screening, when on)."""
    basis: int
    """How many points the limits were calculated from."""
    screened: int = 0
    """Moving ranges left out by screening."""

    @property
    def sigma(self) -> float:
        return self.mr_bar / D2

    @property
    def upper(self) -> float:
        return self.mean + LIMIT * self.mr_bar

    @property
    def lower(self) -> float:
        return self.mean - LIMIT * self.mr_bar

    @property
    def upper_two_sigma(self) -> float:
        return self.mean + LIMIT * 2 / 3 * self.mr_bar

    @property
    def lower_two_sigma(self) -> float:
        return self.mean - LIMIT * 2 / 3 * self.mr_bar

    @property
    def trial(self) -> bool:
        return self.basis < TRIAL_BELOW

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.start <= index < self.stop


def bounds(count: int, rebase: Sequence[int]) -> list[tuple[int, int]]:
    """(start, stop) of each section of ``count`` points split at the ``rebase`` indexes."""
    cuts = [0, *sorted({i for i in rebase if 0 < i < count}), count]
    return [(a, b) for a, b in pairwise(cuts)]


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def moving_ranges(values: Sequence[float]) -> list[float]:
    return [abs(b - a) for a, b in pairwise(values)]


def sections(
    values: Sequence[float],
    rebase: Sequence[int] = (),
    *,
    baseline: int | None = None,
    screen: bool = False,
) -> tuple[Section, ...]:
    """The sections of ``values``, each with its limits (see the module docstring)."""
    out = []
    for number, (start, stop) in enumerate(bounds(len(values), rebase)):
        basis = values[start:stop]
        if number == 0 and baseline is not None:
            basis = basis[:baseline]
        ranges = moving_ranges(basis)
        mr_bar = mean(ranges) if ranges else 0.0
        screened = 0
        if screen and ranges:
            kept = [r for r in ranges if r < SCREEN * mr_bar]
            screened = len(ranges) - len(kept)
            if kept and screened:
                mr_bar = mean(kept)
        out.append(Section(start, stop, mean(basis), mr_bar, len(basis), screened))
    return tuple(out)
