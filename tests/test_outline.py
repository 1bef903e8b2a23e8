"""``impact outline``: the plain outline, the accessible text alternative, the CLI edge.

Every test runs the real CLI (``impact`` fixture: ``impact_cli.cli.main``) and
checks the text it prints against the normalised model, so a test would fail if
the feature it covers were removed.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, HOSTILE, Invoke, impact_executable
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Link, Node, Tier
from impact_cli.render.glossary import Glossary
from impact_cli.render.textwords import clean, sentence

Golden = Callable[[str, str | bytes], None]

ALL = [*EXAMPLES, *([HOSTILE] if HOSTILE.exists() else [])]
NHS = next(p for p in EXAMPLES if p.name == "nhs-impact.yaml")

# A diagram with every feature the outline must carry: tertiary drivers, change ideas
# with status, priority, owner, PDSA and learning, a change idea supporting two
# drivers (weakly, with a note), a secondary driver written by reference supporting
# two primaries, a weak nested link, a weak primary, a change idea linked to nothing,
# measures of each type, aim details, theory of change and a glossary.
RICH = """\
title: Reduce outpatient waits
subtitle: A QI project in outpatients
summary: Our QI team's theory for cutting waits.
version: "3"
updated: 2026-01-05
owner: Outpatients QI team
aim:
  statement: Reduce the median wait from 18 to 12 weeks by March 2026
  baseline: 18 weeks (2025)
  target: 12 weeks
  deadline: March 2026
  population: Adults referred to outpatients
primary_drivers:
  - id: demand
    title: Demand is managed well
    description: Referrals are the right ones, checked in QI huddles.
    secondary_drivers:
      - id: triage
        title: Referral triage
        change_ideas:
          - id: reminders
            title: Text reminders
            status: testing
            priority: high
            owner: Clinic manager
            pdsa: [PDSA 1 sent 50 texts, PDSA 2 sent 200 texts]
            learning: Patients like it.
            supports:
              - to: dna
                strength: weak
                note: Might only help some clinics
      - id: advice
        title: Advice and guidance
        strength: weak
        tertiary_drivers:
          - id: gp-advice
            title: GPs ask before referring
            change_ideas:
              - title: Advice line for GPs
                status: idea
  - id: capacity
    title: Clinic capacity is used fully
    strength: weak
    secondary_drivers:
      - id: dna
        title: Fewer missed appointments
        change_ideas:
          - title: Easy rebooking online
            status: adopted
secondary_drivers:
  - id: shared
    title: Shared waiting list
    supports: [capacity, {to: demand, strength: weak}]
change_ideas:
  - title: Patient-held diary
    status: abandoned
measures:
  - id: m-wait
    name: Median wait in weeks
    type: outcome
    tracks: [aim]
    definition: Median days from referral to first appointment, divided by 7
    target: 12 weeks by March 2026
    frequency: monthly
    data_source: PAS
  - name: Missed appointment rate
    type: process
    tracks: [dna, reminders]
  - name: Staff overtime hours
    type: balancing
    tracks: [capacity]
theory_of_change:
  if_we: send reminders and triage referrals,
  we_will: see more patients each week
  so_that: the median wait falls to 12 weeks
glossary:
  QI: quality improvement
  PAS: patient administration system
"""


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    path = tmp_path / "rich.yaml"
    path.write_text(RICH, encoding="utf-8")
    return path


def load(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, result.diagnostics
    return result.diagram


def outline(impact: Invoke, path: Path, *args: str) -> str:
    result = impact("outline", path, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def words(text: str) -> str:
    return " ".join(text.split())


def ref(node: Node) -> str:
    return "the aim" if node.tier is Tier.AIM else f"{node.tier.label} {node.number}"


def label(node: Node) -> str:
    return f"{node.tier.label.capitalize()} {node.number}"


def unexpand(text: str, diagram: Diagram) -> str:
    """Undo glossary expansion ('quality improvement (QI)' -> 'QI'), innermost first."""
    before = None
    while before != text:
        before = text
        for term, expansion in diagram.glossary:
            text = text.replace(f"{clean(expansion)} ({term})", term)
    return text


# -- goldens and determinism ------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    ("suffix", "args"),
    [(".txt", ()), (".accessible.txt", ("--accessible",)), (".md", ("--format", "markdown"))],
    ids=["plain", "accessible", "markdown"],
)
def test_golden_and_byte_identical_rerun(
    impact: Invoke, golden: Golden, path: Path, suffix: str, args: tuple[str, ...]
) -> None:
    first = impact("outline", path, *args)
    second = impact("outline", path, *args)
    assert first.exit_code == 0, first.output
    assert first.stdout_bytes == second.stdout_bytes
    golden(f"outline/{path.stem}{suffix}", first.stdout_bytes)


# -- completeness: everything the diagram carries is in both outlines -------------------


def entry_line(lines: list[str], node: Node, diagram: Diagram) -> str:
    """The line where ``node`` is written in full in the accessible outline."""
    if node.tier is Tier.PRIMARY:
        n = diagram.counts[Tier.PRIMARY]
        index = diagram.tier(Tier.PRIMARY).index(node) + 1
        prefix = f"Primary driver {index} of {n}: "
        hits = [line for line in lines if line.startswith(prefix)]
    else:
        # 'under <its parent>': lines naming it under another driver say 'under <that one>'
        where = f"under {ref(diagram.node(node.parent))})" if node.parent else "any driver)"
        head = f"{where}: {clean(node.title)}"
        hits = [line for line in lines if line.startswith(f"{label(node)} (") and head in line]
    assert len(hits) >= 1, f"{label(node)} is not written in full"
    return hits[0]


def check_accessible(text: str, diagram: Diagram) -> None:
    text = unexpand(text, diagram)
    lines = [line.strip() for line in text.splitlines()]
    meta = diagram.meta
    assert lines[0].startswith(f"Driver diagram: {clean(meta.title)}")
    for value in (meta.subtitle, meta.summary):
        if value:
            assert clean(value) in lines[0] + lines[1]
    assert f"Aim: {clean(diagram.aim.statement)}" in text
    for label_, value in (
        ("Baseline", diagram.aim.baseline),
        ("Target", diagram.aim.target),
        ("By when", diagram.aim.deadline),
        ("For whom", diagram.aim.population),
        ("About the aim", diagram.aim.description),
    ):
        if value:
            assert sentence(f"{label_}: {value}") in lines
    links_at = lines.index("Links.")
    link_lines = lines[links_at:]
    for node in diagram.nodes.values():
        if node.tier is Tier.AIM:
            continue
        line = entry_line(lines, node, diagram)
        assert clean(node.title) in line
        if node.description:
            assert f"Description: {clean(node.description)}" in line
        if node.tier is Tier.CHANGE_IDEA:
            words_ = {"idea": "not yet tested", "testing": "being tested"}
            if node.status:
                assert f"Status: {words_.get(node.status, node.status)}." in line
            if node.priority:
                assert f"{node.priority.capitalize()} priority." in line
            for value in (node.owner, node.learning, *node.pdsa):
                if value:
                    assert clean(value) in line
        for link in diagram.links_from(node.key):
            check_link(lines, link_lines, line, node, link, diagram)
    for measure in diagram.measures:
        hits = [
            line
            for line in lines
            if line.startswith(f"Measure {measure.number} of {len(diagram.measures)}: ")
        ]
        assert len(hits) == 1
        assert clean(measure.name) in hits[0]
        assert f"Type: {measure.type} measure." in hits[0]
        for value in (measure.definition, measure.target, measure.frequency, measure.data_source):
            if value:
                assert clean(value) in hits[0]
        for key in measure.tracks:
            tracked = diagram.node(key)
            assert ref(tracked) in hits[0]
            # and from the other end: the item says which measure tracks it
            where = (
                next(line for line in lines if line.startswith("The aim is tracked by"))
                if tracked.tier is Tier.AIM
                else entry_line(lines, tracked, diagram)
            )
            assert f"measure {measure.number}: {clean(measure.name)}" in where
    if diagram.theory:
        for part, value in diagram.theory.parts:
            if value:
                assert sentence(f"{part}: {value}") in lines
    for term, expansion in diagram.glossary:
        assert sentence(f"{clean(term)}: {clean(expansion)}") in lines
    assert lines[-1] == "End of text version."


def check_link(
    lines: list[str],
    link_lines: list[str],
    line: str,
    node: Node,
    link: Link,
    diagram: Diagram,
) -> None:
    target = diagram.node(link.target)
    weak = " This link is weak." if link.weak else ""
    if link.structural:
        if target.tier is not Tier.AIM:
            assert f"under {ref(target)}" in line
        if link.weak:
            assert f"Its link to {ref(target)} is weak." in line
    else:
        # from the source: written in full, naming the other driver
        assert f"Also supports {ref(target)}: {clean(target.title)}.{weak}" in line
        # from the target: named again under it, pointing back to where it is written
        home = diagram.node(node.parent) if node.parent else None
        assert home is not None
        back = f"under {ref(target)}): {clean(node.title)}"
        hits = [
            other
            for other in lines
            if other.startswith(f"{label(node)} (")
            and back in other
            and f"Described under {ref(home)}.{weak}" in other
        ]
        assert hits, f"{label(node)} is not named under {ref(target)}"
    if link.note:
        assert f"Note on this link: {clean(link.note)}" in "\n".join(lines)
    if not link.structural or link.weak or node.tier is Tier.CHANGE_IDEA:
        # and once more in the final list of links
        listed = [
            other
            for other in link_lines
            if other.startswith(f"Links from {ref(node)}: {clean(node.title)}")
        ]
        assert len(listed) == 1, f"{label(node)} missing from the links section"
        to = "the aim" if target.tier is Tier.AIM else f"{ref(target)}, {clean(target.title)}"
        assert to + (" (weak link)" if link.weak else "") in listed[0]


def check_plain(text: str, diagram: Diagram) -> None:
    flat = words(text)
    assert flat.startswith(words(diagram.meta.title))
    assert words(diagram.aim.statement) in flat
    for node in diagram.nodes.values():
        if node.tier is Tier.AIM:
            continue
        assert f"{node.number} {words(node.title)}" in flat
        if node.description:
            assert words(node.description) in flat
        if node.status:
            assert "Status: " in flat
        for link in diagram.links_from(node.key):
            target = diagram.node(link.target)
            to = "the aim" if target.tier is Tier.AIM else f"{target.number} {words(target.title)}"
            if link.structural:
                if link.weak:
                    assert f"Weak link to {to}" in flat
            else:
                home = diagram.node(node.parent) if node.parent else None
                assert home is not None
                weak = " (weak link)" if link.weak else ""
                assert f"Also supports: {to}{weak}" in flat
                back = "; weak link)" if link.weak else ")"
                assert (
                    f"{node.number} {words(node.title)} (described under {home.number}{back}"
                    in (flat)
                )
            if link.note:
                assert words(link.note) in flat
    for measure in diagram.measures:
        assert f"{measure.number} {words(measure.name)}" in flat
        assert f"Type: {measure.type}" in flat
        for value in (measure.definition, measure.target, measure.frequency, measure.data_source):
            if value:
                assert words(value) in flat
    if diagram.theory:
        for part, value in diagram.theory.parts:
            if value:
                assert f"{part}: {words(value)}" in flat
    for term, expansion in diagram.glossary:
        assert f"{words(term)}: {words(expansion)}" in flat


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_accessible_outline_carries_everything(impact: Invoke, path: Path) -> None:
    check_accessible(outline(impact, path, "--accessible"), load(path))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_plain_outline_carries_everything(impact: Invoke, path: Path) -> None:
    check_plain(outline(impact, path), load(path))


def test_rich_diagram_carries_everything(impact: Invoke, rich: Path) -> None:
    diagram = load(rich)
    # the fixture really has what the checks are about
    assert diagram.counts[Tier.TERTIARY]
    assert diagram.cross_links()
    assert any(link.weak and link.structural for link in diagram.links)
    assert any(link.weak and not link.structural for link in diagram.links)
    assert any(n.parent is None for n in diagram.tier(Tier.CHANGE_IDEA))
    check_accessible(outline(impact, rich, "--accessible"), diagram)
    check_plain(outline(impact, rich), diagram)


def test_rich_accessible_wording(impact: Invoke, rich: Path) -> None:
    lines = [line.strip() for line in outline(impact, rich, "--accessible").splitlines()]
    text = "\n".join(lines)
    assert (
        "Primary driver 1 of 2: Demand is managed well. It has 3 secondary drivers. Description: "
        "Referrals are the right ones, checked in QI huddles." in text
    )
    # the many-to-many change idea, written in full once and named under its other driver
    assert (
        "Change idea C1 (1 of 1 under secondary driver 1.1): Text reminders. Status: being "
        "tested. High priority. Owner: Clinic manager." in text
    )
    assert (
        "Also supports secondary driver 2.1: Fewer missed appointments. This link is weak. "
        "Note on this link: Might only help some clinics." in text
    )
    assert (
        "Change idea C1 (2 of 2 under secondary driver 2.1): Text reminders. Described under "
        "secondary driver 1.1. This link is weak." in text
    )
    assert "Its link to primary driver 1 is weak." in text
    assert (
        "Primary driver 2 of 2: Clinic capacity is used fully. It has 2 secondary drivers. "
        "Its link to the aim is weak." in text
    )
    assert "Change idea C4 (1 of 1 not linked to any driver): Patient-held diary." in text
    assert (
        "Links from change idea C1: Text reminders. It supports 2 drivers: secondary driver "
        "1.1, Referral triage; secondary driver 2.1, Fewer missed appointments (weak link)."
        in lines
    )
    assert "If we: send reminders and triage referrals." in lines  # trailing comma made a stop
    assert "The aim is tracked by measure M1: Median wait in weeks." in lines
    assert "Status: not yet tested." in text
    assert "Tertiary driver 1.2.1 (1 of 1 under secondary driver 1.2): GPs ask" in text


# -- accessible: written to be heard ----------------------------------------------------

FORBIDDEN = re.compile(r"[\u2500-\u257f\u2190-\u21ff•*]|->|\x1b")


@pytest.mark.parametrize("path", [*ALL, "rich"], ids=lambda p: getattr(p, "stem", p))
def test_accessible_has_no_symbols_and_reads_as_sentences(
    impact: Invoke, path: Path | str, rich: Path
) -> None:
    source_path = rich if path == "rich" else Path(path)
    source = source_path.read_text(encoding="utf-8")
    diagram = load(source_path)
    text = outline(impact, source_path, "--accessible")
    # nothing of ours: any such character must come from the user's own text
    for found in FORBIDDEN.findall(text):
        assert found in source, f"{found!r} added by the outline"
    lines = text.splitlines()
    primary_lines = [line for line in lines if line.startswith("Primary driver")]
    assert len(primary_lines) == diagram.counts[Tier.PRIMARY]
    for line in primary_lines:
        assert re.match(r"^Primary driver \d+ of \d+: ", line)
    for line in lines:
        if line.strip():
            # a full stop, or the user's own ? ! … that already ends the sentence
            assert line.rstrip().endswith((".", "?", "!", "…")), line
            assert line == line.rstrip()
    assert text.endswith("End of text version.\n")
    # orientation: counts and how the numbering works
    assert "This is the text version of the driver diagram. It has 1 aim" in text
    assert "How to read the numbers." in text


def test_accessible_nhs_keeps_each_secondary_with_its_primary(impact: Invoke) -> None:
    """What NHS England's own accessible version lost: which primary each secondary is under."""
    diagram = load(NHS)
    lines = [line.strip() for line in outline(impact, NHS, "--accessible").splitlines()]
    assert (
        "Primary driver 2 of 5: Investing in people and culture. It has 3 secondary drivers."
        in (" ".join(lines))
    )
    for node in diagram.tier(Tier.SECONDARY):
        parent = diagram.node(node.parent or "")
        k = parent.children.index(node.key) + 1
        expected = (
            f"Secondary driver {node.number} ({k} of 3 under primary driver {parent.number}): "
            f"{clean(node.title)}."
        )
        assert expected in lines
        # and it comes after its own primary driver, before the next one
        at = lines.index(expected)
        before = [line for line in lines[:at] if line.startswith("Primary driver ")]
        assert before[-1].startswith(f"Primary driver {parent.number} of 5: ")


def test_glossary_expanded_at_first_use_only(impact: Invoke, rich: Path) -> None:
    text = outline(impact, rich, "--accessible")
    assert text.count("quality improvement (QI)") == 1
    assert text.index("QI") == text.index("quality improvement (QI)") + len("quality improvement (")
    assert text.count("QI") > 2  # later uses stay short
    assert text.count("patient administration system (PAS)") == 1
    assert "PAS: patient administration system." in text  # the glossary itself
    # the plain outline does not expand
    assert "quality improvement (QI)" not in outline(impact, rich)


def test_glossary_expansion_nhs(impact: Invoke) -> None:
    text = outline(impact, NHS, "--accessible")
    first_line = text.splitlines()[0]
    # 'NHS IMPACT' (longest term first) expands; the 'NHS' within it is not expanded
    assert first_line == (
        "Driver diagram: Improving Patient Care Together (NHS IMPACT) Driver Diagram. "
        "Aligned to the five components of NHS IMPACT."
    )
    assert text.count("National Health Service (NHS)") == 1
    assert text.count("(NHS IMPACT)") == 1


def test_glossary_helper_whole_words_longest_first() -> None:
    glossary = Glossary([("NHS", "National Health Service"), ("NHS IMPACT", "NHS Improving")])
    assert glossary.expand("NHSX and NHS-wide") == "NHSX and National Health Service (NHS)-wide"
    assert glossary.expand("NHS IMPACT, NHS") == "NHS Improving (NHS IMPACT), NHS"
    assert glossary.segments("NHS IMPACT") == [("NHS IMPACT", None)]


def test_no_colour_even_on_a_terminal(rich: Path) -> None:
    """A real pseudo-terminal with colour forced on: still no escape codes."""
    leader, follower = pty.openpty()
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "CLICOLOR_FORCE": "1"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [impact_executable(), "outline", "--accessible", str(rich)],
        stdout=follower,
        stderr=follower,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    data = b"".join(chunks)
    assert proc.returncode == 0
    assert b"Primary driver 1 of 2: " in data
    assert b"\x1b" not in data


# -- the CLI edge -----------------------------------------------------------------------


def test_output_file_is_written(impact: Invoke, rich: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    result = impact("outline", rich, "--accessible", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_bytes() == impact("outline", rich, "--accessible").stdout_bytes
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_stdin_input(impact: Invoke, rich: Path) -> None:
    result = impact("outline", "-", stdin=rich.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == impact("outline", rich).stdout_bytes
    assert "1 Demand is managed well" in result.stdout


def test_invalid_input_exits_one_with_located_diagnostics(impact: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n", encoding="utf-8"
    )
    target = tmp_path / "out.txt"
    result = impact("outline", bad, "--accessible", "-o", target)
    assert result.exit_code == 1
    assert f"{bad}:5:5: error DD-F01: unknown key 'titel'" in result.stderr
    assert "did you mean 'title'?" in result.stderr
    assert result.stdout == ""
    assert not target.exists()
    assert "Traceback" not in result.output


def test_invalid_reference_from_stdin(impact: Invoke) -> None:
    text = (
        "title: T\naim: x\nprimary_drivers:\n  - title: a\n    change_ideas:\n"
        "      - title: c\n        supports: [nowhere]\n"
    )
    assert load_text(text).diagram is None
    result = impact("outline", "-", stdin=text)
    assert result.exit_code == 1
    assert "<stdin>:7:" in result.stderr
    assert "unknown id 'nowhere'" in result.stderr
    assert result.stdout == ""


def test_refuses_to_overwrite_the_input(impact: Invoke, rich: Path) -> None:
    before = rich.read_bytes()
    result = impact("outline", rich, "-o", rich)
    assert result.exit_code == 2
    assert "refusing to overwrite the input file" in result.stderr
    assert rich.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "html"), "unknown outline format 'html'"),
        (("--mermaid",), "--mermaid works only with --format markdown"),
        (("--accessible", "--format", "markdown"), "cannot be combined with --format markdown"),
    ],
)
def test_usage_errors_exit_two(
    impact: Invoke, rich: Path, args: tuple[str, ...], message: str
) -> None:
    result = impact("outline", rich, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_two(impact: Invoke, tmp_path: Path) -> None:
    result = impact("outline", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.output


def test_plain_outline_layout(impact: Invoke, rich: Path) -> None:
    text = outline(impact, rich)
    lines = text.splitlines()
    assert lines[:2] == ["Reduce outpatient waits", "======================="]
    assert "      C1 Text reminders" in lines
    assert "         Status: being tested; priority: high" in lines
    assert "      C1 Text reminders (described under 1.1; weak link)" in lines
    assert "         Also supports: 2.1 Fewer missed appointments (weak link)" in lines
    assert "  Weak link to the aim" in lines
    assert all(len(line) <= 88 for line in lines)
    assert "\x1b" not in text


@pytest.mark.parametrize(
    ("aim", "expected"),
    [
        ("Reduce the did-not-attend (DNA) rate", "Reduce the did-not-attend (DNA) rate"),
        ("Reduce the DNA (did not attend) rate", "Reduce the DNA (did not attend) rate"),
        ("Reduce the DNA rate", "Reduce the did not attend (DNA) rate"),
    ],
)
def test_an_abbreviation_the_author_expanded_is_not_expanded_again(aim: str, expected: str) -> None:
    from impact_cli.check.load import load_text
    from impact_cli.render import RenderOptions, render

    text = f"title: T\naim: {aim}\nprimary_drivers: [P]\nglossary: {{DNA: did not attend}}\n"
    result = load_text(text, "t.yaml")
    assert result.diagram is not None, result.diagnostics
    outline = render(result.diagram, "txt", RenderOptions(accessible=True)).decode()
    assert expected in outline
    assert "(did not attend (DNA))" not in outline
    assert "(did not attend) (did not attend)" not in outline
