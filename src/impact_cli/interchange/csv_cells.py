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

Spreadsheets save "CSV" in more than one way, and the sheet is read as it was saved:

* the delimiter is the comma, the semicolon (Excel in much of Europe, where the
  comma is the decimal mark) or the tab, told apart from the header row by
  ``csv.Sniffer``; Excel's ``sep=;`` first line names it outright;
* the text must be UTF-8: a sheet in another encoding (Excel's plain "CSV" on
  Windows writes Windows-1252) is refused at the first byte that is not UTF-8,
  saying what that byte would be in Windows-1252 and how to save the sheet as
  UTF-8. Guessing instead could put wrong letters into the diagram unnoticed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity, Span

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = ",;\t"
_DELIMITER_NAMES = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
_EXCEL_SEP = re.compile(r"sep=([,;\t])\r?\n")
_SAVE_AS_UTF8 = (
    "save it as 'CSV UTF-8' (Excel: File > Save As; LibreOffice: Save As, Edit filter "
    "settings, Unicode (UTF-8))"
)


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


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header row: comma, semicolon or tab (comma when the row
    has a single column and says nothing)."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


class Sheet:
    """A parsed CSV: header, records with their starting line numbers, diagnostics.

    A file that cannot be read at all (not UTF-8, not CSV, no header row) gets one
    ``unreadable`` finding (DD-I01 for an import, DD-D01 for a measure's data) and no
    records.
    """

    def __init__(
        self, data: bytes, path: str, diagnostics: list[Diagnostic], unreadable: str = "DD-I01"
    ) -> None:
        self.path = path
        self.diags = diagnostics
        self.unreadable = unreadable
        self.header: list[str] = []
        self.records: list[tuple[int, list[str]]] = []
        text = self._decode(data)
        if text is None:
            return
        first = 1  # the line the CSV text starts on: 2 after Excel's 'sep=;' line
        if sep := _EXCEL_SEP.match(text):
            self.delimiter = sep[1]
            text = text[sep.end() :]
            first = 2
        else:
            self.delimiter = sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=self.delimiter)
        start = first
        try:
            for record in reader:
                if any(cell.strip() for cell in record):
                    self.records.append((start, [restore_cell(cell) for cell in record]))
                start = reader.line_num + first
        except csv.Error as exc:
            self.error(self.unreadable, f"the file is not valid CSV: {exc}", Span.point(start, 1))
            self.records = []
            return
        if not self.records:
            self.error(self.unreadable, "the file is empty: no header row", Span.point(1, 1))
            return
        _, header = self.records.pop(0)
        self.header = [name.strip() for name in header]

    def _decode(self, data: bytes) -> str | None:
        """The sheet's text; None, with a DD-I01 that says how to save it, when it is not
        UTF-8."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.error(
                self.unreadable,
                "the file is UTF-16 text, not UTF-8",
                Span.point(1, 1),
                _SAVE_AS_UTF8,
            )
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
            byte = data[exc.start]
            meaning = bytes([byte]).decode("cp1252", "replace")
            said = f", '{meaning}' in Windows-1252" if meaning.isprintable() else ""
            self.error(
                self.unreadable,
                f"the file is not UTF-8 text (byte 0x{byte:02x} here{said})",
                Span.point(line, column),
                _SAVE_AS_UTF8 + "; Excel's plain 'CSV' is often Windows-1252",
            )
            return None

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
                    f"quote text that contains {_DELIMITER_NAMES[self.delimiter]}",
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
