"""The markup watch adds: the live region, the index of a directory, a placeholder
page, and the page as served, with its script and Content-Security-Policy.

The page itself is never changed here except by insertion: ``served_page`` adds a
nonce to its stylesheet, the watch stylesheet and script in its head, and the live
region after its header. Everything a file controls (names, messages, titles) is
escaped with :func:`html.escape` after :func:`~impact_cli.diagnostics.printable`,
which also shows bidi overrides and control characters as ``\\uXXXX``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape, unescape
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..diagnostics import Severity, printable
from ..errors import ImpactError
from ..reporters.text import MAX_PER_FILE

if TYPE_CHECKING:  # pragma: no cover
    from ..check.validate import FileReport
    from .session import Entry, Shown

REGION_LABEL = "Live preview"


def content_security_policy(nonce: str) -> str:
    """The page needs its inline stylesheet; watch adds its own stylesheet, its script
    and the event stream. Nothing else: no other script, no frame, no form, no request
    to another host."""
    return (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


@cache
def _asset(name: str) -> str:
    return files("impact_cli.watch").joinpath(name).read_text(encoding="utf-8")


def served_page(shown: Shown, key: str, nonce: str, *, index_link: bool) -> bytes:
    """The page as watch serves it: the page, plus the live region and its script."""
    watch_head = (
        f'<style nonce="{nonce}" id="impact-watch-style">\n{_asset("watch.css")}</style>\n'
        f'<script nonce="{nonce}">\n{_asset("livereload.js")}</script>\n</head>'
    )
    page = _replace_first(shown.page, "<style>", f'<style nonce="{nonce}">')
    page = _replace_first(page, "</head>", watch_head)
    return _replace_first(
        page, "</header>\n", "</header>\n" + region(shown, key, index_link=index_link)
    ).encode("utf-8")


def _replace_first(page: str, markup: str, new: str) -> str:
    """``markup`` is the page template's own (every user text in the page is escaped,
    so none can hold a raw ``</head>``), and its first occurrence is the one meant."""
    at = page.find(markup)
    if at < 0:  # pragma: no cover - the page template changed
        raise RuntimeError(f"the page has no {markup!r} to put the live preview in")
    return page[:at] + new + page[at + len(markup) :]


_PARTS = re.compile(
    r'<html lang="(?P<lang>[^"]*)">.*?<title>(?P<title>.*?)</title>.*?<style>(?P<style>.*?)</style>'
    r".*?(?P<body><body\b.*</body>)",
    re.DOTALL,
)


def parts(page: str) -> dict[str, str]:
    """What the script needs to put a new page in place of the old: its language, title,
    stylesheet and body, apart. (The browser would check a stylesheet in a parsed
    whole page against the policy and report it, though it is never applied.)"""
    match = _PARTS.search(page)
    if match is None:  # pragma: no cover - the page template changed
        raise RuntimeError("the page does not have the parts the live preview replaces")
    found = match.groupdict()
    found["title"] = unescape(found["title"])
    return found


def region(shown: Shown, key: str, *, index_link: bool) -> str:
    """The live preview's landmark: the problems in a polite live region, kept across
    updates (the script moves this element into each new page, so that screen readers
    keep following it)."""
    stale = " data-stale" if shown.stale else ""
    back = '<p class="impact-watch-nav"><a href="/">All diagrams</a></p>\n' if index_link else ""
    return (
        f'<section class="impact-watch" id="impact-watch" aria-label="{REGION_LABEL}" '
        f'data-page="{escape(key)}" data-version="{shown.version}" '
        f'data-status="{shown.status_id}"{stale}>\n<div class="width">\n'
        f'<div id="impact-watch-status" aria-live="polite">{shown.status}</div>\n'
        f"{back}</div>\n</section>\n"
    )


# -- the problems ------------------------------------------------------------------------


def status(
    name: str, report: FileReport | None, error: ImpactError | None, *, has_page: bool
) -> str:
    """What the live region says about one diagram."""
    file = f"<code>{_text(name)}</code>"
    if report is None or (error is not None and not report.failed()):
        what = "cannot be read" if report is None else "could not be drawn"
        assert error is not None
        items = [_item("", error.message, error.hint)]
        return f"<p><strong>{file} {what}.</strong> {_kept(has_page)}</p>\n" + _list(items)
    counts = _counts(report)
    if not report.diagnostics:
        return f"<p>No problems in {file}. The page shows it as last saved.</p>\n"
    head = f"<p><strong>{file}: {counts}.</strong> "
    head += _kept(has_page) if report.failed() else "The page shows it as last saved."
    items = [
        _item(f"{d.span.line}:{d.span.col} {d.severity.value} {d.code}", d.message, d.hint)
        for d in report.diagnostics[:MAX_PER_FILE]
    ]
    rest = len(report.diagnostics) - MAX_PER_FILE
    more = f"<p>{rest} more not shown here; the terminal lists them.</p>\n" if rest > 0 else ""
    return head + "</p>\n" + _list(items) + more


def _kept(has_page: bool) -> str:
    if has_page:
        return (
            "The diagram below is out of date: it is the last version without errors. "
            "It updates when you save the file without errors."
        )
    return "There is no diagram to show until the file has no errors."


def _counts(report: FileReport) -> str:
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        n = report.count(severity)
        if n:
            parts.append(f"{n} {word}{'' if n == 1 else 's'}")
    infos = report.count(Severity.INFO)
    if infos:
        parts.append(f"{infos} info")
    return ", ".join(parts)


def _item(where: str, message: str, hint: str | None) -> str:
    located = f"<strong>{_text(where)}</strong> " if where else ""
    tip = f'<br><span class="impact-watch-hint">Hint: {_text(hint)}</span>' if hint else ""
    return f"<li>{located}{_text(message)}{tip}</li>\n"


def _list(items: list[str]) -> str:
    return '<ul class="impact-watch-problems">\n' + "".join(items) + "</ul>\n"


def _text(text: str) -> str:
    return escape(printable(text))


# -- pages watch makes itself ------------------------------------------------------------


def placeholder_page(name: str, theme: str) -> str:
    """The page of a file that has never been valid: its problems show above."""
    return _page(
        f"{name}: no diagram yet",
        "Driver diagram",
        name,
        "<p>The diagram appears here when the file has no errors.</p>\n",
        theme,
    )


def index_page(directory: Path, entries: Sequence[Entry], theme: str) -> tuple[str, str]:
    """The index of a watched directory, and what its live region says."""
    name = printable(str(directory))
    rows = "".join(
        f'<li><a href="{escape(quote(entry.key))}">{_text(entry.name)}</a>{_summary(entry)}</li>\n'
        for entry in entries
    )
    body = (
        f'<ul class="impact-watch-index">\n{rows}</ul>\n'
        if entries
        else "<p>There are no diagrams (*.yaml, *.yml) here yet.</p>\n"
    )
    failing = sum(1 for entry in entries if entry.shown is not None and entry.shown.stale)
    count = f"{len(entries)} diagram{'' if len(entries) == 1 else 's'}"
    said = f"{count}, {failing} with errors." if failing else f"{count}, none with errors."
    page = _page(f"Driver diagrams in {name}", "Driver diagrams", name, body, theme)
    return page, f"<p>{said}</p>\n"


def _summary(entry: Entry) -> str:
    title = f": {_text(entry.title)}" if entry.title else ""
    if entry.report is None or entry.error is not None:
        state = "cannot be read" if entry.report is None else "could not be drawn"
    elif entry.report.diagnostics:
        state = _counts(entry.report)
    else:
        state = "no problems"
    return f"{title} ({state})"


def _page(title: str, kicker: str, heading: str, main: str, theme: str) -> str:
    from ..render.html import environment
    from ..render.html.palette import PAGE_THEMES

    css = (
        environment()
        .get_template("html-page.css.j2")
        .render(
            theme=PAGE_THEMES[theme.lower()],
            screen=None,
            paper="A4",
            plan=None,
            sheet_margin="10mm",
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{_text(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        '<header class="site-header">\n<div class="width">\n'
        f'<p class="kicker">{kicker}</p>\n<h1>{_text(heading)}</h1>\n</div>\n</header>\n'
        f'<main class="width" id="main">\n{main}</main>\n</body>\n</html>\n'
    )
