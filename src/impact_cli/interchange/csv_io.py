"""CSV import and export: the spreadsheet layout and Kumu's elements/connections sheets.

Spreadsheet layout (the one NHS driver-diagram tools such as FreeSPC's use), one row
per box, first the six columns those tools read, then optional columns of ours that
they ignore::

    id,level,parent_id,text,color,extra_parents,description,weak_links,status,priority,owner,pdsa,learning

* ``level``: aim, primary, secondary, tertiary (ours) or change.
* ``parent_id``: the box it hangs from (its home); ``extra_parents``: further
  boxes it supports, separated by ``;`` (``,`` is accepted on import).
* ``weak_links``: which of ``parent_id``/``extra_parents`` are weak links (``;``).
* ``pdsa``: one PDSA note per line inside the cell.

Kumu: an elements sheet (``Label``, ``Type``, ``Description``; optional ``ID``,
``Status``, ``Priority``, ``Owner``) and a connections sheet (``From``, ``To``,
``Strength``). Types are Aim, Primary driver, Secondary driver, Tertiary driver and
Change idea. A connection may be written either way round (cause to effect or
effect to cause): the tiers say which end is the cause. An element's first
connection towards the aim is its home, the others are further links. Strength is
``weak``/``dotted`` or ``strong``/``solid``, or a number (below 1 is weak).

Import problems are located in the CSV (``file.csv:LINE:COLUMN``) with codes
DD-I01 to DD-I12, registered here. They are not YAML problems: the YAML written by
an import is generated, and is validated again before it is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Severity, Span
from ..diagram import Diagram, Tier
from ..fileformat.model import ID_PATTERN

_E = Severity.ERROR

SPREADSHEET_COLUMNS = (
    "id",
    "level",
    "parent_id",
    "text",
    "color",
    "extra_parents",
    "description",
    "weak_links",
    "status",
    "priority",
    "owner",
    "pdsa",
    "learning",
)
LEVEL_NAMES = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary",
    Tier.SECONDARY: "secondary",
    Tier.TERTIARY: "tertiary",
    Tier.CHANGE_IDEA: "change",
}
KUMU_TYPES = {
    Tier.AIM: "Aim",
    Tier.PRIMARY: "Primary driver",
    Tier.SECONDARY: "Secondary driver",
    Tier.TERTIARY: "Tertiary driver",
    Tier.CHANGE_IDEA: "Change idea",
}
_LEVEL_ALIASES: dict[str, Tier] = {
    "aim": Tier.AIM,
    "primary": Tier.PRIMARY,
    "primary driver": Tier.PRIMARY,
    "primary_driver": Tier.PRIMARY,
    "secondary": Tier.SECONDARY,
    "secondary driver": Tier.SECONDARY,
    "secondary_driver": Tier.SECONDARY,
    "tertiary": Tier.TERTIARY,
    "tertiary driver": Tier.TERTIARY,
    "tertiary_driver": Tier.TERTIARY,
    "change": Tier.CHANGE_IDEA,
    "change idea": Tier.CHANGE_IDEA,
    "change_idea": Tier.CHANGE_IDEA,
    "idea": Tier.CHANGE_IDEA,
}
_ALLOWED_PARENTS: dict[Tier, frozenset[Tier]] = {
    Tier.PRIMARY: frozenset({Tier.AIM}),
    Tier.SECONDARY: frozenset({Tier.PRIMARY}),
    Tier.TERTIARY: frozenset({Tier.SECONDARY}),
    Tier.CHANGE_IDEA: frozenset({Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY}),
}
_STATUSES = ("idea", "testing", "adopted", "adapted", "abandoned")
_PRIORITIES = ("high", "medium", "low")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_GENERATED = re.compile(r"^(?:d\d+(?:\.\d+)*|c\d+)_*$")
_ID_RE = re.compile(ID_PATTERN)


def _cell(value: str | None) -> str:
    return value or ""


# A spreadsheet runs a cell that starts with one of these as a formula ("CSV
# injection", OWASP). Such cells are written with a leading apostrophe, which
# spreadsheets hide and treat as "this is text"; import removes exactly that one
# apostrophe again, so the round trip is lossless. A cell that already starts with
# an apostrophe before one of these (or before another apostrophe) is escaped too.
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


def export_rows(diagram: Diagram) -> list[list[str]]:
    """The spreadsheet layout's rows (header first) for ``diagram``."""
    rows = [list(SPREADSHEET_COLUMNS)]
    for node in diagram.nodes.values():
        links = diagram.links_from(node.key)
        extra = [link.target for link in links if not link.structural]
        weak = [link.target for link in links if link.weak]
        rows.append(
            [
                node.key,
                LEVEL_NAMES[node.tier],
                _cell(node.parent),
                node.title,
                "",
                ";".join(extra),
                _cell(node.description),
                ";".join(weak),
                _cell(node.status),
                _cell(node.priority),
                _cell(node.owner),
                "\n".join(node.pdsa),
                _cell(node.learning),
            ]
        )
    return rows


def _write_csv(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as spreadsheets write
    writer.writerows([defuse_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def export_csv(diagram: Diagram) -> str:
    """The diagram in the spreadsheet layout, as CSV text."""
    return _write_csv(export_rows(diagram))


def export_kumu(diagram: Diagram) -> tuple[str, str]:
    """Kumu's elements and connections sheets, as CSV text."""
    elements = [["ID", "Label", "Type", "Description", "Status", "Priority", "Owner"]]
    for node in diagram.nodes.values():
        elements.append(
            [
                node.key,
                node.title,
                KUMU_TYPES[node.tier],
                _cell(node.description),
                _cell(node.status),
                _cell(node.priority),
                _cell(node.owner),
            ]
        )
    connections = [["From", "To", "Strength"]]
    for node in diagram.nodes.values():
        for link in diagram.links_from(node.key):
            connections.append([link.source, link.target, link.strength])
    return _write_csv(elements), _write_csv(connections)


# -- reading -----------------------------------------------------------------------


@dataclass
class _Row:
    """One box, however it was written, with where each value came from."""

    ident: str
    tier: Tier
    text: str
    line: int
    cols: dict[str, int]
    parent: str = ""
    extra: list[str] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)
    description: str = ""
    status: str = ""
    priority: str = ""
    owner: str = ""
    pdsa: list[str] = field(default_factory=list)
    learning: str = ""
    link_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each link (by target id) was written, for connections sheets."""

    def at(self, column: str) -> Span:
        return Span.point(self.line, self.cols.get(column, 1))


@dataclass
class ImportResult:
    """What an import gave: YAML text (when the sheet was sound) and every problem."""

    yaml_text: str | None
    diagnostics: list[Diagnostic]
    diagram: Diagram | None = None


class _Sheet:
    """A parsed CSV: header, records with their starting line numbers, diagnostics."""

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
        _, self.header = self.records.pop(0)
        self.header = [name.strip() for name in self.header]

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(code, _E, message, self.path, span, hint))

    def columns(self) -> dict[str, int]:
        """Lower-cased column name -> 1-based index (the first of duplicates)."""
        found: dict[str, int] = {}
        for i, name in enumerate(self.header, start=1):
            found.setdefault(name.lower(), i)
        return found

    def rows(self) -> Iterable[tuple[int, dict[str, str], dict[str, int]]]:
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


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _read_spreadsheet(sheet: _Sheet) -> list[_Row]:
    from ..diagnostics import suggest

    cols = sheet.columns()
    for i, name in enumerate(sheet.header, start=1):
        if name.lower() not in SPREADSHEET_COLUMNS:
            guess = suggest(name.lower(), list(SPREADSHEET_COLUMNS))
            sheet.error(
                "DD-I03",
                f"unknown column '{name}'",
                Span.point(1, i),
                f"did you mean '{guess}'?"
                if guess
                else "the columns are: " + ", ".join(SPREADSHEET_COLUMNS),
            )
    missing = [c for c in ("id", "level", "text") if c not in cols]
    for name in missing:
        sheet.error("DD-I02", f"the header has no '{name}' column", Span.point(1, 1))
    if missing:
        return []
    rows: list[_Row] = []
    for line, values, where in sheet.rows():
        blank = [c for c in ("id", "level", "text") if not values[c]]
        for name in blank:
            sheet.error("DD-I04", f"the '{name}' cell is empty", Span.point(line, where[name]))
        if blank:
            continue
        tier = _LEVEL_ALIASES.get(values["level"].lower())
        if tier is None:
            sheet.error(
                "DD-I05",
                f"unknown level '{values['level']}'",
                Span.point(line, where["level"]),
                "use aim, primary, secondary, tertiary or change",
            )
            continue
        row = _Row(values["id"], tier, values["text"], line, where)
        row.parent = values.get("parent_id", "")
        row.extra = _split_ids(values.get("extra_parents", ""))
        row.weak = set(_split_ids(values.get("weak_links", "")))
        row.description = values.get("description", "")
        row.status = values.get("status", "").lower()
        row.priority = values.get("priority", "").lower()
        row.owner = values.get("owner", "")
        row.pdsa = [p.strip() for p in values.get("pdsa", "").splitlines() if p.strip()]
        row.learning = values.get("learning", "")
        for target in row.weak - {row.parent, *row.extra}:
            sheet.error(
                "DD-I07",
                f"weak_links names '{target}', which is not a parent of this row",
                row.at("weak_links"),
            )
        rows.append(row)
    return rows


_KUMU_ELEMENT_COLUMNS = ("id", "label", "type", "description", "status", "priority", "owner")


def _read_kumu(elements: _Sheet, connections: _Sheet | None) -> list[_Row]:
    cols = elements.columns()
    missing = [c for c in ("label", "type") if c not in cols]
    for name in missing:
        elements.error(
            "DD-I02", f"the elements sheet has no '{name.title()}' column", Span.point(1, 1)
        )
    if missing:
        return []
    rows: list[_Row] = []
    for line, values, where in elements.rows():
        if not values["label"]:
            elements.error("DD-I04", "the 'Label' cell is empty", Span.point(line, where["label"]))
            continue
        tier = _LEVEL_ALIASES.get(values["type"].lower())
        if tier is None:
            elements.error(
                "DD-I05",
                f"unknown type '{values['type']}'",
                Span.point(line, where["type"]),
                "use Aim, Primary driver, Secondary driver, Tertiary driver or Change idea",
            )
            continue
        ident = values.get("id") or values["label"]
        named = {k: where[k] for k in where}
        named["id"] = where.get("id", where["label"])
        named["text"] = where["label"]
        row = _Row(ident, tier, values["label"], line, named)
        row.description = values.get("description", "")
        row.status = values.get("status", "").lower()
        row.priority = values.get("priority", "").lower()
        row.owner = values.get("owner", "")
        rows.append(row)
    if connections is None:
        return rows
    ccols = connections.columns()
    missing = [c for c in ("from", "to") if c not in ccols]
    for name in missing:
        connections.error(
            "DD-I02", f"the connections sheet has no '{name.title()}' column", Span.point(1, 1)
        )
    if missing:
        return rows
    by_key: dict[str, _Row] = {}
    for row in rows:
        by_key.setdefault(row.ident, row)
    for row in rows:  # labels work too when the sheet has an ID column
        by_key.setdefault(row.text, row)
    for line, values, where in connections.rows():
        ends: list[_Row] = []
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
        weak = _kumu_weak(values.get("strength", ""))
        if weak is None:
            connections.error(
                "DD-I10",
                f"unknown strength '{values.get('strength', '')}'",
                Span.point(line, where.get("strength", 1)),
                "use weak or strong (or a number: below 1 is weak)",
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
        if weak:
            cause.weak.add(effect.ident)
    return rows


def _kumu_weak(value: str) -> bool | None:
    text = value.strip().lower()
    if text in ("", "strong", "solid"):
        return False
    if text in ("weak", "dotted"):
        return True
    try:
        return float(text) < 1
    except ValueError:
        return None


# -- building the YAML ---------------------------------------------------------------


class _Builder:
    def __init__(self, rows: list[_Row], path: str, diags: list[Diagnostic]) -> None:
        self.rows = rows
        self.path = path
        self.diags = diags
        self.by_id: dict[str, _Row] = {}
        self.rejected: set[str] = set()
        """Ids of rows already reported as bad: links to them are not reported again."""

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(code, _E, message, self.path, span, hint))

    def check(self) -> _Row | None:
        for row in self.rows:
            if row.ident in self.by_id:
                first = self.by_id[row.ident]
                self.error(
                    "DD-I06",
                    f"duplicate id '{row.ident}' (first used on line {first.line})",
                    row.at("id"),
                )
                continue
            self.by_id[row.ident] = row
            self._check_values(row)
        aims = [r for r in self.by_id.values() if r.tier is Tier.AIM]
        if not aims:
            self.error("DD-I09", "no row has level 'aim'", Span.point(1, 1))
            return None
        for extra in aims[1:]:
            self.error(
                "DD-I09",
                f"a second aim (the first is on line {aims[0].line})",
                extra.at("level"),
                "a driver diagram has one aim",
            )
        aim = aims[0]
        for row in self.by_id.values():
            if row.tier is Tier.AIM:
                continue
            self._check_links(row, aim)
        self._check_reachable(aim)
        return aim

    def _check_values(self, row: _Row) -> None:
        for column, value in (
            ("text", row.text),
            ("description", row.description),
            ("owner", row.owner),
            ("learning", row.learning),
            ("pdsa", "\n".join(row.pdsa)),
        ):
            bad = _CONTROL.search(value)
            if bad:
                self.error(
                    "DD-I10",
                    f"the {column} contains the control character U+{ord(bad.group()):04X}",
                    row.at(column),
                )
        for column, value, allowed in (
            ("status", row.status, _STATUSES),
            ("priority", row.priority, _PRIORITIES),
        ):
            if value and value not in allowed:
                self.error(
                    "DD-I10",
                    f"unknown {column} '{value}'",
                    row.at(column),
                    "use one of: " + ", ".join(allowed),
                )
            elif value and row.tier is not Tier.CHANGE_IDEA:
                self.error(
                    "DD-I10",
                    f"only change ideas have a {column}; this row is a {row.tier.label}",
                    row.at(column),
                )
        if (row.owner or row.pdsa or row.learning) and row.tier is not Tier.CHANGE_IDEA:
            self.error(
                "DD-I10",
                f"only change ideas have an owner, PDSA notes or learning; this row is a "
                f"{row.tier.label}",
                row.at("owner" if row.owner else "pdsa" if row.pdsa else "learning"),
            )

    def _check_links(self, row: _Row, aim: _Row) -> None:
        if not row.parent and row.tier is Tier.PRIMARY:
            row.parent = aim.ident
        if not row.parent and row.extra:
            row.parent = row.extra.pop(0)
        targets = [("parent_id", row.parent)] if row.parent else []
        targets += [("extra_parents", t) for t in row.extra]
        seen: set[str] = set()
        for column, target in targets:
            span = self._link_span(row, target, column)
            parent = self.by_id.get(target)
            if parent is None:
                if target not in self.rejected:
                    self.error("DD-I07", f"no row has the id '{target}'", span)
                continue
            if target in seen or target == row.ident:
                self.error("DD-I08", f"'{target}' is linked twice (or to itself)", span)
                continue
            seen.add(target)
            if parent.tier not in _ALLOWED_PARENTS[row.tier]:
                allowed = " or ".join(t.plural for t in sorted(_ALLOWED_PARENTS[row.tier]))
                self.error(
                    "DD-I08",
                    f"a {row.tier.label} cannot hang from {_a(parent.tier.label)} ('{target}'); "
                    f"it supports only {allowed}",
                    span,
                )
        if not row.parent and row.tier is not Tier.CHANGE_IDEA:
            self.error(
                "DD-I11",
                f"the {row.tier.label} '{row.text[:40]}' has no parent",
                row.at("parent_id"),
                "give it a parent_id",
            )

    @staticmethod
    def _link_span(row: _Row, target: str, column: str) -> Span:
        if target in row.link_lines:
            return Span.point(*row.link_lines[target])
        return row.at(column)

    def _check_reachable(self, aim: _Row) -> None:
        """Parents always point one column nearer the aim, so only bad rows are cut off."""
        if any(d.severity is _E for d in self.diags):
            return
        for row in self.by_id.values():
            seen = {row.ident}
            current = row
            while current.tier is not Tier.AIM and current.parent:
                current = self.by_id[current.parent]
                if current.ident in seen:  # pragma: no cover - tiers strictly decrease
                    self.error("DD-I11", "parents loop back to this row", row.at("parent_id"))
                    break
                seen.add(current.ident)

    # -- the file-format data ------------------------------------------------------

    def ids(self, aim: _Row) -> dict[str, str | None]:
        """CSV id -> declared YAML id (None: let impact number it)."""
        referenced = {t for r in self.by_id.values() for t in r.extra}
        taken = {r.ident for r in self.by_id.values() if self._keep(r.ident)}
        result: dict[str, str | None] = {}
        for row in self.by_id.values():
            if row is aim:
                result[row.ident] = row.ident if self._keep(row.ident) else None
            elif self._keep(row.ident):
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

    @staticmethod
    def _keep(ident: str) -> bool:
        return bool(_ID_RE.match(ident)) and not _GENERATED.match(ident)

    def document(self, aim: _Row, title: str) -> dict[str, Any]:
        ids = self.ids(aim)
        children: dict[str, list[_Row]] = {}
        top_ideas: list[_Row] = []
        for row in self.by_id.values():
            if row is aim:
                continue
            if row.parent:
                children.setdefault(row.parent, []).append(row)
            else:
                top_ideas.append(row)

        def item(row: _Row) -> dict[str, Any]:
            data: dict[str, Any] = {}
            if ids[row.ident]:
                data["id"] = ids[row.ident]
            data["title"] = row.text
            if row.description:
                data["description"] = row.description
            if row.parent and row.parent in row.weak:
                data["strength"] = "weak"
            supports: list[Any] = []
            for target in row.extra:
                ref = ids[target]
                supports.append({"to": ref, "strength": "weak"} if target in row.weak else ref)
            if supports:
                data["supports"] = supports
            kids = children.get(row.ident, [])
            for key, tier in (
                ("secondary_drivers", Tier.SECONDARY),
                ("tertiary_drivers", Tier.TERTIARY),
                ("change_ideas", Tier.CHANGE_IDEA),
            ):
                nested = [item(k) for k in kids if k.tier is tier]
                if nested:
                    data[key] = nested
            for key, value in (
                ("status", row.status),
                ("priority", row.priority),
                ("owner", row.owner),
                ("pdsa", row.pdsa),
                ("learning", row.learning),
            ):
                if value:
                    data[key] = value
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
        if top_ideas:
            doc["change_ideas"] = [item(r) for r in top_ideas]
        return doc


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def title_from_path(path: str) -> str:
    stem = Path(path).stem if path not in ("-", "<stdin>") else "Imported driver diagram"
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported driver diagram"


def to_yaml(doc: dict[str, Any], *, schema: str, source: str) -> str:
    from .templates import modeline

    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)
    return f"{modeline(schema)}\n# Imported from {Path(source).name} by 'impact import'.\n{body}"


def _rejected_ids(sheet: _Sheet, layout: str) -> set[str]:
    """The id cells of every record (a rejected row's id still names a real row)."""
    column = sheet.columns().get("id" if layout == "spreadsheet" else "label")
    if column is None:
        return set()
    return {r[column - 1].strip() for _, r in sheet.records if len(r) >= column}


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
    sheet = _Sheet(data, path, diags)
    if diags:
        return ImportResult(None, diags)
    names = {name.lower() for name in sheet.header}
    if layout == "auto":
        layout = "kumu" if "label" in names and "level" not in names else "spreadsheet"
    if layout == "spreadsheet":
        rows = _read_spreadsheet(sheet)
    else:
        extra = _Sheet(connections, connections_path, diags) if connections is not None else None
        rows = _read_kumu(sheet, extra)
    if not any(d.code in ("DD-I01", "DD-I02") for d in diags):
        builder = _Builder(rows, path, diags)
        builder.rejected = _rejected_ids(sheet, layout)
        aim = builder.check()
        if aim is not None and not diags:
            doc = builder.document(aim, title_from_path(path))
            text = to_yaml(doc, schema=schema, source=path)
            result = load_text(text, path)
            if result.ok:
                return ImportResult(text, [], result.diagram)
            for diag in result.diagnostics:  # pragma: no cover - the checks above catch these
                builder.error(
                    "DD-I10", f"the imported diagram is not valid: {diag.message}", diag.span
                )
    return ImportResult(None, sort_diagnostics(diags))
