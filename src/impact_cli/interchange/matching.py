"""Which box (and which measure) of one version of a diagram is which in the next.

Boxes are matched in three passes: by declared id, then by identical title in the
same column, then by text similarity in the same column (difflib ratio of at
least ``SIMILARITY``, best pairs first). Measures are matched by id, then by name.

Every pass looks things up in an index instead of comparing every box with
every other, because both versions come from a pull request and may hold
thousands of boxes. For the similarity pass, an old box is compared only with
the ``CANDIDATES`` new boxes of its column that share the most three-letter runs
with its title, leaving out runs found in more than ``COMMON`` boxes (they say
little about which box is which); titles are compared by their first
``MATCH_CHARS`` characters.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, deque
from collections.abc import Sequence

from ..diagram import Diagram, Measure, Node, Tier

SIMILARITY = 0.6
MATCH_CHARS = 120
COMMON = 32
CANDIDATES = 8


def match_nodes(old: Diagram, new: Diagram) -> dict[str, str]:
    """Old key -> new key for every box found in both versions (the aim always)."""
    pairs = {old.aim_key: new.aim_key}
    used = {new.aim_key}

    def pair(old_key: str, new_key: str) -> None:
        pairs[old_key] = new_key
        used.add(new_key)

    new_by_id = {n.declared_id: n.key for n in new.nodes.values() if n.declared_id}
    for node in old.nodes.values():
        if node.tier is Tier.AIM or not node.declared_id:
            continue
        hit = new_by_id.get(node.declared_id)
        if hit and hit not in used:
            pair(node.key, hit)

    # identical title, same column: the first free new box of that title
    by_title: dict[tuple[Tier, str], deque[str]] = {}
    for node in new.nodes.values():
        if node.key not in used:
            by_title.setdefault((node.tier, node.title.casefold()), deque()).append(node.key)
    for node in old.nodes.values():
        waiting = by_title.get((node.tier, node.title.casefold()))
        if node.key not in pairs and waiting:
            pair(node.key, waiting.popleft())

    olds = [n for n in old.nodes.values() if n.key not in pairs]
    news = [n for n in new.nodes.values() if n.key not in used]
    for old_key, new_key in _similar(olds, news):
        if old_key not in pairs and new_key not in used:
            pair(old_key, new_key)
    return pairs


def _start(title: str) -> str:
    return title.casefold()[:MATCH_CHARS]


def _runs(text: str) -> set[str]:
    """The three-letter runs of ``text``, with a space at each end so short words have some."""
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similar(olds: list[Node], news: list[Node]) -> list[tuple[str, str]]:
    """(old key, new key) pairs of similar titles in the same column, best first."""
    index: dict[tuple[Tier, str], list[int]] = {}
    for j, node in enumerate(news):
        for run in _runs(_start(node.title)):
            index.setdefault((node.tier, run), []).append(j)
    scored: list[tuple[float, int, int, str, str]] = []
    for i, node in enumerate(olds):
        title = _start(node.title)
        shared: Counter[int] = Counter()
        for run in _runs(title):
            boxes = index.get((node.tier, run), [])
            if len(boxes) <= COMMON:
                shared.update(boxes)
        # most shared runs first, then reading order: the same choice on every run
        best = heapq.nsmallest(CANDIDATES, shared.items(), key=lambda item: (-item[1], item[0]))
        for j, _ in best:
            ratio = difflib.SequenceMatcher(None, title, _start(news[j].title)).ratio()
            if ratio >= SIMILARITY:
                scored.append((-ratio, i, j, node.key, news[j].key))
    return [(old_key, new_key) for _, _, _, old_key, new_key in sorted(scored)]


def match_measures(old: Sequence[Measure], new: Sequence[Measure]) -> dict[int, int]:
    """Old index -> new index: the first free new measure with the same id, or, when
    either has no id, the same name."""
    by_id: dict[str, int] = {}
    by_name: dict[str, deque[int]] = {}  # every new measure, in order
    without_id: dict[str, deque[int]] = {}  # new measures with no id, in order
    for j, measure in enumerate(new):
        by_name.setdefault(measure.name, deque()).append(j)
        if measure.declared_id:
            by_id.setdefault(measure.declared_id, j)
        else:
            without_id.setdefault(measure.name, deque()).append(j)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, measure in enumerate(old):
        if measure.declared_id:
            found = [by_id.get(measure.declared_id), _first_free(without_id, measure.name, used)]
        else:
            found = [_first_free(by_name, measure.name, used)]
        free = [j for j in found if j is not None and j not in used]
        if free:
            pairs[i] = min(free)
            used.add(pairs[i])
    return pairs


def _first_free(waiting: dict[str, deque[int]], name: str, used: set[int]) -> int | None:
    queue = waiting.get(name)
    while queue and queue[0] in used:
        queue.popleft()
    return queue[0] if queue else None
