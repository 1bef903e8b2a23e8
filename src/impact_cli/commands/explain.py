"""``impact explain CODE``: one rule in full, with an example."""

from __future__ import annotations

import difflib
import re
import sys
import textwrap

from ..errors import ImpactError
from ..rules import PROFILES, Rule
from ..rules.catalogue import all_rules

_PADDABLE = re.compile(r"^(?:DD-)?([A-Z])(\d)$")


def find_rule(query: str) -> Rule:
    """A rule by code (DD-A01, dd-a01) or name (aim-how-much); else a did-you-mean error."""
    rules = all_rules()
    wanted = query.strip()
    code = wanted.upper()
    if code in rules:
        return rules[code]
    if not code.startswith("DD-") and f"DD-{code}" in rules:
        return rules[f"DD-{code}"]
    by_name = {r.name: r for r in rules.values()}
    if wanted.lower() in by_name:
        return by_name[wanted.lower()]
    padded = _PADDABLE.sub(r"DD-\g<1>0\g<2>", code)  # 'A1' -> 'DD-A01'
    close = [padded] if padded in rules else []
    close += difflib.get_close_matches(code, list(rules), n=2, cutoff=0.6)
    close += [
        by_name[name].code
        for name in difflib.get_close_matches(wanted.lower(), list(by_name), n=2, cutoff=0.6)
    ]
    close = list(dict.fromkeys(close))[:3]
    hint = (
        f"did you mean {' or '.join(close)}? " if close else ""
    ) + "'impact rules' lists every code"
    raise ImpactError(f"no rule '{wanted}'", hint)


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, width=88, initial_indent=f"{label:<10}", subsequent_indent=" " * 10)


def _block(title: str, yaml: str) -> list[str]:
    return [title, *(f"    {line}" for line in yaml.rstrip("\n").splitlines())]


def explain_text(rule: Rule) -> str:
    from ..lint.examples import example_for

    lines = [f"{rule.code} {rule.name}", ""]
    lines += _wrap("What:", rule.summary)
    levels = ", ".join(f"{p} {rule.level_in(p)}" for p in PROFILES)
    lines += _wrap("Severity:", f"{rule.severity.value} ({levels})")
    lines += _wrap("Category:", rule.category)
    lines += _wrap("Why:", rule.rationale)
    lines += _wrap("Source:", rule.source)
    lines += _wrap("Fix:", rule.fix)
    example = example_for(rule.code)
    if example is not None:
        lines.append("")
        if example.note:
            lines += _wrap("Example:", example.note)
        if example.bad:
            where = "" if rule.structural else " (top-level keys of a diagram)"
            lines += _block(f"Reported{where}:", example.bad)
        if example.good:
            lines += _block("Better:", example.good)
    lines.append("")
    lines.append(
        f"Switch it off in a file with 'lint: {{disable: [{rule.code}]}}', or for one run "
        f"with --ignore {rule.code}."
        if not rule.structural
        else "Structural problems are always errors: the file cannot be read as intended."
        if rule.category != "data"
        else "Problems in a measure's data are found while it is read, before any lint "
        "rule: they cannot be switched off."
    )
    return "\n".join(lines) + "\n"


def run(code: str) -> int:
    sys.stdout.write(explain_text(find_rule(code)))
    return 0
