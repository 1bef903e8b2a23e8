"""Strategies, settings profiles and the crasher corpus shared by the fuzz tests.

Two Hypothesis profiles:

* ``ci`` (the default): few examples, ``derandomize=True`` and no example
  database, so ``make test`` is fast and gives the same result on every machine;
* ``long`` (``pytest tests/fuzz --fuzz-long``, i.e. ``make fuzz``): many random
  examples. An input that breaks a property is written to ``tests/fuzz/corpus/``
  (named by its SHA-256), where ``test_fuzz_corpus.py`` replays it on every run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parent / "corpus"

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=3000,
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def profile(request: pytest.FixtureRequest, *, ci_examples: int | None = None) -> settings:
    """The settings for this run: ``long`` under ``--fuzz-long``, else ``ci``."""
    if request.config.getoption("--fuzz-long"):
        return settings.get_profile("long")
    base = settings.get_profile("ci")
    return settings(base, max_examples=ci_examples) if ci_examples else base


def is_long(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--fuzz-long"))


def run_campaign(
    request: pytest.FixtureRequest,
    campaign: Callable[[], None],
    last_input: list[bytes],
    kind: str,
) -> None:
    """Run a Hypothesis campaign; under ``--fuzz-long`` keep the crasher it found.

    ``last_input`` is filled by the property with the bytes it is checking; after
    a failure Hypothesis replays the minimal failing example last, so the final
    entry is the shrunk crasher.
    """
    try:
        campaign()
    except Exception:
        if is_long(request) and last_input:
            path = save_crasher(last_input[-1], kind)
            print(f"crasher saved to {path}")
        raise


def save_crasher(data: bytes, kind: str) -> Path:
    CORPUS.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = CORPUS / f"{kind}-{digest}.yaml"
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------------------
# Hostile text
# --------------------------------------------------------------------------------------

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</title><script>alert(2)</script>",
    "</style><style>*{display:none}</style>",
    '"]; evil [label="pwn',
    '\\"',
    "trailing backslash \\",
    "{} | <B>bold</B> <TABLE><TR><TD>x</TD></TR></TABLE>",
    "<<B>x</B>>",
    "\\N \\G \\L \\n \\l \\r",
    "-- ]]> <!-- --> <![CDATA[ x ]]>",
    "a\u202eb\u2066c\u2069d",  # bidi override and isolates
    "zero\u200dwidth\u200bjoin\ufeff",
    "e\u0301\u0301\u0301 combining",
    "\U0001f469\u200d\u2695\ufe0f \U0001f3e5 emoji",
    "مرحبا עברית",
    "`rm -rf /` $(reboot) ${HOME} %s %n {0} {{x}}",
    "&amp; &lt; &#x3c; &#60;",
    "line one\nline two",
    "tab\tinside",
    "'single' and \"double\" quotes",
    "@startuml graph TD; A-->B; click A callback",
    "x" * 300,
)

# Every character the format accepts in text: anything but surrogates and the C0
# and C1 controls other than tab and newline (those are property (b)'s business).
_CHAR = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n")
_ANY_TEXT = st.text(_CHAR, min_size=1, max_size=40)
_PLAIN = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po")), min_size=1, max_size=30
)


def hostile_text() -> st.SearchStrategy[str]:
    """Text for any text field: payloads, mixes of them, and arbitrary Unicode."""
    payload = st.sampled_from(PAYLOADS)
    mixed = st.lists(st.one_of(payload, _ANY_TEXT, _PLAIN), min_size=1, max_size=3).map(" ".join)
    return st.one_of(payload, _PLAIN, _ANY_TEXT, mixed).filter(lambda s: s.strip() != "")


# --------------------------------------------------------------------------------------
# Valid diagrams
# --------------------------------------------------------------------------------------

_ID = st.from_regex(re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,10}"), fullmatch=True)


@st.composite
def diagrams(draw: st.DrawFn) -> dict[str, Any]:
    """A diagram dictionary meant to be valid: nesting and references, weak links,
    tertiary drivers, change ideas everywhere, measures, glossary, theory of change.
    Every text field is hostile. Ids are unique by construction."""
    text = hostile_text()
    used: set[str] = set()

    def new_id() -> str:
        ident = draw(_ID.filter(lambda s: s not in used and s.lower() != "aim"))
        used.add(ident)
        return ident

    def maybe(value: st.SearchStrategy[Any]) -> Any:
        return draw(st.one_of(st.none(), value))

    def idea(supports: list[str]) -> dict[str, Any] | str:
        if not supports and draw(st.booleans()):
            return draw(text)  # the bare-string shorthand
        item: dict[str, Any] = {"id": new_id(), "title": draw(text)}
        for key in ("description", "owner", "learning"):
            value = maybe(text)
            if value is not None:
                item[key] = value
        status = maybe(st.sampled_from(["idea", "testing", "adopted", "adapted", "abandoned"]))
        if status:
            item["status"] = status
        priority = maybe(st.sampled_from(["high", "medium", "low"]))
        if priority:
            item["priority"] = priority
        if draw(st.booleans()):
            item["pdsa"] = draw(st.lists(text, max_size=2))
        if supports:
            item["supports"] = [link(to) for to in supports]
        return item

    def link(to: str) -> dict[str, Any] | str:
        if draw(st.booleans()):
            return to
        entry: dict[str, Any] = {"to": to, "strength": draw(st.sampled_from(["weak", "strong"]))}
        note = maybe(text)
        if note is not None:
            entry["note"] = note
        return entry

    def extra(candidates: list[str], exclude: str | None) -> list[str]:
        pool = [c for c in candidates if c != exclude]
        if not pool:
            return []
        return draw(st.lists(st.sampled_from(pool), max_size=2, unique=True))

    doc: dict[str, Any] = {"title": draw(text)}
    for key in ("subtitle", "summary", "version", "updated", "owner", "licence"):
        value = maybe(text)
        if value is not None:
            doc[key] = value
    source = maybe(
        st.one_of(text, st.sampled_from(["https://example.org/x?a=1&b=<2>", "http://e.org"]))
    )
    if source is not None:
        doc["source"] = source
    if draw(st.booleans()):
        doc["aim"] = draw(text)
    else:
        doc["aim"] = {"statement": draw(text)}
        for key in ("description", "baseline", "target", "deadline", "population"):
            value = maybe(text)
            if value is not None:
                doc["aim"][key] = value

    primaries: list[dict[str, Any]] = []
    primary_ids: list[str] = []
    secondary_ids: list[str] = []
    tertiary_ids: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        pid = new_id()
        primary_ids.append(pid)
        primaries.append({"id": pid, "title": draw(text), "secondary_drivers": []})
    for primary in primaries:
        for _ in range(draw(st.integers(0, 2))):
            sid = new_id()
            secondary_ids.append(sid)
            sd: dict[str, Any] = {"id": sid, "title": draw(text)}
            if draw(st.booleans()):
                sd["strength"] = "weak"
            others = extra(primary_ids, primary["id"])
            if others:
                sd["supports"] = [link(o) for o in others]
            for _ in range(draw(st.integers(0, 2))):
                tid = new_id()
                tertiary_ids.append(tid)
                sd.setdefault("tertiary_drivers", []).append({"id": tid, "title": draw(text)})
            if draw(st.booleans()):
                sd["change_ideas"] = [idea([])]
            primary["secondary_drivers"].append(sd)
        if draw(st.booleans()):
            primary["change_ideas"] = [idea([])]
    for primary in primaries:
        if not primary["secondary_drivers"]:
            del primary["secondary_drivers"]
    doc["primary_drivers"] = primaries

    # written by reference at the top level
    top_secondary = []
    for _ in range(draw(st.integers(0, 1))):
        sid = new_id()
        top_secondary.append(
            {"id": sid, "title": draw(text), "supports": [link(draw(st.sampled_from(primary_ids)))]}
        )
        secondary_ids.append(sid)
    if top_secondary:
        doc["secondary_drivers"] = top_secondary
    if secondary_ids and draw(st.booleans()):
        tid = new_id()
        doc["tertiary_drivers"] = [
            {"id": tid, "title": draw(text), "supports": [draw(st.sampled_from(secondary_ids))]}
        ]
        tertiary_ids.append(tid)
    drivers = primary_ids + secondary_ids + tertiary_ids
    ideas = []
    for _ in range(draw(st.integers(0, 3))):
        targets = draw(st.lists(st.sampled_from(drivers), min_size=1, max_size=3, unique=True))
        ideas.append(idea(targets))
    if ideas:
        doc["change_ideas"] = ideas
    idea_ids = [i["id"] for i in ideas if isinstance(i, dict)]
    measures = []
    for _ in range(draw(st.integers(0, 2))):
        measure: dict[str, Any] = {
            "name": draw(text),
            "type": draw(st.sampled_from(["outcome", "process", "balancing"])),
            "tracks": draw(
                st.lists(st.sampled_from(["aim", *drivers, *idea_ids]), max_size=2, unique=True)
            ),
        }
        for key in ("definition", "target", "frequency", "data_source"):
            value = maybe(text)
            if value is not None:
                measure[key] = value
        measures.append(measure)
    if measures:
        doc["measures"] = measures
    if draw(st.booleans()):
        doc["theory_of_change"] = {
            "if_we": draw(text),
            "we_will": draw(text),
            "so_that": draw(text),
        }
    if draw(st.booleans()):
        keys = draw(st.lists(_PLAIN.filter(lambda s: s.strip() != ""), max_size=2, unique=True))
        doc["glossary"] = {k[:60]: draw(text) for k in keys}
    return doc


def dump(doc: dict[str, Any]) -> str:
    """YAML text of a diagram dictionary, as a person might write it."""
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=80)


# --------------------------------------------------------------------------------------
# Mutations of valid files
# --------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def mutations(draw: st.DrawFn, texts: list[str]) -> bytes:
    """A valid example with one to three small, typical edits gone wrong."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 3))):
        lines = _lines(text)
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                [
                    "delete_line",
                    "duplicate_line",
                    "indent",
                    "dedent",
                    "swap_lines",
                    "flip_type",
                    "truncate",
                    "insert_junk",
                    "tabify",
                    "break_quote",
                ]
            )
        )
        line = lines[i]
        if op == "delete_line":
            del lines[i]
        elif op == "duplicate_line":  # a duplicated key, or a repeated list item
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:] if line.startswith("  ") else line.lstrip(" ")
        elif op == "swap_lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip_type":  # a value turned into a list, a mapping, a number or null
            key, sep, _ = line.partition(":")
            if sep:
                new = draw(st.sampled_from(["[1, 2]", "{a: b}", "42", "null", "true", "", "- x"]))
                lines[i] = f"{key}: {new}\n"
        elif op == "truncate":
            cut = draw(st.integers(0, len(text)))
            lines = _lines(text[:cut])
        elif op == "insert_junk":
            junk = draw(
                st.sampled_from(
                    [
                        "&a x",
                        "*a",
                        "!!python/object:os.system",
                        "? [a]",
                        "---",
                        "%YAML 1.1",
                        ": :",
                        "'",
                        '"',
                        "[",
                        "{",
                        "\t",
                        "\x00",
                        "\x1b[31m",
                        "<<: {a: b}",
                        "\u2028",
                    ]
                )
            )
            pos = draw(st.integers(0, len(line)))
            lines[i] = line[:pos] + junk + line[pos:]
        elif op == "tabify":
            lines[i] = line.replace("  ", "\t", 1)
        elif op == "break_quote":
            lines[i] = line.replace('"', "", 1) if '"' in line else line.rstrip("\n") + ' "\n'
        text = "".join(lines)
    return text.encode("utf-8", errors="surrogatepass")


LOCATED = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning|info) DD-[A-Z]\d\d: \S"
)


def check_located_output(stdout: str, path: str) -> None:
    """Every line of ``validate -q`` output is ``path:line:col: severity CODE: message``."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert lines, "exit 1 without a single diagnostic"
    for line in lines:
        match = LOCATED.match(line)
        assert match, f"not a located diagnostic: {line!r}"
        assert match["path"] == path, line
        assert int(match["line"]) >= 1
        assert int(match["col"]) >= 1


# --------------------------------------------------------------------------------------
# Formats, and a benign twin of a diagram
# --------------------------------------------------------------------------------------


def available_formats() -> tuple[list[str], list[str]]:
    """(formats whose renderer imports, formats not yet available), in FORMATS order."""
    import importlib

    from impact_cli.render import FORMATS

    ok: list[str] = []
    missing: list[str] = []
    for name, spec in FORMATS.items():
        try:
            importlib.import_module(spec.module)
        except ImportError:
            missing.append(name)
        else:
            ok.append(name)
    return ok, missing


_NOT_TEXT = frozenset(
    {"id", "to", "strength", "status", "priority", "type", "language", "tracks", "lint"}
)
_TREE_LISTS = frozenset(
    {"primary_drivers", "secondary_drivers", "tertiary_drivers", "change_ideas", "pdsa"}
)


def benign_twin(doc: Any, key: str | None = None, *, words: str = "plain words") -> Any:
    """The same diagram with every piece of text replaced by a harmless word
    (or by ``words``, which then goes into every text field).

    Ids, links, enums and structure are kept, so both must draw the same graph.
    """
    if isinstance(doc, dict):
        if key == "glossary":
            return {f"T{i}": words for i in range(len(doc))}
        return {k: benign_twin(v, k, words=words) for k, v in doc.items()}
    if isinstance(doc, list):
        if key in ("supports", "tracks", "disable"):
            return [
                benign_twin(v, "supports", words=words) if isinstance(v, dict) else v for v in doc
            ]
        return [benign_twin(v, key if key in _TREE_LISTS else None, words=words) for v in doc]
    if isinstance(doc, str):
        if key in _NOT_TEXT or key == "supports":
            return doc
        return words
    return doc
