"""The body of the page, in reading order: header, the figure with the drawing, the text
version, the footer.

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
    from .richtext import RichText
    from .view import PageView

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
REGION_LABEL = "Driver diagram, scrolls sideways"
MADE_WITH = (
    "Made with impact, from a driver diagram written as code. "
    "The diagram and this text version come from the same file."
)


def body(page: PageView, svg: str, rich: RichText) -> str:
    """The ``<body>`` element; ``svg`` is the drawing's markup (render.svg escapes its text)."""
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
    out.append('</div>\n</header>\n<main class="width" id="main">\n')
    if meta.summary:
        out.append(f'<p class="lede">{rich(meta.summary)}</p>\n')
    if page.lang:
        svg = f'<div lang="{escape(page.lang)}">{svg}</div>'
    out.append(
        '<figure class="diagram">\n'
        f'<div class="diagram-scroll" role="region" aria-label="{REGION_LABEL}" tabindex="0">\n'
        f"{svg}\n</div>\n"
        f"<figcaption>Driver diagram: {rich(meta.title, terms=False)}. It has {page.counts}. "
        'The <a href="#text-version">text version of the driver diagram</a> below gives the '
        "same information in words.</figcaption>\n</figure>\n\n"
    )
    out.append(text_version(page, rich))
    out.append(
        '</main>\n<footer class="site-footer">\n<div class="width">\n'
        '<h2 class="footer-heading">About this driver diagram</h2>\n'
    )
    out.append(about(page, rich))
    out.append(f"<p>{MADE_WITH}</p>\n</div>\n</footer>\n</body>\n")
    return "".join(out)


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
