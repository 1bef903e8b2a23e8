"""User text as safe inline markup: escaped, glossary terms in <abbr>, bidi and language marked.

The page's one way in for user text: :mod:`.page` and :mod:`.text_version` pass every
piece of it through ``rich(text)`` where it is shown. It escapes the text (markupsafe),
so user text never becomes markup, and adds only inline marks to it:

* ``<abbr title="expansion">`` round a glossary term at its first use on the page (the
  writers call ``rich`` in reading order, so 'first' is first in the page);
  ``rich(text, terms=False)`` leaves terms alone, for text that repeats (a title
  in a link to its node) or that is the glossary itself;
* ``<bdi>`` round text with right-to-left letters or bidi controls, so it cannot
  reorder the page's own words around it (WCAG 1.3.2);
* ``<span lang="cy">`` round every piece of user text when the diagram is not in
  English: the page's own words are English, and screen readers switch voice at
  each (WCAG 3.1.2 Language of Parts).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import textwords as tw

_BIDI_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF"})


def needs_isolation(text: str) -> bool:
    """True when ``text`` holds right-to-left letters or bidi controls (wrap it in <bdi>)."""
    # no ASCII character is right-to-left or a bidi control, and most text is ASCII
    return not text.isascii() and any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in text)


class RichText:
    """``rich(text)``: one per page, as it remembers the terms it has expanded."""

    def __init__(self, glossary: Iterable[tuple[str, str]], lang: str | None) -> None:
        self.glossary = tw.Glossary(glossary)
        self.lang = lang
        # text with no term to expand: a title comes back in every link to its node
        self._plain: dict[str, Markup] = {}

    def __call__(self, text: str, *, terms: bool = True) -> Markup:
        if terms and self.glossary.pending:
            return self._markup(text, terms)
        plain = self._plain.get(text)
        if plain is None:
            plain = self._plain[text] = self._markup(text, False)
        return plain

    def _markup(self, text: str, terms: bool) -> Markup:
        cleaned = tw.clean(text)
        segments = self.glossary.first_uses(cleaned) if terms else None
        if segments is None:
            markup = escape(cleaned)
        else:
            markup = Markup().join(
                escape(piece)
                if expansion is None
                else Markup('<abbr title="{}">{}</abbr>').format(expansion, piece)
                for piece, expansion in segments
            )
        if needs_isolation(cleaned):
            markup = Markup("<bdi>{}</bdi>").format(markup)
        if self.lang:
            markup = Markup('<span lang="{}">{}</span>').format(self.lang, markup)
        return markup
