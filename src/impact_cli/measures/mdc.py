"""The Making Data Count rules for an XmR chart, and its variation and assurance.

Following NHS England's SPC tools (the SPC Charts SQL Query v2.6, 10 January 2024,
Steps 4f to 4k) and NHSRplotthedots where they agree; docs/measures.md lists every
choice and its source. A point is *special cause* when it is part of:

* ``limit``: a point above the upper or below the lower process limit (strictly);
* ``shift``: a run of ``run_length`` (7, or 6) or more points all above, or all below,
  the mean of their section. A point exactly on the mean is neither above nor below:
  it ends a run and starts none (NHSRplotthedots ``ptd_seven_point_one_side_mean``:
  the sign of value minus mean must be the same non-zero sign for every point; the
  SQL query's above/below flags are strict likewise);
* ``trend``: ``run_length`` or more points each higher than the one before, or each
  lower, counted across rebase points (SQL query Step 4h, 'works across
  partitions'). Equal neighbours end a trend;
* ``two-of-three``: two or three points of three in a row beyond the same two-sigma
  line, all three on the same side of the mean; the points beyond the line are the
  special cause ones. Since the 2023 change points beyond the process limit count
  too (SQL query v2.6 change log; announced by the MDC team in NHSRplotthedots issue
  #194); ``two_sigma_beyond_limits=False`` gives the earlier rule, where only points
  between two sigma and the limit counted (NHSRplotthedots 0.2.2, issue #153).

A high pattern (above a limit or the mean, rising) is an improvement when higher is
better, a concern when lower is; a point that is both is shown as an improvement, as
NHS England's single chart tool does (MetricConflictRule 'Improvement'). With no
direction of improvement, special cause is *neither*, high or low.

The variation of a chart is the category of its last point; assurance compares the
target with the last section's limits: a target on a limit counts as beyond it
(SQL query v2.1: 'pass/fail when the target is on a process limit').
"""

from __future__ import annotations

from collections.abc import Sequence

from .patterns import Pattern, runs_on_one_side, sign, trends
from .xmr import Section


def sides(values: Sequence[float], sections: Sequence[Section]) -> list[int]:
    """+1, -1 or 0 per point: above, below or exactly on its section's mean."""
    out = [0] * len(values)
    for s in sections:
        for i in range(s.start, s.stop):
            out[i] = sign(values[i] - s.mean)
    return out


def special_causes(
    values: Sequence[float],
    sections: Sequence[Section],
    *,
    run_length: int = 7,
    two_sigma_beyond_limits: bool = True,
) -> list[Pattern]:
    """Every pattern the rules find, in the order: limits, shifts, trends, two-of-three."""
    side = sides(values, sections)
    found: list[Pattern] = []
    for s in sections:
        for i in range(s.start, s.stop):
            if values[i] > s.upper:
                found.append(Pattern("limit", 1, (i,)))
            elif values[i] < s.lower:
                found.append(Pattern("limit", -1, (i,)))
    for s in sections:
        found += runs_on_one_side(side, s.start, s.stop, run_length, skip_zero=False)
    found += trends(values, run_length, ignore_ties=False)
    for s in sections:
        found += _two_of_three(values, side, s, two_sigma_beyond_limits)
    return found


def _two_of_three(
    values: Sequence[float], side: Sequence[int], s: Section, beyond_limits: bool
) -> list[Pattern]:
    def beyond(i: int, direction: int) -> bool:
        if direction > 0:
            return values[i] > s.upper_two_sigma and (beyond_limits or values[i] <= s.upper)
        return values[i] < s.lower_two_sigma and (beyond_limits or values[i] >= s.lower)

    flagged: dict[int, set[int]] = {1: set(), -1: set()}
    for w in range(s.start, s.stop - 2):
        direction = side[w]
        window = (w, w + 1, w + 2)
        if direction == 0 or any(side[i] != direction for i in window):
            continue
        hits = [i for i in window if beyond(i, direction)]
        if len(hits) >= 2:
            flagged[direction].update(hits)
    found = []
    for direction, points in flagged.items():
        group: list[int] = []
        for i in sorted(points):
            if group and i - group[-1] > 2:
                found.append(Pattern("two-of-three", direction, tuple(group)))
                group = []
            group.append(i)
        if group:
            found.append(Pattern("two-of-three", direction, tuple(group)))
    return found


def direction_of(improvement: str | None) -> int:
    """+1 when higher is better ('increase'), -1 when lower is, 0 otherwise."""
    return {"increase": 1, "decrease": -1}.get(improvement or "", 0)


def categories(count: int, patterns: Sequence[Pattern], improvement: str | None) -> list[str]:
    """Per point: 'improvement', 'concern', 'neither-high', 'neither-low' or 'common'."""
    high = [False] * count
    low = [False] * count
    for p in patterns:
        for i in p.points:
            if p.side > 0:
                high[i] = True
            elif p.side < 0:
                low[i] = True
    better = direction_of(improvement)
    out = []
    for up, down in zip(high, low, strict=True):
        if not (up or down):
            out.append("common")
        elif better == 0:
            out.append("neither-high" if up else "neither-low")
        elif (better > 0 and up) or (better < 0 and down):
            out.append("improvement")
        else:
            out.append("concern")
    return out


def assurance(
    lower: float, upper: float, target: float | None, improvement: str | None
) -> str | None:
    """'pass', 'fail' or 'hit-and-miss' for ``target`` against the limits of the last
    section; None without a target or a direction of improvement."""
    better = direction_of(improvement)
    if target is None or better == 0:
        return None
    if better < 0:
        lower, upper, target = -upper, -lower, -target
    return "pass" if target <= lower else "fail" if target >= upper else "hit-and-miss"
