"""Strict, located YAML reading.

Turns the bytes of a file into plain Python data (dicts, lists, text) plus the
composed node tree that knows where every value came from. Everything a driver
diagram does not need and that has hurt YAML users elsewhere is refused here,
with a located diagnostic, before any other code sees the data:

* files over a size limit, bytes that are not UTF-8, control characters;
* nesting deeper than any real diagram (see :func:`compose`: 30,000 nested ``[``
  crash libyaml's composer with a segfault);
* anchors and aliases (a 541-byte alias bomb expands to gigabytes once anything
  walks the data), refused at their exact position;
* duplicate keys (PyYAML silently keeps the last one);
* YAML 1.1 surprises: ``title: No`` stays the text "No", ``updated: 2024-01-01``
  and ``version: 1.10`` stay text exactly as written;
* explicit tags (``!!python/object``), non-text keys, several documents.

libyaml's C parser is used when PyYAML has it (about 10x faster than the pure
Python one); both feed the same composer and the same checks, so they behave
identically (the tests run both).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Diagnostic, Severity, Span

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class Limits(NamedTuple):
    """Resource limits for reading one file. Generous for any real diagram."""

    max_bytes: int = MAX_FILE_BYTES
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_NODES


class StrictResolver(yaml.resolver.BaseResolver):
    """Resolve only what a driver diagram needs: null and true/false.

    Everything else that is unquoted (numbers, dates, yes/no/on/off) stays text,
    exactly as written, so ``version: 1.10`` is "1.10" and ``title: No`` is "No".
    """


# The only plain scalars that are not text, as data. The strict reader's resolver
# and the fast reader (yaml_fast, which looks words up here instead of calling the
# resolver) are both made from this one table.
PLAIN_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}


def _resolves_words(tag: str, words: list[str]) -> None:
    pattern = re.compile("^(?:" + "|".join(re.escape(word) for word in words) + ")$")
    StrictResolver.add_implicit_resolver(tag, pattern, sorted({word[:1] for word in words}))


_resolves_words(_BOOL_TAG, [w for w, value in PLAIN_WORDS.items() if isinstance(value, bool)])
_resolves_words(_NULL_TAG, [w for w, value in PLAIN_WORDS.items() if value is None])

try:  # libyaml is optional in PyYAML builds; never fall back silently (see doctor)
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - our CI installs PyYAML wheels with libyaml
    _CParser = None  # type: ignore[assignment, misc]


if _CParser is not None:

    class _CComposer(_CParser, StrictResolver):
        """libyaml's parser and composer with our resolver (about 4x faster)."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            StrictResolver.__init__(self)


class _PyComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    StrictResolver,
):
    """The pure-Python composer: used where libyaml is missing."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        StrictResolver.__init__(self)


def make_composer(text: str, *, use_c: bool = True) -> Any:
    """libyaml's parser when PyYAML has it (and ``use_c``), else the pure-Python one.

    The pure-Python reader checks the characters as soon as it is made, so this
    may raise :class:`yaml.reader.ReaderError`.
    """
    return _CComposer(text) if use_c and _CParser is not None else _PyComposer(text)


def parser_name() -> str:
    """Which YAML parser impact uses on this machine (for ``impact doctor``)."""
    return "libyaml (C)" if _CParser is not None else "PyYAML (pure Python)"


class SourceDocument:
    """A successfully read YAML document: data, node tree and the text."""

    # A plain class, like the others on the path of 'impact validate': each
    # dataclass costs a millisecond or two to create when the module is imported.
    __slots__ = ("data", "path", "root", "text")

    def __init__(self, path: str, text: str, data: Any, root: Node | None) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.root = root


class ReadResult(NamedTuple):
    document: SourceDocument | None
    diagnostics: list[Diagnostic]
    text: str = ""


def _diag(
    code: str,
    message: str,
    path: str,
    span: Span,
    hint: str | None = None,
    related: tuple[tuple[str, Span], ...] = (),
) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, path, span, hint, "", related)


def mark_span(node: Node) -> Span:
    """The 1-based span of a node, from PyYAML's 0-based marks."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


_UNSAFE_IN_MESSAGES = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text from the file made safe to echo in a message on a terminal or CI log.

    A quoted YAML escape ("\\e[2J") puts terminal escape sequences, newlines or bidi
    overrides into keys and values; echoed raw they would clear the screen, retitle
    the window, forge a new diagnostic line or reorder the message. Show them as
    ``\\uXXXX`` instead.
    """
    return _UNSAFE_IN_MESSAGES.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# --------------------------------------------------------------------------------------
# Bytes to text
# --------------------------------------------------------------------------------------


def decode(data: bytes, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Check size and encoding; return the text or a located diagnostic."""
    if len(data) > limits.max_bytes:
        # read_bytes stops one byte past the limit: then the true size is unknown
        size = (
            f"more than {limits.max_bytes:,} bytes"
            if len(data) == limits.max_bytes + 1
            else f"{len(data):,} bytes"
        )
        return None, [
            _diag(
                "DD-Y07",
                f"file is {size}; the limit is {limits.max_bytes:,} bytes",
                path,
                Span.point(1, 1),
                "a driver diagram is a few kilobytes; split a very large one, or raise "
                "the limit with --max-bytes",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            _diag(
                "DD-Y06",
                "file is UTF-16 encoded; impact reads UTF-8",
                path,
                Span.point(1, 1),
                "save the file as UTF-8 (in most editors: 'Save with encoding')",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark is harmless: drop it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _offset_to_line_col(prefix, len(prefix))
        bad = data[exc.start : exc.start + 1].hex()
        return None, [
            _diag(
                "DD-Y06",
                f"file is not valid UTF-8: byte 0x{bad} at byte offset {exc.start}",
                path,
                Span.point(line, col),
                "save the file as UTF-8; text copied from Word or Excel is often Windows-1252",
            )
        ]
    return text, []


def to_text(data: bytes | str, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Bytes are decoded (see :func:`decode`); text is only checked against the size limit."""
    if isinstance(data, bytes):
        return decode(data, path, limits)
    try:
        encoded = data.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (text decoded with surrogateescape, say): no UTF-8 file
        # holds one, and YAML parsers cannot take it. Worded as the bytes would be.
        return None, decode(data.encode("utf-8", "surrogatepass"), path, limits)[1]
    if len(encoded) > limits.max_bytes:
        return None, decode(encoded, path, limits)[1]
    return data, []


# --------------------------------------------------------------------------------------
# Compose and construct
# --------------------------------------------------------------------------------------


@contextmanager
def _gc_paused() -> Iterator[None]:
    # The cyclic collector runs repeatedly while the parser allocates many small
    # objects and makes loading grow faster than the file; none of them are cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Refused(Exception):
    """The composer met something we refuse; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _event_span(event: Any) -> Span:
    s, e = event.start_mark, event.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def _too_deep(path: str, span: Span, limits: Limits) -> Diagnostic:
    return _diag(
        "DD-Y08",
        f"nesting is deeper than {limits.max_depth} levels",
        path,
        span,
        "a driver diagram needs about a dozen levels; this looks like generated or corrupted input",
    )


def _anchor_refused(event: Any, path: str) -> _Refused:
    return _Refused(
        _diag(
            "DD-Y03",
            f"YAML anchor '&{event.anchor}' is not allowed",
            path,
            _event_span(event),
            "remove the anchor and write any repeated text out in full",
        )
    )


# The first characters of the plain scalars some implicit resolver of StrictResolver
# may match ('' is the empty scalar). It has no wildcard (None) resolvers, so every
# other plain scalar, and every quoted one, is text: compose() calls PyYAML's
# resolve() (a loop over regexes, in Python) only for these.
_RESOLVABLE_FIRST = frozenset(StrictResolver.yaml_implicit_resolvers)


def compose(text: str, path: str, limits: Limits, *, use_c: bool = True) -> Node | None:
    """Compose one YAML document into a node tree, iteratively, from parser events.

    PyYAML's composers recurse once per nesting level: 30,000 nested ``[`` crash
    libyaml's composer with a segmentation fault and the pure-Python one with a
    RecursionError, and libyaml's scan time grows with the square of the depth.
    This composer keeps its own stack, so it refuses the 65th level at its exact
    position after reading only that far. Reading events also gives the exact
    position of every anchor and alias, which we refuse.
    May raise :class:`yaml.YAMLError` or :class:`_Refused`.
    """
    composer = make_composer(text, use_c=use_c)
    composer.name = path
    ev = yaml.events
    # This loop runs once per parser event, so everything it looks up is a local, and it
    # tests the event class in order of frequency: scalars, then container ends.
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
    mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
    mapping_end, sequence_end = ev.MappingEndEvent, ev.SequenceEndEvent
    resolvable_first = _RESOLVABLE_FIRST
    try:
        get_event = composer.get_event
        get_event()  # StreamStartEvent
        if composer.check_event(ev.StreamEndEvent):
            return None
        get_event()  # DocumentStartEvent
        resolve = composer.resolve
        # One entry per open container: (its node, the children list of its parent,
        # its own children list). A mapping's children are collected flat (key, value,
        # key, value, ...) and paired when it ends.
        stack: list[tuple[Node, list[Node] | None, list[Node]]] = []
        children: list[Node] | None = None  # those of the innermost open container
        root: Node | None = None
        max_depth = limits.max_depth
        while True:
            event = get_event()
            kind = type(event)
            node: Node
            if kind is scalar_event:
                if event.anchor is not None:
                    raise _anchor_refused(event, path)
                value = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    implicit = event.implicit
                    if implicit[0] and value[:1] in resolvable_first:
                        tag = resolve(ScalarNode, value, implicit)
                    else:
                        tag = _STR_TAG
                node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
            elif kind is mapping_end or kind is sequence_end:
                node, children, own = stack.pop()
                node.end_mark = event.end_mark
                if kind is mapping_end:
                    pairs = iter(own)
                    node.value = list(zip(pairs, pairs, strict=True))
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None:
                    raise _anchor_refused(event, path)
                if len(stack) >= max_depth:
                    raise _Refused(_too_deep(path, _event_span(event), limits))
                is_mapping = kind is mapping_start
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _MAP_TAG if is_mapping else _SEQ_TAG
                container_cls = MappingNode if is_mapping else SequenceNode
                container = container_cls(
                    tag, [], event.start_mark, event.end_mark, flow_style=event.flow_style
                )
                own = [] if is_mapping else container.value
                stack.append((container, children, own))
                children = own
                continue
            elif kind is alias_event:
                raise _Refused(
                    _diag(
                        "DD-Y03",
                        f"YAML alias '*{event.anchor}' is not allowed",
                        path,
                        _event_span(event),
                        "write the text out in full; aliases are refused because a small "
                        "file of them expands to gigabytes",
                    )
                )
            else:  # DocumentEndEvent: the parser gives nothing else inside a document
                break
            if children is None:
                root = node
            else:
                children.append(node)
        if not composer.check_event(ev.StreamEndEvent):
            extra = composer.get_event()
            raise _Refused(
                _diag(
                    "DD-Y09",
                    "the file holds more than one YAML document",
                    path,
                    _event_span(extra),
                    "put one diagram per file; remove the extra '---'",
                )
            )
        return root
    finally:
        composer.dispose()


class _Constructor:
    """Builds plain data from the node tree and checks it strictly.

    Our own walk (rather than PyYAML's constructor) so that duplicate keys, shared
    nodes (aliases), tags and non-text keys are found identically on both parsers.
    """

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.seen: set[int] = set()
        self.count = 0
        self.diagnostics: list[Diagnostic] = []

    def build(self, node: Node, depth: int = 1) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _TooMany
        if id(node) in self.seen:
            # Only an alias makes one node appear twice in the tree.
            self.diagnostics.append(
                _diag(
                    "DD-Y03",
                    "YAML alias is not allowed (this value repeats the one at line "
                    f"{node.start_mark.line + 1})",
                    self.path,
                    mark_span(node),
                    "write the text out in full",
                )
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            self._check_tag(node, _MAP_TAG)
            return self._mapping(node, depth)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            self.diagnostics.append(_tag_diag(self.path, node))

    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            value = node.value.lower()
            if value in ("true", "false"):
                return value == "true"
            # an explicit !!bool on yes/no/on/off: keep it as the text it is
            return node.value
        self.diagnostics.append(_tag_diag(self.path, node))
        return node.value

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR_TAG,):
                kind = "a YAML null" if key_node.tag == _NULL_TAG else "not text"
                if key_node.tag == _BOOL_TAG:
                    kind = "true/false"
                self.diagnostics.append(
                    _diag(
                        "DD-Y13",
                        f"mapping key is {kind}; keys must be plain names",
                        self.path,
                        mark_span(key_node),
                        "quote the key if it is meant to be text",
                    )
                )
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                first_line = first.start_mark.line + 1
                self.diagnostics.append(
                    _diag(
                        "DD-Y02",
                        f"duplicate key '{printable(key)}' (first defined on line {first_line})",
                        self.path,
                        mark_span(key_node),
                        "YAML keeps only one of them; remove or rename one",
                        related=(("first definition", mark_span(first)),),
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result


class _TooMany(Exception):
    pass


def _tag_diag(path: str, node: Node) -> Diagnostic:
    return _diag(
        "DD-Y10",
        f"YAML tag '{node.tag}' is not allowed",
        path,
        mark_span(node),
        "remove the tag; a driver diagram holds only text, lists and mappings",
    )


_YAML_HINTS = {
    "mapping values are not allowed": (
        "text containing ': ' must be quoted, for example title: \"Aim: reduce falls\""
    ),
    "could not find expected ':'": "each line in a mapping needs 'key: value'",
    "found character '\\t' that cannot start any token": (
        "indent with spaces; YAML does not allow tabs for indentation"
    ),
    "expected <block end>, but found '-'": "check the indentation of this list item",
    "found undefined alias": "write the text out in full; aliases are not allowed",
    "expected a single document": "put one diagram per file; remove the extra '---'",
    "but found another document": "put one diagram per file; remove the extra '---'",
}


def _tab_at(text: str, mark: Any) -> bool:
    """Whether the character at a mark is a tab (libyaml's message does not say)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return 0 <= mark.column < len(line) and line[mark.column] == "\t"


def _yaml_error(exc: yaml.YAMLError, path: str, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _offset_to_line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return _diag(
            "DD-Y12",
            f"character U+{ord(char):04X} is not allowed in a YAML file",
            path,
            Span.point(line, col),
            'remove control characters; to include one in text use a quoted escape such as "\\t"',
        )
    span = Span.point(mark.line + 1, mark.column + 1) if mark is not None else Span.point(1, 1)
    code = "DD-Y01"
    if "cannot start any token" in problem and ("\\t" in problem or _tab_at(text, mark)):
        code = "DD-Y04"
        problem = "tab character used for indentation"
    elif "another document" in problem or "single document" in (context or ""):
        code = "DD-Y09"
        problem = "the file holds more than one YAML document"
    hint = next((h for key, h in _YAML_HINTS.items() if key in str(exc)), None)
    if code == "DD-Y04":
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    message = problem if code != "DD-Y01" else f"YAML syntax error: {problem}"
    if context and code == "DD-Y01" and mark is not None:
        ctx_mark = getattr(exc, "context_mark", None)
        if ctx_mark is not None and ctx_mark.line != mark.line:
            message += f" ({context} on line {ctx_mark.line + 1})"
    return _diag(code, message, path, span, hint)


def read_yaml(
    data: bytes | str, path: str, limits: Limits | None = None, *, use_c: bool = True
) -> ReadResult:
    """Bytes (or text) to a strictly checked :class:`SourceDocument`.

    ``use_c=False`` forces the pure-Python parser (tests run both paths).
    """
    limits = limits or Limits()
    text, diagnostics = to_text(data, path, limits)
    if text is None:
        return ReadResult(None, diagnostics)
    try:
        with _gc_paused():
            root = compose(text, path, limits, use_c=use_c)
    except _Refused as refused:
        return ReadResult(None, [refused.diagnostic], text)
    except yaml.YAMLError as exc:
        return ReadResult(None, [_yaml_error(exc, path, text)], text)
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
        return ReadResult(
            None,
            [
                _diag(
                    "DD-Y05",
                    "file is empty; a driver diagram needs at least a title, an aim and "
                    "primary drivers",
                    path,
                    Span.point(1, 1),
                    "run 'impact init' to start from a template",
                )
            ],
            text,
        )
    constructor = _Constructor(path, limits)
    try:
        with _gc_paused():
            data_obj = constructor.build(root)
    except _TooMany:
        return ReadResult(
            None,
            [
                _diag(
                    "DD-Y14",
                    f"file holds more than {limits.max_nodes:,} YAML values",
                    path,
                    Span.point(1, 1),
                    "split the diagram into several files",
                )
            ],
            text,
        )
    if constructor.diagnostics:
        return ReadResult(None, constructor.diagnostics, text)
    if not isinstance(data_obj, dict):
        kind = "a list" if isinstance(data_obj, list) else "a single value"
        return ReadResult(
            None,
            [
                _diag(
                    "DD-Y11",
                    f"the top level of a driver diagram must be a mapping of keys, not {kind}",
                    path,
                    mark_span(root),
                    "start the file with 'title: ...', then 'aim: ...' and 'primary_drivers:'",
                )
            ],
            text,
        )
    return ReadResult(SourceDocument(path, text, data_obj, root), [], text)


# --------------------------------------------------------------------------------------
# Locating a path of keys and indexes in the node tree
# --------------------------------------------------------------------------------------


Loc = tuple[str | int, ...]


class Locator:
    """Find where a pydantic-style ``loc`` (keys and indexes) is in the node tree.

    Each path is resolved from its already-resolved parent and remembered, so
    locating every item of a diagram is linear in its size instead of walking from
    the root each time (that walk was 40% of loading a 100,000-node diagram).
    A segment that does not exist stops at the closest ancestor.
    """

    def __init__(self, root: Node | None) -> None:
        self.root = root
        # loc -> (key node of the last segment, node, whether every segment was found)
        self._cache: dict[Loc, tuple[Node | None, Node | None, bool]] = {(): (None, root, True)}
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _entry(self, loc: Loc) -> tuple[Node | None, Node | None, bool]:
        hit = self._cache.get(loc)
        if hit is not None:
            return hit
        key_node, node, found = self._entry(loc[:-1])
        entry = (key_node, node, False)
        if found:
            seg = loc[-1]
            if isinstance(node, MappingNode):
                index = self._keys.get(id(node))
                if index is None:
                    index = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
                    self._keys[id(node)] = index
                pair = index.get(str(seg))
                if pair is not None:
                    entry = (pair[0], pair[1], True)
            elif isinstance(node, SequenceNode) and isinstance(seg, int):
                items = node.value
                entry = (None, items[seg], True) if 0 <= seg < len(items) else entry
        self._cache[loc] = entry
        return entry

    def span(self, loc: Loc, *, want_key: bool = False) -> Span:
        """The span of ``loc``; ``want_key`` asks for the key of its last segment
        (for an unknown key, the key is what is wrong, not its value)."""
        if self.root is None:
            return Span.point(1, 1)
        key_node, node, found = self._entry(loc)
        assert node is not None  # the root is not None, and misses keep their ancestor
        if not found:
            return mark_span(node)
        if want_key and key_node is not None:
            return mark_span(key_node)
        if isinstance(node, MappingNode | SequenceNode) and node.flow_style is False and key_node:
            # A block mapping starts on the next line; point at its key instead, which
            # is where a reader looks for "the value of primary_drivers".
            return mark_span(key_node)
        return mark_span(node)

    def item_spans(self, loc: Loc, count: int) -> list[Span]:
        """``span((*loc, i))`` for each of the first ``count`` items of the list at ``loc``."""
        return [self.span((*loc, i)) for i in range(count)]


def locate(root: Node | None, loc: Loc, *, want_key: bool = False) -> Span:
    """Where ``loc`` is in the tree (see :class:`Locator`), for a one-off lookup."""
    return Locator(root).span(loc, want_key=want_key)


def node_at(root: Node | None, loc: tuple[str | int, ...]) -> Node | None:
    """The node at ``loc`` exactly, or None."""
    node = root
    for seg in loc:
        if isinstance(node, MappingNode):
            node = next(
                (v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(seg)),
                None,
            )
        elif isinstance(node, SequenceNode) and isinstance(seg, int) and seg < len(node.value):
            node = node.value[seg]
        else:
            return None
        if node is None:
            return None
    return node
