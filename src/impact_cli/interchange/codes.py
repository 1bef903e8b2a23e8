"""The CSV import problem codes (DD-I01 to DD-I12).

Kept apart from the CSV reader so that listing every rule (``impact rules``, SARIF
metadata, ``--select`` checks) does not import YAML or pydantic.
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..rules import Rule

CATEGORY = "import"
SOURCE = "impact import format (docs/interchange.md)"

RULES = (
    Rule(
        code="DD-I01",
        name="csv-unreadable",
        severity=Severity.ERROR,
        summary="The CSV file cannot be read: not UTF-8, empty, or no header row.",
        rationale="Nothing can be imported from it.",
        source=SOURCE,
        fix="Save the sheet as 'CSV UTF-8' with a header row.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I02",
        name="csv-missing-column",
        severity=Severity.ERROR,
        summary="A column the layout needs is missing from the header.",
        rationale="Without it the rows cannot be placed in the diagram.",
        source=SOURCE,
        fix="Add the column (spreadsheet: id, level, text; Kumu: Label, Type / From, To).",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I03",
        name="csv-unknown-column",
        severity=Severity.ERROR,
        summary="The header names a column the spreadsheet layout does not define.",
        rationale="Its values would be lost silently; it is often a misspelt column name.",
        source=SOURCE,
        fix="Fix the spelling (impact suggests the closest) or delete the column.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I04",
        name="csv-missing-value",
        severity=Severity.ERROR,
        summary="A row has no id, level or text.",
        rationale="A box needs text, a column and a name others can refer to.",
        source=SOURCE,
        fix="Fill in the cell, or delete the row.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I05",
        name="csv-invalid-level",
        severity=Severity.ERROR,
        summary="A level (or Kumu type) is not one of the driver-diagram columns.",
        rationale="Every box belongs to one column: aim, primary, secondary, tertiary or change.",
        source=SOURCE,
        fix="Use aim, primary, secondary, tertiary or change.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I06",
        name="csv-duplicate-id",
        severity=Severity.ERROR,
        summary="Two rows share an id (or two Kumu elements a label).",
        rationale="Links to that id would be ambiguous.",
        source=SOURCE,
        fix="Give every row its own id.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I07",
        name="csv-unknown-parent",
        severity=Severity.ERROR,
        summary="A parent, extra parent or connection names an id that no row has.",
        rationale="The link would point at nothing.",
        source=SOURCE,
        fix="Fix the id, or add the missing row.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I08",
        name="csv-wrong-parent",
        severity=Severity.ERROR,
        summary="A row hangs from a box of the wrong column, or links to one twice.",
        rationale="Links run one column at a time towards the aim: change idea to driver, "
        "tertiary to secondary, secondary to primary, primary to aim.",
        source=SOURCE,
        fix="Fix the level or the parent.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I09",
        name="csv-aim",
        severity=Severity.ERROR,
        summary="The sheet has no aim row, or more than one.",
        rationale="A driver diagram has exactly one aim.",
        source=SOURCE,
        fix="Keep one row with level 'aim'.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I10",
        name="csv-invalid-value",
        severity=Severity.ERROR,
        summary="A value is not allowed: an unknown status, priority or strength, or text "
        "with a control character.",
        rationale="Statuses, priorities and strengths have fixed vocabularies.",
        source=SOURCE,
        fix="Use one of the values the message lists.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I11",
        name="csv-no-parent",
        severity=Severity.ERROR,
        summary="A driver has no parent, or its parents loop back to it.",
        rationale="It would float unconnected to the aim.",
        source=SOURCE,
        fix="Give it a parent_id on the way to the aim.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-I12",
        name="csv-ragged-row",
        severity=Severity.ERROR,
        summary="A row has more cells than the header has columns.",
        rationale="The extra cells belong to no column; usually an unquoted comma in the text.",
        source=SOURCE,
        fix="Quote the cell that contains a comma, or add a header for the column.",
        category=CATEGORY,
    ),
)
