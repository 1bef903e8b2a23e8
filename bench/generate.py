"""Deterministic generator of large, valid driver diagrams for the benchmark.

``generate(nodes)`` returns the YAML text of a diagram with exactly ``nodes``
boxes (aim + drivers + change ideas) once normalised. The same arguments always
give the same bytes (a fixed seed, no clock, no hash ordering).

The shape follows real diagrams, scaled up: a few primary drivers, secondary
drivers under them, some tertiary drivers, and most boxes change ideas. It has
many-to-many links (``supports:`` on about a quarter of the change ideas and a
tenth of the drivers, some weak, some with a note), items written at the top
level by reference, measures of every type tracking the aim, drivers and ideas,
PDSA statuses, priorities, owners, descriptions, a theory of change and a
glossary. Every string is written as a JSON string, which is valid YAML.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

SEED = 20_240_611

_VERBS = (
    "Reduce",
    "Improve",
    "Standardise",
    "Introduce",
    "Review",
    "Share",
    "Train staff in",
    "Audit",
    "Simplify",
    "Co-design",
)
_NOUNS = (
    "discharge planning",
    "medicines reconciliation",
    "falls risk assessment",
    "handover",
    "patient flow",
    "bed management",
    "early warning scores",
    "pressure ulcer checks",
    "family involvement",
    "ward rounds",
    "staff rostering",
    "transport booking",
    "pharmacy turnaround",
    "therapy assessment",
    "safety huddles",
)
_PLACES = ("on ward 7", "in the emergency department", "across the trust", "at weekends", "")
_STATUSES = ("idea", "testing", "adopted", "adapted", "abandoned")
_PRIORITIES = ("high", "medium", "low")
_OWNERS = ("Ward manager", "Matron", "Pharmacy lead", "Therapy lead", "QI coach")


@dataclass
class _Item:
    tier: str  # "p", "s", "t" or "c"
    ident: str
    title: str
    home: _Item | None
    nested: bool = True
    extra: list[tuple[str, str, str | None]] = field(default_factory=list)  # to, strength, note
    children: list[_Item] = field(default_factory=list)
    description: str | None = None
    has_id: bool = True
    status: str | None = None
    priority: str | None = None
    owner: str | None = None
    pdsa: list[str] = field(default_factory=list)


def _title(rng: random.Random, n: int) -> str:
    place = rng.choice(_PLACES)
    text = f"{rng.choice(_VERBS)} {rng.choice(_NOUNS)}"
    return f"{text} {place} (#{n})" if place else f"{text} (#{n})"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def plan(nodes: int) -> tuple[int, int, int, int]:
    """How many primary, secondary, tertiary drivers and change ideas for ``nodes`` boxes."""
    if nodes < 8:
        raise ValueError("a generated diagram needs at least 8 nodes")
    primaries = 2 if nodes < 20 else 3 if nodes < 60 else 5
    rest = nodes - 1 - primaries
    secondaries = max(primaries, round(rest * 0.25))
    tertiaries = round(rest * 0.10)
    ideas = rest - secondaries - tertiaries
    return primaries, secondaries, tertiaries, ideas


def generate(nodes: int, seed: int = SEED) -> str:
    """The YAML text of a valid diagram with exactly ``nodes`` boxes."""
    rng = random.Random(seed * 1_000_003 + nodes)
    n_p, n_s, n_t, n_c = plan(nodes)
    counter = iter(range(1, 10 * nodes))
    primaries = [_Item("p", f"p{i + 1}", _title(rng, next(counter)), None) for i in range(n_p)]
    secondaries: list[_Item] = []
    for i in range(n_s):
        home = primaries[i % n_p]
        item = _Item("s", f"s{i + 1}", _title(rng, next(counter)), home)
        if n_p > 1 and rng.random() < 0.10:
            other = rng.choice([p for p in primaries if p is not home])
            item.extra.append((other.ident, "strong", None))
        secondaries.append(item)
    tertiaries: list[_Item] = []
    for i in range(n_t):
        home = rng.choice(secondaries)
        item = _Item("t", f"t{i + 1}", _title(rng, next(counter)), home)
        if rng.random() < 0.10:
            other = rng.choice(secondaries)
            if other is not home:
                item.extra.append((other.ident, "weak", None))
        tertiaries.append(item)
    drivers = secondaries + tertiaries
    ideas: list[_Item] = []
    for i in range(n_c):
        home = rng.choice(primaries) if rng.random() < 0.05 else rng.choice(drivers)
        item = _Item("c", f"c{i + 1}", _title(rng, next(counter)), home)
        item.has_id = rng.random() < 0.6
        item.status = rng.choice(_STATUSES) if rng.random() < 0.8 else None
        item.priority = rng.choice(_PRIORITIES) if rng.random() < 0.5 else None
        item.owner = rng.choice(_OWNERS) if rng.random() < 0.3 else None
        if item.status in ("adopted", "adapted", "abandoned"):
            item.pdsa = [f"PDSA {k + 1}: tested for two weeks" for k in range(rng.randint(1, 3))]
        if rng.random() < 0.25:
            targets = {home.ident}
            for _ in range(rng.randint(1, 2)):
                other = rng.choice(drivers)
                if other.ident not in targets:
                    targets.add(other.ident)
                    weak = rng.random() < 0.3
                    note = "assumed from the audit" if weak and rng.random() < 0.5 else None
                    item.extra.append((other.ident, "weak" if weak else "strong", note))
        ideas.append(item)
    for item in (*secondaries, *tertiaries, *ideas):
        if rng.random() < 0.3:
            item.description = "Why: " + _title(rng, next(counter)).lower()
        # About 5% of secondary drivers and change ideas are written at the top level,
        # by reference; the rest nest under their home driver.
        if item.tier in ("s", "c") and rng.random() < 0.05:
            item.nested = False
            item.has_id = True
        else:
            assert item.home is not None
            item.home.children.append(item)
    measured = [i.ident for i in (*primaries, *drivers, *ideas) if i.has_id]
    return _emit(nodes, rng, primaries, secondaries, ideas, measured)


def _emit(
    nodes: int,
    rng: random.Random,
    primaries: list[_Item],
    secondaries: list[_Item],
    ideas: list[_Item],
    measured: list[str],
) -> str:
    out = [
        f"title: {_q(f'Generated driver diagram ({nodes} nodes)')}",
        'summary: "Synthetic diagram for the impact benchmark; deterministic."',
        "language: en-GB",
        'version: "1.0"',
        'updated: "2024-06-11"',
        'owner: "Benchmark"',
        "aim:",
        '  statement: "Reduce the average length of stay on medical wards from 9 to 7 days '
        'by March 2026"',
        '  baseline: "9 days (2023/24)"',
        '  target: "7 days"',
        '  deadline: "March 2026"',
        '  population: "Adult medical inpatients"',
        "primary_drivers:",
    ]
    for primary in primaries:
        _emit_item(out, primary, 1)
    top_secondaries = [s for s in secondaries if not s.nested]
    if top_secondaries:
        out.append("secondary_drivers:")
        for item in top_secondaries:
            _emit_item(out, item, 1, top=True)
    top_ideas = [c for c in ideas if not c.nested]
    if top_ideas:
        out.append("change_ideas:")
        for item in top_ideas:
            _emit_item(out, item, 1, top=True)
    out.append("measures:")
    kinds = ("outcome", "process", "balancing")
    for i in range(max(3, nodes // 25)):
        kind = kinds[i % 3]
        tracks = ["aim"] if kind == "outcome" else sorted(set(rng.sample(measured, 2)))
        out.append(f"  - id: m{i + 1}")
        out.append(f"    name: {_q(f'Measure {i + 1} of ' + rng.choice(_NOUNS))}")
        out.append(f"    type: {kind}")
        out.append(f"    tracks: [{', '.join(tracks)}]")
        if i % 2 == 0:
            out.append('    definition: "Numerator over denominator, weekly"')
            out.append('    frequency: "weekly"')
    out += [
        "theory_of_change:",
        '  if_we: "test and spread the change ideas"',
        '  we_will: "plan discharges from the day of admission"',
        '  so_that: "patients go home as soon as they are ready"',
        "glossary:",
        '  PDSA: "Plan, Do, Study, Act"',
        '  QI: "Quality improvement"',
    ]
    return "\n".join(out) + "\n"


def _emit_item(out: list[str], item: _Item, depth: int, *, top: bool = False) -> None:
    pad = "  " * depth
    inner = pad + "  "
    bare = not (item.has_id or item.extra or item.children or item.description or item.owner)
    if item.tier == "c" and bare and item.status is None and item.priority is None:
        out.append(f"{pad}- {_q(item.title)}")  # the title shorthand
        return
    first = f"id: {item.ident}" if item.has_id else f"title: {_q(item.title)}"
    out.append(f"{pad}- {first}")
    if item.has_id:
        out.append(f"{inner}title: {_q(item.title)}")
    if item.description:
        out.append(f"{inner}description: {_q(item.description)}")
    supports = list(item.extra)
    if top:
        assert item.home is not None
        supports.insert(0, (item.home.ident, "strong", None))
    if supports:
        if all(strength == "strong" and note is None for _, strength, note in supports):
            out.append(f"{inner}supports: [{', '.join(to for to, _, _ in supports)}]")
        else:
            out.append(f"{inner}supports:")
            for to, strength, note in supports:
                if strength == "strong" and note is None:
                    out.append(f"{inner}  - {to}")
                else:
                    out.append(f"{inner}  - to: {to}")
                    out.append(f"{inner}    strength: {strength}")
                    if note:
                        out.append(f"{inner}    note: {_q(note)}")
    for key in ("status", "priority", "owner"):
        value = getattr(item, key)
        if value:
            out.append(f"{inner}{key}: {_q(value) if key == 'owner' else value}")
    if item.pdsa:
        out.append(f"{inner}pdsa:")
        out.extend(f"{inner}  - {_q(note)}" for note in item.pdsa)
    groups = (
        ("secondary_drivers", "s"),
        ("tertiary_drivers", "t"),
        ("change_ideas", "c"),
    )
    for key, tier in groups:
        kids = [child for child in item.children if child.tier == tier]
        if kids:
            out.append(f"{inner}{key}:")
            for child in kids:
                _emit_item(out, child, depth + 2)


def write_files(directory: str, count: int, nodes: int = 30) -> list[str]:
    """Write ``count`` small generated diagrams (different seeds) into ``directory``."""
    from pathlib import Path

    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = root / f"diagram-{i:04d}.yaml"
        path.write_text(generate(nodes, seed=SEED + i), encoding="utf-8")
        paths.append(str(path))
    return paths


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 300))


def write_chart_diagrams(folder: str, measures: int = 20, points: int = 200) -> tuple[str, str]:
    """Two diagrams in ``folder``, the same but for data: ``charts.yaml``, whose
    ``measures`` each read a CSV file of ``points`` weekly values (a step up at 60%
    of the way, so the charts have signals to find and draw), and ``no-charts.yaml``,
    with the same measures and no data. Returns their paths."""
    from datetime import date, timedelta
    from pathlib import Path

    rng = random.Random(SEED)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    head = (
        "title: Twenty charts\n"
        "aim: Reduce falls on Ward 7 from 8 to 5 per 1,000 bed days by March 2026.\n"
        "primary_drivers:\n  - id: pd-a\n    title: Reliable assessment\n"
        "    change_ideas: [Checklist on admission]\n"
        "  - id: pd-b\n    title: Safe environment\n    change_ideas: [Bay checks]\n"
        "measures:\n"
    )
    with_data, without = [head], [head]
    for k in range(measures):
        level = 50.0
        rows = ["week,value"]
        for i in range(points):
            if i == points * 3 // 5:
                level += 8
            week = date(2020, 1, 6) + timedelta(weeks=i)
            rows.append(f"{week.isoformat()},{level + rng.gauss(0, 4):.1f}")
        (out / f"measure-{k}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        common = (
            f"  - name: Measure {k + 1}\n    type: {'process' if k else 'outcome'}\n"
            f"    tracks: {'pd-a' if k % 2 else 'aim'}\n    target: 60\n"
        )
        without.append(common)
        with_data.append(
            common + f"    data: measure-{k}.csv\n    unit: '%'\n    improvement: increase\n"
        )
    (out / "charts.yaml").write_text("".join(with_data), encoding="utf-8")
    (out / "no-charts.yaml").write_text("".join(without), encoding="utf-8")
    return str(out / "charts.yaml"), str(out / "no-charts.yaml")
