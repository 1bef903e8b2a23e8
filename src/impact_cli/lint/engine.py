"""The lint machinery: rule declarations, checks, profiles and code selection.

A *rule* is the registered metadata (code, severity per profile, rationale,
source, fix). A *check* is a function that reads the normalised diagram once and
yields findings, ``(code, span, message)``, for one or more rule codes. The
engine runs only the checks whose codes are active, and turns findings into
diagnostics with the severity of the active profile. A check is also given the
active codes, so it can skip the work (often a regex to compile) for a code that
is off. Every check is linear in the size of the diagram.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from ..diagnostics import Diagnostic, Severity, Span
from ..diagram import Diagram, Node, Tier, clean
from ..rules import Rule, register

PROFILES = ("ihi", "permissive")
DEFAULT_PROFILE = "ihi"

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741


#: A check's raw result: which rule, where, what (severity comes from the profile).
#: A plain tuple: a large diagram has thousands of findings, and a tuple is far
#: cheaper to make than an instance of a class (or to define: a dataclass or
#: NamedTuple costs a noticeable part of this package's import time).
Finding = tuple[str, Span, str]


#: A check reads the diagram and the active codes (to skip work for codes that are off).
Check = Callable[[Diagram, Collection[str]], Iterable[Finding]]

#: How a finding becomes a diagnostic: its severity and the rule's fix (the hint).
Emit = tuple[Severity, str]

LINT_RULES: dict[str, Rule] = {}
CHECKS: list[tuple[frozenset[str], Check]] = []
#: Per profile, the codes that are on, in declaration order, with what their
#: findings become. Filled in by rule() (the rules are constant), so a run with
#: no --select/--ignore/disable, the usual case, does no per-rule work at all.
_PROFILE_EMITS: dict[str, dict[str, Emit]] = {profile: {} for profile in PROFILES}


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
    for profile, emits in _PROFILE_EMITS.items():
        if (severity_here := declared.severity_in(profile)) is not None:
            emits[code] = (severity_here, fix)
    return declared


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check function that may yield findings for ``codes``."""

    def decorate(fn: Check) -> Check:
        CHECKS.append((frozenset(codes), fn))
        return fn

    return decorate


def _prefixes(patterns: Iterable[str]) -> tuple[str, ...]:
    """The code prefixes ``patterns`` name (DD-A, DD-A01), for ``str.startswith``."""
    return tuple(p.strip().upper() for p in patterns if p.strip())


def _emits(
    profile: str,
    select: Iterable[str],
    ignore: Iterable[str],
    disable: Iterable[str],
) -> Mapping[str, Emit]:
    """The lint codes that run in ``profile``, with what their findings become."""
    if profile not in PROFILES:
        raise ValueError(f"unknown lint profile {profile!r}; choose one of {PROFILES}")
    emits = _PROFILE_EMITS[profile]
    select, ignore, disable = list(select), list(ignore), list(disable)
    if not (select or ignore or disable):
        return emits
    # an empty select list keeps everything, but one of blank entries keeps nothing
    keep, drop = _prefixes(select), _prefixes(ignore) + _prefixes(disable)
    return {
        code: emit
        for code, emit in emits.items()
        if (not select or code.startswith(keep)) and not code.startswith(drop)
    }


def active_rules(
    profile: str,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    disable: Iterable[str] = (),
) -> dict[str, Severity]:
    """The lint codes that run, with their severity in ``profile``."""
    return {
        code: severity for code, (severity, _) in _emits(profile, select, ignore, disable).items()
    }


def run(
    diagram: Diagram,
    profile: str | None,
    select: Iterable[str],
    ignore: Iterable[str],
) -> list[Diagnostic]:
    chosen = profile or diagram.lint.profile or DEFAULT_PROFILE
    # what a finding of each active code becomes, looked up once per finding; it
    # also serves as the checks' collection of active codes
    emits = _emits(chosen, select, ignore, diagram.lint.disable)
    out: list[Diagnostic] = []
    if not emits:
        return out
    path = diagram.path
    append = out.append
    for codes, fn in CHECKS:
        if codes.isdisjoint(emits):
            continue
        for code, span, message in fn(diagram, emits):
            emit = emits.get(code)
            if emit is None:  # a check need not skip every inactive code
                continue
            append(Diagnostic(code, emit[0], message, path, span, emit[1]))
    return out


# -- helpers shared by the checks ---------------------------------------------------


# Tier.label reads a dict keyed by the enum, and hashing an enum member runs Python
# code; findings name thousands of boxes, so index a tuple by the tier's value.
_TIER_LABELS = tuple(tier.label for tier in sorted(Tier))
assert all(_TIER_LABELS[tier] == tier.label for tier in Tier)


def describe(node: Node) -> str:
    """ "secondary driver 1.2 'Daily board round…'": how findings name a box."""
    title = clean(node.title)
    short = title if len(title) <= 60 else title[:59] + "…"
    if node.number:
        return f"{_TIER_LABELS[node.tier]} {node.number} '{short}'"
    return f"{_TIER_LABELS[node.tier]} '{short}'"


def words_of(nodes: Iterable[Node]) -> Iterator[tuple[Node, str]]:
    """Each node with the text shown for it (title and description)."""
    for node in nodes:
        yield node, node.title
        if node.description:
            yield node, node.description
