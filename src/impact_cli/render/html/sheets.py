"""Pieces of a drawing on pages, as the stylesheet sizes them, with their cut links labelled.

Where a page would still be more than half empty with a whole part alone on it (a short
part after tall ones, which no page has room beside), the part is wrapped: what is above
its column headings across the top, then its columns in strips stacked below, as a long
line of text wraps, each strip repeating the last column of the one above.
"""

from __future__ import annotations

import math
from html import escape
from typing import NamedTuple

from .cutting import wrap_runs
from .drawing import Drawing, id_prefix
from .pages import MM_PER_PT, Layout, best, filled, pack, readable
from .strips import CAPTION, TEXT, Piece, strips


class Sheet(NamedTuple):
    """One drawing as printed: its markup, which way its page turns and its size in mm."""

    svg: str
    landscape: bool
    width_mm: float
    height_mm: float
    text_pt: float
    """The size of its smallest text as printed."""


def drawings(pieces: list[Piece]) -> list[Drawing]:
    return [p.drawing for p in pieces]


def wrapped(piece: Piece, paper: str, prefix: str) -> list[Piece] | None:
    """``piece`` (a whole drawing or part) wrapped into strips under its head, on one page
    it fills past half, at 6 pt or more, fewest strips first; None when no way does."""
    for runs in wrap_runs(piece.svg, piece.drawing):
        out = strips(piece.svg, piece.drawing, runs, piece.names, prefix, head=True, captions=False)
        stacked = best(drawings(out), paper)
        if readable(drawings(out), stacked) and filled(drawings(out), stacked, paper):
            return out
    return None


def rewrapped(pieces: list[Piece], paper: str) -> tuple[list[Piece], list[Layout]]:
    """``pieces`` on pages (:func:`.pages.pack`), with any whole part left alone on a page
    more than half empty wrapped on that page (when wrapping fills it)."""
    out: list[Piece] = []
    layouts: list[Layout] = []
    heads = frozenset(i for i, piece in enumerate(pieces) if piece.head)
    for layout in pack(drawings(pieces), paper, heads):
        group = [pieces[i] for i in layout.drawings]
        lonely = len(group) == 1 and group[0].names and not group[0].labels
        if lonely and not filled(drawings(group), layout, paper):
            wrap = wrapped(group[0], paper, (id_prefix(group[0].svg) or "print") + "-w")
            if wrap:
                group, layout = wrap, best(drawings(wrap), paper)
        layouts.append(layout._replace(drawings=tuple(range(len(out), len(out) + len(group)))))
        out += group
    return out, layouts


def laid_out(pieces: list[Piece], layouts: list[Layout]) -> tuple[tuple[Sheet, ...], ...]:
    """``pieces`` on the pages of ``layouts``, their cut links labelled with the page (or
    "above", "below", on the same page) where the other end is."""
    page_of = {i: number for number, page in enumerate(layouts) for i in page.drawings}
    out = []
    for number, page in enumerate(layouts):
        sheets = []
        for i in page.drawings:
            texts = []
            for label in pieces[i].labels:
                other = page_of[i + label.strip]
                if other != number:
                    where = f"page {other + 1}"
                else:
                    where = "below" if label.strip > 0 else "above"
                texts.append(f"{'to' if label.leaves else 'from'} {label.item}, {where}")
            piece = pieces[i]
            # right under its head or the strip before, the page shows which part it is
            under = piece.part and i - 1 in page.drawings and pieces[i - 1].part == piece.part
            markup = labelled(piece, texts, caption=not under)
            sheets.append(Sheet(markup, page.landscape, *size(piece.drawing, page.scale)))
        out.append(tuple(sheets))
    return tuple(out)


def size(drawing: Drawing, scale: float) -> tuple[float, float, float]:
    """Width and height in mm and the smallest text in points, at ``scale``."""
    return (
        scale * drawing.width * MM_PER_PT,
        scale * drawing.height * MM_PER_PT,
        scale * drawing.smallest,
    )


def labelled(piece: Piece, texts: list[str], *, caption: bool = True) -> str:
    """``piece``'s markup with its labels written, ``texts[i]`` for ``piece.labels[i]``; the
    drawing beyond the strip's edges is covered, so a line ends where its label starts.
    The room kept for a caption is covered too (what is drawn above the column headings),
    and holds the caption unless ``caption`` is False."""
    box, size = piece.drawing.box, piece.drawing.smallest
    high = CAPTION * size
    extra = []
    if piece.caption:
        extra.append(
            # a point over each edge, so that no stroke of what is under it shows
            f'<rect x="{box.x - 1:.2f}" y="{box.y - 1:.2f}" width="{box.width + 2:.2f}" '
            f'height="{high + 7:.2f}" fill="#ffffff" />'
        )
    if piece.caption and caption:
        extra.append(
            f'<text x="{box.x + 6:.2f}" y="{box.y + high * 0.6:.2f}" {TEXT} '
            f'font-size="{size * 1.3:.2f}" font-weight="bold">{escape(piece.caption)}</text>'
        )
    for leaves in (False, True):
        side = [(lb, t) for lb, t in zip(piece.labels, texts, strict=True) if lb.leaves is leaves]
        if not side:
            continue
        edge = side[0][0].x
        x0, x1 = (edge, box.x + box.width) if leaves else (box.x, edge)
        extra.append(
            f'<rect x="{x0:.2f}" y="{box.y:.2f}" width="{x1 - x0:.2f}" '
            f'height="{box.height:.2f}" fill="#ffffff" />'
        )
        below = -math.inf  # labels close together are moved down, never over each other
        for label, text in sorted(side, key=lambda pair: pair[0].y):
            y = max(label.y + size / 3, below + size * 1.2)
            below = y
            x, anchor = (edge + 3, "start") if leaves else (edge - 3, "end")
            extra.append(
                f'<text x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}" {TEXT} '
                f'font-size="{size:.2f}">{escape(text)}</text>'
            )
    if not extra:
        return piece.svg
    return piece.svg.replace("</svg>", "".join(extra) + "</svg>")
