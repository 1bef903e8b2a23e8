"""Numbers as people write them in a data file, and as the charts and words show them.

A value is a plain decimal: ``8.1``, ``-0.5``, ``1200``, ``1e3``; a thousands
separator, a currency sign, a percent sign or a word is refused rather than guessed
at (``1,200`` could be one thousand two hundred or, where the comma is the decimal
mark, one point two). NaN and infinity are refused: a chart has no place for them.
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(text: str) -> float | None:
    """The value of ``text`` (surrounding spaces allowed), or None when it is not a number."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def decimals_of(values: list[float] | tuple[float, ...]) -> int:
    """How many decimal places the values need to be shown as written (at most 4)."""
    most = 0
    for value in values:
        text = repr(value)
        if "e" in text or "E" in text:
            return 4
        if "." in text:
            most = max(most, len(text.split(".", 1)[1].rstrip("0")))
    return min(most, 4)


def format_number(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` places and a comma between thousands: '1,234.5'.

    Rounding is half-away-from-zero on the decimal the user sees, so the words and the
    chart's labels never disagree with a calculator (Python's own rounding of 2.675 to
    two places gives 2.67, because 2.675 is 2.67499… in binary).
    """
    scaled = abs(value) * 10**decimals
    rounded = math.floor(scaled + 0.5 + 1e-9 * max(1.0, scaled)) / 10**decimals
    text = f"{rounded:,.{decimals}f}"
    return "-" + text if value < 0 and rounded != 0 else text
