"""Validate plain data against the file format, quickly.

The compiled validator (:mod:`impact_cli.fileformat.compiled`, written from the
pydantic models by :mod:`tools.compile_model`) skips creating the model
classes and building their validator in every process. It gives the same
objects' attributes and the same errors as ``DiagramFile.model_validate``.

If the installed pydantic-core cannot build it (a release whose core schema
format differs from the one the module was written with), the pydantic models
are used instead: slower to start, never wrong.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from .model import DiagramFile


@cache
def _compiled() -> SchemaValidator | None:
    from pydantic_core import CoreSchema, SchemaError, SchemaValidator

    from .compiled import CORE_SCHEMA

    try:
        return SchemaValidator(cast(CoreSchema, CORE_SCHEMA))
    except SchemaError:  # pragma: no cover - only with a pydantic-core we do not pin
        return None


def compiled_available() -> bool:
    """Whether validation uses the compiled validator (reported by ``impact doctor``)."""
    return _compiled() is not None


def validate_data(data: Any) -> DiagramFile:
    """Validate YAML data; raises :class:`pydantic.ValidationError` on a problem.

    The result reads like a ``DiagramFile``: the same attributes, the same values.
    """
    validator = _compiled()
    if validator is None:  # pragma: no cover - see _compiled
        from .model import DiagramFile

        return DiagramFile.model_validate(data)
    # Plain classes of the same names and fields as the models (see compiled_model).
    return cast("DiagramFile", validator.validate_python(data))
