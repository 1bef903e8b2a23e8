"""Indentation: a key or list item at a column that does not say what it belongs to."""

from __future__ import annotations

from ...diagnostics import printable
from ..outline import Line, Outline
from .clue import Clue, Finding, found, q


def _spaces(n: int) -> str:
    return "no spaces" if n == 0 else f"{n} space" + "s" * (n != 1)


def _indent(what: str, n: int, like: str) -> str:
    """The hint to indent ``what`` by ``n`` spaces, like ``like``."""
    if n == 0:
        return f"start {what} at the beginning of the line, like {like}"
    return f"indent {what} by {_spaces(n)}, like {like}"


def under_a_text_item(clue: Clue) -> Finding | None:
    """'id: x' indented under '- Some text': a text item cannot have keys."""
    line, above = clue.at, clue.outline.previous(clue.line)
    if line.key is None or line.is_item or above is None or not above.is_item:
        return None
    if above.key is not None or not above.plain_value or line.indent <= above.dashes[-1]:
        return None
    return found(
        line,
        line.indent,
        f"{q(line.content)} is indented under the list item {q(above.content)} "
        f"(line {above.number + 1}), which is text and cannot have keys",
        f"if it starts a new item, begin it with '- ' like line {above.number + 1}; if it "
        f"belongs to that item, write the item as '- title: {printable(above.plain_value)}'",
    )


# What a list under an item of each list usually is.
_LISTS_UNDER = {
    "primary_drivers": "'secondary_drivers:' or 'change_ideas:'",
    "secondary_drivers": "'tertiary_drivers:' or 'change_ideas:'",
    "tertiary_drivers": "'change_ideas:'",
    "change_ideas": "'pdsa:'",
    "measures": "'tracks:'",
}


def list_without_key(clue: Clue) -> Finding | None:
    """A list item indented under a line that already has a value: its key line is missing
    (a forgotten 'secondary_drivers:'), or the item is indented too far."""
    line, above = clue.at, clue.outline.previous(clue.line)
    if not line.is_item or above is None or above.opens_block:
        return None
    if above.key is None and above.is_item:
        if line.indent <= above.dashes[-1]:
            return None
        return found(
            line,
            line.indent,
            f"{q(line.content)} is indented more than the item above it, {q(above.content)} "
            f"(line {above.number + 1}), so YAML reads it as more of that text",
            f"line up its '-' with the '-' on line {above.number + 1} "
            f"({_spaces(above.dashes[-1])})",
        )
    if above.key is None or line.indent <= above.key_col:
        return None
    owner = clue.outline.owner(above.number, above.key_col)
    kind = _LISTS_UNDER.get(owner.key or "", "") if owner is not None else ""
    example = f"; in an item of '{owner.key}' that is {kind}" if owner is not None and kind else ""
    return found(
        line,
        line.indent,
        f"the list item {q(line.content)} has no key: the line above, {q(above.content)}, "
        "already has a value, so YAML reads the item as more of that text",
        f"add the list's key on its own line above it, indented like "
        f"'{printable(above.key)}:'{example}",
    )


def _key_columns(outline: Outline, number: int) -> list[Line]:
    """The lines above ``number`` whose keys are still open there (a key at the same
    column continues their mapping)."""
    return [line for line in outline.ancestors(number) if line.key is not None]


def indentation(clue: Clue) -> Finding | None:
    """A key or list item at a column that lines up with nothing above it."""
    outline, line = clue.outline, clue.at
    above = outline.previous(clue.line)
    if above is None or (line.key is None and not line.is_item):
        return None
    if line.key is not None and not line.is_item:
        if above.key is not None and above.plain_value and line.indent > above.key_col:
            return found(
                line,
                line.indent,
                f"'{printable(line.key)}:' is indented more than '{printable(above.key)}:' on "
                f"line {above.number + 1}, so YAML reads it as more of the text "
                f"{q(above.plain_value)}",
                _indent(
                    f"'{printable(line.key)}:'",
                    above.key_col,
                    f"'{printable(above.key)}:' on line {above.number + 1}",
                ),
            )
        if above.opens_block and line.indent > above.key_col:
            return None
        keys = _key_columns(outline, clue.line)
        if not keys or line.indent in {k.key_col for k in keys}:
            return None
        best = min(keys, key=lambda k: (abs(k.key_col - line.indent), -k.key_col))
        dash = next((a for a in outline.ancestors(clue.line) if line.indent in a.dashes), None)
        where = (
            f"like the '-' on line {dash.number + 1}, not like the keys of that item"
            if dash is not None
            else "which lines up with no key above it"
        )
        return found(
            line,
            line.indent,
            f"'{printable(line.key)}:' is indented {_spaces(line.indent)}, {where}",
            _indent(
                "it", best.key_col, f"'{printable(best.key or '')}:' on line {best.number + 1}"
            ),
        )
    return _item_indentation(clue, line, above)


def _item_indentation(clue: Clue, line: Line, above: Line) -> Finding | None:
    outline = clue.outline
    if above.opens_block and line.indent >= above.key_col:
        return None
    items = [a for a in outline.ancestors(clue.line) if a.is_item]
    if line.indent in {d for a in items for d in a.dashes}:
        return None
    # The entries above, under the list's key, have no '-': the first one needs it.
    opener = next(
        (a for a in outline.ancestors(clue.line) if a.key is not None and a.key_col < line.indent),
        None,
    )
    if opener is not None and opener.opens_block:
        first = next(x for x in outline.lines[opener.number + 1 :] if not x.blank)
        if not first.is_item and first.indent > line.indent and first.number < line.number:
            return found(
                first,
                line.indent,
                f"{q(line.content)} is a list item, but the entries above it under "
                f"'{printable(opener.key or '')}:' do not start with '- '",
                f"begin the first entry (line {first.number + 1}) with '- ', lined up with the "
                f"'-' on line {line.number + 1}: - {printable(first.text[first.indent :])}",
            )
    if not items:
        return None
    best = min(items, key=lambda a: (abs(a.dashes[-1] - line.indent), -a.dashes[-1]))
    return found(
        line,
        line.indent,
        f"{q(line.content)} is indented {_spaces(line.indent)}; the list item above it, "
        f"{q(best.content)} (line {best.number + 1}), is indented {_spaces(best.dashes[-1])}",
        f"line up its '-' with the '-' on line {best.number + 1}",
    )


def line_without_key(clue: Clue) -> Finding | None:
    """A line of text where YAML expects 'key: value' or '- item'."""
    if clue.context_line is not None:
        line = clue.outline[min(clue.context_line, len(clue.outline) - 1)]
    else:  # the first line of the text YAML was reading, when it is not a key's value
        line = clue.candidates()[0]
    if line.key is not None or line.is_item or line.blank:
        return None
    above = clue.outline.previous(line.number)
    content = line.text[line.indent :].rstrip()
    if above is not None and above.is_item and above.key is None and not above.plain_value:
        hint = f"put it on the same line as the '-': - {printable(content)}"
        message = f"{q(content)} is on the line after its '-'"
    elif above is not None and above.key is not None and above.opens_block:
        hint = (
            f"write it on the same line: {printable(above.key)}: {printable(content)} "
            f"(or indent it under '{printable(above.key)}:')"
        )
        message = f"{q(content)} is not indented under '{printable(above.key)}:'"
    else:
        hint = (
            "write 'key: value', or start a list item with '- '; if it continues the text "
            "above, indent it more than that line's key"
        )
        message = f"{q(content)} is neither 'key: value' nor a list item"
    return found(line, line.indent, message, hint)
