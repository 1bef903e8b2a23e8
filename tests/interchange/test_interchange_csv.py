"""CSV import and export: spreadsheet layout and Kumu sheets, round trips, located errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE, TESTS, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.interchange.csv_import import import_csv
from impact_cli.interchange.csv_kumu import export_kumu
from impact_cli.interchange.csv_spreadsheet import SPREADSHEET_COLUMNS, export_csv
from impact_cli.interchange.templates import MODELINE_PREFIX
from impact_cli.render import render
from impact_cli.rules.catalogue import get_rule

CSV_DATA = TESTS / "data" / "csv"
CASES = [*EXAMPLES, HOSTILE]


def _diagram(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    return result.diagram


def csv_view(diagram: Diagram) -> dict[str, Any]:
    """Everything the CSV layout carries, in terms of numbers (not generated keys)."""
    number = {k: (n.tier, n.number) for k, n in diagram.nodes.items()}
    return {
        "nodes": [
            (
                n.tier,
                n.number,
                n.title,
                n.description if n.tier is not Tier.AIM else None,
                number[n.parent] if n.parent else None,
                n.declared_id if n.tier is not Tier.AIM else None,
                n.status,
                n.priority,
                n.owner,
                n.pdsa,
                n.learning,
                n.linked,
            )
            for n in diagram.nodes.values()
        ],
        "links": [
            (number[lk.source], number[lk.target], lk.strength, lk.structural, lk.note)
            for lk in diagram.links
        ],
    }


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_yaml_csv_yaml_round_trip_is_lossless(path: Path) -> None:
    original = _diagram(path)
    text = export_csv(original)
    result = import_csv(text.encode("utf-8"), "round-trip.csv")
    assert result.yaml_text is not None, [d.format_line() for d in result.diagnostics]
    assert result.yaml_text.startswith(MODELINE_PREFIX)
    again = load_text(result.yaml_text, "again.yaml")
    assert again.ok
    assert again.diagram is not None
    # the aim's description is carried too
    assert again.diagram.aim.statement == original.aim.statement
    assert again.diagram.aim.description == original.aim.description
    view, view_again = csv_view(original), csv_view(again.diagram)
    # generated ids (d1.2, c3) stay generated; declared ids are kept
    assert view_again == view
    # and the second export is identical to the first: a fixed point
    assert export_csv(again.diagram) == text


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_round_trip_through_the_cli(impact: Invoke, tmp_path: Path, path: Path) -> None:
    sheet = tmp_path / f"{path.stem}.csv"
    rendered = impact("render", path, "-o", sheet)
    assert rendered.exit_code == 0, rendered.output
    assert sheet.read_bytes() == render(_diagram(path), "csv")
    target = tmp_path / f"{path.stem}.yaml"
    imported = impact("import", sheet, "-o", target)
    assert imported.exit_code == 0, imported.output
    assert target.read_text("utf-8").startswith(MODELINE_PREFIX)
    assert impact("validate", "--no-lint", target).exit_code == 0
    assert csv_view(_diagram(target)) == csv_view(_diagram(path))


def test_export_starts_with_the_spreadsheet_columns() -> None:
    rows = list(csv.reader(io.StringIO(export_csv(_diagram(EXAMPLES[0])))))
    assert rows[0][:6] == ["id", "level", "parent_id", "text", "color", "extra_parents"]
    assert tuple(rows[0]) == SPREADSHEET_COLUMNS
    assert rows[1][1] == "aim"
    assert {r[1] for r in rows[1:]} <= {"aim", "primary", "secondary", "tertiary", "change"}


def test_hand_written_spreadsheet_keeps_many_to_many_links(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "pressure.yaml"
    result = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", target)
    assert result.exit_code == 0, result.output
    diagram = _diagram(target)
    links = {
        (diagram.nodes[lk.source].title, diagram.nodes[lk.target].title) for lk in diagram.links
    }
    assert len(diagram.tier(Tier.PRIMARY)) == 2
    assert len(diagram.tier(Tier.SECONDARY)) == 3
    assert len(diagram.tier(Tier.CHANGE_IDEA)) == 3
    expected = {
        ("Repositioning chart used", "Patients moved regularly"),
        ("Repositioning chart used", "Skin checked on every shift"),
        ("Pressure-relieving mattresses available", "Skin checked on every shift"),
        ("SSKIN bundle on admission", "Skin check tool in the nursing notes"),
        ("SSKIN bundle on admission", "Repositioning chart used"),
        ("SSKIN bundle on admission", "Pressure-relieving mattresses available"),
        ("Two-hourly turns, with a timer", "Skin check tool in the nursing notes"),
        ("Two-hourly turns, with a timer", "Pressure-relieving mattresses available"),
    }
    assert expected <= links
    assert len(diagram.links) == 14  # 8 homes + 6 extra parents
    assert diagram.title == "Spreadsheet hand"


def test_bad_rows_are_located(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "bad.yaml"
    source = CSV_DATA / "bad-rows.csv"
    result = impact("import", source, "-o", target)
    assert result.exit_code == 1
    assert not target.exists()
    lines = result.stdout.splitlines()
    expected = [
        "4:3: error DD-I08: a secondary driver cannot hang from a change idea ('9')",
        "5:1: error DD-I06: duplicate id '3' (first used on line 4)",
        "6:2: error DD-I05: unknown level 'quaternary'",
        "7:4: error DD-I04: the 'text' cell is empty",
        "8:3: error DD-I08: a secondary driver cannot hang from an aim ('1')",
        "9:7: error DD-I12: this row has 7 cells but the header has 6 columns",
        "10:2: error DD-I09: a second aim (the first is on line 2)",
        "11:6: error DD-I07: no row has the id 'nope'",
        "11:6: error DD-I08: a change idea cannot hang from an aim ('1')",
    ]
    assert len(lines) == len(expected) + 1
    for line, want in zip(lines, expected, strict=False):
        assert line.startswith(f"{source}:{want}"), line
    assert get_rule("DD-I05") is not None


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        (b"", "DD-I01", "1:1"),
        (b"\xff\xfeid,level\r\n", "DD-I01", "1:1"),
        (b"id,level,parent\r\n1,aim,\r\n", "DD-I03", "1:3"),
        (b"id,text\r\n1,x\r\n", "DD-I02", "1:1"),
        (b"id,level,text\r\n1,primary,x\r\n", "DD-I09", "1:1"),
        (b"id,level,text,priority\r\n1,aim,x,\r\n2,primary,y,high\r\n", "DD-I10", "3:4"),
        (b"id,level,text,status\r\n1,aim,x,testing\r\n", "DD-I10", "2:4"),
        # the draft columns: linked, unconfirmed_links, link_notes
        (b"id,level,text,linked\r\n1,aim,x,\r\n2,primary,y,no\r\n", "DD-I10", "3:4"),
        (b"id,level,text,linked\r\n1,aim,x,\r\n2,primary,y,maybe\r\n", "DD-I10", "3:4"),
        (
            b"id,level,parent_id,text,linked\r\n1,aim,,x,\r\n2,primary,1,y,\r\n"
            b"3,secondary,2,z,no\r\n",
            "DD-I08",
            "4:3",
        ),
        (
            b"id,level,parent_id,text,unconfirmed_links\r\n1,aim,,x,\r\n2,primary,1,y,\r\n"
            b"3,secondary,2,z,9\r\n",
            "DD-I07",
            "4:5",
        ),
        (
            b"id,level,parent_id,text,weak_links,unconfirmed_links\r\n1,aim,,x,,\r\n"
            b"2,primary,1,y,,\r\n3,secondary,2,z,2,2\r\n",
            "DD-I10",
            "4:6",
        ),
        (
            b"id,level,parent_id,text,link_notes\r\n1,aim,,x,\r\n2,primary,1,y,\r\n"
            b'3,secondary,2,z,"2: one\n2: two"\r\n',
            "DD-I08",
            "4:5",
        ),
        (
            b"id,level,parent_id,text,linked,link_notes\r\n1,aim,,x,,\r\n2,primary,1,y,,\r\n"
            b"3,change,,z,no,a note\r\n",
            "DD-I07",
            "4:6",
        ),
        (
            b"id,level,text,status\r\n1,aim,x,\r\n2,primary,y,\r\n3,change,z,done\r\n",
            "DD-I10",
            "4:4",
        ),
        (b"id,level,text,parent_id\r\n1,aim,x,\r\n2,secondary,y,\r\n", "DD-I11", "3:4"),
        (b'id,level,text\r\n1,aim,"x\r\n', "DD-I01", "2:1"),
    ],
)
def test_each_problem_has_its_code_and_place(text: bytes, code: str, where: str) -> None:
    result = import_csv(text, "s.csv")
    assert result.yaml_text is None
    assert any(d.code == code and f"{d.line}:{d.col}" == where for d in result.diagnostics), [
        d.format_line() for d in result.diagnostics
    ]


def test_a_draft_sheet_says_what_a_draft_file_says(impact: Invoke, tmp_path: Path) -> None:
    """Typed by hand: 'no' in linked, a bare note (the link to parent_id), a note by
    id on a further link that runs over two lines, a driver's status."""
    sheet = tmp_path / "draft.csv"
    sheet.write_bytes(
        b"id,level,parent_id,text,extra_parents,status,linked,unconfirmed_links,link_notes\r\n"
        b"a,aim,,Fewer falls,,,,,\r\n"
        b"p1,primary,,Safe wards,,testing,,,Falls happen on busy wards\r\n"
        b"p2,primary,,Safe homes,,,,,\r\n"
        b's1,secondary,p1,Checks,p2,idea,,p2,"p2: only a guess\nfrom one audit"\r\n'
        b"s2,secondary,,Transport,,,No,,\r\n"
    )
    target = tmp_path / "draft.yaml"
    result = impact("import", sheet, "-o", target)
    assert result.exit_code == 0, result.output
    diagram = _diagram(target)
    nodes = diagram.nodes
    assert (nodes["p1"].status, nodes["s1"].status) == ("testing", "idea")
    assert not nodes["s2"].linked
    assert nodes["s2"].number == "U1"
    links = {(lk.source, lk.target): lk for lk in diagram.links}
    assert links["p1", "a"].note == "Falls happen on busy wards"
    assert links["s1", "p2"].unconfirmed
    assert links["s1", "p2"].note == "only a guess\nfrom one audit"
    assert links["s1", "p1"].strength == "strong"
    assert links["s1", "p1"].note is None


def test_old_sheets_without_the_draft_columns_still_import() -> None:
    """The thirteen columns before drafts: a sheet saved by an older impact."""
    old = export_csv(_diagram(EXAMPLES[0]))
    rows = list(csv.reader(io.StringIO(old)))
    assert rows[0][-3:] == ["linked", "unconfirmed_links", "link_notes"]
    cut = io.StringIO()
    csv.writer(cut, lineterminator="\r\n").writerows(row[:-3] for row in rows)
    result = import_csv(cut.getvalue().encode("utf-8"), "old.csv")
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    assert len(result.diagram.nodes) == len(_diagram(EXAMPLES[0]).nodes)


def test_kumu_sheets_import_with_links_either_way(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "kumu.yaml"
    result = impact(
        "import",
        CSV_DATA / "kumu-elements.csv",
        "--connections",
        CSV_DATA / "kumu-connections.csv",
        "-o",
        target,
    )
    assert result.exit_code == 0, result.output
    diagram = _diagram(target)
    assert [n.title for n in diagram.tier(Tier.PRIMARY)] == ["Stock available", "Staff aware"]
    links = {
        (diagram.nodes[lk.source].title, diagram.nodes[lk.target].title, lk.strength)
        for lk in diagram.links
    }
    assert ("Staff aware", diagram.aim.statement, "strong") in links  # written aim -> driver
    assert ("Stock list agreed", "Staff aware", "weak") in links
    assert ("Daily stock check", "Staff aware", "weak") in links  # numeric strength 0.5
    assert diagram.tier(Tier.CHANGE_IDEA)[0].description == "Pharmacist, each morning"


# Kumu's sheets have no place for a box not yet linked (docs/interchange.md).
KUMU_CASES = [p for p in CASES if p.stem != "discharge-draft"]


@pytest.mark.parametrize("path", KUMU_CASES, ids=lambda p: p.stem)
def test_kumu_round_trip(path: Path) -> None:
    original = _diagram(path)
    elements, connections = export_kumu(original)
    result = import_csv(elements.encode(), "e.csv", layout="kumu", connections=connections.encode())
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    view, again = csv_view(original), csv_view(result.diagram)
    strip = [
        (t, num, title, desc, par, st, pr, ow)
        for (t, num, title, desc, par, _i, st, pr, ow, _p, _l, _k) in view["nodes"]
    ]
    strip_again = [
        (t, num, title, desc, par, st, pr, ow)
        for (t, num, title, desc, par, _i, st, pr, ow, _p, _l, _k) in again["nodes"]
    ]
    assert strip_again == strip
    # strengths, unconfirmed too, but not notes
    assert [lk[:4] for lk in again["links"]] == [lk[:4] for lk in view["links"]]


def test_kumu_keeps_a_link_not_confirmed() -> None:
    """Dashed or 'unconfirmed' in Kumu's Strength is a link not confirmed."""
    elements = b"ID,Label,Type\r\na,Aim x,Aim\r\np,Driver y,Primary driver\r\n"
    connections = b"From,To,Strength\r\np,a,dashed\r\n"
    result = import_csv(elements, "e.csv", layout="kumu", connections=connections)
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    assert [lk.strength for lk in result.diagram.links] == ["unconfirmed"]


def test_import_refuses_to_overwrite_its_input(impact: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_bytes((CSV_DATA / "spreadsheet-hand.csv").read_bytes())
    result = impact("import", sheet, "-o", sheet)
    assert result.exit_code == 2
    assert sheet.read_bytes() == (CSV_DATA / "spreadsheet-hand.csv").read_bytes()


def test_import_defaults_to_yaml_beside_the_csv(impact: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "ward.csv"
    sheet.write_bytes((CSV_DATA / "spreadsheet-hand.csv").read_bytes())
    assert impact("import", sheet).exit_code == 0
    assert (tmp_path / "ward.yaml").is_file()
    again = impact("import", sheet)
    assert again.exit_code == 2, "never replaces a file it was not told to write"
    assert "--force" in again.stderr
    assert "-o" in again.stderr


def test_unknown_layout_is_a_usage_error(impact: Invoke) -> None:
    result = impact("import", CSV_DATA / "spreadsheet-hand.csv", "--layout", "xlsx")
    assert result.exit_code == 2


FORMULA_LIKE = [
    "=2+5",
    '=HYPERLINK("http://evil.example","x")',
    "+44 hotline",
    "-20% falls",
    "@ward rounds",
    "'=already escaped",
    "''two apostrophes",
    "'Tis the season",
]


@pytest.mark.parametrize("title", FORMULA_LIKE)
def test_formula_like_text_is_defused_and_round_trips(title: str) -> None:
    # Spreadsheets run cells starting with = + - @ as formulas (CSV injection): the
    # export must never write one raw, and import must give the text back exactly.
    source = (
        "title: T\naim: x\nprimary_drivers:\n"
        f"  - title: {yaml_quote(title)}\n    secondary_drivers: [s]\n"
    )
    original = load_text(source, "f.yaml").diagram
    assert original is not None
    text = export_csv(original)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    result = import_csv(text.encode("utf-8"), "f.csv")
    assert result.yaml_text is not None
    again = load_text(result.yaml_text, "again.yaml").diagram
    assert again is not None
    assert [n.title for n in again.tier(Tier.PRIMARY)] == [title]


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- sheets as spreadsheets save them, and files that already exist ----------------------

EUROPEAN = (
    "id;level;parent_id;text;extra_parents\r\n"
    "1;aim;;Halve pressure ulcers by March 2027;\r\n"
    "2;primary;1;Skin checked on every shift;\r\n"
    '3;secondary;2;"Tool in the notes; and on the board";\r\n'
    "4;secondary;2;Mattresses available;\r\n"
    "5;change;3;SSKIN bundle, on admission;4\r\n"
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("semicolons", EUROPEAN),
        ("tabs", EUROPEAN.replace(";", "\t").replace("\t and", "; and")),
        ("excel-sep-line", "sep=;\r\n" + EUROPEAN),
    ],
)
def test_semicolon_and_tab_sheets_are_read(
    impact: Invoke, tmp_path: Path, name: str, text: str
) -> None:
    # a European Excel saves ';'-separated CSV: "unknown column 'id;level;...'" before
    sheet = tmp_path / "pressure.csv"
    sheet.write_text(text, encoding="utf-8")
    result = impact("import", sheet, "-o", tmp_path / "pressure.yaml")
    assert result.exit_code == 0, result.output
    diagram = _diagram(tmp_path / "pressure.yaml")
    assert [n.title for n in diagram.nodes.values()] == [
        "Halve pressure ulcers by March 2027",
        "Skin checked on every shift",
        "Tool in the notes; and on the board",
        "SSKIN bundle, on admission",
        "Mattresses available",
    ]
    assert len(diagram.links) == 5  # 4 parents and one extra link


def test_an_excel_sep_line_keeps_the_line_numbers(impact: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("sep=;\r\nid;level;text\r\n1;aim;x\r\n2;primary;\r\n", encoding="utf-8")
    result = impact("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert f"{sheet}:4:3: error DD-I04: the 'text' cell is empty" in result.stdout


def test_a_windows_1252_sheet_is_explained(impact: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes("id,level,text\r\n1,aim,Fewer falls – by half\r\n".encode("cp1252"))
    result = impact("import", sheet, "-o", "-")
    assert result.exit_code == 1
    assert (
        f"{sheet}:2:19: error DD-I01: the file is not UTF-8 text (byte 0x96 here, '–' in "
        "Windows-1252)"
    ) in result.stdout
    assert "save it as 'CSV UTF-8'" in result.stdout
    assert "Windows-1252" in result.stdout.split("hint:", 1)[1]


def test_a_long_title_in_a_message_is_whole_or_marked_as_cut(tmp_path: Path) -> None:
    long = "Skin check tool in the nursing notes and in the electronic record on every ward"
    short = "Skin check tool in the nursing notes"
    sheet = (
        f"id,level,parent_id,text\r\n1,aim,,x\r\n2,secondary,,{long}\r\n3,secondary,,{short}\r\n"
    )
    messages = [d.message for d in import_csv(sheet.encode(), "s.csv").diagnostics]
    assert f"the secondary driver '{long[:59]}…' has no parent" in messages
    assert f"the secondary driver '{short}' has no parent" in messages


def test_import_never_replaces_a_diagram_silently(impact: Invoke, tmp_path: Path) -> None:
    existing = tmp_path / "ward-falls.yaml"
    original = next(p for p in EXAMPLES if p.stem == "ward-falls").read_bytes()
    existing.write_bytes(original)
    result = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", existing)
    assert result.exit_code == 2
    message = result.stderr.splitlines()[0]
    assert message.startswith(f"impact: error: {existing} already exists, and a CSV sheet")
    for lost in (
        "its title 'Reducing inpatient falls on Ward 7'",
        "the aim's baseline, target, deadline",
        "its 5 measures",
        "its 4 glossary terms",
        "its theory of change",
        "its comments",
    ):
        assert lost in message, message
    assert "--force" in result.stderr
    assert existing.read_bytes() == original

    forced = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", existing, "--force")
    assert forced.exit_code == 0, forced.output
    assert _diagram(existing).title == "Spreadsheet hand"
    # an import of the same sheet loses nothing a sheet carries, but still asks
    again = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", existing)
    assert again.exit_code == 2
    assert f"{existing} already exists\n" in again.stderr


def test_the_refusal_names_the_drawing_settings(impact: Invoke, tmp_path: Path) -> None:
    """direction, ideas_column and headings are diagram-wide: a sheet cannot carry them."""
    existing = tmp_path / "tertiary.yaml"
    existing.write_bytes(next(p for p in EXAMPLES if p.stem == "tertiary").read_bytes())
    result = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", existing)
    assert result.exit_code == 2
    assert "how it is drawn (its ideas_column and headings)" in result.stderr, result.stderr
    # 'direction: LR' is the default, so replacing it loses nothing
    assert "direction" not in result.stderr


def test_import_to_a_device_needs_no_force(impact: Invoke) -> None:
    result = impact("import", CSV_DATA / "spreadsheet-hand.csv", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
