"""The page's charts of measures over time: a section after the table of measures.

For each measure with data, in the order of the table: a heading that links back to
the measure's row, the chart (:mod:`..measure_chart`, an SVG named by its title and
described by its summary), the summary as a visible caption, the chart's numbered
annotations as a list, and the data table behind a disclosure: every point with its
period, value, centre line, limits and what it shows. The words come from
:mod:`..measure_words`, as in every other output.

Kept apart from :mod:`.text_version` (which calls :func:`charts` once, after the
measures table) and styled by its own stylesheet, ``measure-charts.css.j2``.

Safety: user text (names, units, notes, periods) goes in through ``rich()`` or is
escaped; the SVG is built by ElementTree, which escapes its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import escape

from ..measure_chart import chart_svg
from ..measure_words import Reading

if TYPE_CHECKING:  # pragma: no cover
    from .richtext import RichText

INTRO = (
    "Each chart shows a measure over time. The shape of a point says what it shows as well "
    "as its colour: a circle is common cause, a square special cause improvement, a diamond "
    "special cause concern, and a triangle special cause where the measure has no direction "
    "of improvement. Dashed lines are process limits; the solid line is the mean or median. "
    "Below each chart, a summary says what it shows and a table gives every value."
)
TABLE_HEAD = (
    '<tr><th scope="col">Period</th><th scope="col">Value</th><th scope="col">{centre}</th>'
    '{limits}<th scope="col">What it shows</th><th scope="col">Notes</th></tr>'
)


def charts(readings: tuple[Reading, ...], rich: RichText) -> str:
    """The section of charts, or nothing when no measure has data."""
    if not readings:
        return ""
    parts = [
        '<section class="measure-charts" aria-labelledby="measure-charts">\n'
        '<h3 id="measure-charts">Measures over time</h3>\n'
        f"<p>{INTRO}</p>\n"
    ]
    parts += [chart(r, rich) for r in readings]
    parts.append("</section>\n")
    return "".join(parts)


def chart(r: Reading, rich: RichText) -> str:
    m = r.measure
    key = f"chart-{m.number.lower()}"
    data = m.data
    assert data is not None
    out = [
        f'<div class="measure-chart-block" id="{key}">\n'
        # the heading and its chart are kept on one printed page
        '<div class="chart-with-heading">\n'
        f'<h4><a href="#measure-{m.number.lower()}">Measure {m.number}</a>: {rich(m.name)}</h4>\n'
        f'<figure class="measure-chart-figure">\n{chart_svg(m, r, key)}\n'
        f'<figcaption><p class="chart-summary">{escape(r.summary)}</p></figcaption>\n'
        "</figure>\n</div>\n"
    ]
    if r.annotations:
        notes = "".join(
            f"<li>{number}. {escape(n.label)}: {rich(n.text, terms=False)}</li>\n"
            for number, n in enumerate(r.annotations, start=1)
        )
        out.append(
            '<p class="list-intro">Numbered on the chart:</p>\n'
            f'<ul class="chart-notes">\n{notes}</ul>\n'
        )
    out.append(table(r, rich, key))
    out.append("</div>\n")
    return "".join(out)


def table(r: Reading, rich: RichText, key: str) -> str:
    xmr = r.analysis.rules == "mdc"
    limits = '<th scope="col">Lower limit</th><th scope="col">Upper limit</th>' if xmr else ""
    head = TABLE_HEAD.format(centre=r.analysis.centre_name.capitalize(), limits=limits)
    rows = []
    for row in r.rows():
        cells = [f'<th scope="row">{escape(row.period)}</th>', f"<td>{row.value}</td>"]
        cells.append(f"<td>{row.centre}</td>")
        if xmr:
            cells.append(f"<td>{row.lower}</td><td>{row.upper}</td>")
        cells.append(f"<td>{escape(row.shows)}</td>")
        cells.append(f"<td>{rich(row.notes, terms=False) if row.notes else ''}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    unit = f" ({rich(r.measure.unit, terms=False)})" if r.measure.unit else ""
    count = len(rows)
    return (
        f'<details class="chart-data">\n<summary>Data table: {count} '
        f"{'point' if count == 1 else 'points'} of measure {r.measure.number}</summary>\n"
        # seven columns do not fit a phone: the table scrolls sideways in its own
        # labelled region (a data table is WCAG 1.4.10's exception to reflow)
        f'<div class="chart-table-scroll" role="region" tabindex="0" '
        f'aria-labelledby="{key}-caption">\n'
        f'<table class="chart-table" id="{key}-table">\n'
        f'<caption id="{key}-caption">Measure {r.measure.number}, values{unit}, read with the '
        f"{r.rule_set}</caption>\n"
        f"<thead>\n{head}\n</thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>\n"
        "</details>\n"
    )
