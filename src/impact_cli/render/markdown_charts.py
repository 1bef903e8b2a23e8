"""Markdown's charts of measures over time: a summary and a data table per measure.

Markdown has no room for the drawing itself, so each measure with data gets what a
reader needs from its chart: the summary (the signal, the lines, the rule set), the
annotations, and a table of every point. The words are :mod:`.measure_words`', as in
the page and the accessible outline; user text is escaped by ``md_text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markdown_escape import md_text
from .measure_words import readings

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram


def charts(diagram: Diagram) -> list[str]:
    """The paragraphs of the section, or none when no measure has data."""
    found = readings(diagram)
    if not found:
        return []
    out = ["## Measures over time"]
    for r in found:
        m = r.measure
        out.append(f"### Measure {m.number}: {md_text(m.name)}")
        out.append(md_text(r.summary, line_start=True))
        if r.annotations:
            out.append(
                "\n".join(
                    f"{n}. {md_text(note.label)}: {md_text(note.text)}"
                    for n, note in enumerate(r.annotations, start=1)
                )
            )
        xmr = r.analysis.rules == "mdc"
        centre = r.analysis.centre_name.capitalize()
        head = f"| Period | Value | {centre} |" + (" Lower limit | Upper limit |" if xmr else "")
        head += " What it shows | Notes |"
        rule = "| --- " * (7 if xmr else 5) + "|"
        rows = [head, rule]
        for row in r.rows():
            cells = [md_text(row.period), row.value, row.centre]
            if xmr:
                cells += [row.lower, row.upper]
            cells += [md_text(row.shows), md_text(row.notes) if row.notes else ""]
            rows.append("| " + " | ".join(cells) + " |")
        out.append("\n".join(rows))
    return out
