"""The mistakes corpus: the YAML mistakes people new to YAML make, each explained.

Every file in ``tests/mistakes/`` is a small, realistic driver diagram with one
mistake in it. ``tests/mistakes/expected.json`` holds, for each, the code, the
line and column where the fix goes, the message and hint, and the value the
user wrote, which the message must name. Each file is checked on both YAML
parsers (which must agree exactly) and through the real CLI. No message may be
the parser's own wording: that is what this corpus exists to prevent.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import TESTS, Invoke
from impact_cli.check.load import load_text

MISTAKES = TESTS / "mistakes"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (MISTAKES / "expected.json").read_text(encoding="utf-8")
)
NAMES = sorted(EXPECTED)

# What PyYAML and libyaml say; a person new to YAML cannot act on any of it.
PARSER_WORDING = (
    "mapping values are not allowed",
    "did not find expected",
    "could not find expected",
    "while scanning",
    "while parsing",
    "expected <block end>",
    "found character",
    "cannot start any token",
    "found unexpected end of stream",
    "violates indentation",
    "YAML syntax error",
    "the parser says",
)


def _found(name: str, use_c: bool) -> list[tuple[Any, ...]]:
    result = load_text((MISTAKES / name).read_bytes(), name, use_c=use_c)
    assert result.diagram is None
    return [(d.code, d.line, d.col, d.message, d.hint) for d in result.diagnostics]


def test_catalogue_is_complete() -> None:
    files = sorted(p.name for p in MISTAKES.iterdir() if p.suffix == ".yaml")
    assert files == NAMES, "every file in tests/mistakes needs an entry in expected.json"
    assert len(files) >= 30
    for name in files:
        assert re.fullmatch(r"\d\d-[a-z-]+\.yaml", name), name
        first = (MISTAKES / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# Mistake: "), name
    for entry in EXPECTED.values():
        assert set(entry) - {"problems"} == {"code", "line", "column", "message", "hint", "names"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])
def test_explained_where_the_fix_goes(name: str, use_c: bool) -> None:
    expected = EXPECTED[name]
    found = _found(name, use_c)
    # one mistake, one problem: no knock-on noise (a mistake repeated on several lines,
    # such as the aim's parts not indented, is one problem on each of those lines)
    assert len(found) == expected.get("problems", 1), found
    code, line, col, message, hint = found[0]
    assert (code, line, col) == (expected["code"], expected["line"], expected["column"])
    assert expected["message"] in message
    assert hint is not None
    assert expected["hint"] in hint
    assert expected["names"] in message, "the message names the value written"


@pytest.mark.parametrize("name", NAMES)
def test_both_parsers_say_the_same(name: str) -> None:
    assert _found(name, use_c=True) == _found(name, use_c=False)


@pytest.mark.parametrize("name", NAMES)
def test_no_parser_wording(name: str) -> None:
    for use_c in (True, False):
        for _, _, _, message, hint in _found(name, use_c):
            for words in PARSER_WORDING:
                assert words not in message, (name, message)
                assert words not in (hint or ""), (name, hint)


@pytest.mark.parametrize("name", NAMES)
def test_cli_text(impact: Invoke, name: str) -> None:
    expected = EXPECTED[name]
    path = MISTAKES / name
    result = impact("validate", "--color", "never", path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    prefix = f"{path}:{expected['line']}:{expected['column']}: error {expected['code']}: "
    assert lines[0] == prefix + expected["message"]
    assert f"= hint: {expected['hint']}" in result.stdout


def test_whole_corpus_json_in_one_process(impact_process: Invoke) -> None:
    """The installed console script, on the whole directory: each file's one problem."""
    result = impact_process("validate", "--format", "json", MISTAKES)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["files_with_errors"] == len(NAMES)
    for file in report["files"]:
        name = file["path"].rsplit("/", 1)[-1]
        expected = EXPECTED[name]
        diag = file["diagnostics"][0]
        assert len(file["diagnostics"]) == expected.get("problems", 1), name
        assert (diag["code"], diag["line"], diag["column"]) == (
            expected["code"],
            expected["line"],
            expected["column"],
        ), name
        assert (diag["message"], diag["hint"]) == (expected["message"], expected["hint"]), name


# -- the rules behind the recognisers, at their edges -------------------------------------


def _problems(text: str) -> list[tuple[str, int, int]]:
    found = [load_text(text, "t.yaml", use_c=c).diagnostics for c in (True, False)]
    assert [(d.code, d.line, d.col, d.message) for d in found[0]] == [
        (d.code, d.line, d.col, d.message) for d in found[1]
    ]
    return [(d.code, d.line, d.col) for d in found[0]]


BASE = "title: Falls\naim: Reduce falls\nprimary_drivers:\n"


@pytest.mark.parametrize(
    "line",
    [
        "  - Clinic 2  # a comment, two spaces before",
        "  - Clinic 2 # a comment, a space after the '#'",
        "  - Clinic#2 has no space before the '#', so it is text",
        "  - 'Clinic' #quoted text ends at its quote",
        "  - Clinic 2 #",
        "  - Clinic 2 ##",
        "  - Wrapped text\n    over two lines",
        "  - Wrapped text\n    with a - that is not at the start",
    ],
)
def test_text_that_reads_as_it_looks_is_left_alone(line: str) -> None:
    assert _problems(BASE + line + "\n") == []


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("  - Clinic #2", ("DD-Y15", 4, 5)),
        ("  - title: Clinic #2\n    id: c2", ("DD-Y15", 4, 12)),
        ("  - Wrapped text over\n    two lines #2", ("DD-Y15", 4, 5)),
    ],
)
def test_a_comment_that_reads_as_text(line: str, where: tuple[str, int, int]) -> None:
    assert _problems(BASE + line + "\n") == [where]


@pytest.mark.parametrize(
    "text",
    [
        "title: 'a\tb'\naim: x\nprimary_drivers: [a]\n",
        "title: a # a\tcomment\naim: x\nprimary_drivers: [a]\n",
        "title: a\naim: |\n  a\tb\nprimary_drivers: [a]\n",
    ],
)
def test_tabs_where_yaml_allows_them(text: str) -> None:
    assert _problems(text) == []


def test_an_unrecognised_syntax_error_still_names_the_line() -> None:
    # a stray ']': no recogniser knows it; the parser's words follow in brackets
    (diag,) = load_text(BASE + "  - a\n  ]\n", "t.yaml").diagnostics
    assert (diag.code, diag.line, diag.col) == ("DD-Y01", 5, 3)
    assert diag.message.startswith("YAML cannot read line 5, ']' (the parser says: ")
    assert "(the parser says: " in diag.message
    assert diag.hint is not None


def test_a_list_not_indented_under_its_key_is_placed_alike() -> None:
    # "title:" then "- text" at the key's own column (an indentless list): PyYAML gives
    # it no flow style, libyaml calls it block style; both point at the key
    text = BASE + "  - id: a\n    title:\n    - Falls\n"
    assert _problems(text) == [("DD-F03", 5, 5)]


def test_a_list_item_under_wrapped_text() -> None:
    # a title wrapped onto a second line, then a '- ' line under it: all one title
    text = BASE + "  - title: Risk assessment\n      within six hours\n      - Checklist\n"
    assert _problems(text) == [("DD-Y15", 6, 7)]
