"""Drawings laid out on pages: as large as the page allows, and no page left half empty.

A drawing on its own is as large as its page allows, turned whichever way shows it larger.
A wide, short one (a part with few items, a strip) would leave most of a landscape page
blank, so consecutive drawings share a page, one above the other, at the same scale (their
text the same size, as a reader comparing them expects), as long as their smallest text
stays at MIN_TEXT_PT: grouped so that as few pages as can be are more than half empty, and
then with the text as large as can be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .. import paper_size

if TYPE_CHECKING:  # pragma: no cover
    from .drawing import Drawing

MM_PER_PT = 25.4 / 72
MIN_TEXT_PT = 6.0
MARGIN_MM = 10.0
"""Around a drawing; the text version has wider margins (in the stylesheet)."""
SLACK_MM = 2.0
"""Kept free on a drawing's page, so that rounding never pushes a drawing over."""
GAP_MM = 6.0
"""Between two drawings that share a page."""
MAX_SCALE = 1.5
"""A small drawing is enlarged no more than this."""
PAD_PT = 28.8
"""The blank border Graphviz leaves around a drawing (white on paper)."""
MOST_ON_A_PAGE = 6
"""More drawings than this on one page would be too small to read anyway."""
FILLED = 0.5
"""How far down a page its ink must reach: below the middle, so that no page but the
last is more than half empty (a page's lower part is where blank paper shows)."""


class Layout(NamedTuple):
    """Drawings on one page: which (their indices), which way it turns, their scale."""

    drawings: tuple[int, ...]
    landscape: bool
    scale: float


def scale(drawings: list[Drawing], landscape: bool, paper: str) -> float:
    """The largest scale at which ``drawings``, stacked, fit a page of ``paper``."""
    short, long = paper_size(paper)
    across, down = (long, short) if landscape else (short, long)
    room_w = (across - 2 * MARGIN_MM - SLACK_MM) / MM_PER_PT
    room_h = (down - 2 * MARGIN_MM - SLACK_MM - GAP_MM * (len(drawings) - 1)) / MM_PER_PT
    widest = max(d.width for d in drawings)
    return min(room_w / widest, room_h / sum(d.height for d in drawings), MAX_SCALE)


def best(drawings: list[Drawing], paper: str) -> Layout:
    """The way of turning the page that shows ``drawings`` larger (landscape on a tie)."""
    wide, tall = scale(drawings, True, paper), scale(drawings, False, paper)
    return Layout(tuple(range(len(drawings))), wide >= tall - 1e-9, max(wide, tall))


def readable(drawings: list[Drawing], layout: Layout) -> bool:
    return layout.scale * min(d.smallest for d in drawings) >= MIN_TEXT_PT - 1e-6


def filled(drawings: list[Drawing], layout: Layout, paper: str) -> bool:
    """Whether the ink on the page reaches below FILLED of its height, with 2 mm to spare
    (drawings start at the top margin; Graphviz's border below the last is blank)."""
    short, long = paper_size(paper)
    down = short if layout.landscape else long
    drawn = layout.scale * (sum(d.height for d in drawings) - PAD_PT) * MM_PER_PT
    return MARGIN_MM + drawn + GAP_MM * (len(drawings) - 1) >= FILLED * down + 2


def pack(drawings: list[Drawing], paper: str, heads: frozenset[int] = frozenset()) -> list[Layout]:
    """``drawings`` in order on pages: as few pages more than half empty as can be, then
    the text as large as can be (summed over the drawings). Every way of grouping
    consecutive drawings is weighed (by dynamic programming: the best for the first ``i``
    drawings extends the best for some ``j < i``), so a short part at the end is not left
    alone on a page when the page before could make room for it. After half-empty pages,
    fewest drawings in ``heads`` (the title and key of a part cut into strips) are left
    at a page's foot, away from the drawing after them, as a heading stays with its text."""
    # cost of the best grouping of the first i drawings:
    # (half-empty pages, heads left at a page's foot, -text), pages
    done: list[tuple[tuple[int, int, float], list[Layout]]] = [((0, 0, 0.0), [])]
    for end in range(1, len(drawings) + 1):
        options = []
        for start in range(max(0, end - MOST_ON_A_PAGE), end):
            group = drawings[start:end]
            layout = best(group, paper)._replace(drawings=tuple(range(start, end)))
            if end - start > 1 and not readable(group, layout):
                continue
            (empty, orphans, text), pages = done[start]
            orphans += 1 if end - 1 in heads and end < len(drawings) else 0
            empty += 0 if filled(group, layout, paper) else 1
            text -= sum(layout.scale * d.smallest for d in group)
            options.append(((empty, orphans, round(text, 6)), [*pages, layout]))
        done.append(min(options, key=lambda option: option[0]))
    return done[-1][1]
