"""Turn pydantic validation errors into located, plain-English diagnostics.

Errors are read with ``errors(include_input=False)``, never by printing the
exception, whose text includes the input (which can be megabytes). The value the
user wrote is looked up in the data read, and its place with the file's
:class:`~impact_cli.source.spans.Locator`.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Loc, Severity, Span, pointer, printable, suggest
from ..source.reader import Source
from ..source.spans import Locator


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic marks dict-key errors with a '[key]' segment; keep real segments only
    return tuple(s for s in loc if s != "[key]")


_MISSING: Any = object()


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
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"true/false ({written or str(value).lower()})"
    return f"the text '{_short(str(value))}'"


def _short(text: str, limit: int = 40) -> str:
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

    result: list[Diagnostic] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False, include_input=False, include_context=True):
        loc = _clean_loc(tuple(err["loc"]))
        kind = err["type"]
        if (loc, kind) in seen:
            continue
        seen.add((loc, kind))
        on_key = "[key]" in err["loc"]  # the key itself is wrong (a glossary term)
        result.append(_one(err, kind, loc, DiagramFile, source, locator, on_key=on_key))
    return result


def _one(
    err: Any,
    kind: str,
    loc: Loc,
    root_model: type[BaseModel],
    source: Source,
    locator: Locator,
    *,
    on_key: bool = False,
) -> Diagnostic:
    ptr = pointer(loc)
    value = value_at(source.data, loc)
    written = _as_written(source.text, locator.span(loc))
    given = value if isinstance(value, str) else (written or None)
    hint: str | None = None

    def make(
        code: str, message: str, *, want_key: bool = False, at: Loc | None = None
    ) -> Diagnostic:
        span = locator.span(loc if at is None else at, want_key=want_key or on_key)
        return Diagnostic(code, Severity.ERROR, message, source.path, span, hint, ptr)

    if kind == "extra_forbidden":
        key = str(loc[-1])
        choices = allowed_keys(root_model, loc[:-1])
        guess = suggest(key, choices)
        if guess:
            hint = f"did you mean '{guess}'?"
        elif choices:
            hint = "keys allowed here: " + ", ".join(choices)
        return make("DD-F01", f"unknown key '{printable(key)}'", want_key=True)
    if kind == "missing":
        key = str(loc[-1])
        where = _what(loc[:-1]) if loc[:-1] else "the diagram"
        if key == "title" and len(loc) == 1:
            hint = "start the file with 'title: <the diagram's title>'"
        elif key == "aim":
            hint = "add 'aim: <what will improve, by how much, for whom, by when>'"
        elif key == "primary_drivers":
            hint = "add 'primary_drivers:' with a list of the main drivers of the aim"
        return make("DD-F02", f"{where} is missing the required key '{key}'", at=loc[:-1])
    if kind == "empty_text":
        hint = "write the text, or remove the key if it is optional"
        return make("DD-F06", f"{_what(loc)} is empty")
    if kind == "unshowable_character":
        ctx = err.get("ctx", {})
        hint = "remove the character; it cannot be shown in SVG or HTML"
        return make("DD-F07", f"{_what(loc)} contains the {ctx.get('what')} U+{ctx.get('code')}")
    if kind == "not_a_number":
        hint = "write a plain number such as 8.1: no thousands separator, unit or '%'"
        return make("DD-D04", f"{_what(loc)} must be a number, not {_describe(value, written)}")
    if kind == "data_path":
        hint = "put the data file in the diagram's folder, or a folder below it"
        return make("DD-D02", f"the data file '{_short(str(given))}' cannot be used: {err['msg']}")
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        if given is not None:
            guess = suggest(str(given), choices)
            hint = f"did you mean '{guess}'?" if guess else None
        shown = f" '{_short(str(given))}'" if given is not None else ""
        return make(
            "DD-F04",
            f"{_what(loc)} has the value{shown}; expected one of: {', '.join(choices)}",
        )
    if kind == "string_pattern_mismatch":
        field = next((s for s in reversed(loc) if isinstance(s, str)), "")
        given = given if given is not None else "?"
        if field == "language":
            hint = "use a language tag such as en-GB, en or cy"
            return make("DD-F05", f"'{_short(given)}' is not a language tag")
        if field == "disable":
            hint = "rule codes look like DD-A01; 'impact rules' lists them"
            return make("DD-F05", f"'{_short(given)}' is not a rule code")
        hint = (
            "an id starts with a letter and uses only letters, digits, '-' and '_' "
            "(at most 64 characters)"
        )
        return make("DD-F05", f"'{_short(given)}' is not a valid id")
    if kind in ("too_short",) and loc and loc[-1] == "primary_drivers":
        hint = "a driver diagram needs at least one primary driver (IHI recommends 2 to 5)"
        return make("DD-F08", "'primary_drivers' is empty")
    if kind in ("too_long", "too_short"):
        return make("DD-F03", f"{_what(loc)}: {err['msg'].lower()}")
    # Everything else is a value of the wrong shape.
    expected = {
        "string_type": "text",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "bool_type": "true or false",
    }.get(kind)
    described = _describe(value, written)
    if expected is None:
        return make("DD-F03", f"{_what(loc)} is not valid: {err['msg']}")
    if kind == "model_type" and ((loc and isinstance(loc[-1], int)) or loc == ("aim",)):
        expected = "a mapping or text"  # items and the aim may be written as bare text
    if kind == "list_type" and isinstance(value, str) and "," in value:
        hint = "write a YAML list, for example [sd-1, sd-2], not one comma-separated text"
    elif expected == "text" and isinstance(value, dict | list):
        hint = "quote text that contains ': ' or starts with '[' or '{'"
    elif expected == "text" and written:
        hint = f'quote it if it is meant as text: "{_short(written)}"'
    return make("DD-F03", f"{_what(loc)} must be {expected}, not {described}")
