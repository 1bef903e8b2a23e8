"""The body of the page, in reading order: header, the figure with the drawing, the text
version, the footer.

The figure is as wide as the window: the stylesheet shows the drawing whole when it fits at
a readable size, and otherwise lets it scroll sideways inside its labelled region, with a
note above it saying so and a link that shows the drawing alone at its full size (the
figure as the target of the page's address, so no script is needed). On paper the drawing
prints whole, or in parts kept for print only (see :mod:`.paper`), and the title and
summary print again at the head of the text version.

Written in reading order because ``rich`` expands each glossary term at its first use
on the page (see :mod:`.richtext`). The page's own words are English: when the diagram
is in another language (``page.lang``), the body says so and the drawing and every
piece of user text carry the diagram's language (WCAG 3.1.2).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import escape

from .text_version import text_version

if TYPE_CHECKING:  # pragma: no cover
    from .paper import PrintPlan, Sheet
    from .richtext import RichText
    from .view import PageView

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
REGION_LABEL = "Driver diagram, scrolls sideways"
MADE_WITH = (
    "Made with impact, from a driver diagram written as code. "
    "The diagram and this text version come from the same file."
)


def body(page: PageView, svg: str, rich: RichText, plan: PrintPlan | None = None) -> str:
    """The ``<body>`` element; ``svg`` is the drawing's markup (render.svg escapes its text),
    ``plan`` how it prints."""
    meta = page.meta
    out = [
        '<body lang="en">\n' if page.lang else "<body>\n",
        '<a class="skip-link" href="#text-version">'
        "Skip to the text version of the driver diagram</a>\n"
        '<header class="site-header">\n<div class="width">\n'
        '<p class="kicker">Driver diagram</p>\n'
        f"<h1>{rich(meta.title)}</h1>\n",
    ]
    if meta.subtitle:
        out.append(f'<p class="subtitle">{rich(meta.subtitle)}</p>\n')
    out.append('</div>\n</header>\n<main id="main">\n')
    if meta.summary:
        out.append(f'<div class="width intro">\n<p class="lede">{rich(meta.summary)}</p>\n</div>\n')
    out.append(figure(page, svg, rich))
    if plan and plan.pages:
        out.append(print_sheets(plan.pages, page.lang))
    out.append(print_title(page, rich))
    out.append(text_version(page, rich))
    out.append(
        '</main>\n<footer class="site-footer">\n<div class="width">\n'
        '<h2 class="footer-heading">About this driver diagram</h2>\n'
    )
    out.append(about(page, rich))
    out.append(f"<p>{MADE_WITH}</p>\n</div>\n</footer>\n</body>\n")
    return "".join(out)


def figure(page: PageView, svg: str, rich: RichText) -> str:
    """The drawing in its scroll region, the note on how it is shown, and its caption."""
    if page.lang:
        svg = f'<div lang="{escape(page.lang)}">{svg}</div>'
    return (
        '<figure class="diagram" id="diagram-full-size">\n'
        '<p class="diagram-back"><a href="#diagram">Back to the page and its text version'
        "</a></p>\n"
        '<p class="diagram-note"><span class="if-scrolls">The drawing is wider than the '
        "window: scroll it sideways to see all of it, or </span>"
        '<span class="if-smaller">The drawing is shown smaller, to fit the window: </span>'
        '<a href="#diagram-full-size">open it full size</a>.</p>\n'
        f'<div class="diagram-scroll" id="diagram" role="region" aria-label="{REGION_LABEL}" '
        f'tabindex="0">\n{svg}\n</div>\n'
        f"<figcaption>Driver diagram: {rich(page.meta.title, terms=False)}. It has "
        f'{page.counts}. The <a href="#text-version">text version of the driver diagram</a> '
        "below gives the same information in words.</figcaption>\n</figure>\n\n"
    )


def print_sheets(pages: tuple[tuple[Sheet, ...], ...], lang: str | None) -> str:
    """The drawing in parts, for paper only: a ``<div>`` per page, each ``<svg>`` on it
    sized in millimetres."""
    language = f' lang="{escape(lang)}"' if lang else ""
    out = ['<div class="print-sheets">\n']
    for sheets in pages:
        turn = "landscape" if sheets[0].landscape else "portrait"
        out.append(f'<div class="sheet sheet-{turn}"{language}>\n')
        for sheet in sheets:
            size = f'<svg width="{sheet.width_mm:.1f}mm" height="{sheet.height_mm:.1f}mm" '
            out.append(sheet.svg.replace("<svg ", size, 1) + "\n")
        out.append("</div>\n")
    out.append("</div>\n")
    return "".join(out)


def print_title(page: PageView, rich: RichText) -> str:
    """The title, subtitle and summary again, for paper, where the header is left out for
    the drawing (which shows the title and subtitle itself) to have a page to itself."""
    meta = page.meta
    parts = [f'<p class="print-heading">{rich(meta.title, terms=False)}</p>\n']
    if meta.subtitle:
        parts.append(f"<p>{rich(meta.subtitle, terms=False)}</p>\n")
    if meta.summary:
        parts.append(f"<p>{rich(meta.summary, terms=False)}</p>\n")
    return f'<div class="width print-title">\n{"".join(parts)}</div>\n'


def about(page: PageView, rich: RichText) -> str:
    """The footer's facts about the diagram that are given; ``source`` linked if a URL."""
    rows: list[tuple[str, str]] = [(label, rich(text, terms=False)) for label, text in page.footer]
    source = page.meta.source
    if source:
        url = safe_url(source)
        rows.append(
            (
                "Source",
                f'<a href="{escape(url)}">{rich(url, terms=False)}</a>'
                if url
                else rich(source, terms=False),
            )
        )
    if not rows:
        return ""
    items = "".join(f"<dt>{label}</dt>\n<dd>{markup}</dd>\n" for label, markup in rows)
    return f'<dl class="meta">\n{items}</dl>\n'


def safe_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL that can be linked; otherwise None."""
    if value is None:
        return None
    value = value.strip()
    return value if _HTTP_URL.match(value) else None
