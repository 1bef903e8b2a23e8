"""Text for people: ``path:line:col: severity CODE: message``, the source line, a caret.

Colour comes from rich, imported only when colour is on, so CI logs (not a TTY)
never pay for it.
"""

from __future__ import annotations

import unicodedata

from ..check.validate import FileReport
from ..diagnostics import Diagnostic, Severity, printable

MAX_PER_FILE = 50
"""Findings shown per file; the rest are counted (a generated file can hold thousands)."""
EXCERPT_BEFORE, EXCERPT_AFTER = 60, 100
"""Characters of the source line shown before the finding and from it on."""

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters and most emoji take two, marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def excerpt(d: Diagnostic, source: str) -> tuple[str, str]:
    """The source line around the finding, made printable and bounded, and its caret
    line, aligned by display width."""
    start = max(0, min(d.span.col - 1, len(source)))
    length = 1
    if d.span.end_line == d.span.line and d.span.end_col > d.span.col:
        length = d.span.end_col - d.span.col
    length = max(1, min(length, EXCERPT_AFTER, len(source) - start))
    first = max(0, start - EXCERPT_BEFORE)
    last = min(len(source), start + EXCERPT_AFTER)
    before = ("…" if first else "") + printable(source[first:start].replace("\t", " "))
    marked = printable(source[start : start + length].replace("\t", " "))
    after = printable(source[start + length : last].replace("\t", " "))
    shown = before + marked + after + ("…" if last < len(source) else "")
    caret = " " * _display_width(before) + "^" * max(1, _display_width(marked))
    return shown, caret


def render_diagnostic(d: Diagnostic, report: FileReport, *, quiet: bool) -> list[tuple[str, str]]:
    """Lines of (text, style) for one diagnostic."""
    lines = [(d.format_line(), "")]
    if quiet:
        return lines
    # the report holds the diagram's text: a finding in a measure's data file shows none
    source = report.source_line(d.span.line) if d.path == report.path else ""
    if source.strip():
        gutter = f"{d.span.line:>5} | "
        shown, caret = excerpt(d, source)
        lines.append((gutter + shown, "dim"))
        lines.append((" " * (len(gutter) - 2) + "| " + caret, _STYLE[d.severity]))
    if d.hint:
        lines.append((f"      = hint: {printable(d.hint)}", "cyan"))
    return lines


def report(
    files: list[FileReport], *, quiet: bool = False, color: bool = False, strict: bool = False
) -> str:
    chunks: list[list[tuple[str, str]]] = []
    for file in files:
        for d in file.diagnostics[:MAX_PER_FILE]:
            chunks.append(render_diagnostic(d, file, quiet=quiet))
        rest = len(file.diagnostics) - MAX_PER_FILE
        if rest > 0:
            more = f"{printable(file.path)}: {_plural(rest, 'more finding')} not shown"
            chunks.append([(more + " (--format json lists every one)", "")])
    lines: list[tuple[str, str]] = []
    for i, chunk in enumerate(chunks):
        if i and not quiet:
            lines.append(("", ""))
        lines.extend(chunk)
    if not quiet:
        if lines:
            lines.append(("", ""))
        lines.append(_summary(files, strict))
    if not lines:
        return ""
    if not color:
        return "".join(text + "\n" for text, _ in lines)
    return _colour(lines)


def _summary(files: list[FileReport], strict: bool) -> tuple[str, str]:
    errors = sum(f.errors for f in files)
    warnings = sum(f.warnings for f in files)
    infos = sum(f.count(Severity.INFO) for f in files)
    failed = sum(1 for f in files if f.failed(strict=strict))
    checked = _plural(len(files), "file")
    if not (errors or warnings or infos):
        return (f"All {checked} valid." if len(files) > 1 else "1 file valid.", "bold green")
    found = [_plural(errors, "error")] if errors else []
    found += [_plural(warnings, "warning")] if warnings else []
    found += [f"{infos} info"] if infos else []
    verdict = f"{failed} of {checked} failed" if failed else f"{checked} valid"
    return (f"Found {', '.join(found)} ({verdict}).", "bold red" if failed else "bold yellow")


def _colour(lines: list[tuple[str, str]]) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(force_terminal=True, color_system="standard", soft_wrap=True, width=10_000)
    with console.capture() as capture:
        for text, style in lines:
            rich_text = Text(text, style=style)
            for sev, sev_style in _STYLE.items():
                marker = f" {sev.value} "
                at = text.find(marker)
                if not style and at >= 0:
                    rich_text.stylize(sev_style, at + 1, at + 1 + len(sev.value))
            console.print(rich_text, highlight=False)
    return capture.get()
