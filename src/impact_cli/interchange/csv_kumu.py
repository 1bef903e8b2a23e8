"""Kumu's elements and connections sheets: export, and reading them for import.

An elements sheet (``Label``, ``Type``, ``Description``; optional ``ID``, ``Status``,
``Priority``, ``Owner``) and a connections sheet (``From``, ``To``, ``Strength``).
Types are Aim, Primary driver, Secondary driver, Tertiary driver and Change idea. A
connection may be written either way round (cause to effect or effect to cause):
the tiers say which end is the cause. An element's first connection towards the aim
is its home, the others are further links. Strength is ``weak``/``dotted``,
``strong``/``solid``, ``unconfirmed``/``dashed`` (a link not confirmed), or a number
(below 1 is weak). Kumu's sheets carry no notes on links and no box whose place is
not known yet (docs/interchange.md).
"""

from __future__ import annotations

from ..diagnostics import Span
from ..diagram import Diagram, Tier
from .csv_cells import Sheet, write_csv
from .csv_rows import Row, read_tier

KUMU_TYPES = {
    Tier.AIM: "Aim",
    Tier.PRIMARY: "Primary driver",
    Tier.SECONDARY: "Secondary driver",
    Tier.TERTIARY: "Tertiary driver",
    Tier.CHANGE_IDEA: "Change idea",
}
_TYPES_HINT = "use Aim, Primary driver, Secondary driver, Tertiary driver or Change idea"


def export_kumu(diagram: Diagram) -> tuple[str, str]:
    """Kumu's elements and connections sheets, as CSV text."""
    elements = [["ID", "Label", "Type", "Description", "Status", "Priority", "Owner"]]
    for node in diagram.nodes.values():
        elements.append(
            [
                node.key,
                node.title,
                KUMU_TYPES[node.tier],
                node.description or "",
                node.status or "",
                node.priority or "",
                node.owner or "",
            ]
        )
    connections = [["From", "To", "Strength"]]
    for node in diagram.nodes.values():
        for link in diagram.links_from(node.key):
            connections.append([link.source, link.target, link.strength])
    return write_csv(elements), write_csv(connections)


def read_kumu(elements: Sheet, connections: Sheet | None) -> list[Row]:
    """The rows of Kumu's sheets (DD-I02, DD-I04, DD-I05, DD-I07, DD-I08, DD-I10)."""
    if not elements.has_columns(("Label", "Type"), "the elements sheet"):
        return []
    rows = _read_elements(elements)
    if connections is not None:
        _read_connections(connections, rows)
    return rows


def _read_elements(elements: Sheet) -> list[Row]:
    rows: list[Row] = []
    for line, values, where in elements.rows():
        if not values["label"]:
            elements.error("DD-I04", "the 'Label' cell is empty", Span.point(line, where["label"]))
            continue
        tier = read_tier(elements, line, values, where, "type", _TYPES_HINT)
        if tier is None:
            continue
        ident = values.get("id") or values["label"]
        named = {k: where[k] for k in where}
        named["id"] = where.get("id", where["label"])
        named["text"] = where["label"]
        row = Row(ident, tier, values["label"], line, named)
        row.read_details(values)
        rows.append(row)
    return rows


def _read_connections(connections: Sheet, rows: list[Row]) -> None:
    """Add each connection to the row of its cause: its home first, then further links."""
    if not connections.has_columns(("From", "To"), "the connections sheet"):
        return
    by_key: dict[str, Row] = {}
    for row in rows:
        by_key.setdefault(row.ident, row)
    for row in rows:  # labels work too when the sheet has an ID column
        by_key.setdefault(row.text, row)
    for line, values, where in connections.rows():
        ends: list[Row] = []
        for name in ("from", "to"):
            row_found = by_key.get(values[name])
            if row_found is None:
                connections.error(
                    "DD-I07",
                    f"no element is called '{values[name]}'",
                    Span.point(line, where[name]),
                )
            else:
                ends.append(row_found)
        if len(ends) != 2:
            continue
        cause, effect = ends
        if cause.tier < effect.tier:  # written from effect to cause
            cause, effect = effect, cause
        strength = _strength(values.get("strength", ""))
        if strength is None:
            connections.error(
                "DD-I10",
                f"unknown strength '{values.get('strength', '')}'",
                Span.point(line, where.get("strength", 1)),
                "use weak, strong or unconfirmed (or a number: below 1 is weak)",
            )
            continue
        if effect.ident in cause.link_lines or effect.ident == cause.ident:
            connections.error(
                "DD-I08",
                f"'{cause.text}' is linked to '{effect.text}' twice",
                Span.point(line, where["from"]),
            )
            continue
        cause.link_lines[effect.ident] = (line, where["from"])
        if not cause.parent:
            cause.parent = effect.ident
        else:
            cause.extra.append(effect.ident)
        if strength == "weak":
            cause.weak.add(effect.ident)
        elif strength == "unconfirmed":
            cause.unconfirmed.add(effect.ident)


def _strength(strength: str) -> str | None:
    """A connection's strength as the file writes it; None when it is not a strength."""
    text = strength.strip().lower()
    if text in ("", "strong", "solid"):
        return "strong"
    if text in ("weak", "dotted"):
        return "weak"
    if text in ("unconfirmed", "dashed"):
        return "unconfirmed"
    try:
        return "weak" if float(text) < 1 else "strong"
    except ValueError:
        return None
