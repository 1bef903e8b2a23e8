"""Where a drawing may be cut into strips: between its columns of boxes, never through one."""

from __future__ import annotations

from itertools import combinations, pairwise

from .drawing import Box, Drawing, columns


def cuts_of(svg: str, drawing: Drawing) -> list[float]:
    """The drawing's left edge, the middles between neighbouring columns and its right
    edge, in viewBox coordinates: column ``i`` lies between cuts ``i`` and ``i + 1``."""
    return cuts_between(columns(svg)[0], drawing.box)


def cuts_between(spans: list[tuple[float, float]], box: Box) -> list[float]:
    """:func:`cuts_of`, for columns already read (:func:`.drawing.columns`)."""
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
    """Ways to cut a wide, short drawing into strips to stack on one page: two strips,
    then three, each of two columns or more and starting with the last column of the one
    above (so that its links read as lines, not labels); narrowest first for each count;
    failing those, one column a strip."""
    cuts = cuts_of(svg, drawing)
    last = len(cuts) - 2  # the index of the last column
    out: list[list[tuple[int, int]]] = []
    for count in (2, 3):
        ways = [
            [(a, b) for a, b in pairwise((0, *inner, last))]
            for inner in combinations(range(1, last), count - 1)
        ]
        ways = [w for w in ways if all(b > a for a, b in w)]
        out += sorted(ways, key=lambda w: max(cuts[b + 1] - cuts[a] for a, b in w))
    if 0 < last < 3:
        # two or three columns (an overview, a small part): a column a strip, its links
        # labelled ('to 1, below'), when nothing else fills the page
        out.append([(column, column) for column in range(last + 1)])
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
