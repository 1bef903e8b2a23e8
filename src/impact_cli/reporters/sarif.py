"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).

One run, the tool's full rule list (so ``ruleIndex`` is stable between runs),
one result per finding with its level in the active profile and a region in
1-based lines and Unicode code-point columns (``endColumn`` exclusive, as in
impact's spans). Artifact URIs are relative with forward slashes (to
``GITHUB_WORKSPACE`` when set, else to the working directory); files outside
both get an absolute ``file://`` URI. Output is deterministic: no timestamps.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..check.validate import FileReport
from ..diagnostics import Diagnostic, Severity
from ..rules import PROFILES, Rule
from ..rules.catalogue import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str, base: str | None = None) -> str:
    """A URI reference for ``path``: relative to ``base`` (or cwd) when inside it."""
    if path == "<stdin>":
        return quote(path)
    root = Path(base or os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    try:
        absolute = Path(path).resolve()
        root = root.resolve()
    except OSError:
        return quote(path.replace(os.sep, "/"))
    if absolute.is_relative_to(root):
        return quote(absolute.relative_to(root).as_posix())
    return absolute.as_uri()


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    profiles = {profile: rule.level_in(profile) for profile in PROFILES}
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.rationale} Source: {rule.source}."},
        "help": {
            "text": f"{rule.fix}\n\nWhy: {rule.rationale}\nSource: {rule.source}",
            "markdown": f"{rule.fix}\n\n**Why:** {rule.rationale}\n\n**Source:** {rule.source}",
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category], "profiles": profiles},
    }


def region(d: Diagnostic) -> dict[str, int]:
    span = d.span
    out = {"startLine": span.line, "startColumn": span.col}
    if (span.end_line, span.end_col) > (span.line, span.col):
        out["endLine"] = span.end_line
        out["endColumn"] = span.end_col
    return out


def result(d: Diagnostic, index: dict[str, int], uri: str) -> dict[str, Any]:
    text = d.message if not d.hint else f"{d.message}. Hint: {d.hint}"
    out: dict[str, Any] = {"ruleId": d.code}
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    out["level"] = LEVEL[d.severity]
    out["message"] = {"text": text}
    location = {"artifactLocation": {"uri": uri}, "region": region(d)}
    out["locations"] = [{"physicalLocation": location}]
    return out


def sarif_log(files: list[FileReport]) -> dict[str, Any]:
    rules = list(all_rules().values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    # a finding in a measure's data file is located in that file
    results = [
        result(d, index, uri if d.path == file.path else artifact_uri(d.path))
        for file in files
        for uri in (artifact_uri(file.path),)
        for d in file.diagnostics
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "impact",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def report(files: list[FileReport]) -> str:
    return json.dumps(sarif_log(files), indent=2, ensure_ascii=False) + "\n"
