"""The CSV import problem codes (DD-I01 to DD-I12).

Kept apart from csv_io so that listing every rule (``impact rules``, SARIF
metadata, ``--select`` checks) registers them without importing YAML or pydantic.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..rules import Rule, register

_E = Severity.ERROR
_SRC = "impact import format (docs/interchange.md)"

RULES = tuple(
    register(Rule(code, name, _E, summary, rationale, _SRC, fix, "import"))
    for code, name, summary, rationale, fix in (
        (
            "DD-I01",
            "csv-unreadable",
            "The CSV file cannot be read: not UTF-8, empty, or no header row.",
            "Nothing can be imported from it.",
            "Save the sheet as 'CSV UTF-8' with a header row.",
        ),
        (
            "DD-I02",
            "csv-missing-column",
            "A column the layout needs is missing from the header.",
            "Without it the rows cannot be placed in the diagram.",
            "Add the column (spreadsheet: id, level, text; Kumu: Label, Type / From, To).",
        ),
        (
            "DD-I03",
            "csv-unknown-column",
            "The header names a column the spreadsheet layout does not define.",
            "Its values would be lost silently; it is often a misspelt column name.",
            "Fix the spelling (impact suggests the closest) or delete the column.",
        ),
        (
            "DD-I04",
            "csv-missing-value",
            "A row has no id, level or text.",
            "A box needs text, a column and a name others can refer to.",
            "Fill in the cell, or delete the row.",
        ),
        (
            "DD-I05",
            "csv-invalid-level",
            "A level (or Kumu type) is not one of the driver-diagram columns.",
            "Every box belongs to one column: aim, primary, secondary, tertiary or change.",
            "Use aim, primary, secondary, tertiary or change.",
        ),
        (
            "DD-I06",
            "csv-duplicate-id",
            "Two rows share an id (or two Kumu elements a label).",
            "Links to that id would be ambiguous.",
            "Give every row its own id.",
        ),
        (
            "DD-I07",
            "csv-unknown-parent",
            "A parent, extra parent or connection names an id that no row has.",
            "The link would point at nothing.",
            "Fix the id, or add the missing row.",
        ),
        (
            "DD-I08",
            "csv-wrong-parent",
            "A row hangs from a box of the wrong column, or links to one twice.",
            "Links run one column at a time towards the aim: change idea to driver, "
            "tertiary to secondary, secondary to primary, primary to aim.",
            "Fix the level or the parent.",
        ),
        (
            "DD-I09",
            "csv-aim",
            "The sheet has no aim row, or more than one.",
            "A driver diagram has exactly one aim.",
            "Keep one row with level 'aim'.",
        ),
        (
            "DD-I10",
            "csv-invalid-value",
            "A value is not allowed: an unknown status, priority or strength, or text "
            "with a control character.",
            "Statuses, priorities and strengths have fixed vocabularies.",
            "Use one of the values the message lists.",
        ),
        (
            "DD-I11",
            "csv-no-parent",
            "A driver has no parent, or its parents loop back to it.",
            "It would float unconnected to the aim.",
            "Give it a parent_id on the way to the aim.",
        ),
        (
            "DD-I12",
            "csv-ragged-row",
            "A row has more cells than the header has columns.",
            "The extra cells belong to no column; usually an unquoted comma in the text.",
            "Quote the cell that contains a comma, or add a header for the column.",
        ),
    )
)
