"""The word machinery the lint heuristics share: case folding, lazily compiled regular
expressions, opening phrases and word lists.

The heuristics read English. They are deliberately forgiving (the rules that use them
are warnings or information, never errors), and each one is tested with phrases that
should and should not match in tests/lint/.

``impact validate`` imports them on every run, and Python compiles a regular
expression at a few microseconds per character of pattern. So the word lists are sets
of words read with one small word-splitting regex (``fold`` makes the comparison ignore
case exactly as ``re.IGNORECASE`` does), and the remaining real regexes are compiled on
first use (:class:`Lazy`): a run whose rules are off never pays for them. Each
heuristic says, in the regex it replaced, what it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

IGNORECASE = re.IGNORECASE

#: A run of word characters: what ``\b...\b`` delimits in a regex.
WORD_RUN = re.compile(r"\w+")
#: The first word of a text, and each next one (after whitespace or one hyphen).
_FIRST_WORD = re.compile(r"\s*(\w+)")
_NEXT_WORD = re.compile(r"(\s+|-)(\w+)")

# re.IGNORECASE matches an ASCII letter to its other case and to four more
# characters: dotted and dotless i, long s and the Kelvin sign. Mapping those
# four first makes ``fold(w) == "kit"`` agree exactly with the case-insensitive
# regex ``kit`` (str.lower alone would miss them: 'ſ'.lower() is 'ſ'). Folding
# keeps every character's position and whether it is a word or space character,
# so a whole text can be folded once and then split into words.
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` in lower case, compared the way ``re.IGNORECASE`` compares ASCII."""
    return text.lower() if text.isascii() else text.translate(FOLD).lower()


class Lazy:
    """A regex compiled the first time it is used: most runs need only a few."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)

    def sub(self, repl: str, text: str) -> str:
        return self.regex.sub(repl, text)


class Opening:
    r"""Does a text open with one of ``phrases``, after an optional prefix?

    ``Opening("implement|roll out|e-mail", prefixes=("to",))`` matches as the
    regex ``^\s*(?:to\s+)?(?:implement|roll\s+out|e-mail)\b`` with
    ``re.IGNORECASE`` does: a space in a phrase stands for any run of
    whitespace, a hyphen for one hyphen. :meth:`match` returns what that regex's
    ``match().group()`` would (leading whitespace included) or None.

    Exact because the phrases are whole words (so ``\b`` is the end of a word)
    and no phrase, with or without a prefix, is the first words of another: at
    most one can match a text, so the regex's order of alternatives cannot
    matter. Keep it so when adding phrases.
    """

    __slots__ = ("_complete", "_partial")

    def __init__(self, phrases: str, prefixes: tuple[str, ...] = ()) -> None:
        # Keys are the words read so far, folded and joined by " " or "-". A key in
        # _complete is a match; one in _partial (the first words of a match) may
        # still become one.
        words = phrases.split("|")
        stems = {stem for phrase in words for stem in _first_words(phrase)}
        self._complete = set(words)
        self._partial = set(stems)
        for prefix in prefixes:
            self._complete.update(f"{prefix} {phrase}" for phrase in words)
            self._partial.update({prefix, *_first_words(prefix)})
            self._partial.update(f"{prefix} {stem}" for stem in stems)

    def match(self, text: str) -> str | None:
        first = first_word(text)
        if first is None:
            return None
        key = first
        # The first word starts after the leading whitespace (what lstrip() strips
        # is what \s matches), and folding keeps its length.
        end = len(text) - len(text.lstrip()) + len(first)
        # most texts stop at the first word, after a set lookup or two
        while key not in self._complete:
            if key not in self._partial:
                return None
            word = _NEXT_WORD.match(text, end)
            if word is None:
                return None
            key += ("-" if word[1] == "-" else " ") + fold(word[2])
            end = word.end()
        return text[:end]


def first_word(text: str) -> str | None:
    """The first word of ``text`` (after any whitespace), folded."""
    # This runs for every title of a diagram. Most open with a plain word, which
    # str.split() finds for a fraction of the cost of a regex match; a first
    # token holding punctuation ('Co-design', 'Improve,') needs the regex.
    tokens = text.split(None, 1)
    if not tokens:
        return None
    first = tokens[0]
    if not first.isalnum():  # isalnum() is true for exactly the \w characters but '_'
        word = _FIRST_WORD.match(text)
        if word is None:
            return None
        first = word[1]
    return first.lower() if first.isascii() else fold(first)  # fold(), written out


def _first_words(phrase: str) -> Iterator[str]:
    """'we will roll out' -> 'we will roll', 'we will', 'we' (a hyphen also splits)."""
    while (cut := max(phrase.rfind(" "), phrase.rfind("-"))) > 0:
        phrase = phrase[:cut]
        yield phrase


class WordList:
    r"""Does a text contain one of ``words``: ``\b(?:w1|w2|...)\b``, ignoring case."""

    __slots__ = ("_words",)

    def __init__(self, words: str) -> None:
        self._words = frozenset(words.split())

    def found_in(self, text: str) -> bool:
        return not self._words.isdisjoint(WORD_RUN.findall(fold(text)))
