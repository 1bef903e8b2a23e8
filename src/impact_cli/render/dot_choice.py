"""Which of a few dot settings draws one diagram best, judged by the layout report's measures.

Why a choice at all: no one set of Graphviz settings is best for every diagram
(docs/layout.md, "Choosing between settings", has the numbers). Spreading the aim's
links over its side shortens them when the aim is tall and its drivers spread far
above and below it; lining each driver up with its first item stops a driver with one
item being drawn level with a box it is not linked to, and costs crossings elsewhere;
links by reference that pull a little cross less where they are many, and more where
they are few; links by reference that do not constrain the layout let dot keep every
column in the file's order where it otherwise gives a pair up; change ideas in a last
column avoid a crossing that the reading order forces beside their drivers in a few
trees. So the drawing is laid out with each of a few settings and judged by
:mod:`.dot_measure`, the numbers the layout report publishes.

Bounded and deterministic: four candidates always; a fifth only when the best so far
breaks the reading order; then, only when ``ideas_column`` is ``auto`` and the ideas
went beside their drivers, two more with the ideas in a last column: seven layouts at
most, in a fixed order, ties to the earlier candidate. Each costs about 0.15 s at 200
boxes (the layout and its measures; docs/performance.md has the render times).
Without Graphviz (``-f dot`` with no ``dot`` installed), and for a diagram of more
than :data:`CHOICE_BOXES` boxes or :data:`CHOICE_LINKS` links, the first candidate is
used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..errors import ImpactError
from . import dot_layout
from .dot_layout import Tuning
from .dot_measure import Metrics, measure
from .graphviz_run import run_dot

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Node
    from . import RenderOptions

_CHOSEN: dict[tuple[str, bool], Tuning] = {}
"""The choice for the last few (first candidate's DOT text, whether the ideas' column is
the choice's to make): one render asks for the drawing and its columns (the slides)
and must get the same answer without laying it out again. The two hold everything the
choice depends on."""
_CHOSEN_MAX = 16
CHOICE_BOXES = 250
CHOICE_LINKS = 500
"""Past either, the first candidate is drawn without a choice: a layout and its measures
take about a second at 600 boxes (crossings grow with the square of the links), so
trying several would make a large drawing many seconds slower."""


def rank(metrics: Metrics) -> tuple[int, ...]:
    """Smaller is better: no overlapping arrowheads and the published order first, then
    crossings, misleading levels, detours and the links' length."""
    return (
        metrics.arrow_clashes,
        metrics.out_of_order,
        metrics.crossings,
        metrics.misleading,
        metrics.detours,
        metrics.length,
    )


def plain(diagram: Diagram, options: RenderOptions) -> Tuning:
    """The first candidate: the layout rules with no choice made."""
    return Tuning(placement=dot_layout.ideas_placement(diagram, options.ideas_column))


def choose(
    diagram: Diagram,
    options: RenderOptions,
    build: Callable[[Tuning], str],
    node_id: Callable[[Node], str],
) -> Tuning:
    """The best of the candidate tunings for ``diagram``; ``build`` makes a tuning's DOT."""
    first = plain(diagram, options)
    placement = first.placement
    if len(diagram.nodes) > CHOICE_BOXES or len(diagram.links) > CHOICE_LINKS:
        return first
    first_text = build(first)
    auto = (options.ideas_column or diagram.drawing.ideas_column) == "auto"
    if (first_text, auto) in _CHOSEN:
        return _CHOSEN[(first_text, auto)]

    tried: dict[str, tuple[tuple[int, ...], Tuning]] = {}

    def attempt(*tunings: Tuning) -> None:
        texts: dict[str, Tuning] = {}
        for tuning in tunings:
            text = first_text if tuning == first else build(tuning)
            if text not in tried:  # not the same drawing as one tried (say, no items)
                texts.setdefault(text, tuning)
        # one dot per candidate at once: the machine's cores lay them out side by side
        with ThreadPoolExecutor(max_workers=len(texts) or 1) as pool:
            outputs = list(pool.map(lambda text: run_dot(text, "json").output, texts))
        for (text, tuning), output in zip(texts.items(), outputs, strict=True):
            tried[text] = (rank(measure(json.loads(output), diagram, node_id)), tuning)

    def best() -> tuple[tuple[int, ...], Tuning]:
        return min(tried.values(), key=lambda found: found[0])  # min keeps the earliest tie

    try:
        attempt(
            first,
            first._replace(spread_aim=True),
            first._replace(align_first=True),
            first._replace(pull_references=True),
        )
        score, chosen = best()
        settled = chosen
        if score[1] and any(not link.structural for link in diagram.links):
            attempt(chosen._replace(loose_references=True))
            score, chosen = best()
        if auto and placement == "beside":
            # with and without loose references: each wins on some diagrams
            attempt(*(tuning._replace(placement="last") for tuning in (settled, chosen)))
            score, chosen = best()
    except (ImpactError, ValueError):  # no Graphviz, or output it cannot read: no choice
        chosen = first
    if len(_CHOSEN) >= _CHOSEN_MAX:
        _CHOSEN.clear()
    _CHOSEN[(first_text, auto)] = chosen
    return chosen
