"""The fast YAML path agrees with the strict reader, or steps aside.

:mod:`impact_cli.yaml_fast` reads data and packed positions in one pass; the
strict reader (:mod:`impact_cli.yaml_source`) composes a node tree. For every
file the fast path accepts, both must give the same data and the same span for
every place in it; for every file the strict reader refuses, the fast path must
return None so the strict reader reports it. Both parsers (libyaml and pure
Python) are checked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import every_loc
from impact_cli.loader import load_text
from impact_cli.yaml_fast import ShadowLocator, read_fast
from impact_cli.yaml_source import Limits, Locator, read_yaml

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PARSERS = pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])

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


def assert_same(text: str, use_c: bool) -> None:
    strict = read_yaml(text, "t.yaml", use_c=use_c)
    fast = read_fast(text, "t.yaml", Limits(), use_c=use_c)
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
def test_same_data_and_spans_as_the_strict_reader(path: Path, use_c: bool) -> None:
    assert_same(path.read_text(encoding="utf-8"), use_c)


@PARSERS
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_same_or_stepped_aside(path: Path, use_c: bool) -> None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any YAML is read
    if EXPECTED[path.name]["code"].startswith("DD-Y"):
        assert read_fast(text, "t.yaml", Limits(), use_c=use_c) is None
    assert_same(text, use_c)


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
def test_steps_aside_for_what_only_the_strict_reader_words(text: str, use_c: bool) -> None:
    assert read_fast(text, "t.yaml", Limits(), use_c=use_c) is None


# The words YAML 1.1 or 1.2 resolvers treat as booleans, nulls, numbers or dates.
_WORDS = (
    "true True TRUE tRue false False FALSE fAlse yes Yes no NO on off y n "
    "null Null NULL nULL ~ 1 0 0x1F 1.10 1e3 .inf .nan -.inf 2024-01-01 12:30 ="
)
WORDS = _WORDS.split()


@PARSERS
@pytest.mark.parametrize("word", WORDS)
def test_plain_words_mean_the_same_on_both_readers(word: str, use_c: bool) -> None:
    # plain, quoted, as a key, in a list, and the empty value
    text = f"a: {word}\nb: '{word}'\nc: [{word}, x]\n{word}x: 1\nd:\ne: \"{word}\"\n"
    assert_same(text, use_c)


@PARSERS
def test_steps_aside_beyond_the_limits(use_c: bool) -> None:
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    assert read_fast(deep, "t.yaml", Limits(), use_c=use_c) is None
    assert read_fast("a: [1, 2, 3]\n", "t.yaml", Limits(max_nodes=3), use_c=use_c) is None
    assert read_fast("a: [1, 2, 3]\n", "t.yaml", Limits(max_nodes=5), use_c=use_c) is not None


def test_a_valid_file_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole point: a valid diagram never reaches the node-tree reader. A spy
    # counts the calls; the real reader still does the work.
    import impact_cli.loader as loader

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
@given(doc=_documents, flow=st.sampled_from([False, True, None]), use_c=st.booleans())
def test_any_document_same_as_the_strict_reader(doc: Any, flow: bool | None, use_c: bool) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    assert_same(text, use_c)
