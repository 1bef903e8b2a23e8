"""The CSV import problem codes (DD-I01 to DD-I12).

Kept apart from the CSV reader so that listing every rule (``impact rules``, SARIF
metadata, ``--select`` checks) does not import YAML or pydantic.
"""

from __future__ import annotations

from functools import partial

from ..diagnostics import Severity
from ..rules import Rule

#: Every import problem is an error, explained in the import format's docs.
_rule = partial(
    Rule,
    severity=Severity.ERROR,
    category="import",
    source="impact import format (docs/interchange.md)",
)

RULES = (
    _rule(
        code="DD-I01",
        name="csv-unreadable",
        summary="The CSV file cannot be read: not UTF-8, empty, or no header row.",
        rationale="Nothing can be imported from it.",
        fix="Save the sheet as 'CSV UTF-8' with a header row.",
    ),
    _rule(
        code="DD-I02",
        name="csv-missing-column",
        summary="A column the layout needs is missing from the header.",
        rationale="Without it the rows cannot be placed in the diagram.",
        fix="Add the column (spreadsheet: id, level, text; Kumu: Label, Type / From, To).",
    ),
    _rule(
        code="DD-I03",
        name="csv-unknown-column",
        summary="The header names a column the spreadsheet layout does not define.",
        rationale="Its values would be lost silently; it is often a misspelt column name.",
        fix="Fix the spelling (impact suggests the closest) or delete the column.",
    ),
    _rule(
        code="DD-I04",
        name="csv-missing-value",
        summary="A row has no id, level or text.",
        rationale="A box needs text, a column and a name others can refer to.",
        fix="Fill in the cell, or delete the row.",
    ),
    _rule(
        code="DD-I05",
        name="csv-invalid-level",
        summary="A level (or Kumu type) is not one of the driver-diagram columns.",
        rationale="Every box belongs to one column: aim, primary, secondary, tertiary or change.",
        fix="Use aim, primary, secondary, tertiary or change.",
    ),
    _rule(
        code="DD-I06",
        name="csv-duplicate-id",
        summary="Two rows share an id (or two Kumu elements a label).",
        rationale="Links to that id would be ambiguous.",
        fix="Give every row its own id.",
    ),
    _rule(
        code="DD-I07",
        name="csv-unknown-parent",
        summary="A parent, extra parent or connection names an id that no row has, or a "
        "weak_links, unconfirmed_links or link_notes cell names a link the row does not have.",
        rationale="The link would point at nothing.",
        fix="Fix the id, or add the missing row.",
    ),
    _rule(
        code="DD-I08",
        name="csv-wrong-parent",
        summary="A row hangs from a box of the wrong column, links to one twice, has two "
        "notes on one link, or has a parent although its linked cell says 'no'.",
        rationale="Links run one column at a time towards the aim: change idea to driver, "
        "tertiary to secondary, secondary to primary, primary to aim.",
        fix="Fix the level or the parent.",
    ),
    _rule(
        code="DD-I09",
        name="csv-aim",
        summary="The sheet has no aim row, or more than one.",
        rationale="A driver diagram has exactly one aim.",
        fix="Keep one row with level 'aim'.",
    ),
    _rule(
        code="DD-I10",
        name="csv-invalid-value",
        summary="A value is not allowed: an unknown status, priority, strength or linked "
        "value, one the row's column cannot have, or text with a control character.",
        rationale="Statuses, priorities and strengths have fixed vocabularies.",
        fix="Use one of the values the message lists.",
    ),
    _rule(
        code="DD-I11",
        name="csv-no-parent",
        summary="A driver has no parent (and its linked cell does not say 'no'), or its "
        "parents loop back to it.",
        rationale="It would float unconnected to the aim, with nothing saying it is a draft.",
        fix="Give it a parent_id on the way to the aim, or write 'no' in its linked column "
        "while its place is not known yet.",
    ),
    _rule(
        code="DD-I12",
        name="csv-ragged-row",
        summary="A row has more cells than the header has columns.",
        rationale="The extra cells belong to no column; usually an unquoted comma in the text.",
        fix="Quote the cell that contains a comma, or add a header for the column.",
    ),
)
