"""The content words of a text, for "so that echoes the aim" (the theory-of-change rules)."""

from __future__ import annotations

from .words import FOLD, Lazy

#: Words for "so that echoes the aim": runs of 3+ letters and digits, i.e.
#: ``[a-z0-9]{3,}`` ignoring case. Searched in the text with FOLD's four
#: characters mapped to ASCII (which keeps every position), so the class needs
#: no IGNORECASE and compiles cheaply.
_KEY_WORD = Lazy(r"[A-Za-z0-9]{3,}")
_STOPWORDS = """
    about above across after again against also among an and any are around back been
    before being below between both but can could does doing down during each every few
    for from further have having here into its itself just more most much must need needs
    only other our ours out over own same should some such than that their them then there
    these they this those through too under until upon very was were what when where which
    while who whom why will with within would your yours the not all per
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def key_words(text: str) -> set[str]:
    """Crude stems of the content words: 'patients' and 'patient' and 'healthcare'
    and 'health' share a stem (the first six letters)."""
    # Set operations and a comprehension rather than a loop of tests per word.
    if text.isascii():
        # folding changes nothing, so the words come from the lower-cased text
        # in one call (str.translate would look every character up in FOLD)
        words = set(_KEY_WORD.regex.findall(text.lower()))
    else:
        folded = text.translate(FOLD)
        words = {text[m.start() : m.end()].lower() for m in _KEY_WORD.regex.finditer(folded)}
    words -= STOPWORDS
    # Words of 3 characters count only as numbers. A plural's final 's' is dropped
    # before taking six letters; from 7 letters on it lies beyond the sixth.
    return {
        word[:-1] if word[-1] == "s" and 4 < len(word) < 7 else word[:6]
        for word in words
        if len(word) > 3 or word.isdigit()
    }
