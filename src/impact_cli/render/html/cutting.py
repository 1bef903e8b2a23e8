"""Where a drawing may be cut into strips: between its columns of boxes, never through one."""

from __future__ import annotations

from itertools import pairwise

from .drawing import Drawing, columns

WRAP_SHARES = (0.55, 0.45, 0.36)
"""How wide (a share of the whole) the strips of a wrapped drawing may be, tried in turn:
two strips, then three, then four or so."""


def cuts_of(svg: str, drawing: Drawing) -> list[float]:
    """The drawing's left edge, the middles between neighbouring columns and its right
    edge, in viewBox coordinates: column ``i`` lies between cuts ``i`` and ``i + 1``."""
    spans, _ = columns(svg)
    box = drawing.box
    middles = [(right + left) / 2 for (_, right), (left, _) in pairwise(spans)]
    return [box.x, *middles, box.x + box.width]


def column_runs(cuts: list[float], widest: float) -> list[tuple[int, int]]:
    """The first and last column of each strip, for columns between ``cuts``: as many as fit
    in ``widest``, each strip starting with the last column of the strip before when the
    next column fits beside it."""
    count = len(cuts) - 1
    runs = []
    first = 0
    while True:
        last = first
        while last + 1 < count and cuts[last + 2] - cuts[first] <= widest:
            last += 1
        runs.append((first, last))
        if last == count - 1:
            return runs
        repeat = last > first and cuts[last + 2] - cuts[last] <= widest
        first = last if repeat else last + 1


def wrap_runs(svg: str, drawing: Drawing) -> list[list[tuple[int, int]]]:
    """Ways to cut a wide, short drawing into a few strips to stack on one page, fewest
    strips first (each way has two strips or more)."""
    cuts = cuts_of(svg, drawing)
    out: list[list[tuple[int, int]]] = []
    for share in WRAP_SHARES:
        runs = column_runs(cuts, drawing.width * share)
        if len(runs) > 1 and runs not in out:
            out.append(runs)
    return out


def balanced_runs(cuts: list[float], widest: float) -> list[tuple[int, int]]:
    """:func:`column_runs` as even as can be: as many strips as ``widest`` needs, each
    no wider than it must be, so that no strip prints much smaller than the others."""
    runs = column_runs(cuts, widest)
    widths = sorted({b - a for a in cuts for b in cuts if 0 < b - a <= widest})
    narrowest = max(b - a for a, b in pairwise(cuts))
    for width in widths:
        if width >= narrowest and len(column_runs(cuts, width)) == len(runs):
            return column_runs(cuts, width)
    return runs
