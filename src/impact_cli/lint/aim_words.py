"""What an aim says: when, how much, from what baseline, for whom, and whether it names a
solution (the heuristics of the DD-A rules)."""

from __future__ import annotations

import re

from .words import IGNORECASE, Lazy, Opening, WordList

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SMALL_NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|twenty|twenty-four|thirty-six)"
)
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?)"

#: "by when": a year, a date, a month with a year or a preposition, a quarter,
#: "within 12 months", "by the end of". Alternatives are tried in this order, and
#: ``strip_dates`` depends on which one wins, so the order is part of the meaning.
WHEN = Lazy(
    r"\b(?:19|20)\d{2}(?:/\d{2,4})?\b"  # a year, 2025/26
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b"  # ISO date
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 31/03/2026
    # "31 March", "by March", "by the end of March": one month list for both
    # (an alternative starting with a digit and one starting with a letter
    # never compete for the same place, so merging them keeps the order)
    r"|\b(?:\d{1,2}(?:st|nd|rd|th)?|(?:by|in|until|before|from|end of|during)"
    rf"(?:\s+the\s+end\s+of)?)\s+{_MONTH}\b"
    rf"|\b{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d{{2}}\b"
    r"|\bQ[1-4]\b"
    r"|\b(?:first|second|third|fourth|last|next)\s+quarter\b"
    r"|\b(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?:19|20)\d{2}\b"
    rf"|\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?{_SMALL_NUMBER}"
    rf"\s+{_UNIT}\b"
    r"|\b(?:by|before)\s+the\s+end\s+of\s+(?:the\s+)?(?:year|financial\s+year|quarter|"
    r"month|project|programme)\b"
    r"|\b(?:next|this)\s+(?:financial\s+)?year\b"
    # a named day of the year ("by Christmas"), the end of a year ("by end-2016",
    # "by year-end"), a span counted from now ("by 6 months into the fiscal year")
    r"|\b(?:by|before|until|at|over|in\s+time\s+for)\s+(?:the\s+)?(?:christmas|xmas|easter|"
    r"new\s+year|hogmanay|year[- ]end|end[- ](?:of[- ])?(?:19|20)\d{2})\b"
    rf"|\bby\s+{_SMALL_NUMBER}\s+{_UNIT}\b",
    IGNORECASE,
)

#: Numbers that name a place or thing rather than an amount (Ward 7, phase 2b).
#: The optional letter is ``[a-z]``, spelled with i and s outside the class
#: because a case-insensitive class holding them compiles to a 64K-entry table.
_LABEL_NUMBER = Lazy(
    r"\b(?:ward|bay|room|floor|level|unit|phase|stage|tier|version|step|band|zone|"
    r"building|block|team|site|area|pod|news|type|grade)\s*\d+(?:[a-hj-rt-z]\b|i\b|s\b|\b)",
    IGNORECASE,
)


#: A duration that qualifies a noun ("30 day readmissions", "the 4-hour standard", "24
#: hour access") names what is counted, not how much it changes.
_DURATION_LABEL = Lazy(
    r"(?<!to )(?<!from )\b\d+(?:\s+|-)(?:minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+|-)(?=[a-z])(?!to\b)",
    IGNORECASE,
)


def strip_dates(text: str) -> str:
    """Remove the by-when phrases and label numbers so only amounts are left."""
    text = _DURATION_LABEL.sub(" ", WHEN.sub(" ", text))
    return _LABEL_NUMBER.sub(" ", text)


#: "how much": a digit, a percentage, a number word, a rate, "from X to Y"
#: (the regex ``\d|%|\bper\s*cent\b|\b(?:zero|none|...)\b``).
_AMOUNT = Lazy(r"\d|%|\bper\s*cent\b", IGNORECASE)
_AMOUNT_WORDS = WordList(
    "zero none half halve halving double doubling treble triple tripling "
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
    "thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "third thirds quarter quarters"
)


#: An absolute aim states its amount as none left: "defect free", "harm-free care".
_NONE_LEFT = Lazy(r"\b\w+[- ]free\b", IGNORECASE)


def says_how_much(text: str) -> bool:
    """Does ``text`` give an amount once its dates and label numbers are removed?"""
    amounts = strip_dates(text)
    return (
        bool(_AMOUNT.search(amounts))
        or _AMOUNT_WORDS.found_in(amounts)
        or bool(_NONE_LEFT.search(amounts))
    )


#: One target: a change 'by' an amount, a value 'to' reach, a share 'of' people, or 'from
#: X to Y' (which counts once, with a 'by' right before it: "by 50% from 80% to 40%").
_FROM_TO = Lazy(
    r"\bfrom\s+(?:a\s+|the\s+)?(?:baseline\s+of\s+)?[$£€]?\d[\d.,]*\s*(?:%|per\s*cent\b)?"
    r"[^.;]{0,60}?\bto\s+[$£€]?\d[\d.,]*",
    IGNORECASE,
)
_BY_AMOUNT = Lazy(
    r"\b(?:by|of)\s+(?:a\s+|an\s+)?(?:\d[\d.,]*\s*(?:%|per\s*cent\b)|half|a\s+third|a\s+quarter|"
    r"two[- ]thirds|\d+[- ]fold)"
    r"|\b\d[\d.,]*\s*%\s+of\b",
    IGNORECASE,
)


def count_targets(text: str) -> int:
    """How many separate targets ``text`` sets (0 when it sets none)."""
    text = strip_dates(text)
    pairs = list(_FROM_TO.regex.finditer(text))
    changes = [m for m in _BY_AMOUNT.regex.finditer(text) if not _inside(m, pairs)]
    # a change stated next to a from-to pair is the same target said twice
    alone = [m for m in changes if not any(0 <= p.start() - m.end() <= 3 for p in pairs)]
    return len(pairs) + len(alone)


def _inside(match: re.Match[str], spans: list[re.Match[str]]) -> bool:
    return any(s.start() <= match.start() < s.end() for s in spans)


#: a baseline: "from 15% to 33%", "from 8.2 to 5.7", "currently", "baseline".
#: The currency sign (``[£$€]?\d``) is written as three alternatives: a class
#: holding both £ and € compiles to a 64K-entry table.
BASELINE = Lazy(
    r"\bfrom\s+(?:a\s+|an\s+|the\s+)?(?:baseline\s+of\s+)?(?:about\s+|around\s+)?"
    r"(?:[$£]\d|€\d|\d)[\d.,]*\s*(?:%|per\s*cent\b)?[^.;]{0,60}?\bto\s+"
    r"|\b(?:baseline|currently|at\s+present|presently|compared\s+(?:with|to)|from\s+a\s+current)\b",
    IGNORECASE,
)

#: "for whom or where": people, a setting or a place. Multi-word entries of the
#: regex this replaces ("young people", "care home", "emergency department") are
#: covered by their last word; "A&E" is not a word, so it has its own regex.
_WHO_WHERE_WORDS = WordList(
    "patient patients people person persons resident residents adult adults children "
    "child infant infants babies women men mother mothers families family carer carers "
    "staff nurse nurses doctor doctors clinician clinicians student students learner "
    "learners trainee trainees workforce user users client clients citizen citizens "
    "population populations member members inpatient inpatients outpatient outpatients "
    "admission admissions referral referrals attendance attendances "
    "ward wards unit units department departments hospital hospitals practice practices "
    "clinic clinics trust trusts board boards community communities surgery surgeries "
    "school schools region regions neighbourhood neighbourhoods neighborhood "
    "neighborhoods locality localities service services system organisation "
    "organisations organization organizations theatre theatres pharmacy pharmacies "
    "prison prisons home homes nhs icb icu ed gp "
    # whose care: the groups named by an adjective ("maternal and neonatal deaths")
    "maternal neonatal perinatal paediatric pediatric older elderly"
)
_A_AND_E = Lazy(r"\ba&e\b", IGNORECASE)
#: A named service: "end of life care", "primary care", "hospital care" (but not "the
#: quality of care", which names none).
_SERVICE = Lazy(
    r"\b(?!of\b|the\b|and\b|reliable\b|safe\b|better\b|good\b)[a-z]+\s+care\b", IGNORECASE
)
#: A capitalised word inside a sentence names someone or somewhere ("David", "Liberty",
#: "Scotland"), unless it is a month, a day or a season.
_PROPER_NAME = Lazy(r"(?<![.!?:;(]\s)(?<!^)\b[A-Z][a-z]+\b")
_CALENDAR_WORDS = """
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday spring summer
    autumn winter christmas easter
"""
_CALENDAR = frozenset(_CALENDAR_WORDS.split())


def names_who_or_where(text: str) -> bool:
    """Does ``text`` name people, a setting, a service or a place?"""
    if _WHO_WHERE_WORDS.found_in(text) or ("&" in text and bool(_A_AND_E.search(text))):
        return True
    if "care" in text.lower() and _SERVICE.search(text):
        return True
    return any(
        m.group().lower() not in _CALENDAR for m in _PROPER_NAME.regex.finditer(text.strip())
    )


#: An aim that names a solution instead of a problem.
SOLUTION = Opening(
    "implement|introduce|install|roll out|launch|deploy|create|develop|set up|establish|"
    "build|buy|purchase|procure|adopt|deliver|run|use|provide|embed|design|commission",
    prefixes=("to", "we will"),
)
