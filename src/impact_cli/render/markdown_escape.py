"""User text made inert in Markdown: the one escape every Markdown output uses.

A diagram's text comes from whoever wrote the file, in CI from anyone who opens a
pull request, and Markdown output lands in wikis and pull-request comments. So no
title, description or note may ever open a heading, list, quote, table, code
block, link, image, raw HTML or emphasis, wherever on a line it is put.
"""

from __future__ import annotations

import re

from ..diagram import clean

# Every character that can start markup anywhere in a line (CommonMark and GFM):
# escapes, code, emphasis, links and images, raw HTML and entities, headings,
# quotes, table cells, strikethrough and fences, maths ($, GitHub).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$!])")
# What else starts a block when it begins a line (or a list item): lists (-, +,
# 1. and 1)) and setext underlines (=, -).
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_text(text: str, *, line_start: bool = False) -> str:
    """``text`` on one line (newlines folded to spaces), every character that could
    start Markdown or HTML escaped, so it reads as itself. ``line_start``: the text
    begins a line or a list item, where a leading '-', '+', '=' or '1.' counts too."""
    escaped = _INLINE.sub(r"\\\1", clean(text))
    if not line_start:
        return escaped
    return _BLOCK_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped
    )
