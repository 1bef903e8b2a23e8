"""The strict YAML reader, on both parsers (libyaml and pure Python)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from impact_cli.diagnostics import Diagnostic
from impact_cli.source.reader import read_yaml
from impact_cli.source.spans import Locator
from impact_cli.source.text import Limits

PARSERS = pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])


def data_of(text: str | bytes, use_c: bool) -> Any:
    result = read_yaml(text, "t.yaml", use_c=use_c)
    assert result.diagnostics == [], [d.message for d in result.diagnostics]
    assert result.data is not None
    return result.data


def problems(text: str | bytes, use_c: bool, limits: Limits | None = None) -> list[Diagnostic]:
    result = read_yaml(text, "t.yaml", limits, use_c=use_c)
    assert result.data is None
    assert result.diagnostics
    return result.diagnostics


def prompt(use_c: bool) -> float:
    """Seconds allowed for refusing hostile input: libyaml takes milliseconds; the pure
    Python scanner looks up to 1,024 characters ahead for a possible key and takes
    about a second on a busy machine, whatever the depth."""
    return 2.0 if use_c else 10.0


def where(diag: Diagnostic) -> tuple[str, int, int]:
    return (diag.code, diag.span.line, diag.span.col)


# -- text stays text ---------------------------------------------------------------------


@PARSERS
@pytest.mark.parametrize(
    "value",
    ["No", "no", "Yes", "yes", "on", "Off", "y", "n", "NO"],
)
def test_yaml11_booleans_stay_text(use_c: bool, value: str) -> None:
    assert data_of(f"title: {value}\n", use_c) == {"title": value}


@PARSERS
@pytest.mark.parametrize(
    "value",
    ["2024-01-01", "2024-01-01T10:00:00Z", "1.10", "3", "010", "0x1F", "1e3", ".inf", ".nan",
     "1_000", "12:30:00", "0o17", "-1", "+1.5"],
)  # fmt: skip
def test_numbers_and_dates_stay_text_as_written(use_c: bool, value: str) -> None:
    assert data_of(f"version: {value}\n", use_c) == {"version": value}


@PARSERS
def test_null_and_true_false_are_kept(use_c: bool) -> None:
    text = "a: ~\nb: null\nc:\nd: true\ne: False\nf: 'true'\ng: '~'\n"
    assert data_of(text, use_c) == {
        "a": None,
        "b": None,
        "c": None,
        "d": True,
        "e": False,
        "f": "true",
        "g": "~",
    }


@PARSERS
def test_explicit_bool_tag_on_yes_keeps_text(use_c: bool) -> None:
    # '!!bool yes' is a YAML 1.1 boolean; impact keeps the text rather than guess
    assert data_of("a: !!bool yes\n", use_c) == {"a": "yes"}


@PARSERS
def test_unicode_bom_crlf_and_str_input(use_c: bool) -> None:
    text = "title: Café ☕ שלום\r\naim: x\r\n"
    assert data_of(b"\xef\xbb\xbf" + text.encode(), use_c) == {"title": "Café ☕ שלום", "aim": "x"}
    assert data_of(text, use_c) == {"title": "Café ☕ שלום", "aim": "x"}
    # line numbers count CRLF lines correctly
    (diag,) = problems("a: 1\r\nb: 2\r\na: 3\r\n", use_c)
    assert where(diag) == ("DD-Y02", 3, 1)


# -- anchors, aliases, tags, keys ----------------------------------------------------


@PARSERS
def test_anchor_refused_at_its_position(use_c: bool) -> None:
    (diag,) = problems("title: x\naim:\n  statement: &s Reduce falls\n", use_c)
    assert where(diag) == ("DD-Y03", 3, 14)
    assert "anchor '&s'" in diag.message


@PARSERS
def test_anchor_on_a_mapping_refused(use_c: bool) -> None:
    (diag,) = problems("base: &b {a: 1}\n", use_c)
    assert where(diag) == ("DD-Y03", 1, 7)


@PARSERS
def test_alias_refused_at_its_position(use_c: bool) -> None:
    (diag,) = problems("title: x\nsummary: *s\n", use_c)
    assert where(diag) == ("DD-Y03", 2, 10)
    assert "alias '*s'" in diag.message


@PARSERS
def test_alias_bomb_refused_promptly(use_c: bool) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    (diag,) = problems("\n".join(lines) + "\n", use_c)
    assert time.perf_counter() - start < 1
    assert where(diag) == ("DD-Y03", 1, 4)


@PARSERS
@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "python/object/apply:os.system"),
        ("a: !!binary aGVsbG8=\n", "binary"),
        ("a: !!int 3\n", "int"),
        ("a: !custom x\n", "!custom"),
        ("a: !!set {x, y}\n", "set"),
        ("a: !!omap [x: 1]\n", "omap"),
    ],
)
def test_tags_refused(use_c: bool, text: str, tag: str) -> None:
    (diag,) = problems(text, use_c)
    assert where(diag) == ("DD-Y10", 1, 4)
    assert tag in diag.message


@PARSERS
def test_duplicate_keys_name_both_lines(use_c: bool) -> None:
    text = (
        "title: One\naim: x\nprimary_drivers:\n  - title: A\n    id: a\n    title: B\ntitle: Two\n"
    )
    diags = problems(text, use_c)
    assert [where(d) for d in diags] == [("DD-Y02", 6, 5), ("DD-Y02", 7, 1)]
    assert "duplicate key 'title' (first defined on line 4)" in diags[0].message
    assert "(first defined on line 1)" in diags[1].message
    label, first = diags[1].related[0]
    assert (label, first.line, first.col) == ("first definition", 1, 1)


@PARSERS
def test_duplicate_keys_differing_only_in_quotes(use_c: bool) -> None:
    (diag,) = problems("title: a\n'title': b\n", use_c)
    assert where(diag) == ("DD-Y02", 2, 1)


@PARSERS
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("true: x\n", "true/false"),
        ("~: x\n", "a YAML null"),
        ("? [a, b]\n: x\n", "not text"),
        ("? {a: b}\n: x\n", "not text"),
    ],
)
def test_non_text_keys_refused(use_c: bool, text: str, kind: str) -> None:
    (diag,) = problems(text, use_c)
    assert where(diag)[:2] == ("DD-Y13", 1)
    assert kind in diag.message


@PARSERS
def test_number_like_keys_are_text(use_c: bool) -> None:
    assert data_of("1: one\n2024-01-01: day\n", use_c) == {"1": "one", "2024-01-01": "day"}


# -- limits: depth, size, number of values ---------------------------------------------


@PARSERS
def test_thirty_thousand_brackets_refused_promptly(use_c: bool) -> None:
    start = time.perf_counter()
    (diag,) = problems("[" * 30_000, use_c)
    assert time.perf_counter() - start < prompt(use_c)
    assert where(diag) == ("DD-Y08", 1, 65)
    assert "deeper than 64 levels" in diag.message


@PARSERS
def test_ten_thousand_deep_block_nesting_refused_promptly(use_c: bool) -> None:
    # compact block sequences: each '- ' opens one more level, 10,000 on one line
    text = "- " * 10_000 + "x\n"
    start = time.perf_counter()
    (diag,) = problems(text, use_c)
    assert time.perf_counter() - start < prompt(use_c)
    assert where(diag) == ("DD-Y08", 1, 129)


@PARSERS
def test_deep_block_mappings_refused(use_c: bool) -> None:
    text = "".join(" " * i + "k:\n" for i in range(200)) + " " * 200 + "x\n"
    (diag,) = problems(text, use_c)
    assert where(diag) == ("DD-Y08", 65, 65)


@PARSERS
def test_deep_block_sequences_refused(use_c: bool) -> None:
    text = "a:\n" + "".join("  " * (i + 1) + "-\n" for i in range(100)) + "  " * 101 + "x\n"
    (diag,) = problems(text, use_c)
    assert diag.code == "DD-Y08"
    assert diag.span.line < 70


@PARSERS
def test_depth_limit_is_exact(use_c: bool) -> None:
    limits = Limits(max_depth=5)
    ok = read_yaml("a: [[[[x]]]]\n", "t.yaml", limits, use_c=use_c)
    assert ok.data is not None  # mapping + 4 lists = 5 levels
    (diag,) = problems("a: [[[[[x]]]]]\n", use_c, limits)
    assert where(diag) == ("DD-Y08", 1, 8)
    assert "deeper than 5 levels" in diag.message


@PARSERS
def test_size_limit(use_c: bool) -> None:
    limits = Limits(max_bytes=10)
    (diag,) = problems(b"title: abcdef\n", use_c, limits)
    assert where(diag) == ("DD-Y07", 1, 1)
    assert "file is 14 bytes; the limit is 10 bytes" in diag.message
    (diag,) = problems("title: é é é\n", use_c, limits)  # str input is measured in UTF-8
    assert diag.code == "DD-Y07"
    assert read_yaml(b"title: abc", "t.yaml", limits, use_c=use_c).data is not None


@PARSERS
def test_too_many_values(use_c: bool) -> None:
    (diag,) = problems("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", use_c, Limits(max_nodes=10))
    assert where(diag) == ("DD-Y14", 1, 1)


# -- encoding and characters -------------------------------------------------------------


@PARSERS
def test_not_utf8_located(use_c: bool) -> None:
    (diag,) = problems(b"title: ok\nsummary: caf\xe9 au lait\n", use_c)
    assert where(diag) == ("DD-Y06", 2, 13)
    assert "byte 0xe9 at byte offset 22" in diag.message


@PARSERS
@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_refused(use_c: bool, bom: bytes) -> None:
    (diag,) = problems(bom + "title: x\n".encode("utf-16-le"), use_c)
    assert where(diag) == ("DD-Y06", 1, 1)
    assert "UTF-16" in diag.message


@PARSERS
@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_raw_control_characters_refused(use_c: bool, char: str) -> None:
    (diag,) = problems(f"title: ok\naim: a{char}b\n", use_c)
    assert where(diag) == ("DD-Y12", 2, 7)
    assert f"U+{ord(char):04X}" in diag.message


@PARSERS
def test_escaped_control_character_is_text_here(use_c: bool) -> None:
    # The reader keeps "\0" (a valid YAML escape); the format rejects it (DD-F07).
    assert data_of('a: "x\\0y"\n', use_c) == {"a": "x\x00y"}


# -- document shape ---------------------------------------------------------------------


@PARSERS
@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n"])
def test_empty(use_c: bool, text: str) -> None:
    (diag,) = problems(text, use_c)
    assert where(diag) == ("DD-Y05", 1, 1)


@PARSERS
@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [("- a\n- b\n", "a list", 1), ("just text\n", "a single value", 1), ("\n\n'3'\n", "single", 3)],
)
def test_top_level_must_be_a_mapping(use_c: bool, text: str, kind: str, line: int) -> None:
    (diag,) = problems(text, use_c)
    assert where(diag) == ("DD-Y11", line, 1)
    assert kind in diag.message


@PARSERS
def test_several_documents(use_c: bool) -> None:
    (diag,) = problems("title: a\n---\ntitle: b\n", use_c)
    assert where(diag) == ("DD-Y09", 2, 1)


@PARSERS
def test_tab_indentation(use_c: bool) -> None:
    (diag,) = problems("title: a\nprimary_drivers:\n\t- x\n", use_c)
    assert where(diag) == ("DD-Y04", 3, 1)
    assert diag.hint is not None
    assert "spaces" in diag.hint


@PARSERS
def test_tab_inside_quoted_text_is_fine(use_c: bool) -> None:
    assert data_of("title: 'a\tb'\nsummary: \"c\\td\"\n", use_c) == {
        "title": "a\tb",
        "summary": "c\td",
    }


@PARSERS
def test_syntax_error_located_with_hint(use_c: bool) -> None:
    (diag,) = problems("title: x\naim: Aim: reduce falls\n", use_c)
    # at the value, where the opening quote goes
    assert where(diag) == ("DD-Y01", 2, 6)
    assert diag.message == (
        "the text 'Aim: reduce falls' contains ': ', which YAML reads as the start of another key"
    )
    assert diag.hint == 'quote the text: aim: "Aim: reduce falls"'


# -- locating loc paths ------------------------------------------------------------------


@PARSERS
def test_locate(use_c: bool) -> None:
    text = "title: x\nprimary_drivers:\n  - title: A\n    titel: B\n  - C\n"
    result = read_yaml(text, "t.yaml", use_c=use_c)
    assert result.data is not None
    locate = Locator(result.positions).span
    span = locate(("primary_drivers", 0, "titel"), want_key=True)
    assert (span.line, span.col) == (4, 5)
    span = locate(("primary_drivers", 0, "titel"))
    assert (span.line, span.col) == (4, 12)
    span = locate(("primary_drivers", 1))
    assert (span.line, span.col, span.end_col) == (5, 5, 6)
    # a block value points at its key; a missing index at the closest ancestor
    span = locate(("primary_drivers",))
    assert (span.line, span.col) == (2, 1)
    span = locate(("primary_drivers", 7, "title"))
    assert (span.line, span.col) == (3, 3)  # the list itself
    assert Locator(None).span(("x",))[:2] == (1, 1)
