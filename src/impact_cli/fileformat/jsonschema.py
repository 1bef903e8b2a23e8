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


def export_schema() -> dict[str, Any]:
    """Schema of the JSON export (``impact render -f json``)."""
    from ..render.json_export import export_schema as build

    return build()


def report_schema() -> dict[str, Any]:
    """Schema of ``impact validate --format json`` (format_version 1), written by hand."""
    count = {"type": "integer", "minimum": 0}
    position = {"type": "integer", "minimum": 1}
    fields = {
        "code": {
            "type": "string",
            "pattern": "^DD-[A-Z][0-9]{2}$",
            "description": "Rule code; 'impact explain CODE' describes it.",
        },
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "minLength": 1},
        "hint": {"type": ["string", "null"], "description": "How to fix it."},
        "path": {"type": "string"},
        "line": position,
        "column": position,
        "end_line": position,
        "end_column": position,
        "pointer": {
            "type": "string",
            "description": "Dotted path of the value in the document, or ''.",
        },
    }
    diagnostic = {
        "type": "object",
        "description": "One finding, located in its file (1-based; end is exclusive).",
        "additionalProperties": False,
        "required": list(fields),
        "properties": fields,
    }
    totals = ["files", "files_with_errors", "errors", "warnings", "info"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "impact validate --format json",
        "description": "The findings of 'impact validate' for every file checked.",
        "type": "object",
        "additionalProperties": False,
        "required": ["tool", "version", "format_version", "valid", "summary", "files"],
        "properties": {
            "tool": {"const": "impact"},
            "version": {"type": "string"},
            "format_version": {"const": 1},
            "valid": {"type": "boolean", "description": "True when no file has an error."},
            "summary": {
                "type": "object",
                "additionalProperties": False,
                "required": totals,
                "properties": dict.fromkeys(totals, count),
            },
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["path", "valid", "diagnostics"],
                    "properties": {
                        "path": {"type": "string"},
                        "valid": {"type": "boolean"},
                        "diagnostics": {"type": "array", "items": diagnostic},
                    },
                },
            },
        },
    }


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "diagram": diagram_schema,
    "export": export_schema,
    "report": report_schema,
}


def schema_text(kind: str = "diagram") -> str:
    return json.dumps(SCHEMAS[kind](), indent=2, ensure_ascii=False) + "\n"
