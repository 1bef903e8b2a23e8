"""``impact import``: a driver diagram from CSV, in the spreadsheet or Kumu layout.

The bytes are read into a :class:`~.csv_cells.Sheet`, its records into rows by the
layout's reader (:mod:`.csv_spreadsheet`, :mod:`.csv_kumu`), the rows checked
(:mod:`.csv_checks`) and turned into YAML (:mod:`.csv_document`), which is loaded
and validated again before it is handed back.

Import problems are located in the CSV (``file.csv:LINE:COLUMN``) with codes
DD-I01 to DD-I12 (:mod:`.codes`). They are not YAML problems: the YAML written by
an import is generated.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..diagram import Diagram
from .csv_cells import Sheet
from .csv_checks import RowChecks
from .csv_document import document, title_from_path, to_yaml
from .csv_kumu import read_kumu
from .csv_spreadsheet import read_spreadsheet


@dataclass
class ImportResult:
    """What an import gave: YAML text (when the sheet was sound) and every problem."""

    yaml_text: str | None
    diagnostics: list[Diagnostic]
    diagram: Diagram | None = None


def import_csv(
    data: bytes,
    path: str,
    *,
    layout: str = "auto",
    connections: bytes | None = None,
    connections_path: str = "",
    schema: str = "driver-diagram.schema.json",
) -> ImportResult:
    """Import a driver diagram from CSV bytes; problems come back as diagnostics."""
    from ..check.load import load_text
    from ..diagnostics import sort_diagnostics

    diags: list[Diagnostic] = []
    sheet = Sheet(data, path, diags)
    if diags:
        return ImportResult(None, diags)
    names = {name.lower() for name in sheet.header}
    if layout == "auto":
        layout = "kumu" if "label" in names and "level" not in names else "spreadsheet"
    if layout == "spreadsheet":
        rows = read_spreadsheet(sheet)
    else:
        extra = Sheet(connections, connections_path, diags) if connections is not None else None
        rows = read_kumu(sheet, extra)
    if not any(d.code in ("DD-I01", "DD-I02") for d in diags):
        # a rejected row's id still names a real row: links to it are not reported again
        rejected = sheet.column_cells("id" if layout == "spreadsheet" else "label")
        checks = RowChecks(rows, sheet, rejected)
        aim = checks.check()
        if aim is not None and not diags:
            doc = document(checks.by_id, aim, title_from_path(path))
            text = to_yaml(doc, schema=schema, source=path)
            result = load_text(text, path)
            if result.ok:
                return ImportResult(text, [], result.diagram)
            for diag in result.diagnostics:  # pragma: no cover - the checks above catch these
                sheet.error(
                    "DD-I10", f"the imported diagram is not valid: {diag.message}", diag.span
                )
    return ImportResult(None, sort_diagnostics(diags))
