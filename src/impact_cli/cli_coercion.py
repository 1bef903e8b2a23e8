"""Cheap coercion of command-line values, with typer's own as the fallback.

typer 0.29 coerces every non-flag parameter through a pydantic ``TypeAdapter``.
Building them costs more than everything ``impact validate`` does for a typical
file: importing pydantic's schema generation, its plugin loader (which imports
``importlib.metadata`` with ``email`` and ``zipfile``) and building one adapter
per parameter, before the command runs. That start-up is what users of a
pre-commit hook or a CI job feel (issue 7; docs/performance.md).

Our parameters are text, whole numbers, paths and lists of them. For the plain,
unambiguous cases this module coerces them directly: ``str`` as given, ASCII
digits within the option's ``min``/``max`` as ``int``, and paths through
typer's own ``coerce_cli_path`` (so its checks and messages are unchanged).
Anything else, including every value that would be an error, goes to typer's
own coercion, so messages and edge cases stay exactly typer's.

This uses typer internals (``_TyperParameter._runtime_param`` and
``typer._coercion``). If a typer release changes them, :class:`QuickCommand`
quietly leaves typer's coercion in place: slower, never wrong. The import test
(tests/test_imports.py) fails if ``validate`` imports ``typer._adapters`` again,
so such a change is noticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - a typer without these internals
    _QUICK = False
else:
    _QUICK = True

_SLOW: Any = object()  # "let typer coerce this one"


if _QUICK:

    class _QuickParam(RuntimeParam):
        # Not a dataclass of its own: creating one costs a millisecond or two at
        # start-up. It keeps RuntimeParam's fields (parameter_info, annotation).

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation: Any = self.annotation
            if get_origin(annotation) is list:
                if isinstance(value, list | tuple):
                    (item_type,) = get_args(annotation)
                    items = [self._leaf(item_type, item, param, ctx) for item in value]
                    if _SLOW not in items:
                        return items
            else:
                result = self._leaf(annotation, value, param, ctx)
                if result is not _SLOW:
                    return result
            descriptor = TypeDescriptor(annotation, self.parameter_info, file_annotation=None)
            typer_own = build_runtime_param(descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)

        def _leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            kind = type(value)
            if annotation is str and kind is str:
                return value
            if annotation is int and (kind is int or (kind is str and _is_digits(value))):
                number = int(value)  # a default is an int already; typed text is digits
                if (info.min is None or number >= info.min) and (
                    info.max is None or number <= info.max
                ):
                    return number
                return _SLOW  # out of range: typer words (or clamps) it
            if annotation is Path and info.path_type is None and kind in (str, Path):
                # A Path in, so typer's checks run without a pydantic adapter.
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return _SLOW


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _use_quick_coercion(params: list[Any]) -> None:
    if not _QUICK:  # pragma: no cover
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            isinstance(param, _TyperParameter)
            and descriptor is not None
            and getattr(param, "_runtime_param", _SLOW) is None
            and descriptor.file_annotation is None
        ):
            param._runtime_param = _QuickParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )


class QuickCommand(TyperCommand):
    """A typer command whose text, number and path options skip pydantic."""

    # get_params, not __init__: the help option is added only when parsing.
    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        _use_quick_coercion(params)
        return params


class QuickGroup(TyperGroup):
    """The top-level group, likewise (``--help``, ``--debug`` and the completion
    options, whose unset value is None rather than a bool, would build adapters)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        _use_quick_coercion(params)
        return params
