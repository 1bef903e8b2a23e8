"""Every theme meets WCAG contrast, computed here; tiers are not told apart by colour alone."""

from __future__ import annotations

import pytest

from impact_cli.diagram import Tier
from impact_cli.errors import ImpactError
from impact_cli.render.theme import THEMES, contrast_ratio, get_theme


def test_contrast_formula_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # published NHS.UK figures: text on white 14.42:1, white on NHS blue ~6.38 (guide) / 5.7+
    assert contrast_ratio("#212B32", "#FFFFFF") == pytest.approx(14.4, abs=0.1)
    assert contrast_ratio("#FFFFFF", "#005EB8") > 4.5


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_pair_meets_wcag(name: str) -> None:
    theme = THEMES[name]
    pairs = theme.contrast_pairs()
    assert len(pairs) >= 20
    failures = [
        f"{what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1, needs {minimum}:1"
        for what, fg, bg, minimum in pairs
        if contrast_ratio(fg, bg) < minimum
    ]
    assert not failures


def test_nhs_palette_is_the_default() -> None:
    theme = get_theme("nhs")
    assert theme.tier(Tier.AIM).fill == "#005EB8"
    assert theme.heading == "#212B32"
    assert theme.page == "#F0F4F5"


@pytest.mark.parametrize("name", sorted(THEMES))
def test_border_weight_falls_from_aim_to_change_ideas(name: str) -> None:
    theme = THEMES[name]
    widths = [theme.tier(t).border_width for t in Tier]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] > widths[-1]


def test_unknown_theme() -> None:
    with pytest.raises(ImpactError, match="unknown theme"):
        get_theme("neon")
