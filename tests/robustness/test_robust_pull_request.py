"""A hostile pull request: what it controls, and what impact promises (docs/security.md).

Every case runs the real ``impact`` process on files, names and links a pull
request can add, and checks the promise from the outside: a secret outside the
tree never reaches any output, a file outside the tree is never written, every
read is bounded, and every name is printed as one visible line.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import impact_executable
from robustness.proc import dot_child, run_measured

ROOT = Path(__file__).resolve().parents[2]
NHS = ROOT / "diagrams" / "nhs-impact.yaml"
CANARY = "CANARY-SECRET-7f3a9c"
FORMATS = ("text", "json", "github", "sarif")
NO_DAC = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the scanned tree holding a secret, shaped like a YAML error."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"token: [{CANARY}\n")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_symlink_to_a_secret_is_never_read(tmp_path: Path, secret: Path, fmt: str) -> None:
    tree = tmp_path / "repo" / "diagrams"
    tree.mkdir(parents=True)
    shutil.copy(NHS, tree / "nhs.yaml")
    (tree / "env.yaml").symlink_to(secret)
    (tree / "environ.yaml").symlink_to("/proc/self/environ")
    result = run_measured("validate", "--format", fmt, tree, env={"IMPACT_TOKEN": CANARY})
    assert CANARY not in result.output
    assert result.exit_code in (0, 1), result.output
    assert "env.yaml: skipped a symbolic link" in result.stderr
    assert "environ.yaml: skipped a symbolic link" in result.stderr


def test_follow_symlinks_reads_only_links_that_stay_inside(tmp_path: Path, secret: Path) -> None:
    tree = tmp_path / "diagrams"
    tree.mkdir()
    shutil.copy(NHS, tree / "nhs.yaml")
    (tree / "alias.yaml").symlink_to("nhs.yaml")
    (tree / "env.yaml").symlink_to(secret)
    result = run_measured("validate", "--follow-symlinks", "--format", "json", tree)
    assert CANARY not in result.output
    report = json.loads(result.stdout)
    assert sorted(Path(f["path"]).name for f in report["files"]) == ["alias.yaml", "nhs.yaml"]
    assert "env.yaml: skipped a symbolic link (it leads outside" in result.stderr


def test_render_never_reads_a_linked_secret(tmp_path: Path, secret: Path) -> None:
    tree = tmp_path / "diagrams"
    tree.mkdir()
    (tree / "env.yaml").symlink_to(secret)
    shutil.copy(NHS, tree / "nhs.yaml")
    out = tmp_path / "out"
    result = run_measured("render", tree, "-f", "txt,md,json,csv,dot", "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert CANARY not in result.output
    for written in out.iterdir():
        assert CANARY not in written.read_text(encoding="utf-8")


def test_output_symlink_outside_the_tree_is_not_written(tmp_path: Path) -> None:
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("# mine\n")
    tree = tmp_path / "repo" / "diagrams"
    tree.mkdir(parents=True)
    shutil.copy(NHS, tree / "ward.yaml")
    (tree / "ward.txt").symlink_to(victim)
    result = run_measured("render", tree, "-f", "txt")
    assert result.exit_code == 2
    assert "ward.txt: is a symbolic link" in result.stderr
    assert victim.read_text() == "# mine\n"
    assert (tree / "ward.txt").is_symlink()


def test_fifo_in_a_tree_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run_measured("validate", tmp_path, timeout=20)
    assert not result.timed_out
    assert result.exit_code == 2
    assert "pipe.yaml: is not a regular file" in result.stderr


def test_fifo_output_nobody_reads_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out.txt")
    result = run_measured("outline", NHS, "-o", tmp_path / "out.txt", timeout=20)
    assert not result.timed_out
    assert result.exit_code == 2
    assert "out.txt: is a pipe that nothing is reading" in result.stderr


@pytest.mark.parametrize("command", ["validate", "render", "outline", "diff", "import"])
def test_standard_input_is_bounded(command: str) -> None:
    args = {
        "validate": ("validate", "-"),
        "render": ("render", "-", "-f", "txt", "-o", "-"),
        "outline": ("outline", "-"),
        "diff": ("diff", "-", str(NHS)),
        "import": ("import", "-"),
    }[command]
    # /dev/zero never ends: the read must stop at the size limit.
    with Path("/dev/zero").open("rb") as zero:
        proc = subprocess.run(
            [impact_executable(), *args], stdin=zero, capture_output=True, timeout=60, check=False
        )
    assert proc.returncode in (1, 2), proc.stderr[-500:]
    assert b"5,242,880 bytes" in proc.stdout + proc.stderr


def test_a_name_cannot_forge_a_diagnostic_line(tmp_path: Path) -> None:
    name = "ok.yaml\nforged.yaml:1:1: error DD-F01: forged\x1b[2J\u202e"
    (tmp_path / (name + ".yaml")).write_text("title: [\n")
    result = run_measured("validate", tmp_path)
    assert result.exit_code == 1
    assert not any(line.startswith("forged.yaml") for line in result.stdout.splitlines())
    assert "\x1b" not in result.output
    assert "\u202e" not in result.output
    assert "\\u000aforged.yaml" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_names_that_are_not_utf8_keep_reports_valid(tmp_path: Path, fmt: str) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    (tmp_path / name).write_text("title: [\n")
    result = run_measured("validate", "--format", fmt, tmp_path)
    assert result.exit_code == 1, result.output
    report = json.dumps(json.loads(result.stdout))  # valid JSON, whatever the name
    assert "caf" in report


def test_thousands_of_findings_give_bounded_output(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("title: T\naim: A\nprimary_drivers:\n" + "  -\n" * 10_000)
    result = run_measured("validate", path, timeout=60)
    assert result.exit_code == 1
    assert len(result.stdout) < 50_000
    assert "more findings not shown" in result.stdout
    assert result.peak_mib < 300  # was 1.4 GB


def test_a_long_line_is_shown_as_a_bounded_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("title: T\naim: " + "x" * 100_000 + "\nprimary_drivers: []\nbogus: 1\n")
    result = run_measured("validate", path)
    assert result.exit_code == 1
    assert max(len(line) for line in result.stdout.splitlines()) < 400


def test_sigterm_leaves_no_temporary_file_and_no_dot(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    drivers = "\n".join(
        f"  - id: p{i}\n    title: Primary {i}\n    secondary_drivers:\n"
        + "\n".join(f"      - title: Secondary {i}.{j} with words" for j in range(40))
        for i in range(50)
    )
    big.write_text(
        f"title: Big\naim: Reduce falls by 30% by March 2027\nprimary_drivers:\n{drivers}\n"
    )
    with subprocess.Popen(
        [impact_executable(), "render", str(big), "-f", "svg", "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        deadline = time.monotonic() + 30
        dot = None
        while dot is None and time.monotonic() < deadline and proc.poll() is None:
            dot = dot_child(proc)
            time.sleep(0.05)
        assert dot is not None, "dot never started"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err
    assert b"impact: terminated" in err
    assert b"Traceback" not in err
    assert not list(tmp_path.glob(".*.tmp"))
    assert not (tmp_path / "big.svg").exists()
    time.sleep(0.5)
    assert not Path(f"/proc/{dot}").exists()


def test_unreadable_directory_fails_the_run(tmp_path: Path) -> None:
    shutil.copy(NHS, tmp_path / "nhs.yaml")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("title: [\n")
    locked.chmod(0)
    try:
        # root reads any directory: drop the capabilities that let it
        result = run_measured("validate", tmp_path, wrapper=NO_DAC)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "locked: cannot list (Permission denied)" in result.stderr


def test_a_very_deep_tree_is_walked_without_recursion(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(990):
        deep = deep / "d"
    subprocess.run(["mkdir", "-p", str(deep)], check=True)  # Path.mkdir recurses per level
    shutil.copy(NHS, deep / "nhs.yaml")
    result = run_measured("validate", "-q", tmp_path)
    # shutil.rmtree (pytest's clean-up) recurses once per level: remove it here
    subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True)
    assert result.exit_code == 0, result.output[-500:]


def test_a_name_too_long_is_a_usage_error(tmp_path: Path) -> None:
    result = run_measured("validate", tmp_path / ("x" * 300 + ".yaml"))
    assert result.exit_code == 2
    assert "internal error" not in result.output


@pytest.mark.parametrize("value", ["100000000000", "99999999999999999999999"])
def test_max_bytes_has_a_ceiling(value: str) -> None:
    result = run_measured("validate", "--max-bytes", value, NHS)
    assert result.exit_code == 2
    assert "--max-bytes must be between 1 and" in result.stderr


def _glossary_diagram(glossary: dict[str, str], text: str) -> str:
    import yaml

    return yaml.safe_dump(
        {
            "title": "Glossary",
            "aim": f"Reduce falls by 30% by March 2027. {text}",
            "primary_drivers": [{"title": f"Driver {i} {text}"} for i in range(20)],
            "glossary": glossary,
        },
        allow_unicode=True,
        width=10**9,
    )


@pytest.mark.parametrize(
    "command", [("outline", "--accessible"), ("render", "-f", "html", "-o", "-")]
)
def test_glossary_of_2000_crafted_terms_is_linear(tmp_path: Path, command: tuple[str, ...]) -> None:
    # Near misses everywhere: every term is a prefix of words in the text.
    glossary = {f"Q{i:04d}": f"expansion {i}" for i in range(2000)}
    words = " ".join(f"Q{i:04d}x" for i in range(2000))
    path = tmp_path / "g.yaml"
    path.write_text(_glossary_diagram(glossary, words), encoding="utf-8")
    assert path.stat().st_size > 200_000
    result = run_measured(*command, path, timeout=60)
    assert result.exit_code == 0, result.output[-500:]
    # the page also runs Graphviz on 21 boxes of 14 KB each (and again per part for
    # print); the old glossary matching alone took 20 s in the outline
    assert result.seconds < (15 if command[0] == "outline" else 30)
    assert result.peak_mib < 400


def test_a_chain_of_1000_glossary_terms_is_expanded_without_recursion(tmp_path: Path) -> None:
    glossary = {f"T{i}": f"see T{i + 1}" for i in range(1000)}
    path = tmp_path / "chain.yaml"
    path.write_text(_glossary_diagram(glossary, "T0"), encoding="utf-8")
    result = run_measured("outline", "--accessible", path)
    assert result.exit_code == 0, result.output[-500:]
    assert "(T999)" in result.stdout


def test_a_sheet_over_the_limit_is_refused_not_imported_in_part(tmp_path: Path) -> None:
    rows = ["id,level,parent_id,text", "a1,aim,,Reduce falls by 30% by March 2027"]
    rows += [f"p{i},primary,a1,Primary driver number {i} with words" for i in range(140_000)]
    sheet = tmp_path / "big.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert sheet.stat().st_size > 5 * 1024 * 1024
    result = run_measured("import", sheet, "-o", tmp_path / "big.yaml", timeout=60)
    assert result.exit_code == 2, result.output[-500:]
    assert "more than 5,242,880 bytes" in result.stderr
    assert not (tmp_path / "big.yaml").exists()


def test_a_comment_cannot_carry_escapes_or_bidi_into_the_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "title: T\naim: A\nprimary_drivers: [P]\nbogus: 1  # \u202e evil \u2066\n",
        encoding="utf-8",
    )
    result = run_measured("validate", path)
    assert result.exit_code == 1
    assert "\u202e" not in result.output
    assert "\u2066" not in result.output
    assert "\\u202e" in result.stdout  # shown, made visible


def test_a_newline_in_a_measure_name_cannot_forge_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: T\naim: Reduce falls by 30% by March 2027\nprimary_drivers: [P]\n"
        'measures:\n  - name: "Falls\\nforged.yaml:1:1: error DD-F01: forged"\n'
        "    type: outcome\n    tracks: aim\n",
        encoding="utf-8",
    )
    result = run_measured("validate", path)
    assert not any(line.startswith("forged.yaml") for line in result.stdout.splitlines())
    assert "DD-M02" in result.stdout


def test_an_output_symlink_loop_is_a_usage_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = run_measured("outline", NHS, "-o", loop)
    assert result.exit_code == 2
    assert "internal error" not in result.output


def test_a_directory_without_search_permission_is_a_usage_error(tmp_path: Path) -> None:
    shielded = tmp_path / "shielded"
    shielded.mkdir()
    shutil.copy(NHS, shielded / "nhs.yaml")
    shielded.chmod(0o600)  # readable, not searchable
    try:
        result = run_measured("validate", shielded / "nhs.yaml", wrapper=NO_DAC)
    finally:
        shielded.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "permission denied" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("--help",),
        ("validate", str(NHS)),
        ("outline", str(NHS)),
        ("render", str(NHS), "-f", "txt", "-o", "-"),
        ("rules",),
        ("schema",),
        ("doctor",),
    ],
    ids=lambda a: a[0].strip("-"),
)
def test_a_closed_stdout_is_a_usage_error_not_a_bug(args: tuple[str, ...]) -> None:
    proc = subprocess.run(
        [impact_executable(), *args],
        stdout=subprocess.DEVNULL,
        capture_output=False,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 2, proc.stderr
    assert b"standard output is closed" in proc.stderr
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("stream", ["stdin", "stderr"])
def test_a_closed_stdin_or_stderr_is_not_a_bug(stream: str) -> None:
    fd = 0 if stream == "stdin" else 2
    proc = subprocess.run(
        [impact_executable(), "validate", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(fd),
    )
    assert b"internal error" not in proc.stdout + proc.stderr
    if stream == "stdin":
        assert proc.returncode == 2
        assert b"standard input is closed" in proc.stderr
    ok = subprocess.run(
        [impact_executable(), "validate", str(NHS)],
        capture_output=True,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(2),
    )
    assert ok.returncode == 0, ok.stdout  # a closed stderr does not fail a good run


def test_an_ascii_terminal_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: 病棟の安全\naim: x\nprimary_drivers: [{title: a, bogus: 1}]\n")
    result = run_measured("validate", path, env={"PYTHONIOENCODING": "ascii"})
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    result = run_measured("outline", path, env={"PYTHONIOENCODING": "ascii"})
    assert result.exit_code == 1 or result.exit_code == 0
    assert "internal error" not in result.output
