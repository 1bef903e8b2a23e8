"""JSON Schemas generated from the code, committed under schemas/.

The diagram schema is for editors (YAML language server) and independent
validators. It stays within keywords that mean the same in draft-07 and 2020-12,
because editors validated only draft-07 for years. Text fields also accept
numbers: impact reads ``version: 3`` as the text "3", and an independent
validator must agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _textify(node: Any) -> None:
    """Let plain text fields (no pattern) accept YAML numbers too, recursively."""
    if isinstance(node, dict):
        if node.get("type") == "string" and "pattern" not in node and "enum" not in node:
            node.pop("type")
            node["type"] = ["string", "number"]
        for value in node.values():
            _textify(value)
    elif isinstance(node, list):
        for value in node:
            _textify(value)


def diagram_schema() -> dict[str, Any]:
    from .model import DiagramFile

    schema = DiagramFile.model_json_schema(mode="validation")
    _textify(schema)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **schema,
    }


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {"diagram": diagram_schema}


def schema_text(kind: str = "diagram") -> str:
    return json.dumps(SCHEMAS[kind](), indent=2, ensure_ascii=False) + "\n"
