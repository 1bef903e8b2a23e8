"""Turn pydantic validation errors into located, plain-English diagnostics.

Errors are read with ``errors(include_input=False)``, never by printing the
exception, whose text includes the input (which can be megabytes). The value the
user wrote is looked up in the data read, and its place with the file's
:class:`~impact_cli.source.spans.Locator`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Loc, Severity, Span, pointer, printable, suggest
from ..source.reader import Source
from ..source.spans import Locator
from .mistakes import bad_id, no_value, quoted, unknown_key


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic marks dict-key errors with a '[key]' segment; keep real segments only
    return tuple(s for s in loc if s != "[key]")


_MISSING: Any = object()

Make = Callable[..., Diagnostic]
"""Makes the diagnostic for the error at hand: (code, message, hint)."""


def value_at(data: Any, loc: Loc) -> Any:
    """The value the user wrote at ``loc``, or at its deepest existing part.

    A link written as a bare id (``supports: [sd-1]``) is validated as
    ``{to: sd-1}``, so its errors name a ``to`` that the file does not have:
    the value written is then the text itself.
    """
    value = data
    for segment in loc:
        if not isinstance(value, dict | list):
            break
        try:
            value = value[segment]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


def _as_written(text: str, span: Span) -> str:
    """The characters of a one-line span, as they are in the file."""
    lines = text.splitlines()
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return ""
    return lines[span.line - 1][span.col - 1 : span.end_col - 1]


def _describe(value: Any, written: str) -> str:
    if value is _MISSING:
        return "nothing"
    if written[:1] in ("[", "{"):
        kind = "a list" if isinstance(value, list) else "a mapping"
        return f"{kind} ('{_short(written)}')"
    if isinstance(value, dict):
        first = next(iter(value.items()), None)
        if first is None or not isinstance(first[1], str | None):
            return "a mapping"
        pair = f"{first[0]}: {first[1] or ''}".rstrip()
        return f"a mapping ('{_short(pair)}')"
    if isinstance(value, list):
        if value and isinstance(value[0], str):
            return f"a list ('- {_short(value[0])}'{', …' if len(value) > 1 else ''})"
        return "a list"
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"true/false ({written or str(value).lower()})"
    return f"the text '{_short(str(value))}'"


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return printable(text)


def _what(loc: Loc) -> str:
    """How to name the place of an error in a message."""
    if not loc:
        return "the document"
    last = loc[-1]
    if isinstance(last, int):
        parent = next((s for s in reversed(loc[:-1]) if isinstance(s, str)), "list")
        return f"item {last + 1} of '{parent}'"
    return f"'{_short(str(last))}'"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every pydantic model class mentioned in a type annotation."""
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            found.append(ann)
            continue
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            stack.append(typing.get_args(ann)[0])
        elif origin is not None or isinstance(ann, types.UnionType):
            stack.extend(typing.get_args(ann))
    return found


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``."""
    model: type[BaseModel] | None = root
    for seg in loc:
        if isinstance(seg, int) or model is None:
            continue
        field = model.model_fields.get(seg)
        if field is None:
            return None
        candidates = _models_in(field.annotation)
        model = candidates[0] if candidates else None
    return model


def allowed_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    model = model_at(root, loc)
    return list(model.model_fields) if model else []


def diagnostics_from(exc: ValidationError, source: Source, locator: Locator) -> list[Diagnostic]:
    """Map every pydantic error onto the place it is about, with a code and a hint."""
    from .model import DiagramFile  # the model's fields name the keys allowed where

    found: list[tuple[Loc, Diagnostic]] = []
    explained: set[Loc] = set()
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False, include_input=False, include_context=True):
        loc = _clean_loc(tuple(err["loc"]))
        kind = err["type"]
        if (loc, kind) in seen:
            continue
        seen.add((loc, kind))
        on_key = "[key]" in err["loc"]  # the key itself is wrong (a glossary term)
        diagnostic, replaces = _one(err, kind, loc, DiagramFile, source, locator, on_key=on_key)
        found.append((loc, diagnostic))
        if replaces is not None:
            explained.add(replaces)
    # A missing key that an unknown key was meant as ('Title:', a measure's 'title:'),
    # or an empty 'aim:' whose parts start the lines below it, is the same mistake:
    # the unknown key's problem says how to fix both.
    return [d for loc, d in found if not (d.code in ("DD-F02", "DD-F03") and loc in explained)]


def _one(
    err: Any,
    kind: str,
    loc: Loc,
    root_model: type[BaseModel],
    source: Source,
    locator: Locator,
    *,
    on_key: bool = False,
) -> tuple[Diagnostic, Loc | None]:
    """The diagnostic for one error, and the place of a problem it explains (if any)."""
    value = value_at(source.data, loc)
    written = _as_written(source.text, locator.span(loc))

    def make(
        code: str,
        message: str,
        hint: str | None = None,
        *,
        want_key: bool = False,
        at: Loc | None = None,
    ) -> Diagnostic:
        span = locator.span(loc if at is None else at, want_key=want_key or on_key)
        return Diagnostic(code, Severity.ERROR, message, source.path, span, hint, pointer(loc))

    if kind == "extra_forbidden":
        mapping = loc[:-1]
        siblings = value_at(source.data, mapping)
        unknown = unknown_key(
            str(loc[-1]),
            value,
            mapping,
            len(siblings) if isinstance(siblings, dict) else 0,
            allowed_keys(root_model, mapping),
        )
        diagnostic = make("DD-F01", unknown.message, unknown.hint, want_key=True)
        return diagnostic, unknown.replaces
    if kind == "missing":
        key = str(loc[-1])
        where = _what(loc[:-1]) if loc[:-1] else "the diagram"
        message = f"{where} is missing the required key '{key}'"
        return make("DD-F02", message, _MISSING_HINTS.get((len(loc), key)), at=loc[:-1]), None
    return _value_problem(err, kind, loc, value, written, source, make), None


_MISSING_HINTS = {
    (1, "title"): "start the file with 'title: <the diagram's title>'",
    (1, "aim"): "add 'aim: <what will improve, by how much, for whom, by when>'",
    (1, "primary_drivers"): "add 'primary_drivers:' with a list of the main drivers of the aim",
}


def _value_problem(
    err: Any, kind: str, loc: Loc, value: Any, written: str, source: Source, make: Make
) -> Diagnostic:
    """A value that is not what its place takes."""
    given = value if isinstance(value, str) else (written or None)
    if kind == "empty_text":
        return make(
            "DD-F06",
            f"{_what(loc)} is empty",
            "write the text, or remove the key if it is optional",
        )
    if kind == "unshowable_character":
        ctx = err.get("ctx", {})
        return make(
            "DD-F07",
            f"{_what(loc)} contains the {ctx.get('what')} U+{ctx.get('code')}",
            "remove the character; it cannot be shown in SVG or HTML",
        )
    if kind == "not_a_number":
        return make(
            "DD-D04",
            f"{_what(loc)} must be a number, not {_describe(value, written)}",
            "write a plain number such as 8.1: no thousands separator, unit or '%'",
        )
    if kind == "data_path":
        return make(
            "DD-D02",
            f"the data file '{_short(str(given))}' cannot be used: {err['msg']}",
            "put the data file in the diagram's folder, or a folder below it",
        )
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        guess = suggest(str(given), choices) if given is not None else None
        shown = f" '{_short(str(given))}'" if given is not None else ""
        return make(
            "DD-F04",
            f"{_what(loc)} has the value{shown}; expected one of: {', '.join(choices)}",
            f"did you mean '{guess}'?" if guess else None,
        )
    if kind == "string_pattern_mismatch":
        field = next((s for s in reversed(loc) if isinstance(s, str)), "")
        given = given if given is not None else "?"
        if field == "language":
            return make(
                "DD-F05",
                f"'{_short(given)}' is not a language tag",
                "use a language tag such as en-GB, en or cy",
            )
        if field == "disable":
            return make(
                "DD-F05",
                f"'{_short(given)}' is not a rule code",
                "rule codes look like DD-A01; 'impact rules' lists them",
            )
        return make(
            "DD-F05", f"'{_short(given)}' is not a valid id", bad_id(given, loc, source.data)
        )
    if kind in ("too_long", "too_short"):
        return make("DD-F03", f"{_what(loc)}: {err['msg'].lower()}")
    return _wrong_shape(err, kind, loc, value, written, make)


def _wrong_shape(err: Any, kind: str, loc: Loc, value: Any, written: str, make: Make) -> Diagnostic:
    expected = {
        "string_type": "text",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "bool_type": "true or false",
    }.get(kind)
    if expected is None:
        return make("DD-F03", f"{_what(loc)} is not valid: {err['msg']}")
    if kind == "model_type" and ((loc and isinstance(loc[-1], int)) or loc == ("aim",)):
        expected = "a mapping or text"  # items and the aim may be written as bare text
    if value is None:
        explained = no_value(loc, _what(loc), expected)
        return make("DD-F03", explained.message, explained.hint)
    last = loc[-1] if loc else ""
    hint: str | None = None
    if kind == "list_type" and isinstance(value, str) and "," in value:
        hint = f"write a YAML list, [{_short(value)}], not one comma-separated text"
    elif kind == "list_type" and isinstance(value, str):
        hint = (
            f"put each item on its own line below '{last}:', indented and starting with "
            f"'- ' (for example '  - {_short(value)}')"
        )
    elif isinstance(value, list) and isinstance(last, int):
        inner = _short(value[0], 60) if value and isinstance(value[0], str) else "…"
        return make(
            "DD-F03",
            f"{_what(loc)}, '- - {inner}', is a list inside the list",
            f"remove one of the two '-': - {inner}",
        )
    elif expected == "text" and written[:1] in ("[", "{"):
        hint = f"quote it if it is one text: {last}: {quoted(written)}"
    elif expected == "text" and isinstance(value, list):
        hint = f"write the text on the same line as '{last}:', without '- '"
    elif expected == "text" and isinstance(value, dict) and len(value) == 1:
        text = "{}: {}".format(*next(iter(value.items()))).removesuffix(": None")
        hint = f"quote text that contains ': ': {last}: {quoted(text)}"
    elif expected == "text" and isinstance(value, dict):
        hint = "quote text that contains ': '"
    elif expected == "a mapping" and isinstance(value, list):
        hint = f"write each entry under '{last}:' as 'key: value' on its own line, without '- '"
    elif expected == "text" and written:
        hint = f'quote it if it is meant as text: "{_short(written)}"'
    return make("DD-F03", f"{_what(loc)} must be {expected}, not {_describe(value, written)}", hint)
