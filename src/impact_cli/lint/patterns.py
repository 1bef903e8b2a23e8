"""Text heuristics for the lint rules.

They read English. They are deliberately forgiving (the rules that use them are
warnings or information, never errors), and each one is tested with phrases that
should and should not match in tests/lint/.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

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
WHEN = re.compile(
    r"\b(?:19|20)\d{2}(?:/\d{2,4})?\b"  # a year, 2025/26
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b"  # ISO date
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 31/03/2026
    # "31 March", "by March", "by the end of March"
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
    r"|\b(?:next|this)\s+(?:financial\s+)?year\b",
    _I,
)

#: Numbers that name a place or thing rather than an amount (Ward 7, phase 2b).
_LABEL_NUMBER = re.compile(
    r"\b(?:ward|bay|room|floor|level|unit|phase|stage|tier|version|step|band|zone|"
    r"building|block|team|site|area|pod|news|type|grade)\s*\d+[a-z]?\b",
    _I,
)


def strip_dates(text: str) -> str:
    """Remove the by-when phrases and label numbers so only amounts are left."""
    return _LABEL_NUMBER.sub(" ", WHEN.sub(" ", text))


#: "how much": a digit, a percentage, a number word, a rate, "from X to Y".
_HOW_MUCH = re.compile(
    r"\d|%|\bper\s*cent\b"
    r"|\b(?:zero|none|half|halve|halving|double|doubling|treble|triple|tripling|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"third|thirds|quarter|quarters)\b",
    _I,
)


def says_how_much(text: str) -> bool:
    """Does ``text`` give an amount once its dates and label numbers are removed?"""
    return bool(_HOW_MUCH.search(strip_dates(text)))


#: a baseline: "from 15% to 33%", "from 8.2 to 5.7", "currently", "baseline".
BASELINE = re.compile(
    r"\bfrom\s+(?:a\s+|an\s+|the\s+)?(?:baseline\s+of\s+)?(?:about\s+|around\s+)?"
    r"[£$€]?\d[\d.,]*\s*(?:%|per\s*cent\b)?[^.;]{0,60}?\bto\s+"
    r"|\b(?:baseline|currently|at\s+present|presently|compared\s+with|from\s+a\s+current)\b",
    _I,
)

#: "for whom or where": people, a setting or a place.
WHO_WHERE = re.compile(
    r"\b(?:patients?|people|persons?|residents?|adults?|children|child|infants?|babies|"
    r"women|men|mothers?|families|family|carers?|"
    r"staff|nurses?|doctors?|clinicians?|students?|learners?|trainees?|workforce|"
    r"users?|clients?|citizens?|populations?|members?|inpatients?|"
    r"outpatients?|admissions?|referrals?|attendances?|"
    r"wards?|units?|departments?|hospitals?|practices?|clinics?|trusts?|boards?|"
    r"communit(?:y|ies)|surger(?:y|ies)|schools?|regions?|"
    r"neighbourhoods?|neighborhoods?|localit(?:y|ies)|services?|system|organisations?|"
    r"organizations?|theatres?|pharmac(?:y|ies)|prisons?|homes?|nhs|icb|icu|ed|gp|a&e)\b",
    _I,
)

#: An aim that names a solution instead of a problem.
SOLUTION = re.compile(
    r"^\s*(?:to\s+|we\s+will\s+)?(?:implement|introduce|install|roll\s+out|launch|deploy|"
    r"create|develop|set\s+up|establish|build|buy|purchase|procure|adopt|deliver|"
    r"run|use|provide|embed|design|commission)\b",
    _I,
)

#: A driver phrased as an action: it may really be a change idea.
ACTION = re.compile(
    r"^\s*(?:implement|introduce|install|roll\s+out|launch|deploy|create|develop|set\s+up|"
    r"establish|build|buy|purchase|procure|train|hold|run|hire|recruit|invest|embed|align|"
    r"design|provide|produce|write|organise|organize|use|send|start|appoint|"
    r"commission|audit|arrange|conduct|deliver)\b",
    _I,
)

#: A vague change idea: "Improve…", "Ensure…", with nothing to test.
VAGUE = re.compile(
    r"^\s*(?:to\s+)?(?:improve|increase|enhance|promote|ensure|better|strengthen|"
    r"optimi[sz]e|maximi[sz]e|encourage|support|foster|raise\s+awareness|"
    r"focus\s+on|work\s+on|look\s+at|address|tackle|boost|reduce|minimi[sz]e)\b",
    _I,
)

#: A mechanism that makes a vague-sounding idea testable ("Improve handover using SBAR").
MECHANISM = re.compile(r"\b(?:by|using|through|via|with\s+(?:a|an|the|our|each|every))\b", _I)

#: A change idea that reads as a task on a to-do list, not a change to test.
TASK = re.compile(
    r"^\s*(?:train|set\s+up|buy|purchase|order|hold|organise|organize|arrange|schedule|"
    r"book|send|e-?mail|hire|recruit|write|draft|attend|meet|contact|call|print|"
    r"circulate|update|review\s+the\s+polic(?:y|ies)|have\s+a\s+meeting|remind)\b",
    _I,
)

#: Abbreviations: a word of 2 to 6 capitals (digits allowed after the first two).
ABBREVIATION = re.compile(r"(?<![\w&-])[A-Z]{2}[A-Z0-9]{0,4}(?![\w&-])")
#: All-caps words that are not abbreviations anyone needs spelled out.
NOT_ABBREVIATIONS = frozenset({"OK", "AM", "PM", "II", "III", "IV", "VI", "VII", "VIII", "XI"})

#: Words for "so that echoes the aim": runs of 3 or more letters and digits.
_WORD = re.compile(r"[a-z0-9]{3,}", _I)
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
    stems: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        # words of 3 characters count only as numbers
        if word in STOPWORDS or (len(word) < 4 and not word.isdigit()):
            continue
        if word.endswith("s") and len(word) > 4:
            word = word[:-1]
        stems.add(word[:6])
    return stems
