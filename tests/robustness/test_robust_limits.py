"""Resource limits: every hostile input ends promptly with a located error or a result.

Each case runs in the real ``impact`` process with its wall time and peak memory
measured (os.wait4) and bounded generously; none may hang, crash (exit 139 from a
segfault) or take gigabytes. The loader-level cases run on both YAML parsers
(libyaml and pure Python), which must give the same diagnostic at the same place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from impact_cli.check.load import load_text
from impact_cli.source.text import MAX_DEPTH, MAX_FILE_BYTES, Limits
from robustness.proc import run_measured

SMALL_SECONDS, SMALL_MIB = 15.0, 300.0  # a hostile file of a few kilobytes
LARGE_SECONDS, LARGE_MIB = 90.0, 800.0  # megabytes of input, or 100,000 nodes

ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)
LOCATED_ERROR = "{path}:{line}:{col}: error {code}: "

# name -> (text, expected code, expected line, expected column)
HOSTILE: dict[str, tuple[str, str, int, int]] = {
    "alias-bomb": (ALIAS_BOMB, "DD-Y03", 1, 4),
    "alias-only": ("title: *x\n", "DD-Y03", 1, 8),
    "brackets-30000": ("[" * 30_000, "DD-Y08", 1, MAX_DEPTH + 1),
    "braces-30000": ("{" * 30_000, "DD-Y08", 1, MAX_DEPTH + 1),
    "mixed-flow-30000": ("[{" * 15_000, "DD-Y08", 1, MAX_DEPTH + 1),
    "block-sequence-10000": ("- " * 10_000 + "x\n", "DD-Y08", 1, 2 * MAX_DEPTH + 1),
    "block-in-flow": ("a:\n" + "- " * 5_000 + "[" * 5_000 + "\n", "DD-Y08", 2, 2 * MAX_DEPTH - 1),
}


def _indented_mapping(depth: int) -> str:
    return "".join(" " * i + "k:\n" for i in range(depth))


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_structure_is_refused_at_its_place(name: str, use_c: bool) -> None:
    text, code, line, col = HOSTILE[name]
    result = load_text(text, "h.yaml", use_c=use_c)
    assert result.diagram is None
    assert [d.code for d in result.diagnostics] == [code], result.diagnostics
    span = result.diagnostics[0].span
    assert (span.line, span.col) == (line, col)


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
def test_10000_deep_indentation_is_refused_at_level_65(use_c: bool) -> None:
    # 10,000 levels of indentation are ~50 MB; raise the size limit to let it through
    text = _indented_mapping(10_000)
    result = load_text(text, "deep.yaml", limits=Limits(max_bytes=len(text) + 1), use_c=use_c)
    assert [d.code for d in result.diagnostics] == ["DD-Y08"]
    assert result.diagnostics[0].span.line == MAX_DEPTH + 1


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_structure_in_the_real_process(name: str, tmp_path: Path) -> None:
    text, code, line, col = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    run = run_measured("validate", "-q", path)
    assert not run.timed_out
    assert run.exit_code == 1, (run.exit_code, run.output)  # never 139 (segfault)
    assert LOCATED_ERROR.format(path=path, line=line, col=col, code=code) in run.stdout
    assert "Traceback" not in run.output
    assert run.seconds < SMALL_SECONDS
    assert run.peak_mib < SMALL_MIB, f"{run.peak_mib:.0f} MiB"


def test_brackets_through_stdin_render(tmp_path: Path) -> None:
    run = run_measured("render", "-", "-f", "txt", "-o", tmp_path / "x.txt", stdin=b"[" * 30_000)
    assert run.exit_code == 1, run.output
    assert "<stdin>:1:65: error DD-Y08" in run.output
    assert not (tmp_path / "x.txt").exists()


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # 50 MB, mostly one comment
        handle.write(b"title: T\n#")
        handle.write(b"x" * (50 * 1024 * 1024))
    run = run_measured("validate", "-q", path)
    assert run.exit_code == 1, run.output
    assert f"{path}:1:1: error DD-Y07: " in run.stdout
    assert f"file is more than {MAX_FILE_BYTES:,} bytes; the limit is" in run.stdout
    # only the first limit+1 bytes are ever read
    assert run.peak_mib < SMALL_MIB
    assert run.seconds < SMALL_SECONDS


def test_max_bytes_option(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("title: T\naim: A\nprimary_drivers: [P]\n")
    run = run_measured("validate", "-q", "--max-bytes", "10", path)
    assert run.exit_code == 1
    assert f"{path}:1:1: error DD-Y07: " in run.stdout
    assert "the limit is 10 bytes" in run.stdout
    assert run_measured("validate", "-q", "--max-bytes", "1000", path).exit_code == 0


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
def test_size_limit_on_text_in_memory(use_c: bool) -> None:
    result = load_text("x" * 101, "m.yaml", limits=Limits(max_bytes=100), use_c=use_c)
    assert [d.code for d in result.diagnostics] == ["DD-Y07"]


def test_ten_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "line.yaml"
    path.write_text("title: " + "x" * 10_000_000 + "\n")
    refused = run_measured("validate", "-q", path)
    assert refused.exit_code == 1
    assert f"{path}:1:1: error DD-Y07: " in refused.stdout
    assert refused.seconds < SMALL_SECONDS
    # with the limit raised it is read: a located finding, in bounded time and memory
    read = run_measured("validate", "-q", "--no-lint", "--max-bytes", "20000000", path)
    assert read.exit_code == 1, read.output
    assert f"{path}:1:1: error DD-F02: the diagram is missing the required key 'aim'" in (
        read.stdout
    )
    assert read.seconds < LARGE_SECONDS
    assert read.peak_mib < LARGE_MIB, f"{read.peak_mib:.0f} MiB"


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
def test_ten_megabyte_single_line_both_parsers(use_c: bool) -> None:
    text = "title: " + "x" * 10_000_000 + "\naim: A\nprimary_drivers: [P]\n"
    result = load_text(text, "l.yaml", limits=Limits(max_bytes=len(text)), use_c=use_c)
    assert result.ok
    assert result.diagram is not None
    assert len(result.diagram.title) == 10_000_000


def _many_nodes(primaries: int, secondaries: int, ideas: int) -> str:
    lines = ["title: Big", "aim: Reduce harm by half by 2027", "primary_drivers:"]
    for p in range(primaries):
        lines += [f"  - title: P{p}", "    secondary_drivers:"]
        for s in range(secondaries):
            lines += [f"      - title: S{p}.{s}", "        change_ideas:"]
            lines += [f"          - C{p}.{s}.{c}" for c in range(ideas)]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_100000_nodes_end_with_a_result(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(_many_nodes(5, 100, 200))  # 100,506 nodes, 2.1 MB
    run = run_measured("validate", "-q", "--no-lint", path, timeout=LARGE_SECONDS * 2)
    assert not run.timed_out
    assert run.exit_code in (0, 1), run.output
    assert "Traceback" not in run.output
    assert run.seconds < LARGE_SECONDS
    assert run.peak_mib < LARGE_MIB, f"{run.peak_mib:.0f} MiB"


@pytest.mark.slow
def test_100000_nodes_render_is_refused_promptly(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(_many_nodes(5, 100, 200))
    svg = run_measured("render", path, "-f", "svg", "-o", tmp_path / "big.svg")
    assert svg.exit_code == 2, svg.output  # too large to lay out without --force
    assert "impact: error: " in svg.stderr
    assert "--force" in svg.stderr
    assert not (tmp_path / "big.svg").exists()
    assert svg.seconds < LARGE_SECONDS
    assert svg.peak_mib < LARGE_MIB


def test_alias_bomb_never_reaches_pydantic() -> None:
    # The bomb must be refused while loading: nothing downstream ever walks it.
    result = load_text(ALIAS_BOMB, "bomb.yaml")
    assert result.diagram is None
    assert [d.code for d in result.diagnostics] == ["DD-Y03"]
