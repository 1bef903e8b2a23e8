"""The colours of the page around the diagram, light and dark, per theme.

Every pair of text and background colours here is at least 4.5:1 (WCAG 1.4.3), and
``border`` at least 3:1 against ``page`` (1.4.11); tests/browser checks them with
axe-core in light and dark. ``dark_svg`` recolours the drawing's own colours when the reader's
system is in dark mode. Only these hex values reach the stylesheet, never user text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Palette:
    """Colours of the HTML around the diagram (every text pair is at least 4.5:1)."""

    page: str
    text: str
    secondary: str
    link: str
    visited: str
    hover: str
    focus: str
    focus_text: str
    header: str
    header_text: str
    border: str
    """Table rules and dividers: at least 3:1 against ``page``."""
    surface: str
    """Background of the figure and the table."""


@dataclass(frozen=True)
class PageTheme:
    light: Palette
    dark: Palette
    dark_svg: dict[str, dict[str, str]] = field(default_factory=dict)
    """How the SVG is recoloured in dark mode: {'shape'|'text'|'stroke': {light: dark}}."""


PAGE_THEMES: dict[str, PageTheme] = {
    "nhs": PageTheme(
        light=Palette(
            page="#f0f4f5",
            text="#212b32",
            secondary="#4c6272",
            link="#005eb8",
            visited="#330072",
            hover="#7c2855",
            focus="#ffeb3b",
            focus_text="#212b32",
            header="#005eb8",
            header_text="#ffffff",
            border="#768692",
            surface="#ffffff",
        ),
        dark=Palette(
            page="#10171c",
            text="#f0f4f5",
            secondary="#b6c4cd",
            link="#8cc8ff",
            visited="#d7b8ff",
            hover="#ffb3d9",
            focus="#ffeb3b",
            focus_text="#212b32",
            header="#003087",
            header_text="#ffffff",
            border="#8a9ba6",
            surface="#1d2830",
        ),
        dark_svg={
            "shape": {
                "#f0f4f5": "#1d2830",
                "#ffffff": "#10171c",
                "#e8f1fa": "#163452",
            },
            "text": {"#212b32": "#f0f4f5", "#4c6272": "#b6c4cd"},
            "stroke": {"#003087": "#9cc3f0", "#005eb8": "#6aa7e8", "#4c6272": "#9fb1bd"},
        },
    ),
    "plain": PageTheme(
        light=Palette(
            page="#ffffff",
            text="#0b0c0c",
            secondary="#505a5f",
            link="#1d4f91",
            visited="#4c2c92",
            hover="#0b0c0c",
            focus="#ffdd00",
            focus_text="#0b0c0c",
            header="#ffffff",
            header_text="#0b0c0c",
            border="#505a5f",
            surface="#ffffff",
        ),
        dark=Palette(
            page="#121212",
            text="#f2f2f2",
            secondary="#c4c4c4",
            link="#9cc9ff",
            visited="#d0b8ff",
            hover="#ffffff",
            focus="#ffdd00",
            focus_text="#0b0c0c",
            header="#121212",
            header_text="#f2f2f2",
            border="#9a9a9a",
            surface="#1e1e1e",
        ),
        dark_svg={
            "shape": {"#ffffff": "#1e1e1e", "#000000": "#f2f2f2"},
            "text": {"#000000": "#f2f2f2", "#595959": "#c4c4c4", "#ffffff": "#121212"},
            "stroke": {"#000000": "#e6e6e6"},
        },
    ),
}
