"""The one exception type the library raises for problems that are not findings.

A finding in a diagram is a :class:`~impact_cli.diagnostics.Diagnostic` (exit 1).
An :class:`ImpactError` is a usage or environment problem: an unreadable path,
Graphviz missing, an output that cannot be written. The CLI maps it to exit 2.
"""

from __future__ import annotations


class ImpactError(Exception):
    """A problem with how impact was called or with its environment (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


NO_GRAPHVIZ_FORMATS = ("dot", "txt", "md", "mermaid", "json", "csv")
"""The output formats written without Graphviz (a test holds this to render's list)."""


class GraphvizMissingError(ImpactError):
    """Graphviz's ``dot`` is not installed or not on PATH."""

    def __init__(self, fmt: str) -> None:
        others = ", ".join(NO_GRAPHVIZ_FORMATS[:-1]) + f" or {NO_GRAPHVIZ_FORMATS[-1]}"
        super().__init__(
            f"cannot render {fmt.upper()}: Graphviz's 'dot' program was not found on PATH",
            "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: "
            "brew install graphviz; Windows: winget install graphviz), or choose a format "
            f"that needs no Graphviz: -f {others} ('impact outline' prints the text "
            "version)",
        )
