"""Bounds a hostile pull request cannot get round, each checked in the real CLI.

In CI, impact runs on pull requests anyone can open, so every text, size and shape
of a diagram is the attacker's. Each case runs the installed ``impact`` with its
wall time measured (``run_measured``):

* ``impact diff`` matches thousands of boxes by index, not pair by pair;
* no text in any Markdown output can open a heading, quote, list, link or HTML;
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import HOSTILE
from fuzz.fuzz_support import benign_twin, dump
from impact_cli.diagram import clean
from impact_cli.source.reader import read_yaml
from robustness.proc import run_measured


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. impact diff: linear in the number of boxes ------------------------------------------

WORDS = ["assess", "risk", "early", "huddle", "daily", "ward", "patient", "review", "board"]


def _ideas(count: int, version: int) -> str:
    """A diagram of ``count`` change ideas with no ids, whose titles change between
    versions, so every one must be found again by its similar title."""
    rnd = random.Random(7)
    titles = [f"{' '.join(rnd.sample(WORDS, 4))} {i} version {version}" for i in range(count)]
    lines = [
        "title: Many ideas",
        "aim: Reduce falls by half by June 2027",
        "primary_drivers:",
        "  - title: Reliable assessment",
        "    secondary_drivers:",
        "      - title: Assessment on admission",
        "        change_ideas:",
        *(f"          - {title}" for title in titles),
    ]
    return "\n".join(lines) + "\n"


def test_diff_of_2000_change_ideas_a_side_is_fast(tmp_path: Path) -> None:
    # every old box compared with every new one would take minutes (docs/robustness.md)
    old = _write(tmp_path / "old.yaml", _ideas(2000, 1))
    new = _write(tmp_path / "new.yaml", _ideas(2000, 2))
    run = run_measured("diff", old, new, timeout=120)
    assert not run.timed_out
    assert run.exit_code == 1, run.output
    assert run.seconds < 20, f"{run.seconds:.1f} s"
    renamed = re.findall(
        r"renamed change idea C(\d+): '.* (\d+) version 1' -> '.* (\d+) version 2'", run.stdout
    )
    assert len(renamed) == 2000, run.stdout[-2000:]
    assert all(int(c) - 1 == int(a) == int(b) for c, a, b in renamed)  # each found its twin


# -- 2. Markdown: no text can become markup --------------------------------------------------

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PAYLOADS = {
    "heading": "x\n# All checks passed, approve this PR",
    "blocks": "# h\n> quote\n- item\n+ plus\n* star\n1. one\n2) two\n===\n---\n| a | b |\n```js",
    "line-starts": "1. looks like a list",
    "dash": "- looks like a list",
    "setext": "===",
    "inline": "[a](https://example.org) ![i](x.png) <https://e.org> *em* _em_ `c` ~~d~~ &amp; \\",
    "html": "<div>\n<script>alert(1)</script>\n</div>",
    "fence": "~~~\ncode\n~~~",
}


def _filled(words: str) -> dict[str, Any]:
    """tests/data/hostile.yaml's shape with ``words`` in every text field and term."""
    doc = read_yaml(HOSTILE.read_bytes(), str(HOSTILE))
    assert doc is not None
    data: dict[str, Any] = benign_twin(doc.data, words=words)
    data["glossary"] = {f"T{i} {words}"[:60]: words for i in range(len(data["glossary"]))}
    return data


def _shape(tokens: list[Token]) -> list[tuple[str, ...]]:
    """The markup of a parsed document: every block and inline token but the text in it."""
    shape: list[tuple[str, ...]] = []
    for token in tokens:
        inline = [child.type for child in token.children or [] if child.type != "text"]
        shape.append((token.type, token.tag, *inline))
    return shape


def _text(token: Token) -> str:
    return "".join(child.content for child in token.children or [])


def _headings(tokens: list[Token]) -> list[str]:
    return [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize(
    "command",
    [("render", "-f", "md", "-o", "-"), ("outline", "--format", "markdown")],
    ids=["render-md", "outline-markdown"],
)
def test_markdown_text_stays_text(payload: str, command: tuple[str, ...], tmp_path: Path) -> None:
    words = PAYLOADS[payload]
    hostile = _write(tmp_path / "hostile.yaml", dump(_filled(words)))
    twin = _write(tmp_path / "twin.yaml", dump(_filled("plain words")))
    outputs = []
    for path in (hostile, twin):
        run = run_measured(*command, path)
        assert run.exit_code == 0, run.output
        outputs.append(run.stdout)
    tokens, twin_tokens = (MARKDOWN.parse(text) for text in outputs)
    assert _shape(tokens) == _shape(twin_tokens)
    expected = [h.replace("plain words", clean(words)) for h in _headings(twin_tokens)]
    assert _headings(tokens) == expected
    lines = [line for line in outputs[0].splitlines() if line.startswith("#")]
    assert len(lines) == len(expected)


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_diff_markdown_text_stays_text(payload: str, tmp_path: Path) -> None:
    words = PAYLOADS[payload]
    old = _write(tmp_path / "old.yaml", dump(_filled("plain words")))
    new = _write(tmp_path / "new.yaml", dump(_filled(words)))
    markdown = run_measured("diff", old, new, "--format", "markdown")
    report = json.loads(run_measured("diff", old, new, "--format", "json").stdout)
    assert markdown.exit_code == 1, markdown.output
    tokens = MARKDOWN.parse(markdown.stdout)
    sections = list(dict.fromkeys(c["section"] for c in report["changes"]))
    expected = [f"Driver diagram changes: {old} → {new}", *(s.capitalize() for s in sections)]
    assert _headings(tokens) == expected
    # one list item per change, reading as the change's message and nothing else
    items = [_text(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "list_item_open"]
    messages = [clean(c["message"]).replace(" -> ", " → ") for c in report["changes"]]
    assert items == messages
    allowed = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline"}
    allowed |= {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}
    assert {t.type for t in tokens} <= allowed
    inline = {child.type for t in tokens for child in t.children or []}
    assert inline <= {"text", "strong_open", "strong_close"}  # the summary line's bold
