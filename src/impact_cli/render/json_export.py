"""JSON export (``-f json``): the normalised model, for other tools to consume.

The shape is documented in docs/interchange.md and fixed by the JSON Schema in
``schemas/export.schema.json`` (``impact schema --kind export``). It is stable:
``format_version`` changes only when a field is removed or changes meaning; new
optional fields may be added within a version. Every documented key is always
present (``null`` or ``[]`` when the diagram leaves it out), so consumers never
need to test for a key. Output is deterministic: same diagram, same bytes.

* ``nodes`` lists the aim, every driver and every change idea in reading order.
  ``key`` is the stable key (the declared ``id``, or one generated from the number,
  e.g. ``d1.2`` or ``c3``); ``declared_id`` is the id written in the file or null.
* ``links`` lists every "source supports target" edge, from cause to effect;
  ``structural`` is true for the link to the item's home (where it is written or
  numbered) and false for a further ``supports`` link.
* ``drawing`` is how the file asks to be drawn (``direction``, ``ideas_column``,
  ``headings``), so that a tool rebuilding the file or the drawing loses none of it:
  ``headings`` has only the headings the file renames, keyed as in the file.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from ..diagram import Diagram, Tier
from .dot_layout import DEFAULT_HEADINGS
from .json_charts import measure_fields, measure_schema_fields

if TYPE_CHECKING:  # pragma: no cover
    from . import RenderOptions

FORMAT_VERSION = 1

TIER_NAMES: dict[Tier, str] = {
    Tier.AIM: "aim",
    Tier.PRIMARY: "primary",
    Tier.SECONDARY: "secondary",
    Tier.TERTIARY: "tertiary",
    Tier.CHANGE_IDEA: "change_idea",
}


def _fields(value: NamedTuple) -> dict[str, Any]:
    """A model value field for field, lists for tuples, without its place in the file."""
    data = value._asdict()
    data.pop("span", None)  # where it is in the file, and
    data.pop("pointer", None)  # its place in the file's structure: for findings, not exports
    data.pop("data", None)  # a measure's data points: the export gives them as its chart
    data.pop("pdsa_dated", None)  # the dated cycles are in 'pdsa' as text
    return {key: list(v) if isinstance(v, tuple) else v for key, v in data.items()}


def export_dict(diagram: Diagram) -> dict[str, Any]:
    """The export as plain JSON-ready data."""
    return {
        "format_version": FORMAT_VERSION,
        "meta": _fields(diagram.meta),
        "aim": {"key": diagram.aim_key, **_fields(diagram.aim)},
        # a node's tier is given as a name and as a number, after its ids
        "nodes": [
            {
                "key": node.key,
                "declared_id": node.declared_id,
                "tier": TIER_NAMES[node.tier],
                "level": int(node.tier),
                "number": node.number,
                "title": node.title,
                "description": node.description,
                "parent": node.parent,
                "children": list(node.children),
                "status": node.status,
                "priority": node.priority,
                "owner": node.owner,
                "pdsa": list(node.pdsa),
                "learning": node.learning,
                "linked": node.linked,
            }
            for node in diagram.nodes.values()
        ],
        "links": [_fields(link) for link in diagram.links],
        "measures": [{**_fields(m), **measure_fields(m)} for m in diagram.measures],
        "theory_of_change": None if diagram.theory is None else _fields(diagram.theory),
        "glossary": [{"term": term, "meaning": meaning} for term, meaning in diagram.glossary],
        "lint": _fields(diagram.lint),
        "drawing": {
            "direction": diagram.drawing.direction,
            "ideas_column": diagram.drawing.ideas_column,
            "headings": dict(diagram.drawing.headings),
        },
    }


def export_text(diagram: Diagram) -> str:
    return json.dumps(export_dict(diagram), indent=2, ensure_ascii=False) + "\n"


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "json") -> bytes:
    return export_text(diagram).encode("utf-8")


# -- the schema ----------------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}
_OPT_TEXT = {"type": ["string", "null"], "minLength": 1}
_KEY = {"type": "string", "minLength": 1}
_ID = {"type": ["string", "null"], "pattern": "^[A-Za-z][A-Za-z0-9_-]{0,63}$"}


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def export_schema() -> dict[str, Any]:
    """JSON Schema (draft-07 keywords) of :func:`export_dict`'s output."""
    node = _object(
        {
            "key": {**_KEY, "description": "Stable key: the declared id or a generated one."},
            "declared_id": {**_ID, "description": "The id written in the file, or null."},
            "tier": {"enum": list(TIER_NAMES.values()), "description": "The column."},
            "level": {"type": "integer", "minimum": 0, "maximum": 4, "description": "0 to 4."},
            "number": {
                "type": "string",
                "description": "'' for the aim, '1', '1.2', '1.2.3' for drivers, 'C4' for ideas.",
            },
            "title": {**_TEXT, "description": "The text in the box (the aim's statement)."},
            "description": _OPT_TEXT,
            "parent": {
                "type": ["string", "null"],
                "description": "Key of the node it is written or numbered under (its home).",
            },
            "children": {"type": "array", "items": _KEY, "description": "Keys, in order."},
            "status": {"enum": [None, "idea", "testing", "adopted", "adapted", "abandoned"]},
            "priority": {"enum": [None, "high", "medium", "low"]},
            "owner": _OPT_TEXT,
            "pdsa": {"type": "array", "items": _TEXT},
            "learning": _OPT_TEXT,
            "linked": {
                "type": "boolean",
                "description": "False when the file says its place is not known yet.",
            },
        },
        "A box: the aim, a driver or a change idea.",
    )
    link = _object(
        {
            "source": {**_KEY, "description": "Key of the cause (the supporting node)."},
            "target": {**_KEY, "description": "Key of the effect (the supported node)."},
            "strength": {"enum": ["strong", "weak", "unconfirmed"]},
            "structural": {
                "type": "boolean",
                "description": "True for the link to the source's home, false for a cross link.",
            },
            "note": _OPT_TEXT,
        },
        "'source supports target'.",
    )
    measure = _object(
        {
            "key": _KEY,
            "declared_id": _ID,
            "number": {"type": "string", "pattern": "^M[0-9]+$"},
            "name": _TEXT,
            "type": {"enum": ["outcome", "process", "balancing"]},
            "tracks": {"type": "array", "items": _KEY},
            "definition": _OPT_TEXT,
            "target": _OPT_TEXT,
            "frequency": _OPT_TEXT,
            "data_source": _OPT_TEXT,
            **measure_schema_fields(_object),
        },
        "A measure and the keys it tracks, and its chart when it has data.",
    )
    schema = _object(
        {
            "format_version": {"const": FORMAT_VERSION},
            "meta": _object(
                {
                    "title": _TEXT,
                    "subtitle": _OPT_TEXT,
                    "summary": _OPT_TEXT,
                    "language": {"type": "string"},
                    "version": _OPT_TEXT,
                    "updated": _OPT_TEXT,
                    "owner": _OPT_TEXT,
                    "source": _OPT_TEXT,
                    "licence": _OPT_TEXT,
                },
                "The diagram's metadata.",
            ),
            "aim": _object(
                {
                    "key": _KEY,
                    "statement": _TEXT,
                    "description": _OPT_TEXT,
                    "baseline": _OPT_TEXT,
                    "target": _OPT_TEXT,
                    "deadline": _OPT_TEXT,
                    "population": _OPT_TEXT,
                },
                "The aim in detail (it is also the first node).",
            ),
            "nodes": {"type": "array", "items": {"$ref": "#/definitions/node"}, "minItems": 1},
            "links": {"type": "array", "items": {"$ref": "#/definitions/link"}},
            "measures": {"type": "array", "items": {"$ref": "#/definitions/measure"}},
            "theory_of_change": {
                "oneOf": [
                    {"type": "null"},
                    _object(
                        {"if_we": _OPT_TEXT, "we_will": _OPT_TEXT, "so_that": _OPT_TEXT},
                        "If we… / We will… / So that…",
                    ),
                ]
            },
            "glossary": {
                "type": "array",
                "items": _object({"term": _TEXT, "meaning": _TEXT}, "An abbreviation."),
            },
            "lint": _object(
                {
                    "profile": {"enum": [None, "ihi", "permissive"]},
                    "disable": {"type": "array", "items": {"type": "string"}},
                },
                "The diagram's lint settings.",
            ),
            "drawing": _object(
                {
                    "direction": {
                        "enum": ["LR", "TB"],
                        "description": "LR (left to right) or TB (top to bottom, aim on top).",
                    },
                    "ideas_column": {
                        "enum": ["auto", "last", "beside"],
                        "description": "Where the drawing puts change ideas (docs/layout.md).",
                    },
                    "headings": {
                        "type": "object",
                        "description": "The column headings the file renames, keyed as in it.",
                        "properties": dict.fromkeys(DEFAULT_HEADINGS, _TEXT),
                        "additionalProperties": False,
                    },
                },
                "How the file asks to be drawn.",
            ),
        },
        "A normalised driver diagram exported by 'impact render -f json'.",
    )
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "impact driver diagram export",
        **schema,
        "definitions": {"node": node, "link": link, "measure": measure},
    }
