"""Text heuristics for the lint rules.

They read English. They are deliberately forgiving (the rules that use them are
warnings or information, never errors), and each one is tested with phrases that
should and should not match in tests/lint/.

Start-up cost shapes this module: ``impact validate`` imports it on every run,
and Python compiles a regular expression at a few microseconds per character of
pattern (a case-insensitive character class holding ``i`` or ``s`` costs a
further quarter of a millisecond, because it becomes a 64K-entry table). So:

* the word lists (people and places, solution verbs, vague verbs, ...) are sets
  of words, read with one tiny word-splitting regex, not alternations of
  hundreds of characters each; ``fold`` makes the comparison ignore case exactly
  as ``re.IGNORECASE`` did;
* the remaining real regexes (dates, label numbers, baselines, abbreviations)
  are compiled on first use (:class:`Lazy`), so a run whose rules are off, or
  whose aim gives its target, deadline and baseline, never pays for them.

Each heuristic still says, in the regex it replaced, what it matches; the
sets and :class:`Opening` reproduce those regexes' matches exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType

_I = re.IGNORECASE

#: A run of word characters: what ``\b...\b`` delimits in a regex.
_WORD_RUN = re.compile(r"\w+")
#: The first word of a text, and each next one (after whitespace or one hyphen).
_FIRST_WORD = re.compile(r"\s*(\w+)")
_NEXT_WORD = re.compile(r"(\s+|-)(\w+)")

# re.IGNORECASE matches an ASCII letter to its other case and to four more
# characters: dotted and dotless i, long s and the Kelvin sign. Mapping those
# four first makes ``fold(w) == "kit"`` agree exactly with the case-insensitive
# regex ``kit`` (str.lower alone would miss them: 'ſ'.lower() is 'ſ'). Folding
# keeps every character's position and whether it is a word or space character,
# so a whole text can be folded once and then split into words.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` in lower case, compared the way ``re.IGNORECASE`` compares ASCII."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


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
        return not self._words.isdisjoint(_WORD_RUN.findall(fold(text)))


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
    _I,
)

#: Numbers that name a place or thing rather than an amount (Ward 7, phase 2b).
#: The optional letter is ``[a-z]``, spelled with i and s outside the class
#: because a case-insensitive class holding them compiles to a 64K-entry table.
_LABEL_NUMBER = Lazy(
    r"\b(?:ward|bay|room|floor|level|unit|phase|stage|tier|version|step|band|zone|"
    r"building|block|team|site|area|pod|news|type|grade)\s*\d+(?:[a-hj-rt-z]\b|i\b|s\b|\b)",
    _I,
)


#: A duration that qualifies a noun ("30 day readmissions", "the 4-hour standard", "24
#: hour access") names what is counted, not how much it changes.
_DURATION_LABEL = Lazy(
    r"(?<!to )(?<!from )\b\d+(?:\s+|-)(?:minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+|-)(?=[a-z])(?!to\b)",
    _I,
)


def strip_dates(text: str) -> str:
    """Remove the by-when phrases and label numbers so only amounts are left."""
    text = _DURATION_LABEL.sub(" ", WHEN.sub(" ", text))
    return _LABEL_NUMBER.sub(" ", text)


#: "how much": a digit, a percentage, a number word, a rate, "from X to Y"
#: (the regex ``\d|%|\bper\s*cent\b|\b(?:zero|none|...)\b``).
_AMOUNT = Lazy(r"\d|%|\bper\s*cent\b", _I)
_AMOUNT_WORDS = WordList(
    "zero none half halve halving double doubling treble triple tripling "
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
    "thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "third thirds quarter quarters"
)


#: An absolute aim states its amount as none left: "defect free", "harm-free care".
_NONE_LEFT = Lazy(r"\b\w+[- ]free\b", _I)


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
    _I,
)
_BY_AMOUNT = Lazy(
    r"\b(?:by|of)\s+(?:a\s+|an\s+)?(?:\d[\d.,]*\s*(?:%|per\s*cent\b)|half|a\s+third|a\s+quarter|"
    r"two[- ]thirds|\d+[- ]fold)"
    r"|\b\d[\d.,]*\s*%\s+of\b",
    _I,
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
    _I,
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
_A_AND_E = Lazy(r"\ba&e\b", _I)
#: A named service: "end of life care", "primary care", "hospital care" (but not "the
#: quality of care", which names none).
_SERVICE = Lazy(r"\b(?!of\b|the\b|and\b|reliable\b|safe\b|better\b|good\b)[a-z]+\s+care\b", _I)
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

#: A driver phrased as an action: it may really be a change idea.
ACTION = Opening(
    "implement|introduce|install|roll out|launch|deploy|create|develop|set up|"
    "establish|build|buy|purchase|procure|train|hold|run|hire|recruit|invest|embed|align|"
    "design|provide|produce|write|organise|organize|use|send|start|appoint|"
    "commission|audit|arrange|conduct|deliver"
)

#: Verbs that phrase a driver as the direction a quantity must move ("Reduce price per
#: litre", "Improve car efficiency"): the way published diagrams name drivers, not an
#: action to test, so DD-P03 leaves them alone.
_DIRECTION_WORDS = """
    reduce increase decrease improve lower raise minimise minimize maximise maximize
    limit cut halve double boost enhance strengthen expand extend shorten lessen
    optimise optimize prevent avoid eliminate sustain maintain
"""
_DIRECTION = frozenset(_DIRECTION_WORDS.split())
#: What follows a verb and starts its object: the words after which a noun-or-verb first
#: word ("Drink less coffee", "Drive smoothly") is read as a verb.
_OBJECT_START_WORDS = """
    a an the this these that those all every each any some more less fewer our their
    your his her its my no
"""
_OBJECT_START = frozenset(_OBJECT_START_WORDS.split())
#: Words that end a leading subject: "Practices identify...", "NHS boards establish...".
_NOT_SUBJECT_WORDS = """
    a an the of to for with in on at by from into onto over under about as which who
    whom whose that this these those is are was were be been being has have had do does
    did can could will would shall should may might must there it its off up out down
    back not no or but
"""
_NOT_SUBJECT = frozenset(_NOT_SUBJECT_WORDS.split())
#: Verbs of knowing, feeling and receiving: after a subject they state a condition of the
#: system ("Staff know which doses...", "Patients receive..."), not an action.
_STATE_WORDS = """
    know understand feel believe receive experience access report have see hear want need
    trust value agree recognise recognize
"""
_STATE = frozenset(_STATE_WORDS.split())
#: The people a service is for. With one of them as its subject, a sentence says what they
#: can do once the system works ("Patients choose or change their time easily"): the
#: condition change ideas create, not an action of the team ("NHS boards establish...").
_SERVED_WORDS = """
    patient patients people person persons family families carer carers parent parents
    child children baby babies infant infants woman women mother mothers resident
    residents user users client clients citizen citizens public community communities
    pupil pupils
"""
_SERVED = frozenset(_SERVED_WORDS.split())
#: Words that, right after the verb, show it has no object: a preposition or an adverb of
#: time or place ("Letters arrive in time", "Results come back within a day"). What the
#: subject does then is an event in the system, not work done to something (an action).
_NO_OBJECT_WORDS = """
    in on at to within before after by from into onto through during until when where
    while as early late on-time first back home together
"""
_NO_OBJECT = frozenset(_NO_OBJECT_WORDS.split())
_TOKEN = Lazy(r"[A-Za-z][A-Za-z'’-]*|\d\S*|[^\sA-Za-z\d]")


def action_opening(title: str) -> str | None:
    """The words that make ``title`` an action ('Eat', 'NHS boards establish'), or None.

    An imperative: an English verb in its base form first ("Eat less fried food", "Assist
    patient and family..."), unless it names a direction (DIRECTION) or is a noun here
    ("Use of reliable tools", "Hand off management"); a word that is both a noun and a
    verb counts as a verb only when an object follows ("Drink less coffee") or it is one
    of the actions in ACTION. Or a subject and then a verb: "NHS boards establish
    governance structures". A subject and a verb are a condition, not an action, when the
    subject is the people the service is for (SERVED) or the verb takes no object
    ("Appointment letters arrive in time to plan").
    """
    from . import verbs  # English verbs, from a lexicon (tools/build_lexicon.py)

    tokens: list[str] = _TOKEN.regex.findall(title)
    words = [fold(t) for t in tokens]
    if not words or not tokens[0][:1].isalpha():
        return None
    first, after = words[0], words[1] if len(words) > 1 else ""
    if first in _DIRECTION or after == "of":
        return None
    named = ACTION.match(title)
    if named:
        return named.strip()
    only, both = _verb_sets(verbs)
    if first in only or (first in both and (after in _OBJECT_START or after.endswith("ly"))):
        return tokens[0]
    for k, word in enumerate(words[:6]):
        if k == 0 or word in (",", "and"):
            continue
        if not tokens[k][:1].isalpha() or word in _NOT_SUBJECT:
            return None
        lemma = _base(word, only)
        if lemma and lemma not in _DIRECTION and lemma not in _STATE:
            if _condition(words[k - 1], words[k + 1] if k + 1 < len(words) else ""):
                return None
            return " ".join(tokens[: k + 1])
        if word in only:
            return None
    return None


def _condition(subject: str, after: str) -> bool:
    """Whether a subject-first sentence states a condition: the people served act, or the
    verb has no object (nothing or a preposition follows it). Not '-ly' words: as many are
    adjectives before an object ("hold weekly huddles", "involve family members")."""
    return subject in _SERVED or not after or after in _NO_OBJECT


def _base(word: str, only: frozenset[str]) -> str | None:
    """The verb ``word`` is a present-tense form of, if it is only ever a verb."""
    for form in (word, word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""):
        if form in only and (form == word or word.endswith("s")):
            return form
    return None


_VERB_SETS: list[tuple[frozenset[str], frozenset[str]]] = []


def _verb_sets(verbs: ModuleType) -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's two word lists as sets, made once (on the first driver read)."""
    if not _VERB_SETS:
        _VERB_SETS.append(
            (frozenset(verbs.VERBS.split()), frozenset(verbs.VERBS_ALSO_NOUNS.split()))
        )
    return _VERB_SETS[0]


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
    words = _WORD_RUN.findall(folded)
    if not _MEANS.isdisjoint(words):
        return True
    if "with" not in words:
        return False
    after_with = -1  # where the previous word ended, when it was 'with'
    for match in _WORD_RUN.finditer(folded):
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


#: Words for "so that echoes the aim": runs of 3+ letters and digits, i.e.
#: ``[a-z0-9]{3,}`` ignoring case. Searched in the text with _FOLD's four
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
        # in one call (str.translate would look every character up in _FOLD)
        words = set(_KEY_WORD.regex.findall(text.lower()))
    else:
        folded = text.translate(_FOLD)
        words = {text[m.start() : m.end()].lower() for m in _KEY_WORD.regex.finditer(folded)}
    words -= STOPWORDS
    # Words of 3 characters count only as numbers. A plural's final 's' is dropped
    # before taking six letters; from 7 letters on it lies beyond the sixth.
    return {
        word[:-1] if word[-1] == "s" and 4 < len(word) < 7 else word[:6]
        for word in words
        if len(word) > 3 or word.isdigit()
    }
