"""Colour themes for the Graphviz drawing, with their WCAG contrast obligations.

Every theme says which colour pairs must meet which contrast ratio: text against
the fill it sits on (WCAG 1.4.3, 4.5:1) and every line or border against the
background it is drawn on (WCAG 1.4.11, 3:1). ``contrast_pairs`` lists them so a
test can compute each ratio. The tier of a box is never shown by colour alone:
boxes carry their number (1, 1.2, C3), each column has a heading, and the border
weight falls from the aim to the change ideas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..diagram import Tier
from ..errors import ImpactError

TEXT_MINIMUM = 4.5
GRAPHIC_MINIMUM = 3.0


@dataclass(frozen=True)
class TierStyle:
    fill: str
    text: str
    border: str
    border_width: int
    badge_fill: str
    """Background of the number cell ('1.2', 'C3')."""
    badge_text: str
    detail_text: str
    """Smaller type: descriptions, status and priority."""


@dataclass(frozen=True)
class Theme:
    name: str
    page: str
    """The drawing's background."""
    heading: str
    """Column headings and the title, drawn on the page."""
    subtle: str
    """The subtitle and the legend text, drawn on the page."""
    line: str
    """Links between boxes, drawn on the page."""
    tiers: dict[Tier, TierStyle]
    measure: TierStyle
    theory: TierStyle
    font: str = "Arial"

    def tier(self, tier: Tier) -> TierStyle:
        return self.tiers[tier]

    def contrast_pairs(self) -> list[tuple[str, str, str, float]]:
        """(what, foreground, background, minimum ratio) for every pair that must contrast."""
        pairs: list[tuple[str, str, str, float]] = [
            ("heading text on page", self.heading, self.page, TEXT_MINIMUM),
            ("subtle text on page", self.subtle, self.page, TEXT_MINIMUM),
            ("link lines on page", self.line, self.page, GRAPHIC_MINIMUM),
        ]
        styles = [(t.label, s) for t, s in self.tiers.items()]
        styles += [("measure", self.measure), ("theory of change", self.theory)]
        for label, style in styles:
            pairs += [
                (f"{label} text on its fill", style.text, style.fill, TEXT_MINIMUM),
                (f"{label} detail text on its fill", style.detail_text, style.fill, TEXT_MINIMUM),
                (f"{label} number on its badge", style.badge_text, style.badge_fill, TEXT_MINIMUM),
                (f"{label} border on page", style.border, self.page, GRAPHIC_MINIMUM),
            ]
        return pairs


# NHS.UK frontend palette (nhsuk-frontend core/settings/_colours.scss)
NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_TEXT = "#212B32"
NHS_GREY_1 = "#4C6272"
NHS_PALE_BLUE = "#E8F1FA"
NHS_PAGE = "#F0F4F5"
WHITE = "#FFFFFF"

_NHS_BOX = TierStyle(
    fill=WHITE,
    text=NHS_TEXT,
    border=NHS_BLUE,
    border_width=1,
    badge_fill=NHS_BLUE,
    badge_text=WHITE,
    detail_text=NHS_GREY_1,
)
_NHS_PRIMARY = replace(_NHS_BOX, border=NHS_DARK_BLUE, border_width=2, badge_fill=NHS_DARK_BLUE)
_NHS_IDEA = replace(_NHS_BOX, border=NHS_GREY_1, badge_fill=NHS_PALE_BLUE, badge_text=NHS_TEXT)

NHS = Theme(
    name="nhs",
    page=NHS_PAGE,
    heading=NHS_TEXT,
    subtle=NHS_GREY_1,
    line=NHS_GREY_1,
    tiers={
        Tier.AIM: TierStyle(
            fill=NHS_BLUE,
            text=WHITE,
            border=NHS_DARK_BLUE,
            border_width=3,
            badge_fill=NHS_DARK_BLUE,
            badge_text=WHITE,
            detail_text=WHITE,
        ),
        Tier.PRIMARY: _NHS_PRIMARY,
        Tier.SECONDARY: _NHS_BOX,
        Tier.TERTIARY: _NHS_BOX,
        Tier.CHANGE_IDEA: _NHS_IDEA,
    },
    measure=_NHS_IDEA,  # a measure is drawn like a change idea
    theory=replace(_NHS_IDEA, fill=NHS_PALE_BLUE, border=NHS_BLUE, detail_text=NHS_TEXT),
)

BLACK = "#000000"
DARK_GREY = "#595959"  # 7.0:1 on white

_PLAIN_BOX = TierStyle(
    fill=WHITE,
    text=BLACK,
    border=BLACK,
    border_width=1,
    badge_fill=WHITE,
    badge_text=BLACK,
    detail_text=DARK_GREY,
)
_PLAIN_PRIMARY = replace(_PLAIN_BOX, border_width=2, badge_fill=BLACK, badge_text=WHITE)

PLAIN = Theme(
    name="plain",
    page=WHITE,
    heading=BLACK,
    subtle=DARK_GREY,
    line=BLACK,
    tiers={
        Tier.AIM: replace(_PLAIN_PRIMARY, border_width=3),
        Tier.PRIMARY: _PLAIN_PRIMARY,
        Tier.SECONDARY: _PLAIN_BOX,
        Tier.TERTIARY: _PLAIN_BOX,
        Tier.CHANGE_IDEA: _PLAIN_BOX,
    },
    measure=_PLAIN_BOX,
    theory=_PLAIN_BOX,
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (NHS, PLAIN)}


def get_theme(name: str) -> Theme:
    try:
        return THEMES[name.lower()]
    except KeyError:
        raise ImpactError(
            f"unknown theme '{name}'", f"choose one of: {', '.join(THEMES)}"
        ) from None


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of '#RRGGBB'."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two '#RRGGBB' colours (1.0 to 21.0)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
