"""The JSON export's charts: each measure's data as read, for other tools.

``chart`` is null for a measure without data; otherwise it names the rule set and
holds the sections' lines (centre, limits, sigma, trial), every point with its
category and the signals it is part of, every signal found, the variation and the
assurance, and the summary the other outputs show. Numbers are rounded to ten
significant digits, so that a mean of 8.2 is not 8.200000000000001.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagram import Measure
from .measure_words import reading

SIDES = {1: "high", -1: "low", 0: None}
CATEGORIES = ["common", "improvement", "concern", "neither-high", "neither-low"]


def measure_fields(m: Measure) -> dict[str, Any]:
    """The keys a measure gains in the export when it may carry data."""
    return {
        "unit": m.unit,
        "improvement": m.improvement,
        "target_value": m.target_value,
        "chart": chart_json(m),
    }


def chart_json(m: Measure) -> dict[str, Any] | None:
    r = reading(m)
    if r is None or m.data is None:
        return None
    a = r.analysis
    periods = [p.period for p in m.data.points]
    return {
        "rule_set": a.rules,
        "rule_set_name": a.rule_set,
        "source": m.data.source,
        "run_length": m.data.run_length if a.rules == "mdc" else None,
        "baseline": m.data.baseline,
        "rebase": [periods[i] for i in m.data.rebase],
        "screen_moving_ranges": m.data.screen,
        "summary": r.summary,
        "sections": [
            {
                "from": periods[b.start],
                "to": periods[b.stop - 1],
                "centre_line": a.centre_name,
                "centre": _n(b.centre),
                "lower_limit": _n(b.lower),
                "upper_limit": _n(b.upper),
                "lower_two_sigma": _n(b.lower_two_sigma),
                "upper_two_sigma": _n(b.upper_two_sigma),
                "sigma": _n(b.sigma),
                "mean_moving_range": _n(b.mr_bar),
                "points_used": b.basis,
                "trial_limits": b.trial,
            }
            for b in a.bands
        ],
        "points": [
            {
                "period": p.period,
                "label": p.label,
                "value": p.value,
                "note": p.note,
                "category": a.categories[i],
                "signals": sorted({q.rule for q in a.patterns_at(i)}),
            }
            for i, p in enumerate(m.data.points)
        ],
        "signals": [
            {"rule": q.rule, "side": SIDES[q.side], "periods": [periods[i] for i in q.points]}
            for q in a.patterns
        ],
        "runs": [
            {
                "from": periods[x.start],
                "runs": x.runs,
                "fewest_expected": x.lower,
                "most_expected": x.upper,
                "verdict": x.verdict,
            }
            for x in a.runs
        ],
        "variation": a.variation,
        "assurance": a.assurance,
        "annotations": [
            {"period": periods[n.at], "label": n.label, "text": n.text} for n in r.annotations
        ],
    }


def _n(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.10g}")


Shape = Callable[[dict[str, Any], str], dict[str, Any]]
"""How the export writes an object's schema: its properties and a description."""


def chart_schema(_object: Shape) -> dict[str, Any]:
    """JSON Schema of :func:`chart_json`'s output (null or an object)."""
    number = {"type": ["number", "null"]}
    text = {"type": "string"}
    section = _object(
        {
            "from": text,
            "to": text,
            "centre_line": {"enum": ["mean", "median"]},
            "centre": {"type": "number"},
            "lower_limit": number,
            "upper_limit": number,
            "lower_two_sigma": number,
            "upper_two_sigma": number,
            "sigma": number,
            "mean_moving_range": number,
            "points_used": {"type": "integer", "minimum": 1},
            "trial_limits": {"type": "boolean"},
        },
        "A section's lines: from the start or a rebase to the next.",
    )
    point = _object(
        {
            "period": text,
            "label": text,
            "value": {"type": "number"},
            "note": {"type": ["string", "null"]},
            "category": {"enum": CATEGORIES},
            "signals": {"type": "array", "items": text},
        },
        "A point: its period as written and in words, value, note and what it shows.",
    )
    signal = _object(
        {
            "rule": {"enum": ["limit", "shift", "trend", "two-of-three", "astronomical", "runs"]},
            "side": {"enum": ["high", "low", None]},
            "periods": {"type": "array", "items": text},
        },
        "A pattern a rule found, and the periods of its points.",
    )
    runs = _object(
        {
            "from": text,
            "runs": {"type": "integer"},
            "fewest_expected": {"type": ["integer", "null"]},
            "most_expected": {"type": ["integer", "null"]},
            "verdict": {"enum": ["too few", "too many", "as expected", None]},
        },
        "A run chart section's runs test.",
    )
    chart = _object(
        {
            "rule_set": {"enum": ["mdc", "ihi"]},
            "rule_set_name": text,
            "source": text,
            "run_length": {"enum": [6, 7, None]},
            "baseline": {"type": ["integer", "null"]},
            "rebase": {"type": "array", "items": text},
            "screen_moving_ranges": {"type": "boolean"},
            "summary": text,
            "sections": {"type": "array", "items": section, "minItems": 1},
            "points": {"type": "array", "items": point, "minItems": 1},
            "signals": {"type": "array", "items": signal},
            "runs": {"type": "array", "items": runs},
            "variation": {"enum": [*CATEGORIES, None]},
            "assurance": {"enum": ["pass", "fail", "hit-and-miss", None]},
            "annotations": {
                "type": "array",
                "items": _object(
                    {"period": text, "label": text, "text": text}, "A note or a PDSA cycle."
                ),
            },
        },
        "A measure's chart: its data as read with its rule set (docs/measures.md).",
    )
    return {"oneOf": [{"type": "null"}, chart]}


def measure_schema_fields(shape: Shape) -> dict[str, Any]:
    return {
        "unit": {"type": ["string", "null"]},
        "improvement": {"enum": ["increase", "decrease", "neither", None]},
        "target_value": {"type": ["number", "null"]},
        "chart": chart_schema(shape),
    }
