"""Finding runs and trends in a series: the building blocks both rule sets share.

A *pattern* is what a rule found: which rule, on which side (+1 high, -1 low), and
the indexes of the points it covers. Patterns are maximal: a run of nine points
above the mean is one pattern of nine, not three overlapping runs of seven.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Pattern(NamedTuple):
    rule: str
    """'limit', 'shift', 'trend', 'two-of-three', 'astronomical' or 'runs'."""
    side: int
    """+1 high (above, rising), -1 low (below, falling), 0 neither (runs)."""
    points: tuple[int, ...]


def sign(x: float) -> int:
    return (x > 0) - (x < 0)


def runs_on_one_side(
    sides: Sequence[int], start: int, stop: int, length: int, *, skip_zero: bool
) -> list[Pattern]:
    """Maximal runs of at least ``length`` points on one side within ``[start, stop)``.

    ``sides`` holds +1, -1 or 0 (on the centre line) per point. With ``skip_zero`` a
    point on the centre line neither extends nor breaks a run and is not part of it
    (IHI run charts); without, it ends the run (Making Data Count, where a point
    exactly on the mean is neither above nor below it).
    """
    found: list[Pattern] = []
    run: list[int] = []
    side = 0
    for i in range(start, stop):
        s = sides[i]
        if s == 0 and skip_zero:
            continue
        if s != 0 and s == side:
            run.append(i)
            continue
        if len(run) >= length:
            found.append(Pattern("shift", side, tuple(run)))
        run, side = ([i], s) if s != 0 else ([], 0)
    if len(run) >= length:
        found.append(Pattern("shift", side, tuple(run)))
    return found


def trends(values: Sequence[float], length: int, *, ignore_ties: bool) -> list[Pattern]:
    """Maximal runs of at least ``length`` points each higher (or lower) than the last.

    With ``ignore_ties`` a point equal to the one before it is skipped: it neither
    counts nor breaks the trend (IHI). Without, equal neighbours end a trend (Making
    Data Count: 'all increasing or all decreasing'; NHSRplotthedots treats 1, 2, 3, 3,
    4, 5, 6 as no trend of seven).
    """
    kept = list(range(len(values)))
    if ignore_ties:
        kept = [i for i in kept if i == 0 or values[i] != values[i - 1]]
    found: list[Pattern] = []
    i = 0
    while i < len(kept) - 1:
        direction = sign(values[kept[i + 1]] - values[kept[i]])
        if direction == 0:
            i += 1
            continue
        j = i + 1
        while j + 1 < len(kept) and sign(values[kept[j + 1]] - values[kept[j]]) == direction:
            j += 1
        if j - i + 1 >= length:
            found.append(Pattern("trend", direction, tuple(kept[i : j + 1])))
        i = j
    return found
