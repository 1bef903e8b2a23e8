"""One reporter per output format of ``impact validate``.

A reporter turns a list of :class:`~impact_cli.check.validate.FileReport` into text.
Reporters never decide exit codes and never print: the command does.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

# name -> module; each module defines ``report(files, **options) -> str``
REPORTERS = {
    "text": "impact_cli.reporters.text",
    "json": "impact_cli.reporters.json_report",
    "github": "impact_cli.reporters.github",
    "sarif": "impact_cli.reporters.sarif",
}


def get_reporter(name: str) -> Callable[..., str]:
    module = import_module(REPORTERS[name])
    report: Callable[..., str] = module.report
    return report
