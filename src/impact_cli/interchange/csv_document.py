"""From checked CSV rows to the YAML of a driver-diagram file.

Rows nest under their parents as the file format writes them; further links
become ``supports:``. A CSV id is kept as the box's ``id`` when it is a valid id
and not one impact would generate anyway (``d1.2``, ``c3``); an id that is neither
gets a valid one made from it only when another row links to it, and otherwise
none, so that impact numbers the box.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..diagram import Tier
from ..fileformat.model import ID_PATTERN
from .csv_rows import Row

_GENERATED = re.compile(r"^(?:d\d+(?:\.\d+)*|dU\d+|c\d+)_*$")
_ID_RE = re.compile(ID_PATTERN)
_NESTED = (
    ("secondary_drivers", Tier.SECONDARY),
    ("tertiary_drivers", Tier.TERTIARY),
    ("change_ideas", Tier.CHANGE_IDEA),
)


def document(by_id: dict[str, Row], aim: Row, title: str) -> dict[str, Any]:
    """The file-format data for the checked rows ``by_id`` (in row order)."""
    ids = _yaml_ids(by_id, aim)
    children: dict[str, list[Row]] = {}
    top_ideas: list[Row] = []
    for row in by_id.values():
        if row is aim:
            continue
        if row.parent:
            children.setdefault(row.parent, []).append(row)
        else:
            top_ideas.append(row)

    def item(row: Row) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if ids[row.ident]:
            data["id"] = ids[row.ident]
        data["title"] = row.text
        if row.description:
            data["description"] = row.description
        if row.parent:
            strength = _strength(row, row.parent)
            if strength:
                data["strength"] = strength
            if row.parent in row.notes:
                data["link_note"] = row.notes[row.parent]
        supports: list[Any] = []
        for target in row.extra:
            ref: dict[str, Any] = {"to": ids[target]}
            strength = _strength(row, target)
            if strength:
                ref["strength"] = strength
            if target in row.notes:
                ref["note"] = row.notes[target]
            supports.append(ref if len(ref) > 1 else ids[target])
        if supports:
            data["supports"] = supports
        for key, value in (
            ("status", row.status),
            ("priority", row.priority),
            ("owner", row.owner),
            ("pdsa", row.pdsa),
            ("learning", row.learning),
        ):
            if value:
                data[key] = value
        kids = children.get(row.ident, [])
        # the lists in the order of their first row, so that reading order survives
        # (a driver's own change ideas may come before its sub-drivers)
        tiers = [kid.tier for kid in kids]
        for key, tier in sorted(_NESTED, key=lambda n: tiers.index(n[1]) if n[1] in tiers else 9):
            nested = [item(k) for k in kids if k.tier is tier]
            if nested:
                data[key] = nested
        if not row.linked:
            data["linked"] = False
        return data

    doc: dict[str, Any] = {"title": title}
    aim_data: dict[str, Any] = {}
    if ids[aim.ident] and ids[aim.ident] != "aim":
        aim_data["id"] = ids[aim.ident]
    aim_data["statement"] = aim.text
    if aim.description:
        aim_data["description"] = aim.description
    doc["aim"] = aim_data if len(aim_data) > 1 else aim.text
    doc["primary_drivers"] = [item(r) for r in children.get(aim.ident, [])]
    # rows with no parent: change ideas that support nothing, and boxes not yet linked,
    # which the file format writes at the top level of their tier
    for key, tier in _NESTED:
        top = [item(r) for r in top_ideas if r.tier is tier]
        if top:
            doc[key] = top
    return doc


def _strength(row: Row, target: str) -> str | None:
    """The link to ``target``'s strength as the file writes it (None: strong)."""
    if target in row.weak:
        return "weak"
    return "unconfirmed" if target in row.unconfirmed else None


def _yaml_ids(by_id: dict[str, Row], aim: Row) -> dict[str, str | None]:
    """CSV id -> declared YAML id (None: let impact number it)."""
    referenced = {t for r in by_id.values() for t in r.extra}
    taken = {r.ident for r in by_id.values() if _keep(r.ident)}
    result: dict[str, str | None] = {}
    for row in by_id.values():
        if row is aim:
            result[row.ident] = row.ident if _keep(row.ident) else None
        elif _keep(row.ident):
            result[row.ident] = row.ident
        elif row.ident in referenced:
            base = re.sub(r"[^A-Za-z0-9_-]", "-", row.ident)
            base = (base if base[:1].isalpha() else "n" + base)[:60]
            candidate, n = base, 1
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            taken.add(candidate)
            result[row.ident] = candidate
        else:
            result[row.ident] = None
    return result


def _keep(ident: str) -> bool:
    return bool(_ID_RE.match(ident)) and not _GENERATED.match(ident)


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def title_from_path(path: str) -> str:
    """The diagram's title, from the CSV's file name ('ward-falls.csv': 'Ward falls')."""
    stem = Path(path).stem if path not in ("-", "<stdin>") else "Imported driver diagram"
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported driver diagram"


def to_yaml(doc: dict[str, Any], *, schema: str, source: str) -> str:
    """``doc`` as the text of a file, with its schema modeline and where it came from."""
    from .templates import modeline

    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)
    return f"{modeline(schema)}\n# Imported from {Path(source).name} by 'impact import'.\n{body}"
