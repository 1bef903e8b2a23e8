"""Words for text outputs: sentences, plurals, positions.

Shared by the plain and accessible outlines, the Markdown outline and (if it
wants) the HTML text version, so that every output says the same thing the same
way. Pure functions over strings and the normalised model; no I/O, no imports of
rich, graphviz or jinja2.

API
---
``clean(text) -> str``
    Collapse every run of whitespace (newlines, tabs) to one space and strip.
``sentence(text) -> str``
    ``clean`` plus a full stop, unless the text already ends a sentence
    ('.', '?', '!' or '…', possibly followed by closing quotes or brackets); a
    trailing comma gives way to the full stop (theory-of-change parts often end with one).
``capitalise(text) -> str``
    Upper-case the first character only (``str.capitalize`` lowers the rest).
``plural(n, singular, plural=None) -> str``
    '1 change idea', '3 change ideas'.
``join_and(items, conjunction="and") -> str``
    'a', 'a and b', 'a, b and c' (no Oxford comma, GOV.UK style).
``ref(node) -> str``
    How prose names a node: 'the aim', 'primary driver 2', 'change idea C3'.
``ref_titled(node, sep=": ") -> str``
    'secondary driver 2.1: Fewer missed appointments'.
``given(*rows) -> list[tuple[str, str]]``
    The ``(label, value)`` rows whose value is set, in order.
``aim_rows(aim)`` / ``measure_rows(measure)`` / ``about_rows(meta)``
    ``given`` for the aim's, a measure's and the diagram's labelled details.
``status_words(status)`` / ``priority_words(priority)`` / ``measure_type_words(type)``
    Change-idea status, priority and measure type in words ('being tested',
    'high priority', 'outcome measure'); ``None`` in, ``None`` out.
``diagram_counts(diagram) -> str``
    '1 aim, 5 primary drivers and 15 secondary drivers' (tiers that are empty left out).
``numbering_sentences(diagram, measures=True) -> list[str]``
    How the numbers work, one sentence each, for this diagram's tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..diagram import Tier
from ..diagram import clean as clean  # the renderers' clean(), kept beside the model
from .glossary import Glossary as Glossary  # html.py still says tw.Glossary

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import AimDetail, Diagram, Measure, Metadata, Node

_ENDS = (".", "?", "!", "…")
_CLOSERS = "\"')]}’”»"

STATUS_WORDS: dict[str, str] = {
    "idea": "not yet tested",
    "testing": "being tested",
    "adopted": "adopted",
    "adapted": "adapted",
    "abandoned": "abandoned",
}

PRIORITY_WORDS: dict[str, str] = {
    "high": "high priority",
    "medium": "medium priority",
    "low": "low priority",
}


def ends_sentence(text: str) -> bool:
    """True when ``text`` already ends with sentence punctuation."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped.endswith(_ENDS)


def sentence(text: str) -> str:
    """``text`` on one line, ending with a full stop (unless it already ends a sentence)."""
    text = clean(text)
    if not text or ends_sentence(text):
        return text
    return text.removesuffix(",") + "."


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def join_and(items: Sequence[str], conjunction: str = "and") -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def ref(node: Node) -> str:
    """How running text names a node: 'the aim', 'primary driver 2', 'change idea C3'."""
    if node.tier is Tier.AIM:
        return "the aim"
    return f"{node.tier.label} {node.number}"


def ref_titled(node: Node, sep: str = ": ") -> str:
    """'secondary driver 2.1: Fewer missed appointments'."""
    return f"{ref(node)}{sep}{clean(node.title)}"


def status_words(status: str | None) -> str | None:
    return None if status is None else STATUS_WORDS.get(status, status)


def priority_words(priority: str | None) -> str | None:
    return None if priority is None else PRIORITY_WORDS.get(priority, f"{priority} priority")


def given(*rows: tuple[str, str | None]) -> list[tuple[str, str]]:
    """The labelled rows whose value is set, in order: what every output lists."""
    return [(label, value) for label, value in rows if value]


def status_and_priority(node: Node) -> list[tuple[str, str]]:
    """A change idea's ("Status", "being tested") and ("Priority", "high") pairs, if set."""
    return given(("Status", status_words(node.status)), ("Priority", node.priority))


def about_rows(meta: Metadata) -> list[tuple[str, str]]:
    """The 'About this diagram' rows that are set, in the order the outlines give them."""
    return given(
        ("Owner", meta.owner),
        ("Version", meta.version),
        ("Last updated", meta.updated),
        ("Source", meta.source),
        ("Licence", meta.licence),
    )


def aim_rows(aim: AimDetail) -> list[tuple[str, str]]:
    """The aim's parts that are set, labelled, in the order the outlines give them."""
    return given(
        ("Baseline", aim.baseline),
        ("Target", aim.target),
        ("By when", aim.deadline),
        ("For whom", aim.population),
        ("About the aim", aim.description),
    )


def measure_rows(measure: Measure) -> list[tuple[str, str]]:
    """A measure's parts that are set, labelled, in the order the outlines give them."""
    return given(
        ("Definition", measure.definition),
        ("Target", measure.target),
        ("Frequency", measure.frequency),
        ("Data source", measure.data_source),
    )


def measure_type_words(kind: str) -> str:
    return f"{kind} measure"


def diagram_counts(diagram: Diagram) -> str:
    """'1 aim, 5 primary drivers and 15 secondary drivers'."""
    from ..diagram import count_phrase

    parts = [count_phrase(n, tier) for tier, n in diagram.counts.items() if n]
    return join_and(parts)


def numbering_sentences(diagram: Diagram, *, measures: bool = True) -> list[str]:
    """How to read the numbers, for the tiers this diagram has (and its measures' codes,
    when ``measures`` are shown)."""
    counts = diagram.counts
    out: list[str] = []
    primaries = counts[Tier.PRIMARY]
    if primaries == 1:
        out.append("The primary driver is numbered 1.")
    elif primaries == 2:
        out.append("Primary drivers are numbered 1 and 2.")
    elif primaries:
        out.append(f"Primary drivers are numbered 1 to {primaries}.")
    if counts[Tier.SECONDARY]:
        out.append(
            "Secondary drivers are numbered 1.1, 1.2 and so on, where the first number is "
            "their primary driver."
        )
    if counts[Tier.TERTIARY]:
        out.append(
            "Tertiary drivers are numbered 1.1.1, 1.1.2 and so on, where the first two numbers "
            "are their secondary driver."
        )
    ideas = counts[Tier.CHANGE_IDEA]
    if ideas == 1:
        out.append(
            "The change idea has the code C1, not a number, because a change idea can "
            "support more than one driver."
        )
    elif ideas:
        out.append(
            f"Change ideas have codes {_first_to(ideas, 'C')}, not numbers, because one change "
            "idea can support more than one driver."
        )
    n = len(diagram.measures) if measures else 0
    if n:
        out.append(
            "The measure has the code M1."
            if n == 1
            else f"Measures have codes {_first_to(n, 'M')}."
        )
    return out


def _first_to(n: int, code: str) -> str:
    """'C1 and C2', 'C1 to C5': the codes of ``n`` (two or more) items."""
    return f"{code}1 and {code}2" if n == 2 else f"{code}1 to {code}{n}"
