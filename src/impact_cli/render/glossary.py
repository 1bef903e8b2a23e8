"""Finding glossary terms in text and expanding each at its first use.

A :class:`Glossary` serves one rendered document, fed its text in reading order:
``expand(text)`` returns 'quality improvement (QI)' for the first 'QI' in the whole
document and plain 'QI' afterwards, because it remembers what it has expanded.
Longer terms win ('NHS IMPACT' before 'NHS'); terms match whole words,
case-sensitively. Terms inside an expansion are expanded too (at their own first
use). ``segments(text)`` gives the same decisions as data, a list of ``(text,
None)`` and ``(term, expansion)`` pairs, for outputs that mark terms up themselves
(HTML ``<abbr>``); it records first uses too. ``may_expand(text)`` is False when
``expand(text)`` would return ``text`` as it is.

The accessible outline and the HTML page expand terms; the plain and Markdown
outlines give the glossary as a list only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diagram import clean


class Glossary:
    """Expand each glossary term at its first use in one document."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.terms: dict[str, str] = {term: clean(exp) for term, exp in pairs if term.strip()}
        self.used: set[str] = set()
        ordered = sorted(self.terms, key=lambda t: (-len(t), t))
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")
            if ordered
            else None
        )
        # The terms not used yet, and len(self.used) when that tuple was made: it is
        # rebuilt whenever a term is used (segments() only ever adds to ``used``).
        self._pending: tuple[str, ...] = tuple(ordered)
        self._pending_at = 0
        self.pending = bool(ordered)
        """Whether any term is still waiting for its first use."""

    def may_expand(self, text: str) -> bool:
        """False when no term still to be expanded occurs in ``text`` at all.

        Only a term not used yet can change the output, and it can only match where it
        occurs as a substring. When this is False, ``expand(text)`` is ``text`` and
        records nothing.
        """
        if not self.pending:
            return False  # every term has had its first use
        if len(self.used) != self._pending_at:
            self._pending = tuple(t for t in self.terms if t not in self.used)
            self._pending_at = len(self.used)
        return any(term in text for term in self._pending)

    def first_uses(self, text: str) -> list[tuple[str, str | None]] | None:
        """:meth:`segments` when ``text`` expands a term (and records it); else None.

        None means the text is one plain piece, for callers that treat those apart
        (the HTML page reuses the markup of plain text).
        """
        if self._pattern is None or not self.may_expand(text):
            return None
        out = self.segments(text)
        return out if any(expansion is not None for _, expansion in out) else None

    def segments(self, text: str) -> list[tuple[str, str | None]]:
        """Split ``text`` into plain runs and first-use terms; records the uses."""
        if self._pattern is None or not self.may_expand(text):
            return [(text, None)] if text else []
        out: list[tuple[str, str | None]] = []
        pos = 0
        for match in self._pattern.finditer(text):
            term = match.group(0)
            if term in self.used:
                continue
            self.used.add(term)
            self.pending = len(self.used) < len(self.terms)
            if match.start() > pos:
                out.append((text[pos : match.start()], None))
            out.append((term, self.terms[term]))
            pos = match.end()
        if pos < len(text):
            out.append((text[pos:], None))
        return out

    def expand(self, text: str) -> str:
        """``text`` with each not-yet-seen term written 'expansion (TERM)'."""
        if self._pattern is None or not self.may_expand(text):
            return text  # what the loop below gives when nothing is expanded
        parts: list[str] = []
        for piece, expansion in self.segments(text):
            if expansion is None:
                parts.append(piece)
            else:
                parts.append(f"{self.expand(expansion)} ({piece})")
        return "".join(parts)
