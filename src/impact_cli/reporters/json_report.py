"""Stable JSON for machines. Shape documented in schemas/validate-report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..check.validate import FileReport
from ..diagnostics import Diagnostic, Severity

FORMAT_VERSION = 1


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "hint": d.hint,
        "path": d.path,
        "line": d.span.line,
        "column": d.span.col,
        "end_line": d.span.end_line,
        "end_column": d.span.end_col,
        "pointer": d.pointer,
    }


def report(files: list[FileReport]) -> str:
    payload = {
        "tool": "impact",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "valid": not any(f.errors for f in files),
        "summary": {
            "files": len(files),
            "files_with_errors": sum(1 for f in files if f.errors),
            "errors": sum(f.errors for f in files),
            "warnings": sum(f.warnings for f in files),
            "info": sum(f.count(Severity.INFO) for f in files),
        },
        "files": [
            {
                "path": f.path,
                "valid": f.errors == 0,
                "diagnostics": [diagnostic_json(d) for d in f.diagnostics],
            }
            for f in files
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
