"""Which YAML files found in a directory are driver diagrams.

``impact validate .`` in a real repository finds docker-compose files, CI
workflows, Kubernetes manifests and ``node_modules/**/*.yaml``. Reporting each as
a broken diagram buries the real findings, so a file found by walking a directory
is checked only when it looks like a driver diagram:

* it has a top-level ``title:``, ``aim:`` or ``primary_drivers:`` key (a line that
  starts with one of them, the key quoted or not), or
* it has the editor modeline ``# yaml-language-server: $schema=...driver-diagram...``
  that ``impact init`` writes.

Every driver diagram has at least one of the three keys (all three are required),
so a diagram with mistakes is still recognised: one with a syntax error or in the
wrong encoding is checked and reported. The test reads bytes, not YAML: it must
recognise files too broken to parse. A file named on the command line is always
checked, whatever it holds.
"""

from __future__ import annotations

import codecs
import re

DIAGRAM_KEYS = ("title", "aim", "primary_drivers")

_KEY = re.compile(
    rb"^(?P<q>[\"']?)(?:" + b"|".join(k.encode() for k in DIAGRAM_KEYS) + rb")(?P=q)[ \t]*:"
    rb"(?:[ \t\r]|$)",
    re.MULTILINE,
)
_MODELINE = re.compile(rb"^#[ \t]*yaml-language-server:[ \t]*\$schema=\S*driver-diagram", re.M)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_like_diagram(data: bytes) -> bool:
    """Whether a file's bytes look like a driver diagram (see the module's doc)."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):  # impact refuses these; recognising them says why
            data = data.decode(codec, "replace").encode("utf-8")
            break
    data = data.removeprefix(codecs.BOM_UTF8)
    return bool(_KEY.search(data) or _MODELINE.search(data))
