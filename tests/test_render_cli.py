"""``impact render`` end to end: destinations, formats, stdin/stdout, failures, --split."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import EXAMPLES, Invoke, copy_example
from impact_cli.errors import ImpactError
from impact_cli.render import FORMATS
from impact_cli.render.graphviz_run import (
    REFUSE_BOXES,
    REFUSE_LINKS,
    WARN_BOXES,
    WARN_LINKS,
    size_check,
)

NHS = next(p for p in EXAMPLES if p.stem == "nhs-impact")

INVALID = """\
title: Broken
aim: Fewer falls
primary_drivers:
  - title: One
    change_ideas:
      - title: An idea
        status: maybe
"""


@pytest.fixture
def nhs(tmp_path: Path) -> Path:
    target = tmp_path / "nhs-impact.yaml"
    shutil.copy(NHS, target)
    return target


def big_yaml(primaries: int, secondaries: int) -> str:
    lines = ["title: Big", "aim: Reduce harm by half by 2030", "primary_drivers:"]
    for i in range(primaries):
        lines += [f"  - title: Primary {i}", "    secondary_drivers:"]
        lines += [f"      - Secondary {i}.{j}" for j in range(secondaries)]
    return "\n".join(lines) + "\n"


def test_default_writes_svg_beside_input(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs)
    assert result.exit_code == 0, result.output
    out = nhs.with_suffix(".svg")
    assert out.exists()
    assert result.stderr.strip() == f"Wrote {out}"
    assert result.stdout == ""
    assert ET.fromstring(out.read_bytes()).get("role") == "img"


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("d.svg", b"<?xml"),
        ("d.png", b"\x89PNG"),
        ("d.pdf", b"%PDF"),
        ("d.dot", b"digraph"),
        ("d.gv", b"digraph"),
    ],
)
def test_output_suffix_picks_format(impact: Invoke, nhs: Path, name: str, magic: bytes) -> None:
    out = nhs.parent / name
    result = impact("render", nhs, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_format_overrides_suffix(impact: Invoke, nhs: Path) -> None:
    out = nhs.parent / "drawing.img"
    result = impact("render", nhs, "-o", out, "-f", "dot")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"digraph")


def test_several_formats_into_out_dir(impact: Invoke, nhs: Path, tmp_path: Path) -> None:
    build = tmp_path / "build" / "deep"
    result = impact("render", nhs, "-f", "svg,png,dot", "--out-dir", build)
    assert result.exit_code == 0, result.output
    for suffix in (".svg", ".png", ".dot"):
        assert (build / f"nhs-impact{suffix}").stat().st_size > 1000
        assert f"Wrote {build / ('nhs-impact' + suffix)}" in result.stderr


def test_directory_of_inputs(impact: Invoke, tmp_path: Path) -> None:
    src = tmp_path / "diagrams"
    src.mkdir()
    for path in EXAMPLES:
        copy_example(path, src)
    out = tmp_path / "out"
    result = impact("render", src, "-f", "dot", "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.dot" for p in EXAMPLES)


def test_several_inputs_beside_each(impact: Invoke, tmp_path: Path) -> None:
    inputs = []
    for path in EXAMPLES[:2]:
        target = tmp_path / path.name
        shutil.copy(path, target)
        inputs.append(target)
    result = impact("render", *inputs, "-f", "dot")
    assert result.exit_code == 0, result.output
    for target in inputs:
        assert target.with_suffix(".dot").exists()


def test_stdout_output(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "-f", "svg", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"<?xml")
    assert ET.fromstring(result.stdout_bytes).get("role") == "img"
    assert not nhs.with_suffix(".svg").exists()


def test_stdout_png_through_a_pipe(impact_process: Invoke, nhs: Path) -> None:
    result = impact_process("render", nhs, "-f", "png", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\x89PNG")


def test_stdout_needs_a_format(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "-o", "-")
    assert result.exit_code == 2
    assert "add -f" in result.stderr


def test_unknown_suffix_needs_a_format(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "-o", nhs.parent / "x.xyz")
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr
    assert not (nhs.parent / "x.xyz").exists()


def test_stdin_input(impact: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "from-stdin.dot"
    result = impact("render", "-", "-o", out, stdin=NHS.read_bytes())
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("digraph")
    result = impact("render", "-", stdin=NHS.read_bytes())
    assert result.exit_code == 2
    assert "add -o FILE" in result.stderr


def test_refuses_to_overwrite_input(impact: Invoke, nhs: Path) -> None:
    before = nhs.read_bytes()
    result = impact("render", nhs, "-o", nhs, "-f", "dot")
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert nhs.read_bytes() == before


def test_invalid_diagram_is_reported_and_the_valid_ones_written(
    impact: Invoke, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(INVALID)
    good = tmp_path / "good.yaml"
    shutil.copy(NHS, good)
    result = impact("render", good, bad, "-f", "svg,dot")
    assert result.exit_code == 1
    validate = impact("validate", good, bad)
    assert validate.exit_code == 1
    assert result.stdout == validate.stdout  # the same diagnostics as impact validate
    assert "bad.yaml:" in result.stdout
    assert f"not rendered, because of the errors above: {bad}" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.yaml",
        "good.dot",
        "good.svg",
        "good.yaml",
    ]


def test_a_lone_invalid_diagram_writes_nothing(impact: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(INVALID)
    result = impact("render", bad, "-o", tmp_path / "bad.svg")
    assert result.exit_code == 1
    assert "nothing rendered, because of the errors above" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_missing_format_module_is_a_clear_error(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "-f", "nonsense")
    assert result.exit_code == 2
    assert "unknown output format" in result.stderr
    assert "Traceback" not in result.output


def test_several_outputs_need_out_dir(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "-f", "svg,dot", "-o", nhs.parent / "x.svg")
    assert result.exit_code == 2
    assert "--out-dir" in result.stderr


def test_unknown_theme(impact: Invoke, nhs: Path) -> None:
    result = impact("render", nhs, "--theme", "neon")
    assert result.exit_code == 2
    assert "unknown theme" in result.stderr


def test_no_theory_no_measures_flags(impact: Invoke, tmp_path: Path) -> None:
    falls = next(p for p in EXAMPLES if p.stem == "ward-falls")
    shown, hidden = tmp_path / "shown.dot", tmp_path / "hidden.dot"
    assert impact("render", falls, "-o", shown).exit_code == 0
    assert impact("render", falls, "-o", hidden, "--no-theory", "--no-measures").exit_code == 0
    assert "Theory of change" in shown.read_text()
    assert "Theory of change" not in hidden.read_text()
    assert "Measures" in shown.read_text()
    assert "Measures" not in hidden.read_text()


def test_split(impact: Invoke, nhs: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    result = impact("render", nhs, "--split", "-f", "svg", "--out-dir", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["nhs-impact-overview.svg"] + [f"nhs-impact-{i}.svg" for i in range(1, 6)]
    )
    overview = drawn_text(out / "nhs-impact-overview.svg")
    assert "Building a shared purpose and vision" in overview
    assert "embed shared purpose into everyday work" not in overview
    part = drawn_text(out / "nhs-impact-1.svg")
    assert "embed shared purpose into everyday work" in part
    assert "cross system learning and innovation" not in part


def drawn_text(path: Path) -> str:
    """The SVG's text, line after line, joined with spaces (undoing the wrapping)."""
    root = ET.fromstring(path.read_bytes())
    return " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))


def test_huge_diagram_refused_without_force(impact: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(big_yaml(101, 99))  # 1 + 101 + 101 * 99 = 10,101 boxes
    result = impact("render", big, "-f", "svg")
    assert result.exit_code == 2
    assert "10,101 boxes" in result.stderr
    assert "--split" in result.stderr
    assert "outline" in result.stderr
    assert not (tmp_path / "big.svg").exists()
    # the DOT text needs no layout, so it is not refused
    assert impact("render", big, "-f", "dot").exit_code == 0


def test_size_thresholds() -> None:
    assert size_check(WARN_BOXES, WARN_LINKS, force=False, name="x") is None
    for boxes, links in ((WARN_BOXES + 1, 0), (0, WARN_LINKS + 1)):
        warning = size_check(boxes, links, force=False, name="x")
        assert warning is not None
        assert "--split" in warning
    for boxes, links in ((REFUSE_BOXES + 1, 0), (0, REFUSE_LINKS + 1)):
        with pytest.raises(ImpactError, match="too many"):
            size_check(boxes, links, force=False, name="x")
        assert size_check(boxes, links, force=True, name="x") is not None


def _path_without_dot(tmp_path: Path) -> str:
    """A PATH that has everything of the current one except the directories holding dot."""
    keep = [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and not (Path(d) / "dot").exists()
    ]
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    return os.pathsep.join([str(empty), *keep])


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_graphviz_missing(impact_process: Invoke, nhs: Path, tmp_path: Path, fmt: str) -> None:
    env = {"PATH": _path_without_dot(tmp_path)}
    result = impact_process("render", nhs, "-f", fmt, env=env)
    assert result.exit_code == 2
    assert "Graphviz" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.stderr
    assert not nhs.with_suffix(f".{fmt}").exists()


def test_dot_output_works_without_graphviz(
    impact_process: Invoke, nhs: Path, tmp_path: Path
) -> None:
    env = {"PATH": _path_without_dot(tmp_path)}
    result = impact_process("render", nhs, "-f", "dot", env=env)
    assert result.exit_code == 0, result.stderr
    assert nhs.with_suffix(".dot").read_text().startswith("digraph")


def test_the_hint_without_graphviz_offers_formats_that_work(
    impact_process: Invoke, nhs: Path, tmp_path: Path
) -> None:
    env = {"PATH": _path_without_dot(tmp_path)}
    result = impact_process("render", nhs, "-f", "html", env=env)
    assert result.exit_code == 2
    hint = result.stderr.split("hint: ", 1)[1]
    offered = re.search(r"-f ([\w, ]+) or (\w+)", hint)
    assert offered, hint
    names = [*offered[1].split(", "), offered[2]]
    assert names == [f.name for f in FORMATS.values() if not f.needs_graphviz]
    assert "'impact outline'" in hint
    # and each one offered really works without Graphviz
    out = tmp_path / "out"
    done = impact_process("render", nhs, "-f", ",".join(names), "--out-dir", out, env=env)
    assert done.exit_code == 0, done.stderr
    assert len(list(out.iterdir())) == len(names)


def test_binary_refused_on_a_terminal(nhs: Path) -> None:
    """A real pseudo-terminal as stdout: PNG bytes must not be sprayed onto it."""
    import pty
    import subprocess

    from conftest import impact_executable

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [impact_executable(), "render", str(nhs), "-f", "png", "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert b"refusing to write binary PNG to the terminal" in proc.stderr


def test_two_inputs_with_one_output_name_are_refused_before_writing(
    impact: Invoke, tmp_path: Path
) -> None:
    # Found in review: both were "written" to out/d.txt and the first was silently lost.
    for name, example in (("a", "ward-falls"), ("b", "tertiary")):
        (tmp_path / name).mkdir()
        source = next(p for p in EXAMPLES if p.stem == example)
        copy_example(source, tmp_path / name, "d.yaml")
    out = tmp_path / "out"
    result = impact(
        "render", tmp_path / "a/d.yaml", tmp_path / "b/d.yaml", "-f", "txt", "--out-dir", out
    )
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_a_directory_with_one_invalid_file_writes_the_others(
    impact: Invoke, tmp_path: Path
) -> None:
    diagrams = tmp_path / "diagrams"
    diagrams.mkdir()
    (diagrams / "bad.yaml").write_text("title: T\naim: x\nprimary_drivers: [{titel: x}]\n")
    for example in ("ward-falls", "tertiary"):
        copy_example(next(p for p in EXAMPLES if p.stem == example), diagrams)
    out = tmp_path / "out"
    result = impact("render", diagrams, "-f", "html,txt", "--out-dir", out)
    assert result.exit_code == 1
    assert "(1 of 3 files failed)" in result.output  # the summary counts every input
    assert sorted(p.name for p in out.iterdir()) == [
        "tertiary.html",
        "tertiary.txt",
        "ward-falls.html",
        "ward-falls.txt",
    ]
    assert f"not rendered, because of the errors above: {diagrams / 'bad.yaml'}" in (result.stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.svg", "-f", "png"), "-o x.svg says svg by its suffix, but -f says png"),
        (("-o", "x.txt", "-f", "md"), "-o x.txt says txt by its suffix, but -f says md"),
        (("-o", "x.svg", "--out-dir", "out"), "give either -o or --out-dir, not both"),
        (("-o", "-", "-f", "txt", "--out-dir", "out"), "give either -o or --out-dir, not both"),
    ],
)
def test_conflicting_options_are_usage_errors(
    impact: Invoke, nhs: Path, args: tuple[str, ...], message: str
) -> None:
    before = sorted(nhs.parent.iterdir())
    result = impact("render", nhs, *[str(nhs.parent / a) if a[:1] in "xo" else a for a in args])
    assert result.exit_code == 2, result.output
    assert message.replace("x.", f"{nhs.parent}/x.") in result.stderr
    assert sorted(nhs.parent.iterdir()) == before  # nothing written


@pytest.mark.parametrize("args", [("-o", "x.gv", "-f", "dot"), ("-o", "x.markdown", "-f", "md")])
def test_a_suffix_of_the_same_format_agrees_with_f(
    impact: Invoke, nhs: Path, args: tuple[str, ...]
) -> None:
    out = nhs.parent / args[1]
    result = impact("render", nhs, "-o", out, *args[2:])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_out_dir_that_is_a_file_says_so(impact: Invoke, nhs: Path) -> None:
    afile = nhs.parent / "afile"
    afile.write_text("not a directory")
    for out_dir in (afile, afile / "sub"):
        result = impact("render", nhs, "-f", "txt", "--out-dir", out_dir)
        assert result.exit_code == 2
        assert f"--out-dir {out_dir}: {afile} is a file, not a directory" in result.stderr
    result = impact("render", nhs, "-o", afile / "x.txt")
    assert result.exit_code == 2
    assert f"{afile} is a file, not a directory" in result.stderr
    result = impact("outline", nhs, "-o", afile / "x.txt")
    assert result.exit_code == 2
    assert f"{afile / 'x.txt'}: {afile} is a file, not a directory" in result.stderr
    assert afile.read_text() == "not a directory"
