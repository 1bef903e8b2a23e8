"""Abbreviations in a diagram's texts and where the diagram writes them out (DD-X04)."""

from __future__ import annotations

from .words import Lazy

#: Abbreviations: a word of 2 to 6 capitals (digits allowed after the first two):
#: ``(?<![\w&-])[A-Z]{2}[A-Z0-9]{0,4}(?![\w&-])``. Written to start with the
#: capital and look behind it afterwards, which matches the same: a regex that
#: starts with a character class lets the search skip to the next capital at C
#: speed, where a leading look-behind is tried at every position (4 times slower).
ABBREVIATION = Lazy(r"[A-Z](?<![\w&-][A-Z])[A-Z][A-Z0-9]{0,4}(?![\w&-])")
#: All-caps words that are not abbreviations anyone needs spelled out: roman numerals, times
#: of day, and the few that a UK health service reader meets every day.
NOT_ABBREVIATIONS = frozenset(
    {"OK", "AM", "PM", "II", "III", "IV", "VI", "VII", "VIII", "XI", "NHS", "UK", "GP"}
)
#: A word of 2 to 5 letters with no vowel is not English, it is a contraction ("pt",
#: "mph", "hrs"), whatever its case; abbreviations with a capital after a small letter
#: ("eFI", "eGFR") too.
LOWER_ABBREVIATION = Lazy(
    r"(?<![\w&-])(?:[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{2,5}|[a-z]+[A-Z]{2}[A-Za-z]*)(?![\w&-])"
)
#: Units and titles that everyone reads without a glossary.
_KNOWN_CONTRACTIONS_WORDS = """
    kg g mg mcg ml l km cm mm m kcal hr hrs mr mrs ms dr st nd rd th
"""
KNOWN_CONTRACTIONS = frozenset(_KNOWN_CONTRACTIONS_WORDS.split())
_WORD = Lazy(r"[A-Za-z]+|\((?=[A-Za-z]+\))")


class SpelledOut:
    """The abbreviations written out in a diagram's texts: in the sentence that uses
    them ("end of life care (EOLC)", "significant event analyses (SEAs)"), or as a
    name in capitals elsewhere in the diagram ("Comprehensive Geriatric Assessment"
    for CGA, and for GA)."""

    def __init__(self, texts: list[str]) -> None:
        self.in_brackets: set[str] = set()
        runs: list[str] = []
        for text in texts:
            words = _WORD.regex.findall(text)
            for k, word in enumerate(words):
                if word == "(" and k + 1 < len(words):  # "... words (ABBR)"
                    letters = "".join(c for c in words[k + 1] if c.isupper())
                    initials = "".join(w[0] for w in words[max(0, k - 8) : k]).upper()
                    if len(letters) > 1 and initials.endswith(letters):
                        self.in_brackets.add(words[k + 1])
            run = ""
            for word in [*words, ""]:
                if word[:1].isupper() and not word.isupper():
                    run += word[0]
                elif run:
                    runs.append(run)
                    run = ""
        # The initials of each run of capitalised words; an abbreviation is written
        # out when it is two or more consecutive initials of one run. The space keeps
        # runs apart (abbreviations have none).
        self.initials = " ".join(runs)

    def __contains__(self, word: str) -> bool:
        return word in self.in_brackets or (len(word) > 1 and word in self.initials)
