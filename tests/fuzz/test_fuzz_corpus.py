"""Replay every input in tests/fuzz/corpus/ through the real ``impact`` process.

``make fuzz`` saves each input that broke a property there (see fuzz_support);
hand-made regression inputs for bugs found while fuzzing are kept alongside, named
``regression-*.yaml``. Each must end in exit 0, 1 or 2 with located messages,
no traceback, no "internal error", no raw control character on the terminal, and
the same findings from both YAML parsers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke
from fuzz.fuzz_support import CORPUS, check_located_output
from fuzz.test_fuzz_input import check_parsers_agree

CASES = sorted(CORPUS.glob("*.yaml"))


def test_corpus_is_not_empty() -> None:
    assert CASES, f"no inputs in {CORPUS}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_replay(impact_process: Invoke, case: Path) -> None:
    result = impact_process("validate", "-q", "--color", "never", case, timeout=60)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    if result.exit_code == 1:
        check_located_output(result.stdout, str(case))
    if result.exit_code == 2:
        assert result.stderr.startswith("impact: error: ")
    raw_controls = [c for c in result.output if ord(c) < 32 and c not in "\n\t"]
    assert not raw_controls, f"control characters reach the terminal: {raw_controls!r}"
    check_parsers_agree(case.read_bytes())
