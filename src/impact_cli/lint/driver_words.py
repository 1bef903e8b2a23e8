"""Whether a driver is written as an action (DD-P03): an imperative or a subject and a
verb, read with an English verb lexicon (lint/verbs.py)."""

from __future__ import annotations

from types import ModuleType

from .words import Lazy, Opening, fold

#: A driver phrased as an action: it may really be a change idea.
_ACTION_PHRASES = (
    "implement|introduce|install|roll out|launch|deploy|create|develop|set up|"
    "establish|build|buy|purchase|procure|train|hold|run|hire|recruit|invest|embed|align|"
    "design|provide|produce|write|organise|organize|use|send|start|appoint|"
    "commission|audit|arrange|conduct|deliver"
)
ACTION = Opening(_ACTION_PHRASES)
#: The one-word actions, read as verbs after a subject too, though many are also nouns
#: ("Teams hold weekly huddles", "The team runs a daily board round").
_ACTION_VERBS = frozenset(p for p in _ACTION_PHRASES.split("|") if " " not in p)

#: Verbs that phrase a driver as the direction a quantity must move ("Reduce price per
#: litre", "Improve car efficiency"): the way published diagrams name drivers, not an
#: action to test, so DD-P03 leaves them alone.
_DIRECTION_WORDS = """
    reduce increase decrease improve lower raise minimise minimize maximise maximize
    limit cut halve double boost enhance strengthen expand extend shorten lessen
    optimise optimize prevent avoid eliminate sustain maintain
"""
_DIRECTION = frozenset(_DIRECTION_WORDS.split())
#: Articles and possessives: after a verb's -s form they start its object ("holds a").
_DETERMINER_WORDS = "a an the this these those our their your his her its my"
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())
#: What follows a verb and starts its object: the words after which a noun-or-verb first
#: word ("Drink less coffee", "Drive smoothly") is read as a verb.
_QUANTITY_WORDS = "that all every each any some more less fewer no"
_OBJECT_START = _DETERMINERS | frozenset(_QUANTITY_WORDS.split())
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
    while as early late on-time first back home together of
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
        following = words[k + 1] if k + 1 < len(words) else ""
        lemma = _base(word, only) or _action(word, words[k - 1], following)
        if lemma and lemma not in _DIRECTION and lemma not in _STATE:
            if _condition(words[k - 1], following):
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


def _action(word: str, before: str, after: str) -> str | None:
    """The action ``word`` is, after a subject: its base form after a plural ("Teams
    hold"); its -s form when an article or possessive follows ("The team holds a...":
    "Regular audits of practice" and "Bus runs every hour" are not actions)."""
    plural = before.endswith("s") and not before.endswith(("ss", "us", "is"))
    if word in _ACTION_VERBS and plural:
        return word
    if word.endswith("s") and after in _DETERMINERS:
        for form in (word[:-1], word[:-2]):
            if form in _ACTION_VERBS:
                return form
    return None


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
