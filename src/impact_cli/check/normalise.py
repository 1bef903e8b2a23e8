"""From the file model to the normalised :class:`~impact_cli.diagram.Diagram`.

Also where referential integrity is checked, because it needs the whole graph:
unknown and duplicate ids, links pointing the wrong way, self-links, duplicate
links, cycles and items attached to nothing. Each is located on the YAML node
that holds the offending reference. Linear in nodes and links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Loc, Severity, Span, pointer, printable, suggest
from ..diagram import (
    AimDetail,
    Diagram,
    Drawing,
    Link,
    LintConfig,
    Measure,
    Metadata,
    Node,
    Theory,
    Tier,
)
from ..source.spans import Locator

if TYPE_CHECKING:
    from ..fileformat import model as m


# What each tier may support: one step towards the aim (change ideas: any driver).
ALLOWED_TARGETS: dict[Tier, frozenset[Tier]] = {
    Tier.PRIMARY: frozenset({Tier.AIM}),
    Tier.SECONDARY: frozenset({Tier.PRIMARY}),
    Tier.TERTIARY: frozenset({Tier.SECONDARY}),
    Tier.CHANGE_IDEA: frozenset({Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY}),
}


# The list a driver of each tier holds its drivers in.
_SUB_LIST = {Tier.PRIMARY: "secondary_drivers", Tier.SECONDARY: "tertiary_drivers"}

# The lists of drivers an item may have written under it, with their tier.
_NESTED_DRIVERS = (("secondary_drivers", Tier.SECONDARY), ("tertiary_drivers", Tier.TERTIARY))


@dataclass(slots=True)
class _Ref:
    """One 'supports' reference of a node, before and after resolving."""

    to: str
    strength: str
    note: str | None
    loc: Loc
    span: Span
    target: _Proto | None = None


@dataclass(slots=True, eq=False)
class _Proto:
    """A node before numbering."""

    tier: Tier
    item: Any
    loc: Loc
    span: Span
    nested_parent: _Proto | None
    refs: list[_Ref] = field(default_factory=list)
    nested_children: list[_Proto] = field(default_factory=list)
    home: _Proto | None = None
    children: list[_Proto] = field(default_factory=list)
    key: str = ""
    number: str = ""
    declared_id: str | None = None

    def __post_init__(self) -> None:
        self.declared_id = self.item.id


class _Builder:
    def __init__(self, doc: m.DiagramFile, locator: Locator, path: str) -> None:
        self.doc = doc
        self.locator = locator
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.protos: list[_Proto] = []
        self.by_id: dict[str, tuple[_Proto | None, Loc]] = {}
        self.misplaced: set[int] = set()
        """Change ideas already reported as supported by another change idea."""

    # -- helpers ---------------------------------------------------------------------

    def span(self, loc: Loc, *, want_key: bool = False) -> Span:
        return self.locator.span(loc, want_key=want_key)

    def error(self, code: str, message: str, loc: Loc, hint: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(code, Severity.ERROR, message, self.path, self.span(loc), hint, pointer(loc))
        )

    @staticmethod
    def describe(proto: _Proto) -> str:
        ident = proto.declared_id
        title = proto.item.title if hasattr(proto.item, "title") else proto.item.statement
        short = printable(title if len(title) <= 50 else title[:49] + "…")
        return f"{proto.tier.label} '{ident}'" if ident else f"{proto.tier.label} '{short}'"

    def release(self) -> None:
        """Break the parent/child reference cycles between the protos.

        Without this the protos, and through them every validated item of the
        file, outlive the call as cyclic garbage until the collector runs: on a
        10,000-node file that was 170,000 objects for its next pass to scan
        (about 0.1 s). Broken, they are freed as soon as normalising returns.
        """
        for proto in self.protos:
            proto.nested_parent = proto.home = None
            proto.nested_children = []
            proto.children = []
            proto.refs = []
        self.protos = []
        self.by_id = {}

    # -- phase A: collect ------------------------------------------------------------

    def collect(self) -> _Proto:
        doc = self.doc
        aim = _Proto(Tier.AIM, doc.aim, ("aim",), self.span(("aim",)), None)
        self.protos.append(aim)
        self._listed(doc.primary_drivers, Tier.PRIMARY, ("primary_drivers",), aim)
        self._listed(doc.secondary_drivers, Tier.SECONDARY, ("secondary_drivers",), None)
        self._listed(doc.tertiary_drivers, Tier.TERTIARY, ("tertiary_drivers",), None)
        self._listed(doc.change_ideas, Tier.CHANGE_IDEA, ("change_ideas",), None)
        return aim

    def _listed(self, items: Sequence[Any], tier: Tier, loc: Loc, parent: _Proto | None) -> None:
        """Collect the drivers or change ideas of one list, ``items``, at ``loc``."""
        if items:
            spans = self.locator.item_spans(loc, len(items))
            collect = self._add if tier is Tier.CHANGE_IDEA else self._driver
            for j, item in enumerate(items):
                collect(item, tier, (*loc, j), spans[j], parent)

    def _add(self, item: Any, tier: Tier, loc: Loc, span: Span, parent: _Proto | None) -> _Proto:
        proto = _Proto(tier, item, loc, span, parent)
        supports = getattr(item, "supports", ())
        if supports:
            refs_loc = (*loc, "supports")
            spans = self.locator.item_spans(refs_loc, len(supports))
            proto.refs = [
                _Ref(link.to, link.strength.value, link.note, (*refs_loc, j), spans[j])
                for j, link in enumerate(supports)
            ]
        if parent is not None:
            parent.nested_children.append(proto)
        self.protos.append(proto)
        return proto

    def _driver(self, item: Any, tier: Tier, loc: Loc, span: Span, parent: _Proto | None) -> None:
        proto = self._add(item, tier, loc, span, parent)
        for list_name, sub_tier in _NESTED_DRIVERS:
            self._listed(getattr(item, list_name, ()), sub_tier, (*loc, list_name), proto)
        self._listed(item.change_ideas, Tier.CHANGE_IDEA, (*loc, "change_ideas"), proto)

    # -- phase B: ids ----------------------------------------------------------------

    def index_ids(self) -> None:
        aim = self.protos[0]
        # The aim is addressable as 'aim' (e.g. by a measure) unless it declares an id.
        self._declare(self.aim_key(), aim, ("aim", "id") if aim.declared_id else ("aim",))
        for proto in self.protos[1:]:
            if proto.declared_id:
                self._declare(proto.declared_id, proto, (*proto.loc, "id"))
        for i, measure in enumerate(self.doc.measures):
            if measure.id:
                self._declare(measure.id, None, ("measures", i, "id"))

    def _declare(self, ident: str, proto: _Proto | None, loc: Loc) -> None:
        if ident in self.by_id:
            _, first_loc = self.by_id[ident]
            first = self.span(first_loc)
            self.diagnostics.append(
                Diagnostic(
                    "DD-S01",
                    Severity.ERROR,
                    f"duplicate id '{ident}' (first used on line {first.line})",
                    self.path,
                    self.span(loc),
                    "every id must be unique in the file; rename one of them",
                    pointer(loc),
                    (("first use", first),),
                )
            )
            return
        self.by_id[ident] = (proto, loc)

    # -- phase C: references ---------------------------------------------------------

    def resolve(self) -> None:
        for proto in self.protos:
            seen: set[int] = set()
            if proto.nested_parent is not None:
                seen.add(id(proto.nested_parent))
            for ref in proto.refs:
                target = self._lookup(ref.to, ref.loc, drivers_only=True)
                if target is None:
                    continue
                if target is proto:
                    self.error(
                        "DD-S04",
                        f"{self.describe(proto)} supports itself",
                        ref.loc,
                        "remove this link",
                    )
                    continue
                if id(target) in seen:
                    how = (
                        "it is already written under it"
                        if target is proto.nested_parent
                        else "it is listed twice"
                    )
                    self.error(
                        "DD-S05",
                        f"duplicate link to '{ref.to}': {how}",
                        ref.loc,
                        "remove the repeated link",
                    )
                    continue
                seen.add(id(target))
                ref.target = target
                if target.tier not in ALLOWED_TARGETS[proto.tier]:
                    self._wrong_direction(proto, target, ref)

    def _wrong_direction(self, proto: _Proto, target: _Proto, ref: _Ref) -> None:
        if proto.tier is Tier.CHANGE_IDEA and target.tier is Tier.CHANGE_IDEA:
            self._idea_as_driver(proto, target, ref)
            return
        allowed = sorted(ALLOWED_TARGETS[proto.tier])
        names = " or ".join(t.plural for t in allowed)
        if target.tier is Tier.CHANGE_IDEA:
            detail = "a change idea is a cause; it supports drivers, never the reverse"
        elif target.tier is Tier.AIM:
            detail = "only primary drivers support the aim directly"
        elif target.tier == proto.tier:
            detail = "links run towards the aim, one tier at a time, never sideways"
            if proto.tier in _SUB_LIST:
                detail += (
                    f"; if {self.describe(proto)} belongs under {self.describe(target)}, "
                    f"write it in the '{_SUB_LIST[proto.tier]}:' of '{ref.to}'"
                )
        elif target.tier > proto.tier:
            detail = "links run towards the aim, never away from it"
        else:
            detail = "links run one tier at a time towards the aim"
        self.error(
            "DD-S03",
            f"{self.describe(proto)} cannot support {self.describe(target)}: "
            f"a {proto.tier.label} supports only {names}",
            ref.loc,
            detail,
        )

    def _idea_as_driver(self, proto: _Proto, target: _Proto, ref: _Ref) -> None:
        """A change idea supports another: the other was meant as a driver but written
        under 'change_ideas:' (a forgotten or misplaced 'secondary_drivers:' line),
        or the link is wrong. Reported once, at the item that may be in the wrong list."""
        if id(target) in self.misplaced:
            return
        self.misplaced.add(id(target))
        name = target.declared_id or ""
        listed = self.span(target.loc[:-1]).line
        tiers = {
            hit[0].tier
            for r in target.refs
            if (hit := self.by_id.get(r.to)) is not None and hit[0] is not None
        }
        driver_list = next((_SUB_LIST[t] for t in sorted(tiers) if t in _SUB_LIST), None)
        move = (
            f"move it under '{driver_list}:'"
            if driver_list
            else "move it under the list of drivers it belongs to"
        )
        self.error(
            "DD-S03",
            f"'{name}' is written under 'change_ideas:' (line {listed}), so it is a change "
            f"idea, but {self.describe(proto)} supports it as a driver (line {ref.span.line})",
            target.loc,
            f"if '{name}' is a driver, {move}; if it is a change idea, take it out of the "
            f"'supports' on line {ref.span.line}",
        )

    def _lookup(self, ident: str, loc: Loc, *, drivers_only: bool) -> _Proto | None:
        hit = self.by_id.get(ident)
        if hit is None:
            known = sorted(self.by_id)
            guess = suggest(ident, known)
            if guess:
                hint = f"did you mean '{guess}'?"
            elif ident[:1].isdigit() or (ident[:1] in "CcDdMm" and ident[1:].isdigit()):
                hint = (
                    f"'{ident}' looks like a generated number; give the item an 'id:' and "
                    "refer to that, so the link survives reordering"
                )
            else:
                hint = "give the target an 'id:' and refer to that"
            self.error("DD-S02", f"unknown id '{ident}'", loc, hint)
            return None
        proto, _ = hit
        if proto is None and drivers_only:
            self.error("DD-S03", f"'{ident}' is a measure; only drivers can be supported", loc)
            return None
        return proto

    def check_measures(self) -> None:
        for i, measure in enumerate(self.doc.measures):
            for j, ident in enumerate(measure.tracks):
                loc: Loc = ("measures", i, "tracks", j)
                hit = self.by_id.get(ident)
                if hit is None:
                    self._lookup(ident, loc, drivers_only=False)
                elif hit[0] is None:
                    self.error("DD-S03", f"measure tracks '{ident}', which is a measure", loc)

    def aim_key(self) -> str:
        return self.doc.aim.id or "aim"

    # -- phase D: cycles and orphans -------------------------------------------------

    def check_cycles(self) -> None:
        """Only links that break the tier order can close a cycle; find and name it."""
        # Along links that all lead to a lower tier no path can come back to where it
        # started, so a diagram without a same-or-higher-tier link (every valid one)
        # needs no search at all.
        if not any(
            ref.target is not None and ref.target.tier >= proto.tier
            for proto in self.protos
            for ref in proto.refs
        ):
            return
        graph: dict[int, list[tuple[_Proto, _Ref]]] = {}
        for proto in self.protos:
            for ref in proto.refs:
                if ref.target is not None:
                    graph.setdefault(id(proto), []).append((ref.target, ref))
        state: dict[int, int] = {}  # 1 = on the stack, 2 = done
        for start in self.protos:
            if state.get(id(start)):
                continue
            stack: list[tuple[_Proto, int]] = [(start, 0)]
            path: list[_Proto] = [start]
            state[id(start)] = 1
            while stack:
                proto, i = stack[-1]
                edges = graph.get(id(proto), [])
                if i >= len(edges):
                    stack.pop()
                    path.pop()
                    state[id(proto)] = 2
                    continue
                stack[-1] = (proto, i + 1)
                target, ref = edges[i]
                if state.get(id(target)) == 1:
                    cycle = [*path[path.index(target) :], target]
                    names = " -> ".join(p.declared_id or p.tier.label for p in cycle)
                    self.error(
                        "DD-S06",
                        f"links form a cycle: {names}",
                        ref.loc,
                        "a driver diagram reads one way, from change ideas towards the aim",
                    )
                elif not state.get(id(target)):
                    state[id(target)] = 1
                    stack.append((target, 0))
                    path.append(target)

    def check_homes(self) -> None:
        for proto in self.protos:
            if proto.tier is Tier.AIM:
                continue
            if proto.nested_parent is not None:
                proto.home = proto.nested_parent
                if not getattr(proto.item, "linked", True):
                    self.error(
                        "DD-S08",
                        f"{self.describe(proto)} says 'linked: false' but is written under "
                        f"{self.describe(proto.nested_parent)}",
                        (*proto.loc, "linked"),
                        "remove 'linked: false' or move the item to the top level",
                    )
                continue
            home = next((r.target for r in proto.refs if r.target is not None), None)
            if not getattr(proto.item, "linked", True):
                if proto.refs:
                    self.error(
                        "DD-S08",
                        f"{self.describe(proto)} says 'linked: false' but lists 'supports'",
                        (*proto.loc, "linked"),
                        "remove 'linked: false' or its 'supports'",
                    )
                continue  # not yet linked: kept without a home
            if home is None and proto.tier is not Tier.CHANGE_IDEA:
                if not proto.refs:
                    self.error(
                        "DD-S07",
                        f"{self.describe(proto)} is not under any driver and supports none",
                        proto.loc,
                        "add 'supports: [<id>]', or move it under the driver it belongs to",
                    )
                continue
            proto.home = home

    # -- phase E: order, numbers, keys -----------------------------------------------

    def number(self, aim: _Proto) -> None:
        for proto in self.protos:
            proto.children = []
        for proto in self.protos:  # nested drivers, then by-reference drivers, then ideas
            if proto.home is not None and proto.tier is not Tier.CHANGE_IDEA:
                proto.home.children.append(proto)
        mixed: list[_Proto] = []  # drivers with both driver and idea children
        for proto in self.protos:
            home = proto.home
            if home is not None and proto.tier is Tier.CHANGE_IDEA:
                if home.children and home.children[-1].tier is not Tier.CHANGE_IDEA:
                    mixed.append(home)
                home.children.append(proto)
        for proto in mixed:
            proto.children.sort(key=_file_order(proto))
        declared = set(self.by_id) | {self.aim_key()}
        aim.key = self.aim_key()
        ideas = 0
        order: list[_Proto] = []
        stack: list[_Proto] = [aim]
        while stack:
            proto = stack.pop()
            order.append(proto)
            drivers = 0
            for child in proto.children:
                if child.tier is Tier.CHANGE_IDEA:
                    continue
                drivers += 1
                child.number = f"{proto.number}.{drivers}" if proto.number else str(drivers)
            stack.extend(reversed(proto.children))
        for proto in order:
            if proto.tier is Tier.CHANGE_IDEA:
                ideas += 1
                proto.number = f"C{ideas}"
            if proto.tier is not Tier.AIM:
                proto.key = proto.declared_id or _unique(_generated(proto), declared)
        self.order = order
        # items that support nothing are not in the tree; keep them, numbered last
        unplaced = 0
        for proto in self.protos:
            if proto.tier is not Tier.AIM and proto.home is None:
                if proto.tier is Tier.CHANGE_IDEA:
                    ideas += 1
                    proto.number = f"C{ideas}"
                else:  # a driver not yet linked: no place to number it by
                    unplaced += 1
                    proto.number = f"U{unplaced}"
                proto.key = proto.declared_id or _unique(_generated(proto), declared)
                self.order.append(proto)

    def build(self, aim: _Proto) -> Diagram:
        doc = self.doc
        nodes: dict[str, Node] = {}
        links: list[Link] = []
        add_link = links.append
        for proto in self.order:
            item = proto.item
            # the item's fields by name; .get gives None for those its tier lacks
            fields = item.__dict__
            key = proto.key
            home = proto.home
            span = proto.span
            pdsa, learning, pdsa_dated = _pdsa(fields.get("pdsa"), fields.get("learning"))
            nodes[key] = Node(
                key,
                proto.declared_id,
                proto.tier,
                proto.number,
                item.statement if proto.tier is Tier.AIM else item.title,
                fields.get("description"),
                home.key if home else None,
                tuple([c.key for c in proto.children]),
                span,
                _enum(fields.get("status")),
                _enum(fields.get("priority")),
                fields.get("owner"),
                pdsa,
                learning,
                pointer=pointer(proto.loc),
                linked=fields.get("linked", True),
                pdsa_dated=pdsa_dated,
            )
            refs = proto.refs
            if home is not None:
                # the link to the home: nested strength, or the first reference's
                first_ref = (
                    None
                    if proto.nested_parent is not None  # most nodes: no search needed
                    else next((r for r in refs if r.target is home), None)
                )
                if first_ref is None:
                    note = fields.get("link_note")
                    add_link(Link(key, home.key, item.strength.value, True, note, span))
                else:
                    add_link(
                        Link(
                            key,
                            home.key,
                            first_ref.strength,
                            True,
                            first_ref.note,
                            first_ref.span,
                        )
                    )
            for ref in refs:
                target = ref.target
                if target is None or target is home:
                    continue
                add_link(Link(key, target.key, ref.strength, False, ref.note, ref.span))
        taken = set(self.by_id) | {self.aim_key()}  # once, not once per measure
        measure_spans = self.locator.item_spans(("measures",), len(doc.measures))
        measures = tuple(
            Measure(
                key=meas.id or _unique(f"m{i + 1}", taken),
                declared_id=meas.id,
                number=f"M{i + 1}",
                name=meas.name,
                type=meas.type.value,
                tracks=tuple(meas.tracks),
                definition=meas.definition,
                target=meas.target,
                frequency=meas.frequency,
                data_source=meas.data_source,
                span=measure_spans[i],
                pointer=f"measures[{i}]",
            )
            for i, meas in enumerate(doc.measures)
        )
        toc = doc.theory_of_change
        lint = doc.lint
        return Diagram(
            path=self.path,
            meta=Metadata(
                title=doc.title,
                subtitle=doc.subtitle,
                summary=doc.summary,
                language=doc.language,
                version=doc.version,
                updated=doc.updated,
                owner=doc.owner,
                source=doc.source,
                licence=doc.licence,
            ),
            aim=AimDetail(
                statement=doc.aim.statement,
                description=doc.aim.description,
                baseline=doc.aim.baseline,
                target=doc.aim.target,
                deadline=doc.aim.deadline,
                population=doc.aim.population,
            ),
            aim_key=aim.key,
            nodes=nodes,
            links=tuple(links),
            measures=measures,
            # an empty 'theory_of_change: {}' states no theory
            theory=(
                Theory(toc.if_we, toc.we_will, toc.so_that, self.span(("theory_of_change",)))
                if toc and (toc.if_we or toc.we_will or toc.so_that)
                else None
            ),
            glossary=tuple(doc.glossary.items()),
            lint=LintConfig(
                profile=lint.profile.value if lint and lint.profile else None,
                disable=tuple(lint.disable) if lint else (),
            ),
            drawing=Drawing(
                str(_enum(doc.direction)),
                str(_enum(doc.ideas_column)),
                tuple((k, v) for k, v in doc.headings.__dict__.items() if v)
                if doc.headings
                else (),
            ),
        )


def _pdsa(
    cycles: list[Any] | None, learning: str | None
) -> tuple[tuple[str, ...], str | None, tuple[tuple[str, str], ...]]:
    """A change idea's PDSA cycles as Node holds them: each as text ('2024-05: note' when
    it has a period), its learning, and the cycles with a period."""
    if not cycles:
        return (), learning, ()
    from ..measures.periods import parse_period

    def when(period: str) -> str:
        parsed = parse_period(period)
        return period if isinstance(parsed, str) else parsed.label

    text = tuple(f"{when(c.period)}: {c.note}" if c.period else c.note for c in cycles)
    return text, learning, tuple((c.period, c.note) for c in cycles if c.period)


def _enum(value: Any) -> str | None:
    return None if value is None else str(value.value)


def _file_order(parent: _Proto) -> Callable[[_Proto], tuple[int, int, int]]:
    """Sort key for ``parent``'s children: reading order, as the author wrote them.

    What is written under the driver comes first, in the order written, whether the
    author put its ``change_ideas:`` before or after its sub-drivers; then what joins it
    by reference from the top level, drivers before change ideas (the sort is stable).
    """

    def key(child: _Proto) -> tuple[int, int, int]:
        if child.nested_parent is parent:
            return (0, child.span.line, child.span.col)
        return (1, child.tier is Tier.CHANGE_IDEA, 0)

    return key


def _generated(proto: _Proto) -> str:
    if proto.tier is Tier.CHANGE_IDEA:
        return proto.number.lower()  # c3
    return f"d{proto.number}"  # d1, d1.2, d1.2.3


def _unique(candidate: str, taken: set[str]) -> str:
    # Declared ids cannot contain '.', so only d1, c3, m2 can clash; suffix until free.
    while candidate in taken:
        candidate += "_"
    taken.add(candidate)
    return candidate


def normalise(
    doc: m.DiagramFile, locator: Locator, path: str
) -> tuple[Diagram | None, list[Diagnostic]]:
    """Check references and build the normalised diagram; ``locator`` places problems."""
    builder = _Builder(doc, locator, path)
    try:
        aim = builder.collect()
        builder.index_ids()
        builder.resolve()
        builder.check_measures()
        builder.check_cycles()
        builder.check_homes()
        if builder.diagnostics:
            return None, builder.diagnostics
        builder.number(aim)
        return builder.build(aim), []
    finally:
        builder.release()
