"""The fast path for reading YAML: plain data and positions in one pass.

:mod:`impact_cli.source.reader` composes PyYAML nodes and then walks them to build
the data and check it strictly. That is exact and gives every diagnostic its
place, but for a valid file most of its time and memory goes to the node tree
(a node object with a ``__dict__`` per value). Here the same parser events build
the plain data directly, with a light *shadow* of the positions alongside it.
For a 2 MB diagram this reads about 1.7x faster and keeps a much smaller tree.

The fast path only ever *detects* trouble; it never reports it. Anything the
strict reader would refuse or that needs a careful message (anchors, aliases,
explicit tags, keys that are not text, duplicate keys, too deep, too many
values, several documents, a top level that is not a mapping, a syntax error)
makes :func:`read_fast` return None, and the caller reads the file again with
:func:`impact_cli.source.reader.read_yaml`, which reports it exactly as before.
So every diagnostic still comes from one place, and a valid file is read once.

Two readers do this. impact's C reader (``_yamlread.c``, built by ``setup.py``)
reads libyaml's events directly; it is the default wherever it is built.
:func:`read_events` is the same loop in Python over PyYAML's event objects, from
libyaml or from PyYAML's pure-Python parser. Building an event object per event
was most of the Python reader's time, so the C one reads about 3.5x faster. The
tests hold the two to identical output, object for object.

Shadows
    Positions are packed into one int per value: start line, start column, end
    line and end column (0-based, as libyaml gives them), 24 bits each. A
    scalar's shadow is that int. A mapping's or sequence's is ``(packed,
    is_block, children)``, where ``children`` is a dict from key to
    ``(key_shadow, value_shadow)`` for a mapping and a list of value shadows for
    a sequence. An int costs about a fifth of the memory of libyaml's two
    ``Mark`` objects, and the shadows are alive while the data is validated,
    when loading peaks. A line or column is at most the text's length in
    characters, so both readers leave a text of ``FIELD_LIMIT`` characters or more
    (far above the default size limit) to the strict reader, and every field fits.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..diagnostics import Loc, Span
from .reader import (
    PLAIN_WORDS,
    Limits,
    _gc_paused,
    make_composer,
)

Shadow = Any  # an int for a scalar, (packed, is_block, children) for a collection

try:  # built from _yamlread.c where a C compiler and libyaml's headers were found
    from .. import _yamlread
except ImportError:  # pragma: no cover - impact's own tests require it (test_yaml_fast)
    _yamlread = None  # type: ignore[assignment]

FIELD_LIMIT = 1 << 24  # of a packed position's fields; _yamlread.c has the same
_FIELD = FIELD_LIMIT - 1

_NO_KEY: Any = object()  # a mapping waiting for its next key (no str is this object)


class FastDocument:
    """A valid-looking YAML document read by the fast path."""

    __slots__ = ("data", "path", "shadow", "text")

    def __init__(self, path: str, text: str, data: dict[str, Any], shadow: Shadow) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.shadow = shadow


def read_fast(text: str, path: str, limits: Limits, *, use_c: bool = True) -> FastDocument | None:
    """Read ``text`` into data and shadows, or None if the strict reader must look.

    With ``use_c`` (the default) this is impact's C reader where it is built, else
    :func:`read_events`; ``use_c=False`` reads PyYAML's pure-Python events.
    """
    if use_c and _yamlread is not None:
        # The reader makes a dict, list or tuple per value, all tracked by the
        # collector; none are cycles (see _gc_paused).
        with _gc_paused():
            read = _yamlread.read(text, limits.max_depth, limits.max_nodes, PLAIN_WORDS)
        return None if read is None else FastDocument(path, text, read[0], read[1])
    return read_events(text, path, limits, use_c=use_c)


def c_reader_built() -> bool:
    """Whether impact's C reader was built here (``impact doctor`` says what it needs)."""
    return _yamlread is not None


def reader_name() -> str:
    """Which reader turns YAML events into data here (for ``impact doctor``)."""
    if _yamlread is None:
        return "PyYAML events (impact's C reader is not built)"
    return f"impact's C reader (libyaml {_yamlread.libyaml_version()})"


def read_events(text: str, path: str, limits: Limits, *, use_c: bool = True) -> FastDocument | None:
    """:func:`read_fast` through PyYAML's event objects: libyaml's when ``use_c``.

    The same reader as the C one, in Python: it reads wherever impact is installed
    without a C compiler, and the tests hold the two to the same output.
    """
    if len(text) >= FIELD_LIMIT:
        return None  # a position might not fit its field (see Shadows above)
    composer: Any = None
    try:
        composer = make_composer(text, use_c=use_c)
        composer.name = path
        with _gc_paused():
            return _read(composer, path, text, limits)
    except yaml.YAMLError:
        return None
    finally:
        if composer is not None:
            composer.dispose()


def _read(composer: Any, path: str, text: str, limits: Limits) -> FastDocument | None:
    ev = yaml.events
    # This loop runs once per parser event: everything it looks up is a local, and
    # the event class is tested in order of frequency (scalars, then ends).
    scalar_event = ev.ScalarEvent
    mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
    plain_words = PLAIN_WORDS
    no_key = _NO_KEY
    get_event = composer.get_event
    get_event()  # StreamStartEvent
    if composer.check_event(ev.StreamEndEvent):
        return None  # empty file: the strict reader words it
    get_event()  # DocumentStartEvent

    # The open containers, innermost last: (data, children shadows, is mapping,
    # pending key, its shadow, start mark, is block) of each *enclosing* one.
    stack: list[tuple[Any, Any, bool, Any, Any, int, bool]] = []
    cur: Any = None  # the innermost open container (None before the root)
    cur_sh: Any = None
    is_map = False
    key: Any = no_key
    key_sh: Any = None
    start = 0  # the innermost open container's start line and column, packed
    block = False
    root: Any = None
    root_sh: Any = None
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    count = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None:
                return None
            tag = event.tag
            if tag is not None and tag != "!":
                return None  # an explicit tag, even !!str: the strict reader decides
            obj: Any = event.value
            implicit = event.implicit
            if implicit[0] and obj in plain_words:  # plain true/false/null: not text
                obj = plain_words[obj]
            s, e = event.start_mark, event.end_mark
            shadow: Any = s.line << 72 | s.column << 48 | e.line << 24 | e.column
        elif kind is mapping_end or kind is sequence_end:
            e = event.end_mark
            obj, shadow = cur, (start << 48 | e.line << 24 | e.column, block, cur_sh)
            cur, cur_sh, is_map, key, key_sh, start, block = stack.pop()
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or len(stack) >= max_depth or (is_map and key is no_key):
                return None  # an anchor, too deep, or a mapping or list used as a key
            tag = event.tag
            if tag is not None and tag != "!":
                return None
            stack.append((cur, cur_sh, is_map, key, key_sh, start, block))
            is_map = kind is mapping_start
            cur, cur_sh = ({}, {}) if is_map else ([], [])
            s = event.start_mark
            key, start, block = no_key, s.line << 24 | s.column, event.flow_style is False
            count += 1
            if count > max_nodes:
                return None
            continue
        else:
            if kind is not ev.DocumentEndEvent:
                return None  # an alias
            break
        if is_map and key is no_key:
            if type(obj) is not str or obj in cur:
                return None  # a key that is not text, or a duplicate key
            key, key_sh = obj, shadow
            continue
        if kind is scalar_event:  # values only, as the strict reader counts them
            count += 1
            if count > max_nodes:
                return None
        if is_map:
            cur[key] = obj
            cur_sh[key] = (key_sh, shadow)
            key = no_key
        elif cur is not None:
            cur.append(obj)
            cur_sh.append(shadow)
        else:
            root, root_sh = obj, shadow
    if not composer.check_event(ev.StreamEndEvent) or type(root) is not dict:
        return None  # several documents, or a top level that is not a mapping
    return FastDocument(path, text, root, root_sh)


# Span's own __new__ is a Python function wrapping this call; spans are made once per
# node and link of a diagram, so they are built with tuple.__new__ directly.
_new_tuple = tuple.__new__


def _span(shadow: Shadow) -> Span:
    packed = shadow if type(shadow) is int else shadow[0]
    return _new_tuple(
        Span,
        (
            (packed >> 72) + 1,
            (packed >> 48 & _FIELD) + 1,
            (packed >> 24 & _FIELD) + 1,
            (packed & _FIELD) + 1,
        ),
    )


class ShadowLocator:
    """:class:`impact_cli.source.reader.Locator` over shadows: the same spans.

    Finds where a pydantic-style ``loc`` (keys and indexes) is. Each path is
    resolved from its already-resolved parent and remembered, so locating every
    item of a diagram is linear. A segment that does not exist stops at the closest
    ancestor. The tests check both locators give the same span for every place in
    the examples and the invalid corpus.
    """

    def __init__(self, root: Shadow) -> None:
        # loc -> (shadow of the key of the last segment, shadow, every segment found)
        self._cache: dict[Loc, tuple[Shadow | None, Shadow, bool]] = {(): (None, root, True)}

    def _entry(self, loc: Loc) -> tuple[Shadow | None, Shadow, bool]:
        hit = self._cache.get(loc)
        if hit is not None:
            return hit
        entry = self._child(loc)
        self._cache[loc] = entry
        return entry

    def _child(self, loc: Loc) -> tuple[Shadow | None, Shadow, bool]:
        """The entry of ``loc`` from its parent's, which is resolved and remembered."""
        parent = loc[:-1]
        key_sh, shadow, found = self._cache.get(parent) or self._entry(parent)
        if found and type(shadow) is not int:
            seg, children = loc[-1], shadow[2]
            if type(children) is dict:
                pair = children.get(str(seg))
                if pair is not None:
                    return (pair[0], pair[1], True)
            elif isinstance(seg, int) and 0 <= seg < len(children):
                return (None, children[seg], True)
        return (key_sh, shadow, False)

    def span(self, loc: Loc, *, want_key: bool = False) -> Span:
        """The span of ``loc``; ``want_key`` asks for the key of its last segment."""
        # Only the parent of ``loc`` is remembered, not ``loc`` itself: most places are
        # asked for once (each node, each link), while their parents (a list of change
        # ideas, say) are asked for once per item in them.
        key_sh, shadow, found = self._cache.get(loc) or self._child(loc)
        if not found:
            return _span(shadow)
        if want_key and key_sh is not None:
            return _span(key_sh)
        if type(shadow) is not int and shadow[1] and key_sh is not None:
            # A block mapping starts on the next line; point at its key instead, which
            # is where a reader looks for "the value of primary_drivers".
            return _span(key_sh)
        return _span(shadow)

    def item_spans(self, loc: Loc, count: int) -> list[Span]:
        """``span((*loc, i))`` for each of the first ``count`` items of the list at ``loc``.

        One pass over the list's shadows instead of one look-up per item: normalising
        asks this for every list of drivers and change ideas, so for every node.
        """
        _, shadow, found = self._entry(loc)
        if found and type(shadow) is tuple:
            children = shadow[2]
            if type(children) is list and len(children) == count:
                # An item of a list has no key, so its span is its own (see span()).
                return [_span(child) for child in children]
        return [self.span((*loc, i)) for i in range(count)]
