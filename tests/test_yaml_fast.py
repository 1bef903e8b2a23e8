"""The fast YAML path agrees with the strict reader, or steps aside.

:mod:`impact_cli.source.fast` reads data and packed positions in one pass; the
strict reader (:mod:`impact_cli.source.reader`) composes a node tree. For every
file the fast path accepts, both must give the same data and the same span for
every place in it; for every file the strict reader refuses, the fast path must
return None so the strict reader reports it.

The fast path has three readers, all checked: impact's C reader (the default),
and the Python loop over PyYAML's events from libyaml or from the pure-Python
parser. The C reader must give exactly what the Python loop gives, object for
object, on every input.
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import every_loc
from impact_cli.check.load import load_text
from impact_cli.source.fast import (
    FIELD_LIMIT,
    FastDocument,
    ShadowLocator,
    read_events,
    read_fast,
)
from impact_cli.source.reader import PLAIN_WORDS, Limits, Locator, read_yaml

try:
    from impact_cli import _yamlread
except ImportError:  # every test of the C reader fails, loudly; the rest still runs
    _yamlread = None  # type: ignore[assignment]

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def c_read(text: str, path: str, limits: Limits) -> FastDocument | None:
    """impact's C reader itself: not read_fast, which falls back to the event loop
    where the C reader is not built (and would then be compared with itself)."""
    assert _yamlread is not None, "the C reader is not built: see setup.py"
    read = _yamlread.read(text, limits.max_depth, limits.max_nodes, PLAIN_WORDS)
    return None if read is None else FastDocument(path, text, *read)


class Reader(NamedTuple):
    read: Callable[[str, str, Limits], FastDocument | None]
    use_c: bool  # the parser the strict reader uses to compare


READERS = {
    "c-reader": Reader(c_read, True),
    "libyaml-events": Reader(partial(read_events, use_c=True), True),
    "python-events": Reader(partial(read_events, use_c=False), False),
}
PARSERS = pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())

GOOD = sorted(
    [
        *(ROOT / "diagrams").glob("*.yaml"),
        *(TESTS / "data").glob("*.yaml"),
        *(ROOT / "src" / "impact_cli" / "examples").glob("*.yaml"),
    ]
)
CORPUS = sorted((TESTS / "invalid").glob("*.yaml"))
EXPECTED = json.loads((TESTS / "invalid" / "expected.json").read_text(encoding="utf-8"))

# Locs that do not exist, to check the closest-ancestor fallback too.
MISSING = ("no-such-key", 999, "x")


def assert_same(text: str, reader: Reader) -> None:
    strict = read_yaml(text, "t.yaml", use_c=reader.use_c)
    fast = reader.read(text, "t.yaml", Limits())
    if strict.document is None:
        assert fast is None, "the fast path accepted what the strict reader refuses"
        return
    assert fast is not None
    assert fast.data == strict.document.data
    old, new = Locator(strict.document.root), ShadowLocator(fast.shadow)
    for loc in every_loc(strict.document.data):
        for probe in (loc, *((*loc, missing) for missing in MISSING)):
            for want_key in (False, True):
                assert new.span(probe, want_key=want_key) == old.span(probe, want_key=want_key), (
                    probe,
                    want_key,
                )
        # A whole list's spans at once (what normalise asks), also with a count that
        # does not match and at places that are not lists: always span() per item.
        value = node_value(strict.document.data, loc)
        for count in {len(value), len(value) + 1} if isinstance(value, list) else {0, 2}:
            expected = [old.span((*loc, i)) for i in range(count)]
            assert new.item_spans(loc, count) == expected, (loc, count)
            assert old.item_spans(loc, count) == expected, (loc, count)


def node_value(data: Any, loc: tuple[str | int, ...]) -> Any:
    for seg in loc:
        data = data[seg]
    return data


@PARSERS
@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_same_data_and_spans_as_the_strict_reader(path: Path, reader: Reader) -> None:
    assert_same(path.read_text(encoding="utf-8"), reader)


@PARSERS
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_same_or_stepped_aside(path: Path, reader: Reader) -> None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any YAML is read
    if EXPECTED[path.name]["code"].startswith("DD-Y"):
        assert reader.read(text, "t.yaml", Limits()) is None
    assert_same(text, reader)


@PARSERS
@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: 2\n",  # an anchor
        "a: 1\nb: *x\n",  # an alias (a syntax error too)
        "a: !!str 1\n",  # an explicit tag, even a harmless one
        "a: !custom 1\n",
        "a: 1\na: 2\n",  # a duplicate key
        "? [a]\n: 1\n",  # a list as a key
        "null: 1\n",  # a key that is not text
        "true: 1\n",
        "- a\n- b\n",  # a top level that is not a mapping
        "just text\n",
        "",  # empty
        "---\na: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # a syntax error
        "a:\n\tb: 1\n",  # a tab
    ],
)
def test_steps_aside_for_what_only_the_strict_reader_words(text: str, reader: Reader) -> None:
    assert reader.read(text, "t.yaml", Limits()) is None


# The words YAML 1.1 or 1.2 resolvers treat as booleans, nulls, numbers or dates.
_WORDS = (
    "true True TRUE tRue false False FALSE fAlse yes Yes no NO on off y n "
    "null Null NULL nULL ~ 1 0 0x1F 1.10 1e3 .inf .nan -.inf 2024-01-01 12:30 ="
)
WORDS = _WORDS.split()


@PARSERS
@pytest.mark.parametrize("word", WORDS)
def test_plain_words_mean_the_same_on_both_readers(word: str, reader: Reader) -> None:
    # plain, quoted, as a key, in a list, and the empty value
    text = f"a: {word}\nb: '{word}'\nc: [{word}, x]\n{word}x: 1\nd:\ne: \"{word}\"\n"
    assert_same(text, reader)


@PARSERS
def test_steps_aside_beyond_the_limits(reader: Reader) -> None:
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    assert reader.read(deep, "t.yaml", Limits()) is None
    # exactly at each limit, and one beyond: the root mapping is the first level
    # and the first value counted
    nested = "a: " + "[" * 3 + "]" * 3 + "\n"
    assert reader.read(nested, "t.yaml", Limits(max_depth=4)) is not None
    assert reader.read(nested, "t.yaml", Limits(max_depth=3)) is None
    assert reader.read("a: [1, 2, 3]\n", "t.yaml", Limits(max_nodes=3)) is None
    assert reader.read("a: [1, 2, 3]\n", "t.yaml", Limits(max_nodes=5)) is not None
    assert reader.read("a: [1, 2, 3]\n", "t.yaml", Limits(max_nodes=4)) is None


def test_a_valid_file_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole point: a valid diagram never reaches the node-tree reader. A spy
    # counts the calls; the real reader still does the work.
    import impact_cli.check.load as loader

    calls: list[str] = []
    original = loader.read_yaml

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append("strict")
        return original(*args, **kwargs)

    monkeypatch.setattr(loader, "read_yaml", counting)
    assert load_text((ROOT / "diagrams" / "nhs-impact.yaml").read_bytes(), "n.yaml").ok
    assert calls == []
    assert not load_text(b"title: x\n", "bad.yaml").ok  # a problem: the strict path words it
    assert calls == ["strict"]


_scalars = st.one_of(
    st.text(alphabet="ab: -#'\"\n\u00e9\U0001f600", max_size=8),
    st.sampled_from(["", "null", "~", "true", "False", "yes", "1.10", "2024-01-01"]),
    st.none(),
    st.booleans(),
)
_documents = st.dictionaries(
    st.text(alphabet="abc_", min_size=1, max_size=4),
    st.recursive(
        _scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(alphabet="xyz", min_size=1, max_size=3), inner, max_size=4)
        ),
        max_leaves=12,
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=_documents, flow=st.sampled_from([False, True, None]), name=st.sampled_from(list(READERS))
)
def test_any_document_same_as_the_strict_reader(doc: Any, flow: bool | None, name: str) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    assert_same(text, READERS[name])


# -- impact's C reader against the Python loop it replaces ------------------------------


def exactly(read: FastDocument | None) -> str | None:
    """Data and shadows as text that tells True from "True" and keeps key order."""
    return None if read is None else repr((read.data, read.shadow))


def assert_c_reader_agrees(text: str, limits: Limits | None = None) -> None:
    limits = limits or Limits()
    try:
        expected = exactly(read_events(text, "t.yaml", limits))
    except UnicodeError as error:  # PyYAML cannot encode it either
        with pytest.raises(type(error)):
            c_read(text, "t.yaml", limits)
        return
    assert exactly(c_read(text, "t.yaml", limits)) == expected


def test_the_c_reader_is_built() -> None:
    # make test builds it; without it impact works, reading YAML about 3x slower,
    # and this test is what says so in impact's own CI.
    assert _yamlread is not None, "the C reader is not built: see setup.py"
    # Both readers must parse alike, so both must use the same libyaml.
    assert _yamlread.libyaml_version() == yaml._yaml.get_version_string()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", [*GOOD, *CORPUS], ids=lambda p: p.name)
def test_c_reader_gives_what_the_event_loop_gives(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert_c_reader_agrees(text)
    for limits in (Limits(max_depth=3), Limits(max_nodes=40), Limits(max_depth=1, max_nodes=1)):
        assert_c_reader_agrees(text, limits)


# Characters YAML's syntax turns on, to reach the parser's error paths, flow and
# block collections, anchors, tags, directives, block scalars and several documents.
_yaml_text = st.text(alphabet=" \n\t-:?[]{},#&*!|>'\"%@`.~abtrue\u00e9\U0001f600\r", max_size=80)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_yaml_text)
def test_c_reader_agrees_on_any_text(text: str) -> None:
    assert_c_reader_agrees(text)


_NHS = (ROOT / "diagrams" / "nhs-impact.yaml").read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(0, len(_NHS)),
    length=st.integers(0, 40),
    insert=st.text(alphabet=" \n\t-:[]{}&*!'\"#", max_size=6),
)
def test_c_reader_agrees_on_damaged_diagrams(cut: int, length: int, insert: str) -> None:
    # A real diagram with a slice replaced: errors deep inside large structures,
    # where the reader must let go of every collection it has open.
    assert_c_reader_agrees(_NHS[:cut] + insert + _NHS[cut + length :])


@pytest.mark.parametrize(
    "text",
    [
        _NHS,  # read whole
        _NHS + "\n---\nb: 2\n",  # refused after the whole first document
        _NHS.replace("aim:", "aim: &a", 1),  # refused at an anchor, collections open
        _NHS[: len(_NHS) // 2] + "\n  ]]]\n",  # a syntax error halfway
        _NHS.replace("title:", "title: 1\ntitle:", 1),  # a duplicate key
        "a: " + "[" * 70 + "]" * 70 + "\n",  # too deep
        "a: true\nb: [null, False, NULL, TRUE, yes]\nc:\n",  # plain words
    ],
    ids=[
        "valid",
        "two-documents",
        "anchor",
        "syntax-error",
        "duplicate-key",
        "too-deep",
        "plain-words",
    ],
)
def test_c_reader_keeps_no_memory(text: str) -> None:
    # Every object the reader makes is either returned or released, on every way
    # out. A leak of one small object per call would be over 28 KB here. (tracemalloc
    # sees Python's objects only; libyaml's own memory is freed by its event and
    # parser deletes, on every path of _yamlread.read.)
    for _ in range(5):
        c_read(text, "t.yaml", Limits())
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(1000 if len(text) < 1000 else 50):
            c_read(text, "t.yaml", Limits())
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 4096, f"{grown} bytes kept"


def test_c_reader_checks_its_arguments() -> None:
    assert _yamlread is not None
    with pytest.raises(TypeError):
        _yamlread.read(b"a: 1", 64, 100, PLAIN_WORDS)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _yamlread.read("a: 1", 64, 100)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="negative"):
        _yamlread.read("a: 1", -1, 100, PLAIN_WORDS)
    read = _yamlread.read("a: 1\n", 64, 100, PLAIN_WORDS)
    assert read is not None
    assert read[0] == {"a": "1"}


def test_c_reader_sizes_its_frames_by_the_text_not_the_limit() -> None:
    # One frame per level of nesting: a huge max_depth must not be allocated whole.
    limits = Limits(max_depth=10**9)
    text = "a:\n  b: [1, {c: 2}]\n"
    assert exactly(c_read(text, "t.yaml", limits)) == exactly(read_events(text, "t.yaml", limits))


@PARSERS
def test_a_text_too_long_for_the_position_fields_goes_to_the_strict_reader(
    reader: Reader,
) -> None:
    # Lines and columns are packed 24 bits each; no position in a shorter text can
    # overflow them, and every reader refuses a longer one, alike.
    limits = Limits(max_bytes=FIELD_LIMIT * 2)
    longest = "a: " + "x" * (FIELD_LIMIT - 5) + "\n"
    assert len(longest) == FIELD_LIMIT - 1
    # a longer text is refused even where its positions would fit, as here: the rule
    # is the length, the same in every reader
    assert reader.read(longest + "b: 1\n", "t.yaml", limits) is None
    if reader.read is not READERS["python-events"].read:  # too slow to parse 16 MB
        read = reader.read(longest, "t.yaml", limits)
        assert read is not None
        # the value starts at column 3 and ends at the last column a field holds
        assert read.shadow[2]["a"][1] == 3 << 48 | FIELD_LIMIT - 2


def test_without_the_c_reader_the_event_loop_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where impact is installed without a C compiler, read_fast is the Python loop
    # over libyaml's events, and impact doctor says so with what to install.
    import impact_cli.source.fast as yaml_fast
    from impact_cli.commands.doctor import checks

    monkeypatch.setattr(yaml_fast, "_yamlread", None)
    text = (ROOT / "diagrams" / "nhs-impact.yaml").read_text(encoding="utf-8")
    assert exactly(read_fast(text, "t.yaml", Limits())) == exactly(c_read(text, "t.yaml", Limits()))
    assert load_text(text, "n.yaml").ok
    reader = next(check for check in checks() if check.name == "YAML reader")
    assert reader.value == "PyYAML events (impact's C reader is not built)"
    assert "libyaml-dev" in reader.hint
