"""The accessible outline's charts of measures over time, written to be heard.

After the measures, one passage per measure with data: its name, the summary that
says what the chart shows (the signal first), the annotations numbered on the chart,
then the data, one point per line: the period, the value and what the point shows.
The words are :mod:`.measure_words`', as in the page and Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .measure_words import readings, with_unit
from .textwords import plural, sentence

if TYPE_CHECKING:  # pragma: no cover
    from .accessible_writer import Writer


def charts(w: Writer) -> None:
    found = readings(w.d)
    if not found:
        return
    w.blank()
    w.say(
        "Charts of measures over time.",
        f"{plural(len(found), 'measure')} {'has' if len(found) == 1 else 'have'} data; "
        "each is described, then its data are read one point per line.",
    )
    for r in found:
        m = r.measure
        unit = w.t(m.unit) if m.unit else None
        w.blank()
        w.say(sentence(f"Chart of measure {m.number}: {w.t(m.name)}"), r.summary)
        for number, note in enumerate(r.annotations, start=1):
            w.say(sentence(f"Note {number}, {note.label}: {w.t(note.text)}"))
        rows = r.rows()
        w.say(f"Data, {plural(len(rows), 'point')}, earliest first.")
        for row in rows:
            w.say(
                sentence(f"{row.period}: {with_unit(row.value, unit)}"),
                sentence(row.shows),
                sentence(f"Note: {w.t(row.notes)}") if row.notes else None,
            )
