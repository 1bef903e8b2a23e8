"""From bytes to text: the size limit and the encoding, checked before any parsing.

A driver diagram is a few kilobytes of UTF-8. Anything else is refused here with
a located diagnostic: files over the size limit, UTF-16, bytes that are not UTF-8.
"""

from __future__ import annotations

from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity, Span

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000


class Limits(NamedTuple):
    """Resource limits for reading one file. Generous for any real diagram."""

    max_bytes: int = MAX_FILE_BYTES
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_NODES


def error(code: str, message: str, path: str, span: Span, hint: str | None = None) -> Diagnostic:
    """A reading problem: always an error, since nothing can be checked after it."""
    return Diagnostic(code, Severity.ERROR, message, path, span, hint)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode(data: bytes, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Check size and encoding; return the text or a located diagnostic."""
    if len(data) > limits.max_bytes:
        # Readers stop one byte past the limit, so then the true size is unknown.
        size = (
            f"more than {limits.max_bytes:,} bytes"
            if len(data) == limits.max_bytes + 1
            else f"{len(data):,} bytes"
        )
        return None, [
            error(
                "DD-Y07",
                f"file is {size}; the limit is {limits.max_bytes:,} bytes",
                path,
                Span.point(1, 1),
                "a driver diagram is a few kilobytes; split a very large one, or raise "
                "the limit with --max-bytes",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error(
                "DD-Y06",
                "file is UTF-16 encoded; impact reads UTF-8",
                path,
                Span.point(1, 1),
                "save the file as UTF-8 (in most editors: 'Save with encoding')",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark is harmless: drop it
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        bad = data[exc.start : exc.start + 1].hex()
        return None, [
            error(
                "DD-Y06",
                f"file is not valid UTF-8: byte 0x{bad} at byte offset {exc.start}",
                path,
                Span.point(line, col),
                "save the file as UTF-8; text copied from Word or Excel is often Windows-1252",
            )
        ]


def to_text(data: bytes | str, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Bytes are decoded (see :func:`decode`); text is checked against the size limit."""
    if isinstance(data, bytes):
        return decode(data, path, limits)
    try:
        encoded = data.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (text decoded with surrogateescape, say): no UTF-8 file
        # holds one, and YAML parsers cannot take it. Worded as the bytes would be.
        return None, decode(data.encode("utf-8", "surrogatepass"), path, limits)[1]
    if len(encoded) > limits.max_bytes:
        return None, decode(encoded, path, limits)[1]
    return data, []
