"""How the page prints its drawing: whole, or in parts, never with text under 6 pt.

A drawing is printed on a page of its own, turned whichever way shows it larger, scaled to
fit the page (:mod:`.pages`). A wide, short one that would leave most of its page blank is
cut into strips stacked on that page, as a long line of text is wrapped, under its title.
A drawing whose smallest text would be under ``MIN_TEXT_PT``, or that would leave its page
more than half empty either way, is printed instead as an overview and one
drawing per primary driver (as ``impact render --split`` does, :mod:`..split`), then the
items not yet linked to any driver; short parts share a page. A part still too small
leaves out its column of measures (the text version's table lists them all); a part too
tall is printed as one part per driver under it, a level down, or, under a driver with
more change ideas than a page holds, in pieces of them ("2 of 3"); a part too wide is cut
into strips of whole columns (:mod:`.strips`).

Everything is measured in points (Graphviz's unit) and sized in millimetres for the
stylesheet; the paper is A4 unless ``RenderOptions.paper`` asks for A3.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from ...diagram import Tier
from .. import paper_size
from ..dot import measure_id, node_id
from ..dot_choice import plain
from ..split import not_linked, overview, part_for
from ..svg import svg_markup
from .cutting import balanced_runs, cuts_of
from .drawing import header_right, measure
from .pages import (
    GAP_MM,
    MARGIN_MM,
    MIN_TEXT_PT,
    MM_PER_PT,
    SLACK_MM,
    best,
    filled,
)
from .sheets import Sheet, drawings, laid_out, rewrapped, size, wrapped
from .strips import Piece, strips

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram, Node
    from .. import RenderOptions

__all__ = ["GAP_MM", "MARGIN_MM", "MIN_TEXT_PT", "PrintPlan", "Sheet", "print_plan"]


class PrintPlan(NamedTuple):
    paper: str
    """'A4' or 'A3', as the stylesheet names it."""
    whole: Sheet | None
    """The page's own drawing, when it prints whole."""
    pages: tuple[tuple[Sheet, ...], ...]
    """Otherwise the drawings of each page, in order (printed from their own markup)."""


def print_plan(diagram: Diagram, options: RenderOptions, svg: str) -> PrintPlan | None:
    """How the page prints ``svg``, the drawing of ``diagram`` (None when it has none)."""
    drawing = measure(svg)
    if drawing is None:
        return None
    paper = options.paper.lower()
    layout = best([drawing], paper)
    if layout.scale * drawing.smallest >= MIN_TEXT_PT:
        whole = Sheet(svg, layout.landscape, *size(drawing, layout.scale))
        if filled([drawing], layout, paper):
            return PrintPlan(paper.upper(), whole, ())
        wrap = wrapped(Piece(svg, drawing, names=names(diagram)), paper, "print-wrap")
        if wrap:
            return PrintPlan(paper.upper(), None, laid_out(wrap, [best(drawings(wrap), paper)]))
        if not diagram.tier(Tier.PRIMARY):
            return PrintPlan(paper.upper(), whole, ())
    pieces = part_pieces(overview(diagram), options, paper, "print-overview")
    for primary in diagram.tier(Tier.PRIMARY):
        pieces += driver_pieces(diagram, primary, options, paper)
    loose = not_linked(diagram)
    if loose is not None:
        pieces += part_pieces(loose, options, paper, "print-not-linked")
    return PrintPlan(paper.upper(), None, laid_out(*rewrapped(pieces, paper)))


def driver_pieces(
    diagram: Diagram, driver: Node, options: RenderOptions, paper: str
) -> list[Piece]:
    """The part of ``driver``, in strips when it is too wide; when its text would still be
    under MIN_TEXT_PT, a part for each driver written under it, or, when change ideas are
    written under it, the part in pieces of them."""
    prefix = "print-" + driver.number.replace(".", "-")
    pieces = part_pieces(part_for(diagram, driver), options, paper, prefix)
    smallest = too_small(pieces, paper)
    below = [diagram.nodes[key] for key in driver.children]
    if smallest is None or not below:
        return pieces
    if all(node.tier.is_driver for node in below):
        return [p for node in below for p in driver_pieces(diagram, node, options, paper)]
    if len(below) < 2:
        return pieces
    # as many pieces as bring the text up to MIN_TEXT_PT, if a part's height is in
    # proportion to how many items it holds; one more each time that is not enough
    count = max(2, math.ceil(MIN_TEXT_PT / smallest))
    while True:
        count = min(count, len(below))
        out: list[Piece] = []
        for number in range(count):
            chunk = below[number * len(below) // count : (number + 1) * len(below) // count]
            suffix = f" ({number + 1} of {count})"
            part = part_for(diagram, driver, {n.key for n in chunk}, suffix)
            out += part_pieces(part, options, paper, f"{prefix}-p{number + 1}")
        smallest = too_small(out, paper)
        if count == len(below) or smallest is None:
            return out
        count = max(count + 1, math.ceil(count * MIN_TEXT_PT / smallest))


def part_pieces(part: Diagram, options: RenderOptions, paper: str, prefix: str) -> list[Piece]:
    """``part`` drawn on as few pieces as keep its text at MIN_TEXT_PT: without its column
    of measures when that is what makes it fit, in strips of columns when it is too wide."""
    # Each part is drawn with the plain layout rules: choosing the best of a few for each
    # of the tens of parts a page can print would lay out hundreds of drawings (a page
    # of 100 boxes took 9 s instead of 1)
    tuning = plain(part, options)
    markup = svg_markup(part, options, id_prefix=prefix, tuning=tuning)
    drawing = measure(markup)
    assert drawing is not None  # drawn by our own dot, like the page's drawing
    if too_small([Piece(markup, drawing)], paper) and options.show_measures and part.measures:
        options = replace(options, show_measures=False)
        markup = svg_markup(part, options, id_prefix=prefix, tuning=tuning)
        drawing = measure(markup)
        assert drawing is not None
    if too_small([Piece(markup, drawing)], paper) is None:
        return [Piece(markup, drawing, names=names(part))]
    # as wide as the long side of the paper holds with the text at MIN_TEXT_PT
    room = max(paper_size(paper)) - 2 * MARGIN_MM - SLACK_MM
    widest = room / MM_PER_PT * drawing.smallest / MIN_TEXT_PT
    cuts = cuts_of(markup, drawing)
    runs = balanced_runs(cuts, widest)
    if len(runs) == 1:
        return [Piece(markup, drawing)]
    if header_right(markup) > cuts[runs[0][1] + 1] and options.show_theory and part.theory:
        # The title, theory of change and key print with the first strip, which is
        # narrower: without the theory of change (the overview and the text version
        # give it) they fit, rather than be cut off at its edge
        markup = svg_markup(
            part, replace(options, show_theory=False), id_prefix=prefix, tuning=tuning
        )
        drawing = measure(markup)
        assert drawing is not None
        cuts = cuts_of(markup, drawing)
        runs = balanced_runs(cuts, widest)
    # still wider (a long title): they are a piece of their own, above the strips
    head = header_right(markup) > cuts[runs[0][1] + 1]
    return strips(markup, drawing, runs, names(part), prefix, head=head)


def too_small(pieces: list[Piece], paper: str) -> float | None:
    """The smallest text of ``pieces``, each printed alone, when under MIN_TEXT_PT."""
    sizes = [best([p.drawing], paper).scale * p.drawing.smallest for p in pieces]
    return min(sizes) if min(sizes) < MIN_TEXT_PT else None


def names(diagram: Diagram) -> dict[str, str]:
    """How a label on a cut link names each box, by its id in the drawing."""
    out = {node_id(n): n.number or "the aim" for n in diagram.nodes.values()}
    out.update({measure_id(m): m.number for m in diagram.measures})
    return out
