"""Property (b): any bytes, and any typical mutation of a valid file, end in exit 0, 1
or 2 with located messages, never a traceback, an "internal error" or a hang.

Runs through the real CLI entry point in-process (fast enough for hundreds of
examples); test_fuzz_corpus.py replays saved crashers through the real process.
Both YAML parsers are also compared directly: libyaml (C) and pure Python must
agree on whether a file is valid and on the diagnostic codes.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import EXAMPLES, HOSTILE, Invoke
from fuzz.fuzz_support import check_located_output, mutations, profile, run_campaign
from impact_cli.check.load import load_text
from impact_cli.diagnostics import Diagnostic, Span
from impact_cli.diagram import Diagram

VALID_TEXTS = [p.read_text(encoding="utf-8") for p in [*EXAMPLES, HOSTILE] if p.exists()]


def check_cli(impact: Invoke, data: bytes) -> None:
    result = impact("validate", "-q", "--no-lint", "-", stdin=data)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    if result.exit_code == 1:
        check_located_output(result.stdout, "<stdin>")
    if result.exit_code == 2:
        assert result.stderr.startswith("impact: error: "), result.stderr


def _starts(diagram: Diagram) -> Diagram:
    """The diagram with every span cut to its start.

    The parsers disagree on one thing only: where a block collection at the very
    end of a file without a final newline ends (libyaml: the next line, PyYAML: the
    end of the last line). Starts, which is what a message shows, must agree.
    """

    def cut(span: Span | None) -> Span | None:
        return None if span is None else Span.point(span.line, span.col)

    nodes = {k: n._replace(span=cut(n.span)) for k, n in diagram.nodes.items()}
    links = tuple(link._replace(span=cut(link.span)) for link in diagram.links)
    measures = tuple(m._replace(span=cut(m.span)) for m in diagram.measures)
    return replace(diagram, nodes=nodes, links=links, measures=measures)


def _found(diags: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.code, d.message, d.span.line, d.span.col, d.hint, d.pointer) for d in diags]


def check_parsers_agree(data: bytes) -> None:
    fast = load_text(data, "f.yaml", use_c=True)
    slow = load_text(data, "f.yaml", use_c=False)
    assert fast.ok == slow.ok
    if fast.diagram is not None and slow.diagram is not None:
        assert _starts(fast.diagram) == _starts(slow.diagram)
    # syntax errors are worded and placed by each parser; everything found after
    # parsing must be identical
    codes = {d.code for d in fast.diagnostics + slow.diagnostics}
    if not codes & {"DD-Y01", "DD-Y04", "DD-Y12"}:
        assert _found(fast.diagnostics) == _found(slow.diagnostics)
    else:
        assert bool(fast.diagnostics) == bool(slow.diagnostics)


def test_any_bytes(impact: Invoke, request: pytest.FixtureRequest) -> None:
    seen: list[bytes] = []

    @profile(request, ci_examples=100)
    @given(
        st.binary(max_size=400)
        | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass"))
    )
    @example(b"\xff\xfe")
    @example(b"\xef\xbb\xbf")
    @example(b"[" * 30_000)
    @example(b"- " * 5_000)
    @example(b"\x00")
    @example(b"a: &x 1\nb: *x\n")
    @example(b"!!python/object/apply:os.system ['true']")
    def campaign(data: bytes) -> None:
        seen.append(data)
        check_cli(impact, data)
        check_parsers_agree(data)

    run_campaign(request, campaign, seen, "bytes")


def test_mutations_of_valid_files(impact: Invoke, request: pytest.FixtureRequest) -> None:
    seen: list[bytes] = []

    @profile(request, ci_examples=40)
    @given(mutations(VALID_TEXTS))
    def campaign(data: bytes) -> None:
        seen.append(data)
        check_cli(impact, data)
        check_parsers_agree(data)

    run_campaign(request, campaign, seen, "mutation")


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_survive_mutations(
    impact: Invoke, request: pytest.FixtureRequest, fmt: str
) -> None:
    seen: list[bytes] = []

    @profile(request, ci_examples=10)
    @given(mutations(VALID_TEXTS))
    def campaign(data: bytes) -> None:
        seen.append(data)
        result = impact("validate", "--no-lint", "--format", fmt, "-", stdin=data)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if fmt in ("json", "sarif"):
            json.loads(result.stdout)
        else:
            # one annotation per line: a newline in a message must not start a new one
            lines = result.stdout.splitlines()
            for line in lines:
                assert line.startswith(("::", "impact: ")), f"stray line: {line!r}"

    run_campaign(request, campaign, seen, f"mutation-{fmt}")
