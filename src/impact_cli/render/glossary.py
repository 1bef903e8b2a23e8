"""Finding glossary terms in text and expanding each at its first use.

A :class:`Glossary` serves one rendered document, fed its text in reading order:
``expand(text)`` returns 'quality improvement (QI)' for the first 'QI' in the whole
document and plain 'QI' afterwards, because it remembers what it has expanded.
Longer terms win ('NHS IMPACT' before 'NHS'); terms match whole words,
case-sensitively. Terms inside an expansion are expanded too (at their own first
use). A term the author already explained where it first appears, as in
'did-not-attend (DNA)' or 'DNA (did not attend)', counts as expanded there.
``segments(text)`` gives the same decisions as data, a list of ``(text, None)``
and ``(term, expansion)`` pairs, for outputs that mark terms up themselves (HTML
``<abbr>``); it records first uses too.

Matching is one pass over the text: a trie of the terms is walked from each place
a word starts, and terms are at most 60 characters (the file format's limit), so
the work is linear in the text whatever the glossary holds.

The accessible outline and the HTML page expand terms; the plain and Markdown
outlines give the glossary as a list only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..diagram import clean

_END = ""  # the key of a trie node that ends a term


def _is_word(char: str) -> bool:
    """Whether ``char`` is part of a word, as ``\\w`` in a regular expression."""
    return char.isalnum() or char == "_"


class _Literal(str):
    """Text that :meth:`Glossary.expand` copies as it is."""

    __slots__ = ()


class Glossary:
    """Expand each glossary term at its first use in one document."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.terms: dict[str, str] = {term: clean(exp) for term, exp in pairs if term.strip()}
        self.used: set[str] = set()
        self._trie: dict[str, Any] = {}  # char -> node; _END -> the term ending here
        for term in self.terms:
            node = self._trie
            for char in term:
                node = node.setdefault(char, {})
            node[_END] = term

    @property
    def pending(self) -> bool:
        """Whether any term is still waiting for its first use."""
        return len(self.used) < len(self.terms)

    def _matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Each whole-word term in ``text``, longest first where terms overlap, left to
        right, as ``(start, end, term)``."""
        i, size = 0, len(text)
        while i < size:
            if i and _is_word(text[i - 1]):
                i += 1
                continue
            node: dict[str, Any] | None = self._trie
            j, found = i, None
            while j < size and node is not None:
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
                if _END in node and (j == size or not _is_word(text[j])):
                    found = (j, str(node[_END]))
            if found is None:
                i += 1
                continue
            end, term = found
            yield i, end, term
            i = end

    def may_expand(self, text: str) -> bool:
        """False when ``expand(text)`` would return ``text`` as it is."""
        return self.pending and any(term not in self.used for _, _, term in self._matches(text))

    def first_uses(self, text: str) -> list[tuple[str, str | None]] | None:
        """:meth:`segments` when ``text`` expands a term (and records it); else None.

        None means the text is one plain piece, for callers that treat those apart
        (the HTML page reuses the markup of plain text).
        """
        if not self.may_expand(text):
            return None
        out = self.segments(text)
        return out if any(expansion is not None for _, expansion in out) else None

    def segments(self, text: str) -> list[tuple[str, str | None]]:
        """Split ``text`` into plain runs and first-use terms; records the uses."""
        if not self.pending:
            return [(text, None)] if text else []
        out: list[tuple[str, str | None]] = []
        pos = 0
        for start, end, term in self._matches(text):
            if term in self.used:
                continue
            self.used.add(term)
            if _explained(text, start, end):
                continue  # the author's own expansion stands; count it as the first use
            if start > pos:
                out.append((text[pos:start], None))
            out.append((term, self.terms[term]))
            pos = end
        if pos < len(text):
            out.append((text[pos:], None))
        return out

    def expand(self, text: str) -> str:
        """``text`` with each not-yet-seen term written 'expansion (TERM)'.

        Expansions are expanded in turn; an explicit stack, not recursion, so a
        glossary whose terms explain each other in a long chain is only data.
        """
        out: list[str] = []
        stack: list[str] = [text]
        while stack:
            item = stack.pop()
            if isinstance(item, _Literal):
                out.append(item)
                continue
            for piece, expansion in reversed(self.segments(item)):
                if expansion is None:
                    stack.append(_Literal(piece))
                else:
                    stack.append(_Literal(f" ({piece})"))
                    stack.append(expansion)
        return "".join(out)


def _explained(text: str, start: int, end: int) -> bool:
    """Whether the term at ``text[start:end]`` comes with the author's own expansion:
    'did not attend (DNA)' or 'DNA (did not attend)'."""
    inside = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    before = inside and start >= 2 and text[start - 2] == " "
    after = text[end : end + 2] == " (" and ")" in text[end + 2 :]
    return before or after
