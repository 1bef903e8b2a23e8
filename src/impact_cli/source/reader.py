"""Strict, located YAML reading: text in, plain data and positions out, in one pass.

One loop over PyYAML's parser events (libyaml's C parser where PyYAML has it, the
pure-Python parser otherwise; the same code reads both) builds the plain data a
driver diagram is validated from (dicts, lists, text, None, True/False), records
where every value is (:mod:`impact_cli.source.spans`), and words every ``DD-Y``
problem. Everything a driver diagram does not need, and that has hurt YAML
users elsewhere, is refused at its exact position:

* anchors and aliases (a 541-byte alias bomb expands to gigabytes once anything
  walks the data);
* nesting deeper than any real diagram, refused at the first level too deep
  after reading only that far; libyaml's own limit (1,000 levels in 0.2.6) is
  mapped to the same diagnostic;
* duplicate keys (YAML parsers silently keep the last one) and keys that are
  not text;
* YAML 1.1 surprises: ``title: No`` stays the text "No", ``updated: 2024-01-01``
  and ``version: 1.10`` stay text exactly as written;
* unquoted text that YAML reads differently from how it looks: ``title: clinic #2``
  (YAML drops " #2" as a comment), and a list item indented under text, which
  becomes more of that text (:mod:`impact_cli.source.mistakes` words both);
* explicit tags (``!!python/object``), several documents, a top level that is
  not a mapping, more values than a limit.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..diagnostics import Diagnostic, Severity, Span, printable
from .mistakes import Finding, duplicate_key, hidden_item, lost_comment, quote_if_text
from .outline import Outline
from .spans import Collection, Position
from .text import Limits, error, to_text
from .yaml_errors import syntax_error

try:  # PyYAML's wheels include libyaml; a source build without it still works
    from yaml import _yaml as libyaml
except ImportError:  # pragma: no cover - the pure-Python parser is tested with use_c=False
    libyaml = None  # type: ignore[assignment]

# Plain (unquoted, untagged) scalars that are not text. Everything else stays text.
PLAIN_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
}

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = (None, "!")

# libyaml 0.2.6 refuses deeper nesting itself, as a syntax error.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


class Source(NamedTuple):
    """What reading one file gave: its data and positions, or the problems."""

    path: str
    text: str
    """The decoded text ("" when it could not be decoded)."""
    data: dict[str, Any] | None
    """The top-level mapping, or None when the file could not be read."""
    positions: Position | None
    diagnostics: list[Diagnostic]


def parser_name() -> str:
    """Which YAML parser impact uses on this machine (for ``impact doctor``)."""
    if libyaml is None:
        return f"PyYAML {yaml.__version__}'s pure-Python parser (built without libyaml)"
    return f"libyaml {libyaml.get_version_string()} (C), through PyYAML {yaml.__version__}"


def read_yaml(
    data: bytes | str, path: str, limits: Limits | None = None, *, use_c: bool = True
) -> Source:
    """Bytes (or text) to strictly checked data with positions.

    ``use_c=False`` uses the pure-Python parser even where libyaml is available
    (the tests hold the two to the same results).
    """
    limits = limits or Limits()
    text, problems = to_text(data, path, limits)
    if text is None:
        return Source(path, "", None, None, problems)
    # libyaml accepts tabs in some places (after 'key:', inside unquoted text) where
    # the pure-Python parser refuses them. A file with a tab is read by the
    # pure-Python parser everywhere, so both give the same answer: refused, at the tab.
    use_c = use_c and libyaml is not None and "\t" not in text
    try:
        return _read(text, path, limits, use_c)
    except yaml.YAMLError as exc:
        if use_c and getattr(exc, "problem", None) == _LIBYAML_TOO_DEEP:
            # libyaml stops at its own depth, far past ours, and words it as a syntax
            # error. The pure-Python parser has no such limit, so it reaches our
            # check, which refuses the first level too deep at its place.
            return read_yaml(text, path, limits, use_c=False)
        return Source(path, text, None, None, [syntax_error(exc, path, text)])


def _read(text: str, path: str, limits: Limits, use_c: bool) -> Source:
    parser: Any = libyaml.CParser(text) if use_c else _PythonParser(text)
    try:
        reader = _EventReader(parser, path, limits, text)
        try:
            root = reader.read()
        except _Refused as refused:
            return Source(path, text, None, None, [refused.diagnostic])
    finally:
        parser.dispose()
    if reader.problems:
        return Source(path, text, None, None, reader.problems)
    if root is None or root[0] is None:
        return Source(path, text, None, None, [_empty(path)])
    value, position = root
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        span = position if isinstance(position, Span) else position.span
        problem = error(
            "DD-Y11",
            f"the top level of a driver diagram must be a mapping of keys, not {kind}",
            path,
            span,
            "start the file with 'title: ...', then 'aim: ...' and 'primary_drivers:'",
        )
        return Source(path, text, None, None, [problem])
    return Source(path, text, value, position, [])


class _PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser: events only, no composer or resolver."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class _Refused(Exception):
    """Reading stopped at something refused outright; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _span(event: Any) -> Span:
    start, end = event.start_mark, event.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


_NO_KEY: Any = object()  # a mapping waiting for its next key
_DROPPED: Any = object()  # a key that was refused: its value is read and dropped


class _Open:
    """A mapping or list whose end event has not come yet."""

    __slots__ = (
        "block",
        "children",
        "first_keys",
        "key",
        "key_span",
        "split",
        "start",
        "value",
    )

    def __init__(self, event: Any) -> None:
        self.start = event.start_mark
        # PyYAML gives an indentless list ("key:\n- item") no flow style at all
        self.block = event.flow_style is not True
        self.value: dict[str, Any] | list[Any]
        self.children: dict[str, tuple[Span, Position]] | list[Position]
        if isinstance(event, MappingStartEvent):
            self.value, self.children = {}, {}
        else:
            self.value, self.children = [], []
        self.key: Any = _NO_KEY
        self.key_span: Span | None = None
        self.first_keys: dict[str, Span] = {}
        """Where each key was first seen, for duplicate keys (refused keys included)."""
        self.split = False
        """Reported as two list items written as one (a missing '- '): no more duplicates."""

    def close(self, end: Any) -> tuple[Any, Collection]:
        mark = end.end_mark
        span = Span(self.start.line + 1, self.start.column + 1, mark.line + 1, mark.column + 1)
        return self.value, Collection(span, self.block, self.children)


class _EventReader:
    """Reads one document's events into data and positions, collecting problems."""

    def __init__(self, parser: Any, path: str, limits: Limits, text: str) -> None:
        self.parser = parser
        self.path = path
        self.limits = limits
        self.text = text
        self.values = 0
        self.problems: list[Diagnostic] = []
        self.stack: list[_Open] = []
        # Where ' #' directly follows text and is directly followed by more: a comment
        # that was probably meant as part of the text (found only when there is one).
        self.hashes = _hashes(text) if " #" in text else frozenset()
        self._outline: Outline | None = None

    @property
    def outline(self) -> Outline:
        """The text line by line, made only when a problem needs its wording."""
        if self._outline is None:
            self._outline = Outline(self.text)
        return self._outline

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) of the text."""
        return self.outline[number - 1].text

    def read(self) -> tuple[Any, Position] | None:
        """The document's root value and position; None for an empty stream."""
        parser = self.parser
        parser.get_event()  # StreamStartEvent
        if parser.check_event(StreamEndEvent):
            return None
        parser.get_event()  # DocumentStartEvent
        stack = self.stack
        hashes = self.hashes
        root: tuple[Any, Position] | None = None
        while True:
            event = parser.get_event()
            value: Any
            position: Position
            if isinstance(event, ScalarEvent):
                self._refuse_anchor(event)
                value, position = self._scalar(event), _span(event)
                # unquoted text over several lines, or followed by ' #' and more text
                if (
                    position[0] != position[2] or (hashes and _end(event) in hashes)
                ) and event.implicit[0]:
                    self._check_plain_text(event)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                self._refuse_anchor(event)
                if len(stack) >= self.limits.max_depth:
                    raise _Refused(self._too_deep(event))
                default = _MAP_TAG if isinstance(event, MappingStartEvent) else _SEQ_TAG
                self._check_tag(event, default)
                stack.append(_Open(event))
                continue
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                value, position = stack.pop().close(event)
            elif isinstance(event, AliasEvent):
                raise _Refused(
                    self._refusal(
                        "DD-Y03",
                        f"YAML alias '*{printable(event.anchor or '')}' is not allowed: '*' "
                        "refers to a value labelled elsewhere",
                        _span(event),
                        "write the text out in full; aliases are refused because a small "
                        "file of them expands to gigabytes",
                    )
                )
            else:  # DocumentEndEvent: the parser gives nothing else inside a document
                break
            self._count()
            if stack:
                self._add(stack[-1], value, position)
            else:
                root = (value, position)
        if not parser.check_event(StreamEndEvent):
            raise _Refused(
                error(
                    "DD-Y09",
                    "the file holds more than one YAML document",
                    self.path,
                    _span(parser.get_event()),
                    "put one diagram per file; remove the extra '---'",
                )
            )
        return root

    def _add(self, parent: _Open, value: Any, position: Position) -> None:
        if isinstance(parent.value, list):
            parent.value.append(value)
            assert isinstance(parent.children, list)
            parent.children.append(position)
        elif parent.key is _NO_KEY:
            parent.key, parent.key_span = self._key(parent, value, position), _span_of(position)
        else:
            if parent.key is not _DROPPED:
                assert isinstance(parent.children, dict)
                assert parent.key_span is not None
                parent.value[parent.key] = value
                parent.children[parent.key] = (parent.key_span, position)
            parent.key = _NO_KEY

    def _key(self, parent: _Open, key: Any, position: Position) -> Any:
        """The key as text, or ``_DROPPED`` (with a problem) when it cannot be one."""
        span = _span_of(position)
        if not isinstance(key, str):
            kind = {type(None): "a YAML null", bool: "true/false"}.get(type(key), "not text")
            self.problems.append(
                error(
                    "DD-Y13",
                    f"mapping key is {kind}; keys must be plain names",
                    self.path,
                    span,
                    "quote the key if it is meant to be text",
                )
            )
            return _DROPPED
        first = parent.first_keys.get(key)
        if first is not None:
            if not parent.split:
                self.problems.append(self._duplicate(parent, key, first, span))
            return _DROPPED
        parent.first_keys[key] = span
        return key

    def _duplicate(self, parent: _Open, key: str, first: Span, span: Span) -> Diagnostic:
        in_list = len(self.stack) > 1 and isinstance(self.stack[-2].value, list)
        # A list item's first key again: the next item, written without its '- '. The
        # keys after it repeat too; one problem says it.
        parent.split = in_list and self.stack[-2].block and key == next(iter(parent.first_keys))
        message, hint = duplicate_key(
            key,
            first.line,
            self.outline[span.line - 1].content,
            next_item=parent.split,
        )
        return Diagnostic(
            "DD-Y02",
            Severity.ERROR,
            message,
            self.path,
            span,
            hint,
            related=(("first definition", first),),
        )

    def _check_plain_text(self, event: Any) -> None:
        """Unquoted text that YAML reads differently from how it looks (DD-Y15)."""
        start, end = event.start_mark, event.end_mark
        found: Finding | None
        if end.index in self.hashes:
            found = lost_comment(
                self.outline, event.value, (start.line, start.column), (end.line, end.column)
            )
        elif any(
            line.lstrip(" ").startswith("- ")
            for line in self.text[start.index : end.index].split("\n")[1:]
        ):
            found = hidden_item(self.outline, start.line, end.line)
        else:
            return  # text wrapped over lines, as YAML allows
        if found is not None:
            self.problems.append(
                error(
                    found.code,
                    found.message,
                    self.path,
                    Span.point(found.line + 1, found.col + 1),
                    found.hint,
                )
            )

    def _refusal(self, code: str, message: str, span: Span, hint: str) -> Diagnostic:
        """An anchor, alias or tag refused at ``span``; when the line goes on with more
        words ('&Call bells within reach'), the hint says how to keep it as text."""
        as_text = quote_if_text(self.line(span.line)[span.col - 1 :])
        return error(
            code, message, self.path, span, f"{as_text}; otherwise {hint}" if as_text else hint
        )

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag in _DEFAULT_TAGS:
            plain = event.implicit[0]
            return PLAIN_WORDS[value] if plain and value in PLAIN_WORDS else value
        if tag == _STR_TAG:
            return value
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if tag != _BOOL_TAG:  # an explicit !!bool on yes/no/on/off keeps its text
            self._tag_refused(tag, _span(event))
        return value

    def _check_tag(self, event: Any, default: str) -> None:
        if event.tag not in (*_DEFAULT_TAGS, default):
            self._tag_refused(event.tag, _span(event))

    def _tag_refused(self, tag: str, span: Span) -> None:
        self.problems.append(
            self._refusal(
                "DD-Y10",
                f"YAML tag '{printable(tag)}' is not allowed: '!' gives a value a type",
                span,
                "remove the tag; a driver diagram holds only text, lists and mappings",
            )
        )

    def _refuse_anchor(self, event: Any) -> None:
        if event.anchor is not None:
            raise _Refused(
                self._refusal(
                    "DD-Y03",
                    f"YAML anchor '&{printable(event.anchor)}' is not allowed: '&' labels "
                    "a value for reuse",
                    _span(event),
                    "remove the anchor and write any repeated text out in full",
                )
            )

    def _too_deep(self, event: Any) -> Diagnostic:
        return error(
            "DD-Y08",
            f"nesting is deeper than {self.limits.max_depth} levels",
            self.path,
            _span(event),
            "a driver diagram needs about a dozen levels; this looks like generated or "
            "corrupted input",
        )

    def _count(self) -> None:
        self.values += 1
        if self.values > self.limits.max_nodes:
            raise _Refused(
                error(
                    "DD-Y14",
                    f"file holds more than {self.limits.max_nodes:,} YAML values",
                    self.path,
                    Span.point(1, 1),
                    "split the diagram into several files",
                )
            )


_HASH = re.compile(r" #[^\s#]")  # starts with its literal, so the search is fast


def _hashes(text: str) -> frozenset[int]:
    """Offsets of each ' ' in text + ' #' + text (as in 'clinic #2')."""
    return frozenset(
        m.start() for m in _HASH.finditer(text) if m.start() and not text[m.start() - 1].isspace()
    )


def _end(event: Any) -> int:
    """Where an event ends, as an offset in the text."""
    return int(event.end_mark.index)


def _span_of(position: Position) -> Span:
    return position if isinstance(position, Span) else position.span


def _empty(path: str) -> Diagnostic:
    return error(
        "DD-Y05",
        "file is empty; a driver diagram needs at least a title, an aim and primary drivers",
        path,
        Span.point(1, 1),
        "run 'impact init' to start from a template",
    )
