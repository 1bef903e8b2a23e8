"""The lint machinery: rule declarations, checks, profiles and code selection.

A *rule* is the registered metadata (code, severity per profile, rationale,
source, fix). A *check* is a function that reads the normalised diagram once and
yields :class:`Finding` values for one or more rule codes. The engine runs only
the checks whose codes are active, and turns findings into diagnostics with the
severity of the active profile. Every check is linear in the size of the diagram.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity, Span
from ..diagram import Diagram, Node
from ..rules import Rule, register

PROFILES = ("ihi", "permissive")
DEFAULT_PROFILE = "ihi"

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741


@dataclass(frozen=True, slots=True)
class Finding:
    """A check's raw result: which rule, where, what. Severity comes from the profile."""

    code: str
    span: Span
    message: str


Check = Callable[[Diagram], Iterable[Finding]]

LINT_RULES: dict[str, Rule] = {}
CHECKS: list[tuple[frozenset[str], Check]] = []


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    rationale: str,
    source: str,
    fix: str,
    category: str,
    permissive: Severity | str | None = "same",
) -> Rule:
    """Declare and register a lint rule. ``permissive``: its severity there (None: off)."""
    profiles: dict[str, Severity | None] = {}
    if permissive != "same":
        assert permissive is None or isinstance(permissive, Severity)
        profiles["permissive"] = permissive
    declared = Rule(code, name, severity, summary, rationale, source, fix, category, profiles)
    LINT_RULES[code] = register(declared)
    return declared


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check function that may yield findings for ``codes``."""

    def decorate(fn: Check) -> Check:
        CHECKS.append((frozenset(codes), fn))
        return fn

    return decorate


def matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` equals or starts with one of ``patterns`` (DD-A, DD-A01)."""
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def active_rules(
    profile: str,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    disable: Iterable[str] = (),
) -> dict[str, Severity]:
    """The lint codes that run, with their severity in ``profile``."""
    if profile not in PROFILES:
        raise ValueError(f"unknown lint profile {profile!r}; choose one of {PROFILES}")
    select, ignore, disable = list(select), list(ignore), list(disable)
    active: dict[str, Severity] = {}
    for code, declared in LINT_RULES.items():
        severity = declared.severity_in(profile)
        if severity is None:
            continue
        if select and not matches(code, select):
            continue
        if matches(code, ignore) or matches(code, disable):
            continue
        active[code] = severity
    return active


def run(
    diagram: Diagram,
    profile: str | None,
    select: Iterable[str],
    ignore: Iterable[str],
) -> list[Diagnostic]:
    chosen = profile or diagram.lint.profile or DEFAULT_PROFILE
    active = active_rules(chosen, select, ignore, diagram.lint.disable)
    out: list[Diagnostic] = []
    if not active:
        return out
    for codes, fn in CHECKS:
        if codes.isdisjoint(active):
            continue
        for finding in fn(diagram):
            severity = active.get(finding.code)
            if severity is None:
                continue
            out.append(
                Diagnostic(
                    finding.code,
                    severity,
                    finding.message,
                    diagram.path,
                    finding.span,
                    LINT_RULES[finding.code].fix,
                )
            )
    return out


# -- helpers shared by the checks ---------------------------------------------------


def describe(node: Node) -> str:
    """ "secondary driver 1.2 'Daily board round…'": how findings name a box."""
    title = " ".join(node.title.split())
    short = title if len(title) <= 60 else title[:59] + "…"
    if node.number:
        return f"{node.tier.label} {node.number} '{short}'"
    return f"{node.tier.label} '{short}'"


def words_of(nodes: Iterable[Node]) -> Iterator[tuple[Node, str]]:
    """Each node with the text shown for it (title and description)."""
    for node in nodes:
        yield node, node.title
        if node.description:
            yield node, node.description
