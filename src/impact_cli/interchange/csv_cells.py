"""CSV text: cells made safe for spreadsheets, and sheets read from bytes.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula ("CSV injection", OWASP). Export writes such cells
with a leading apostrophe, which spreadsheets hide and treat as "this is text";
import removes exactly that one apostrophe again, so the round trip is lossless. A
cell that already starts with an apostrophe before one of these (or before another
apostrophe) is escaped too.

:class:`Sheet` reads one CSV file for import: UTF-8 (a byte-order mark allowed),
RFC 4180 quoting, blank records skipped, a header row, and every record with the
line it starts on, so that problems can be located as ``file.csv:LINE:COLUMN``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity, Span

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(text: str) -> str:
    """Make a cell safe to open in a spreadsheet."""
    if text.startswith(_FORMULA_START) or (
        text.startswith("'") and text[1:2] != "" and text[1:].startswith((*_FORMULA_START, "'"))
    ):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`defuse_cell` (and read cells escaped the same way by spreadsheets)."""
    if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")):
        return text[1:]
    return text


def write_csv(rows: Iterable[list[str]]) -> str:
    """``rows`` as CSV text, every cell defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as spreadsheets write
    writer.writerows([defuse_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


class Sheet:
    """A parsed CSV: header, records with their starting line numbers, diagnostics.

    A file that cannot be read at all (not UTF-8, not CSV, no header row) gets one
    DD-I01 and no records.
    """

    def __init__(self, data: bytes, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diags = diagnostics
        self.header: list[str] = []
        self.records: list[tuple[int, list[str]]] = []
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.error("DD-I01", "the file is not UTF-8 text", Span.point(line, 1))
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = 1
        try:
            for record in reader:
                if any(cell.strip() for cell in record):
                    self.records.append((start, [restore_cell(cell) for cell in record]))
                start = reader.line_num + 1
        except csv.Error as exc:
            self.error("DD-I01", f"the file is not valid CSV: {exc}", Span.point(start, 1))
            self.records = []
            return
        if not self.records:
            self.error("DD-I01", "the file is empty: no header row", Span.point(1, 1))
            return
        _, header = self.records.pop(0)
        self.header = [name.strip() for name in header]

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(code, Severity.ERROR, message, self.path, span, hint))

    def columns(self) -> dict[str, int]:
        """Lower-cased column name -> 1-based index (the first of duplicates)."""
        found: dict[str, int] = {}
        for i, name in enumerate(self.header, start=1):
            found.setdefault(name.lower(), i)
        return found

    def has_columns(self, names: tuple[str, ...], sheet: str) -> bool:
        """Whether the header has every column ``names`` (any case); DD-I02 for each not.

        ``sheet`` names the sheet in the message: 'the header', 'the elements sheet'.
        """
        columns = self.columns()
        missing = [name for name in names if name.lower() not in columns]
        for name in missing:
            self.error("DD-I02", f"{sheet} has no '{name}' column", Span.point(1, 1))
        return not missing

    def rows(self) -> Iterable[tuple[int, dict[str, str], dict[str, int]]]:
        """Each record as (line, lower-cased column -> stripped value, column -> index).

        A record with more cells than the header has columns gets DD-I12 and is left out.
        """
        cols = self.columns()
        for line, record in self.records:
            if len(record) > len(self.header):
                self.error(
                    "DD-I12",
                    f"this row has {len(record)} cells but the header has {len(self.header)} "
                    "columns",
                    Span.point(line, len(self.header) + 1),
                    "quote text that contains a comma",
                )
                continue
            values = {
                name: record[i - 1].strip() if i <= len(record) else "" for name, i in cols.items()
            }
            yield line, values, cols

    def column_cells(self, column: str) -> set[str]:
        """The stripped cells of ``column`` in every record, whatever else is wrong with it."""
        index = self.columns().get(column)
        if index is None:
            return set()
        return {r[index - 1].strip() for _, r in self.records if len(r) >= index}
