"""What changed between two versions of a driver diagram, in the terms a QI team uses.

Boxes and measures are matched as :mod:`impact_cli.interchange.matching` says
(by id, then by title or name, then by similar title). A matched box can be
renamed, moved to another parent, change column, status, priority, owner,
description, strength, PDSA notes or learning. Unmatched boxes were added or
removed. Links are compared as "X supports Y" relations through the matching; a
link gained or lost only because a box moved, or because a box was added or
removed, is not reported twice. The aim, theory of change, glossary and details
(title, version, ...) are compared field by field.

:func:`diff_diagrams` returns :class:`Change` values; ``render_text``,
``render_json`` and ``render_markdown`` turn them into output. Deterministic: the
changes come in a fixed order (section, then reading order of the new version).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..diagram import Diagram, Node, Tier, clean
from ..render.markdown_escape import md_text
from .matching import match_measures, match_nodes

SECTIONS = ("aim", "drivers and change ideas", "links", "measures", "theory of change", "details")


@dataclass(frozen=True)
class Change:
    section: str
    kind: str
    """added, removed, renamed, moved, level, description, strength, status, priority,
    owner, pdsa, learning, link-added, link-removed, link-strength, changed."""
    subject: str
    """What changed, in words: "change idea C3 'Daily huddle'" or "aim statement"."""
    old: str | None = None
    new: str | None = None
    key: str | None = None
    """The node's or measure's key in the version it is described from."""

    @property
    def message(self) -> str:
        """The change in words, on one line however many lines the texts had."""
        return clean(self._words())

    def _words(self) -> str:
        if self.kind == "added":
            return f"added {self.subject}"
        if self.kind == "removed":
            return f"removed {self.subject}"
        if self.kind == "link-added":
            return f"new link: {self.subject}" + (f" ({self.new})" if self.new == "weak" else "")
        if self.kind == "link-removed":
            return f"link removed: {self.subject}"
        if self.kind == "renamed":
            return f"renamed {self.subject}: {_show(self.old)} -> {_show(self.new)}"
        if self.kind == "moved":
            return f"moved {self.subject}: from {self.old} to {self.new}"
        if self.kind == "changed":
            return f"{self.subject} changed: {_show(self.old)} -> {_show(self.new)}"
        label = self.kind.replace("link-", "")
        return f"{label} of {self.subject}: {_show(self.old)} -> {_show(self.new)}"


def _show(value: str | None) -> str:
    if value is None:
        return "(none)"
    short = " ".join(value.split())
    return f"'{short if len(short) <= 100 else short[:99] + '…'}'"


def describe(node: Node) -> str:
    if node.tier is Tier.AIM:
        return "the aim"
    title = node.title if len(node.title) <= 60 else node.title[:59] + "…"
    return f"{node.tier.label} {node.number} '{title}'"


def _short(node: Node) -> str:
    return "the aim" if node.tier is Tier.AIM else f"{node.tier.label} {node.number}"


def diff_diagrams(old: Diagram, new: Diagram) -> list[Change]:
    changes: list[Change] = []
    changes += _aim(old, new)
    pairs = match_nodes(old, new)
    back = {v: k for k, v in pairs.items()}
    moves: set[tuple[str, str, str]] = set()  # (new key, old parent as new key, new parent)
    nodes: list[Change] = []
    for node in new.nodes.values():
        if node.tier is Tier.AIM:
            continue
        if node.key not in back:
            nodes.append(Change("drivers and change ideas", "added", describe(node), key=node.key))
            continue
        before = old.nodes[back[node.key]]
        nodes += _node_changes(old, new, before, node, pairs, moves)
    for node in old.nodes.values():
        if node.key not in pairs:
            nodes.append(
                Change("drivers and change ideas", "removed", describe(node), key=node.key)
            )
    changes += nodes
    changes += _links(old, new, pairs, moves)
    changes += _measures(old, new)
    changes += _theory(old, new)
    changes += _details(old, new)
    return changes


def _node_changes(
    old: Diagram,
    new: Diagram,
    before: Node,
    after: Node,
    pairs: dict[str, str],
    moves: set[tuple[str, str, str]],
) -> list[Change]:
    section = "drivers and change ideas"
    subject = describe(after)
    out: list[Change] = []
    if before.title != after.title:
        out.append(Change(section, "renamed", _short(after), before.title, after.title, after.key))
    if before.tier is not after.tier:
        out.append(
            Change(section, "level", subject, before.tier.label, after.tier.label, after.key)
        )
    old_parent = pairs.get(before.parent) if before.parent else None
    if before.parent and old_parent != after.parent:
        was = describe(old.nodes[before.parent])
        now = describe(new.nodes[after.parent]) if after.parent else "nowhere"
        out.append(Change(section, "moved", subject, was, now, after.key))
        if old_parent and after.parent:
            moves.add((after.key, old_parent, after.parent))
    elif not before.parent and after.parent:
        out.append(
            Change(
                section, "moved", subject, "nowhere", describe(new.nodes[after.parent]), after.key
            )
        )
    for field_name in ("description", "status", "priority", "owner", "learning"):
        was_value = getattr(before, field_name)
        now_value = getattr(after, field_name)
        if was_value != now_value:
            out.append(Change(section, field_name, subject, was_value, now_value, after.key))
    if before.pdsa != after.pdsa:
        out.append(
            Change(
                section,
                "pdsa",
                subject,
                "; ".join(before.pdsa) or None,
                "; ".join(after.pdsa) or None,
                after.key,
            )
        )
    return out


def _links(
    old: Diagram, new: Diagram, pairs: dict[str, str], moves: set[tuple[str, str, str]]
) -> list[Change]:
    section = "links"
    before: dict[tuple[str, str], str] = {}
    for link in old.links:
        if link.source in pairs and link.target in pairs:
            before[(pairs[link.source], pairs[link.target])] = link.strength
    after = {(link.source, link.target): link.strength for link in new.links}
    matched_new = set(pairs.values())
    explained: set[tuple[str, str]] = set()
    for key, was_parent, now_parent in moves:
        lost = (key, was_parent) in before and (key, was_parent) not in after
        gained = (key, now_parent) in after and (key, now_parent) not in before
        if lost and gained:
            explained |= {(key, was_parent), (key, now_parent)}
    out: list[Change] = []
    for (source, target), strength in after.items():
        if (source, target) in explained or source not in matched_new:
            continue
        if target not in matched_new:
            continue
        subject = f"{describe(new.nodes[source])} supports {_short(new.nodes[target])}"
        if (source, target) not in before:
            out.append(Change(section, "link-added", subject, None, strength, source))
        elif before[(source, target)] != strength:
            out.append(
                Change(
                    section, "link-strength", subject, before[(source, target)], strength, source
                )
            )
    back = {v: k for k, v in pairs.items()}
    for (source, target), strength in before.items():
        if (source, target) in after or (source, target) in explained:
            continue
        old_source, old_target = old.nodes[back[source]], old.nodes[back[target]]
        subject = f"{describe(old_source)} supports {_short(old_target)}"
        out.append(Change(section, "link-removed", subject, strength, None, old_source.key))
    return out


def _aim(old: Diagram, new: Diagram) -> list[Change]:
    out = []
    for name in ("statement", "description", "baseline", "target", "deadline", "population"):
        was, now = getattr(old.aim, name), getattr(new.aim, name)
        if was != now:
            out.append(Change("aim", "changed", f"the aim's {name}", was, now, new.aim_key))
    return out


_MEASURE_FIELDS = ("name", "type", "definition", "target", "frequency", "data_source")


def _measures(old: Diagram, new: Diagram) -> list[Change]:
    out: list[Change] = []
    pairs = match_measures(old.measures, new.measures)
    back = {j: i for i, j in pairs.items()}
    for j, n in enumerate(new.measures):
        subject = f"{n.type} measure {n.number} '{n.name}'"
        if j not in back:
            out.append(Change("measures", "added", subject, key=n.key))
            continue
        m = old.measures[back[j]]
        for name in _MEASURE_FIELDS:
            was, now = getattr(m, name), getattr(n, name)
            if was != now:
                out.append(Change("measures", name.replace("_", " "), subject, was, now, n.key))
        if m.tracks != n.tracks:
            out.append(
                Change(
                    "measures", "tracks", subject, ", ".join(m.tracks), ", ".join(n.tracks), n.key
                )
            )
    for i, m in enumerate(old.measures):
        if i not in pairs:
            out.append(
                Change("measures", "removed", f"{m.type} measure {m.number} '{m.name}'", key=m.key)
            )
    return out


def _theory(old: Diagram, new: Diagram) -> list[Change]:
    out = []
    for name, label in (("if_we", "If we"), ("we_will", "We will"), ("so_that", "So that")):
        was = getattr(old.theory, name) if old.theory else None
        now = getattr(new.theory, name) if new.theory else None
        if was != now:
            out.append(Change("theory of change", "changed", f"'{label}…'", was, now))
    return out


def _details(old: Diagram, new: Diagram) -> list[Change]:
    out = []
    for name in (
        "title",
        "subtitle",
        "summary",
        "language",
        "version",
        "updated",
        "owner",
        "source",
        "licence",
    ):
        was, now = getattr(old.meta, name), getattr(new.meta, name)
        if was != now:
            out.append(Change("details", "changed", f"the diagram's {name}", was, now))
    old_terms, new_terms = old.glossary_dict(), new.glossary_dict()
    for term, meaning in new_terms.items():
        if term not in old_terms:
            out.append(Change("details", "added", f"glossary term '{term}' ({meaning})"))
        elif old_terms[term] != meaning:
            out.append(
                Change("details", "changed", f"glossary term '{term}'", old_terms[term], meaning)
            )
    for term in old_terms:
        if term not in new_terms:
            out.append(Change("details", "removed", f"glossary term '{term}'"))
    if (old.lint.profile, old.lint.disable) != (new.lint.profile, new.lint.disable):
        out.append(
            Change(
                "details",
                "changed",
                "the lint settings",
                f"profile {old.lint.profile or 'ihi'}, disable [{', '.join(old.lint.disable)}]",
                f"profile {new.lint.profile or 'ihi'}, disable [{', '.join(new.lint.disable)}]",
            )
        )
    return out


# -- output ----------------------------------------------------------------------------

_SYMBOL = {"added": "+", "removed": "-", "link-added": "+", "link-removed": "-", "moved": ">"}


def _grouped(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    return [
        (s, [c for c in changes if c.section == s])
        for s in SECTIONS
        if any(c.section == s for c in changes)
    ]


def summary(changes: list[Change]) -> str:
    if not changes:
        return "no changes"
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.section] = counts.get(change.section, 0) + 1
    parts = [f"{counts[s]} in {s}" for s in SECTIONS if s in counts]
    n = len(changes)
    return f"{n} change{'s' if n != 1 else ''}: " + ", ".join(parts)


def render_text(changes: list[Change], old: str, new: str) -> str:
    lines = [f"Changes from {old} to {new}: {summary(changes)}"]
    for section, items in _grouped(changes):
        lines += ["", section.capitalize()]
        lines += [f"  {_SYMBOL.get(c.kind, '~')} {c.message}" for c in items]
    return "\n".join(lines) + "\n"


def render_markdown(changes: list[Change], old: str, new: str) -> str:
    """A pull-request comment: a heading, a summary line, one list per section."""
    lines = [
        f"### Driver diagram changes: {md_text(old)} → {md_text(new)}",
        "",
        f"**{md_text(summary(changes))}**",
    ]
    for section, items in _grouped(changes):
        lines += ["", f"#### {section.capitalize()}", ""]
        lines += [f"- {_md_message(c)}" for c in items]
    return "\n".join(lines) + "\n"


def _md_message(change: Change) -> str:
    # md_text escapes the '>' of the '->' between old and new like any other
    return md_text(change.message).replace(" -\\> ", " → ")


def render_json(changes: list[Change], old: str, new: str) -> str:
    data: dict[str, Any] = {
        "old": old,
        "new": new,
        "equal": not changes,
        "summary": summary(changes),
        "changes": [{**asdict(c), "message": c.message} for c in changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
