"""Where each value of a file is: positions recorded while reading, and the lookup.

The reader records a :data:`Position` for every value beside the plain data it
builds: a :class:`~impact_cli.diagnostics.Span` for a scalar, a
:class:`Collection` for a mapping or a list. Every later stage names places as
pydantic does, by keys and indexes (``("primary_drivers", 0, "title")``), and
:class:`Locator` turns such a place into the span a diagnostic points at.
"""

from __future__ import annotations

from typing import Union

from ..diagnostics import Loc, Span


class Collection:
    """Where a mapping or a list is, and where each of its children is."""

    __slots__ = ("block", "children", "span")

    def __init__(
        self,
        span: Span,
        block: bool,
        children: dict[str, tuple[Span, Position]] | list[Position],
    ) -> None:
        self.span = span
        self.block = block
        """Written in block style (one item per line) rather than ``[...]``/``{...}``."""
        self.children = children
        """A mapping's: key -> (span of the key, position of the value); a list's: positions."""


Position = Union[Span, Collection]  # noqa: UP007 - a runtime alias, read by mypy and Python


class Locator:
    """Find the span of a place (keys and indexes) in a file.

    A place that does not exist stops at its closest existing ancestor, so a
    missing key is reported on the mapping that lacks it. Each place is found from
    its parent, which is remembered, so locating every item of a diagram is linear.
    """

    def __init__(self, root: Position | None) -> None:
        self.root = root
        # place -> (span of the key of its last segment, its position, whether it exists)
        self._found: dict[Loc, tuple[Span | None, Position | None, bool]] = {(): (None, root, True)}

    def _entry(self, loc: Loc) -> tuple[Span | None, Position | None, bool]:
        entry = self._found.get(loc)
        if entry is None:
            entry = self._child(loc)
            self._found[loc] = entry
        return entry

    def _child(self, loc: Loc) -> tuple[Span | None, Position | None, bool]:
        key_span, position, exists = self._entry(loc[:-1])
        if exists and isinstance(position, Collection):
            segment, children = loc[-1], position.children
            if isinstance(children, dict):
                pair = children.get(str(segment))
                if pair is not None:
                    return (pair[0], pair[1], True)
            elif isinstance(segment, int) and 0 <= segment < len(children):
                return (None, children[segment], True)
        return (key_span, position, False)

    def span(self, loc: Loc, *, want_key: bool = False) -> Span:
        """The span of ``loc``; ``want_key`` asks for the key of its last segment
        (for an unknown key, the key is what is wrong, not its value)."""
        key_span, position, exists = self._entry(loc)
        if position is None:
            return Span.point(1, 1)
        span = position if isinstance(position, Span) else position.span
        if not exists:
            return span
        if key_span is not None and (
            want_key or (isinstance(position, Collection) and position.block)
        ):
            # A block mapping or list starts on the line after its key: point at the
            # key, which is where a reader looks for "the value of primary_drivers".
            return key_span
        return span

    def item_spans(self, loc: Loc, count: int) -> list[Span]:
        """``span((*loc, i))`` for each of the first ``count`` items of the list at ``loc``."""
        return [self.span((*loc, i)) for i in range(count)]
