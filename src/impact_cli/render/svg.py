"""Accessible SVG: Graphviz's ``dot -Tsvg`` output, post-processed.

What Graphviz gives and what we change (WCAG 1.1.1, 1.4.5, 1.4.10):

* no role and no name: we add ``role="img"``, a ``<title>`` (the diagram title)
  and a ``<desc>`` (the aim and a one-line count of what the diagram holds), as
  the first children, wired with ``aria-labelledby`` and ``aria-describedby``;
* a ``<title>`` in every node, edge and the graph holding internal ids (``d1_2``):
  removed, so no screen reader or tooltip ever shows them;
* a fixed ``width``/``height`` in points: removed (``viewBox`` kept), so the
  drawing scales with its container;
* a comment with the Graphviz version and a DOCTYPE: dropped, so output is stable;
* class names: every node group gets ``node tier-<tier>``, every link ``edge
  link-strong``, ``link-weak`` or ``link-unconfirmed``, so CSS (forced colours, dark
  mode) can style them.

Text stays text: always the plain ``svg`` renderer, never ``svg:cairo``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .dot import build_dot, summary
from .graphviz_run import pipe

if TYPE_CHECKING:  # pragma: no cover
    from xml.etree.ElementTree import Element

    from ..diagram import Diagram
    from . import RenderOptions
    from .dot_layout import Tuning

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_PREFIX_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "svg") -> bytes:
    markup = svg_markup(diagram, options)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + markup + "\n").encode("utf-8")


def description(diagram: Diagram) -> str:
    """The text of ``<desc>``: the aim and what the diagram holds."""
    aim = diagram.aim.statement.rstrip()
    if aim and aim[-1] not in ".!?":
        aim += "."
    return f"Driver diagram. Aim: {aim} It has {summary(diagram)}"


def svg_markup(
    diagram: Diagram, options: RenderOptions, id_prefix: str = "dd", tuning: Tuning | None = None
) -> str:
    """The ``<svg>`` element alone (no XML declaration), for inline use in HTML.

    Every ``id`` in it starts with ``id_prefix`` and a hyphen, so several
    diagrams can share one page: the title is ``<prefix>-title``, the
    description ``<prefix>-desc``. ``tuning``: the dot settings, rather than the best
    of a few (:mod:`.dot_choice`).
    """
    if not _PREFIX_OK.match(id_prefix):
        raise ValueError(
            f"id_prefix must be a letter then letters, digits, '-' or '_': {id_prefix!r}"
        )
    raw = pipe(build_dot(diagram, options, tuning), "svg")
    return postprocess(raw, title=diagram.title, desc=description(diagram), id_prefix=id_prefix)


def postprocess(raw: bytes, *, title: str, desc: str, id_prefix: str = "dd") -> str:
    """Make Graphviz's SVG accessible and stable (see the module docstring)."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    # Our own dot's output, not untrusted input; the parser drops comments and the DOCTYPE.
    root = ET.fromstring(raw)  # noqa: S314
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    _strip_titles(root)
    _prefix_ids(root, id_prefix)
    _add_classes(root)

    root.set("class", "driver-diagram")
    label_svg(root, title, desc, id_prefix)
    return ET.tostring(root, encoding="unicode")


def label_svg(root: Element, title: str, desc: str, id_prefix: str) -> None:
    """Name and describe an ``<svg>`` for assistive technology: ``role="img"``, a
    ``<title>`` and a ``<desc>`` as its first children, wired with ``aria-labelledby``
    and ``aria-describedby`` (ids ``<prefix>-title`` and ``<prefix>-desc``)."""
    import xml.etree.ElementTree as ET

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("aria-describedby", desc_id)
    root.set("focusable", "false")
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title_el.text = title
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc_el.text = desc
    root.insert(0, desc_el)
    root.insert(0, title_el)


def _strip_titles(root: Element) -> None:
    tag = f"{{{SVG_NS}}}title"
    for parent in root.iter():
        for child in [c for c in parent if c.tag == tag]:
            parent.remove(child)


def _prefix_ids(root: Element, prefix: str) -> None:
    for element in root.iter():
        ident = element.get("id")
        if ident is not None:
            element.set("id", f"{prefix}-{ident}")
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(name, _URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value))
        href = element.get(f"{{{XLINK_NS}}}href")
        if href is not None and href.startswith("#"):
            element.set(f"{{{XLINK_NS}}}href", f"#{prefix}-{href[1:]}")


def _add_classes(root: Element) -> None:
    """Graphviz writes class="node tier-primary" already; make sure of 'edge' and 'node'."""
    for element in root.iter(f"{{{SVG_NS}}}g"):
        classes = (element.get("class") or "").split()
        if not classes:
            continue
        seen: list[str] = []
        for name in classes:
            if name not in seen:
                seen.append(name)
        element.set("class", " ".join(seen))
