"""A measure's data file: found beside the diagram, read safely, its rows checked.

Read as safely as the diagram itself (docs/security.md): the format has already
refused absolute paths and '..'; here a path that leads out of the diagram's folder
through a symbolic link is refused too (``DD-D02``), and the file is read through
:func:`~impact_cli.source.files.read_bytes`: a regular file only, at most the size
limit (``DD-D01``). The CSV is read as an import reads a sheet
(:class:`~impact_cli.interchange.csv_cells.Sheet`: UTF-8, comma, semicolon or tab);
its columns are the period, the value and an optional note (``DD-D08``), and its rows
are checked by :mod:`.series`. A finding in the file is located in it
(``falls.csv:ROW:COLUMN``) and its ``pointer`` names the measure's ``data`` key; a
finding about the file itself is located at that key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity, Span, printable
from ..errors import ImpactError
from ..source.files import read_bytes
from ..source.text import Limits
from .series import Row, Series, check_rows

if TYPE_CHECKING:  # pragma: no cover
    from ..interchange.csv_cells import Sheet


class DataFile:
    """One measure's data file, named at ``at`` (the ``data`` value) in the diagram."""

    def __init__(
        self,
        name: str,
        folder: Path | None,
        diagram_path: str,
        at: Span,
        pointer: str,
        limits: Limits,
        diags: list[Diagnostic],
    ) -> None:
        self.name = name
        self.folder = folder
        self.diagram_path = diagram_path
        self.at = at
        self.pointer = pointer
        self.limits = limits
        self.diags = diags
        self.shown = str(Path(diagram_path).parent / name)

    def error(self, code: str, message: str, hint: str | None = None) -> None:
        """A problem with the file as a whole, located where the diagram names it."""
        self.diags.append(
            Diagnostic(code, Severity.ERROR, message, self.diagram_path, self.at, hint)
        )

    def in_file(self, code: str, message: str, span: Span, hint: str) -> None:
        """A problem inside the file, located in it."""
        self.diags.append(
            Diagnostic(code, Severity.ERROR, message, self.shown, span, hint, self.pointer)
        )

    def read(self) -> Series | None:
        """The checked series, or None (and the findings say why)."""
        from ..interchange.csv_cells import Sheet

        data = self.bytes()
        if data is None:
            return None
        before = len(self.diags)
        series = self.series(Sheet(data, self.shown, self.diags, unreadable="DD-D01"))
        self.diags[before:] = [d._replace(pointer=self.pointer) for d in self.diags[before:]]
        return series

    def bytes(self) -> bytes | None:
        name = printable(self.name)
        if self.folder is None:
            self.error(
                "DD-D01",
                f"cannot read the data file '{name}': the diagram came from standard input, "
                "so it has no folder",
                "give the diagram's path instead of '-'",
            )
            return None
        path = self.folder / self.name
        try:
            inside = path.resolve().is_relative_to(self.folder.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            self.error(
                "DD-D02",
                f"the data file '{name}' leads outside the diagram's folder through a "
                "symbolic link",
                "put the CSV file itself in the diagram's folder",
            )
            return None
        try:
            data = read_bytes(path, self.limits)
        except ImpactError as exc:
            self.error("DD-D01", f"cannot read the data file: {exc.message}", exc.hint)
            return None
        if len(data) > self.limits.max_bytes:
            self.error(
                "DD-D01", f"the data file '{name}' is larger than {self.limits.max_bytes:,} bytes"
            )
            return None
        return data

    def series(self, sheet: Sheet) -> Series | None:
        if not sheet.header:
            return None  # the sheet said why
        if not sheet.records:
            self.in_file(
                "DD-D01",
                "the data file has a header but no rows",
                Span.point(1, 1),
                "add one row per period: period, value, note",
            )
            return None
        rows = list(self.rows(sheet))
        return check_rows(rows, self.shown, self.diags) if rows else None

    def rows(self, sheet: Sheet) -> Iterator[Row]:
        header = sheet.header
        if not 2 <= len(header) <= 3:
            columns = f"{len(header)} column{'s' if len(header) != 1 else ''}"
            self.in_file(
                "DD-D08",
                f"the header has {columns}; a data file has a period, a value and an optional note",
                Span.point(1, 4 if len(header) > 3 else 1),
                "keep the columns period, value and note, in that order",
            )
            return
        for line, cells in sheet.records:
            if len(cells) > len(header):
                self.in_file(
                    "DD-D08",
                    f"this row has {len(cells)} cells but the header has {len(header)} columns",
                    Span.point(line, len(header) + 1),
                    "write numbers without a thousands separator; quote text that holds the "
                    "delimiter",
                )
                continue
            cells = [*cells, "", ""]
            note = cells[2].strip() if len(header) == 3 else ""
            yield Row(cells[0], cells[1], note or None, Span.point(line, 1), Span.point(line, 2))
