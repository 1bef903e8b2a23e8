"""Mermaid export, checked by the real Mermaid parser (npm 'mermaid' in Node, via jsdom).

Set-up: ``npm ci --prefix tools/mermaid-check`` (make test does it). The checker
parses each file with ``mermaid.parse`` and reports what Mermaid understood: the
vertices with their decoded labels, the edges with stroke, length and label, the
subgraphs, accTitle and accDescr. The tests compare that with the diagram, so they
fail if the escaping, the ids, the direction, the dotted weak links, the labelled
unconfirmed links, the items not yet linked, an aim with no drivers yet or the tier
columns are wrong.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE, ROOT, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.render import RenderOptions, render
from impact_cli.render.mermaid import escape, mermaid_text, node_ids

CHECKER = ROOT / "tools" / "mermaid-check"
CASES = [*EXAMPLES, HOSTILE]

# Text that attacks Mermaid itself rather than HTML: directives, comments, the
# 'style ...:#...;' rewrite, entity look-alikes, Mermaid's own placeholder characters.
MERMAID_HOSTILE = """\
title: '%%{init: {"theme": "dark", "securityLevel": "loose"}}%% style n_aim:#f00;'
aim: "end graph subgraph click n_aim call alert() %% comment ~~~ --> -.-> #quot; #35; &amp;"
primary_drivers:
  - id: end
    title: "a --> b; c -.-> d ::: x ``md`` **bold** [box] {rhombus} (round) |pipe| \\\\"
    secondary_drivers:
      - id: o
        title: "ﬂ°°35¶ß ﬂ°quot¶ß and ß° ¶ placeholder look-alikes"
        change_ideas:
          - id: x
            title: "classDef c fill:#f00; linkStyle 0 stroke:#f00; accTitle: no"
            strength: weak
  - id: graph
    title: "Line one\\nline two\\ttabbed"
    change_ideas:
      - id: style
        title: "style x fill:#f00 ; %% not a comment"
        supports:
          - to: o
            strength: weak
          - to: end
            strength: unconfirmed
secondary_drivers:
  - id: subgraph
    title: "end subgraph x [y] end %% not yet linked"
    status: testing
    linked: false
"""


def _diagram(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    return result.diagram


def _run_checker(files: list[Path]) -> dict[str, dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the Mermaid parser (apt-get install nodejs)")
    if not (CHECKER / "node_modules" / "mermaid").is_dir():
        pytest.fail(f"the Mermaid parser is not installed: run 'npm ci --prefix {CHECKER}'")
    proc = subprocess.run(
        [node, str(CHECKER / "check.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    results = {}
    for line in proc.stdout.splitlines():
        data = json.loads(line)
        results[data["file"]] = data
    assert len(results) == len(files), proc.stderr
    return results


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Diagram, dict[str, Any]]]:
    """Every example, the hostile diagram and the Mermaid-hostile one, parsed by Mermaid."""
    folder = tmp_path_factory.mktemp("mermaid")
    diagrams: dict[str, Diagram] = {path.stem: _diagram(path) for path in CASES}
    extra = load_text(MERMAID_HOSTILE, "mermaid-hostile.yaml")
    assert extra.diagram is not None, [d.format_line() for d in extra.diagnostics]
    diagrams["mermaid-hostile"] = extra.diagram
    files = []
    for name, diagram in diagrams.items():
        path = folder / f"{name}.mmd"
        path.write_bytes(render(diagram, "mermaid"))
        files.append(path)
    results = _run_checker(files)
    return {name: (diagrams[name], results[str(folder / f"{name}.mmd")]) for name in diagrams}


NAMES = [path.stem for path in CASES] + ["mermaid-hostile"]


def _expected_label(diagram: Diagram, key: str) -> str:
    """The title, then what the drawing's box says under it."""
    node = diagram.nodes[key]
    if node.tier is Tier.AIM:
        return f"Aim: {node.title}".replace("\t", " ")
    facts = ["Not yet linked"] if node.parent is None else []
    facts += [
        f"{name}: {value}"
        for name, value in (("Status", node.status), ("Priority", node.priority))
        if value
    ]
    text = f"{node.number} {node.title}" + ("\n" + ". ".join(facts) if facts else "")
    return text.replace("\t", " ")


def _unlinked(diagram: Diagram) -> list[str]:
    return [k for k, n in diagram.nodes.items() if n.parent is None and n.tier is not Tier.AIM]


@pytest.mark.parametrize("name", NAMES)
def test_mermaid_parser_accepts_it_as_a_flowchart_lr(parsed: Any, name: str) -> None:
    _, result = parsed[name]
    assert result["ok"], result.get("error")
    assert result["type"] == "flowchart-v2"
    assert result["direction"] == "LR"
    # the one subgraph holds the items not yet linked; the tiers are not subgraphs
    assert len(result["subgraphs"]) == (1 if _unlinked(parsed[name][0]) else 0)


@pytest.mark.parametrize("name", NAMES)
def test_every_label_reaches_mermaid_exactly_as_written(parsed: Any, name: str) -> None:
    diagram, result = parsed[name]
    ids = node_ids(diagram)
    vertices = {v["id"]: v for v in result["vertices"]}
    placeholder = {"no_drivers"} if not diagram.counts[Tier.PRIMARY] else set()
    assert set(vertices) == set(ids.values()) | placeholder
    for key, mermaid_id in ids.items():
        assert vertices[mermaid_id]["text"] == _expected_label(diagram, key)
        assert vertices[mermaid_id]["classes"] == [
            {0: "aim", 1: "primary", 2: "secondary", 3: "tertiary", 4: "change"}[
                int(diagram.nodes[key].tier)
            ]
        ]


@pytest.mark.parametrize("name", NAMES)
def test_accessible_title_and_description(parsed: Any, name: str) -> None:
    diagram, result = parsed[name]
    assert result["accTitle"] == " ".join(diagram.title.split())
    description = result["accDescr"]
    assert "read from left to right" in description
    assert f"Aim: {' '.join(diagram.aim.statement.split())}" in " ".join(description.split())


@pytest.mark.parametrize("name", NAMES)
def test_edges_run_from_effect_to_cause_with_dotted_weak_links(parsed: Any, name: str) -> None:
    """Weak: dotted. Not confirmed: dotted and labelled, so the two differ in words."""
    diagram, result = parsed[name]
    ids = node_ids(diagram)
    expected = sorted(
        (
            ids[link.target],
            ids[link.source],
            "normal" if link.strength == "strong" else "dotted",
            "link not confirmed" if link.unconfirmed else "",
        )
        for link in diagram.links
    )
    edges = [e for e in result["edges"] if e["stroke"] != "invisible"]
    got = sorted((e["start"], e["end"], e["stroke"], e["text"]) for e in edges)
    assert got == expected
    assert all(e["type"] == "arrow_point" for e in edges)


@pytest.mark.parametrize("name", NAMES)
def test_items_not_yet_linked_are_one_titled_subgraph(parsed: Any, name: str) -> None:
    diagram, result = parsed[name]
    unlinked = _unlinked(diagram)
    if not unlinked:
        assert result["subgraphs"] == []
        return
    ids = node_ids(diagram)
    (group,) = result["subgraphs"]
    assert sorted(group["nodes"]) == sorted(ids[k] for k in unlinked)
    drivers = any(diagram.nodes[k].tier is not Tier.CHANGE_IDEA for k in unlinked)
    assert group["title"] == (
        "Not yet linked" if drivers else "Change ideas not linked to any driver"
    )
    assert f"under '{group['title']}'" in " ".join(result["accDescr"].split())


@pytest.mark.parametrize("name", NAMES)
def test_an_aim_with_no_drivers_yet_says_so(parsed: Any, name: str) -> None:
    diagram, result = parsed[name]
    placeholders = [v for v in result["vertices"] if v["id"] == "no_drivers"]
    invisible = [e for e in result["edges"] if e["stroke"] == "invisible"]
    if diagram.counts[Tier.PRIMARY]:
        assert placeholders == []
        assert invisible == []
        return
    assert placeholders == [
        {"id": "no_drivers", "text": "No drivers yet", "classes": ["nodrivers"]}
    ]
    # held in the primary drivers' column by an invisible link from the aim
    assert [(e["start"], e["end"], e["length"]) for e in invisible] == [
        (node_ids(diagram)[diagram.aim_key], "no_drivers", 1)
    ]
    assert "No drivers yet" in result["accDescr"]


def test_the_examples_cover_every_draft_feature(parsed: Any) -> None:
    """So that the tests above are not vacuous."""
    diagrams = [diagram for diagram, _ in parsed.values()]
    assert any(link.unconfirmed for d in diagrams for link in d.links)
    assert any(_unlinked(d) for d in diagrams)
    assert any(not d.counts[Tier.PRIMARY] for d in diagrams)
    assert any(n.status and n.tier.is_driver for d in diagrams for n in d.nodes.values())


@pytest.mark.parametrize("name", NAMES)
def test_link_lengths_keep_every_tier_in_its_own_column(parsed: Any, name: str) -> None:
    """Mermaid ranks a node at the longest path of link lengths from the aim."""
    diagram, result = parsed[name]
    ids = node_ids(diagram)
    present = [t for t in Tier if t is Tier.AIM or diagram.counts[t]]
    column = {ids[k]: present.index(n.tier) for k, n in diagram.nodes.items()}
    column["no_drivers"] = 1  # the placeholder stands in the primary drivers' column
    rank = {ids[diagram.aim_key]: 0}
    for _ in range(len(column)):  # relax (the graph is acyclic)
        for edge in result["edges"]:
            if edge["start"] in rank:
                candidate = rank[edge["start"]] + edge["length"]
                rank[edge["end"]] = max(rank.get(edge["end"], 0), candidate)
    connected = set(rank)
    for mermaid_id in connected:
        assert rank[mermaid_id] == column[mermaid_id], mermaid_id


def test_the_checker_rejects_broken_mermaid(tmp_path: Path) -> None:
    """The parser really parses: a label cut short by an unescaped ']' is an error."""
    bad = tmp_path / "bad.mmd"
    bad.write_text("flowchart LR\n    a[say ] hi] --> b\n", encoding="utf-8")
    good = tmp_path / "good.mmd"
    good.write_text(f'flowchart LR\n    a["say {escape(chr(34))}hi{escape(chr(34))}"] --> b\n')
    results = _run_checker([bad, good])
    assert not results[str(bad)]["ok"]
    assert results[str(good)]["ok"]
    assert results[str(good)]["vertices"][0]["text"] == 'say "hi"'


def test_ids_are_safe_and_unique() -> None:
    result = load_text(MERMAID_HOSTILE, "m.yaml")
    assert result.diagram is not None
    ids = node_ids(result.diagram)
    assert len(set(ids.values())) == len(ids)
    assert all(i.startswith("n_") and i.replace("_", "").isalnum() for i in ids.values())


def test_escape_leaves_no_mermaid_syntax() -> None:
    text = escape('a"b#c%d:e;f<g>h&i`j{k}l[m]n|o\\p~q*r^s$t@u\nline ﬂ ¶')
    assert text.startswith("a#quot;b#35;c#37;d#58;e#59;f#lt;g#gt;h#amp;i#96;j")
    assert "<br>" in text
    bare = re.sub(r"#\w+;", "", text.replace("<br>", ""))
    for char in '"#%:;<>&`{}[]|\\~*^$@\nﬂ¶':
        assert char not in bare


def test_mermaid_text_is_the_rendered_format_and_deterministic() -> None:
    diagram = _diagram(EXAMPLES[0])
    first = render(diagram, "mermaid")
    assert first == mermaid_text(diagram).encode("utf-8") == render(diagram, "mmd")
    assert first.startswith(b"flowchart LR\n    accTitle: ")


def test_top_to_bottom_when_the_file_or_the_option_asks(tmp_path: Path, impact: Invoke) -> None:
    """As the drawing: ``direction: TB`` in the file, or ``--direction TB``, puts the aim on top."""
    source = (ROOT / "diagrams" / "tertiary.yaml").read_text(encoding="utf-8")
    assert "direction: LR" in source
    from_file = tmp_path / "from-file.yaml"
    from_file.write_text(source.replace("direction: LR", "direction: TB"), encoding="utf-8")
    result = impact("render", from_file, "-o", tmp_path / "from-file.mmd")
    assert result.exit_code == 0, result.output
    diagram = _diagram(ROOT / "diagrams" / "tertiary.yaml")
    (tmp_path / "from-option.mmd").write_bytes(
        render(diagram, "mermaid", RenderOptions(direction="TB"))
    )
    (tmp_path / "as-written.mmd").write_bytes(render(diagram, "mermaid"))
    files = [tmp_path / f"{name}.mmd" for name in ("from-file", "from-option", "as-written")]
    results = _run_checker(files)
    for path, way, words in zip(
        files, ("TB", "TB", "LR"), ("top to bottom", "top to bottom", "left to right"), strict=True
    ):
        result = results[str(path)]
        assert result["ok"], result.get("error")
        assert result["direction"] == way
        assert f"read from {words}" in result["accDescr"]
