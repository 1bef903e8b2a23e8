"""What a change idea says: vague, a to-do task, or testable through a named means (the
heuristics of the DD-C rules)."""

from __future__ import annotations

from .words import WORD_RUN, Opening, fold

#: A vague change idea: "Improve…", "Ensure…", with nothing to test.
VAGUE = Opening(
    "improve|increase|enhance|promote|ensure|better|strengthen|"
    "optimise|optimize|maximise|maximize|encourage|support|foster|raise awareness|"
    "focus on|work on|look at|address|tackle|boost|reduce|minimise|minimize",
    prefixes=("to",),
)

#: A mechanism that makes a vague-sounding idea testable ("Improve handover using SBAR"):
#: ``\b(?:by|using|through|via|with\s+(?:a|an|the|our|each|every))\b``.
_MEANS = frozenset({"by", "using", "through", "via"})
_WITH_WHAT = frozenset({"a", "an", "the", "our", "each", "every"})


def has_mechanism(text: str) -> bool:
    """Does ``text`` say how: 'by', 'using', 'through', 'via', 'with a/the/our...', or a
    dash or colon before the means?"""
    if " – " in text or " - " in text or ": " in text:
        return True  # "Ensure staff have time – extend the review cycle": the dash says how
    folded = fold(text)
    # most texts hold none of these even as part of a word: substring tests are
    # far cheaper than splitting the text into words
    if not any(map(folded.__contains__, ("by", "using", "through", "via", "with"))):
        return False
    words = WORD_RUN.findall(folded)
    if not _MEANS.isdisjoint(words):
        return True
    if "with" not in words:
        return False
    after_with = -1  # where the previous word ended, when it was 'with'
    for match in WORD_RUN.finditer(folded):
        word = match.group()
        if after_with >= 0 and word in _WITH_WHAT and folded[after_with : match.start()].isspace():
            return True
        after_with = match.end() if word == "with" else -1
    return False


#: A change idea that reads as a task on a to-do list, not a change to test.
TASK = Opening(
    "train|set up|buy|purchase|order|hold|organise|organize|arrange|schedule|"
    "book|send|email|e-mail|hire|recruit|write|draft|attend|meet|contact|call|print|"
    "circulate|update|review the policy|review the policies|have a meeting|remind"
)
