"""The driver-diagram file format, as pydantic models.

This is the contract with every user: what keys a ``*.yaml`` driver diagram may
hold and what each means. The JSON Schema in ``schemas/`` is generated from these
classes (``impact schema``), and ``docs/format.md`` documents every field.

Design rules:

* a simple tree stays simple: drivers nest under drivers, change ideas under any
  driver, and anything that is only a title may be written as a bare string;
* a many-to-many diagram stays possible: any secondary or tertiary driver or
  change idea can ``supports:`` more drivers by id, and whole items can be written
  at the top level by reference instead of nested;
* unknown keys are errors (with "did you mean"), never silently ignored;
* every piece of text is kept as written (no YAML 1.1 coercions, see yaml_source).

Models are built lazily (``defer_build``): building nested validators for every
class at import time costs more than validating a typical diagram.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from .types import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    LINT_CODE_PATTERN,
    Direction,
    IdeasColumn,
    Improvement,
    MeasureType,
    Priority,
    Profile,
    RuleSet,
    Status,
    Strength,
    aim_shorthand,
    clean_text,
    data_path,
    link_shorthand,
    list_shorthand,
    number_value,
    one_or_more,
    pdsa_shorthand,
    showable,
    title_shorthand,
    whole_number,
)

__all__ = [
    "ID_PATTERN",
    "LANGUAGE_PATTERN",
    "Aim",
    "ChangeIdea",
    "DiagramFile",
    "Direction",
    "Headings",
    "IdeasColumn",
    "Improvement",
    "Link",
    "LintSettings",
    "Measure",
    "MeasureType",
    "PdsaCycle",
    "Point",
    "PrimaryDriver",
    "Priority",
    "Profile",
    "RuleSet",
    "SecondaryDriver",
    "Status",
    "Strength",
    "TertiaryDriver",
    "TheoryOfChange",
]

Text = Annotated[str, AfterValidator(clean_text)]
"""Non-empty text without control characters; surrounding whitespace is dropped."""

Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        use_enum_values=False,
        regex_engine="python-re",
    )


class Link(_Model):
    """A link to a driver that this item also supports (many-to-many)."""

    to: Identifier = Field(description="The id of the driver this item supports.")
    strength: Strength = Field(
        Strength.strong,
        description=(
            "'weak' for a relationship the team is less sure of (drawn dotted); "
            "'unconfirmed' for one a draft or a source shows but nobody has confirmed "
            "(drawn dashed)."
        ),
    )
    note: Text | None = Field(None, description="Why the link is there, or what is assumed.")


LinkRef = Annotated[
    Link,
    BeforeValidator(link_shorthand, json_schema_input_type=Identifier | Link),
]
Links = Annotated[
    list[LinkRef],
    BeforeValidator(list_shorthand, json_schema_input_type=list[Identifier | Link] | Identifier),
]


class _Item(_Model):
    id: Identifier | None = Field(
        None,
        description=(
            "A stable id other items can refer to: a letter, then letters, digits, '-' or '_'. "
            "Items without one get a generated id from their number."
        ),
        examples=["sd-discharge"],
    )
    title: Text = Field(description="The text shown in the box.")
    description: Text | None = Field(
        None, description="Longer explanation, shown under the title in smaller type."
    )
    strength: Strength = Field(
        Strength.strong,
        description=(
            "Strength of the link to the driver this item is written under: strong, weak "
            "or unconfirmed."
        ),
    )
    link_note: Text | None = Field(
        None,
        description=(
            "Why this item supports the one it is written under, or what is assumed "
            "(a link by reference has its own 'note')."
        ),
    )


class PdsaCycle(_Model):
    """One Plan-Do-Study-Act cycle: a note, and when it ran (to mark it on charts)."""

    period: Text | None = Field(
        None,
        description=(
            "When the cycle ran, as a period (2024-05, 2024-05-13, 2024-W20): the charts of "
            "the measures that track this idea, or a driver it supports, mark it there."
        ),
        examples=["2024-05"],
    )
    note: Text = Field(description="What the cycle tested and found.")


PdsaItem = Annotated[
    PdsaCycle, BeforeValidator(pdsa_shorthand, json_schema_input_type=Text | PdsaCycle)
]


class _Placeable(_Item):
    linked: bool = Field(
        True,
        description=(
            "false for an item whose place is not known yet: written at the top level with "
            "no 'supports', it is kept, drawn apart and written 'not yet linked' (a lint "
            "finding, not an error)."
        ),
    )


class ChangeIdea(_Placeable):
    """Something specific the team will test (PDSA) to move a driver."""

    supports: Links = Field(
        default_factory=list,
        description=(
            "Ids of further drivers this idea supports. A change idea written at the top "
            "level supports the drivers listed here; the first is where it is numbered."
        ),
    )
    status: Status | None = Field(
        None, description="idea, testing, adopted, adapted or abandoned (PDSA outcome)."
    )
    priority: Priority | None = Field(None, description="high, medium or low.")
    owner: Text | None = Field(None, description="Who leads the tests of this idea.")
    pdsa: list[PdsaItem] = Field(
        default_factory=list,
        description=(
            "The PDSA cycles that tested this idea: a note each, or a mapping with the "
            "note and the period it ran in."
        ),
    )
    learning: Text | None = Field(
        None, description="What the tests taught (why it was adopted, adapted or abandoned)."
    )


ChangeIdeaItem = Annotated[
    ChangeIdea, BeforeValidator(title_shorthand, json_schema_input_type=Text | ChangeIdea)
]


_DRIVER_STATUS = (
    "Where work on this driver stands: idea (not yet tested), testing, adopted, adapted "
    "or abandoned."
)


class TertiaryDriver(_Placeable):
    """A driver one level below a secondary driver."""

    status: Status | None = Field(None, description=_DRIVER_STATUS)

    supports: Links = Field(
        default_factory=list,
        description="Ids of further secondary drivers this driver supports.",
    )
    change_ideas: list[ChangeIdeaItem] = Field(
        default_factory=list, description="Change ideas that move this driver."
    )


TertiaryDriverItem = Annotated[
    TertiaryDriver,
    BeforeValidator(title_shorthand, json_schema_input_type=Text | TertiaryDriver),
]


class SecondaryDriver(_Placeable):
    """An influencer on (or part of) a primary driver: the 'how' to its 'what'."""

    status: Status | None = Field(None, description=_DRIVER_STATUS)

    supports: Links = Field(
        default_factory=list,
        description="Ids of further primary drivers this driver supports.",
    )
    tertiary_drivers: list[TertiaryDriverItem] = Field(
        default_factory=list, description="Drivers one level deeper."
    )
    change_ideas: list[ChangeIdeaItem] = Field(
        default_factory=list, description="Change ideas that move this driver."
    )


SecondaryDriverItem = Annotated[
    SecondaryDriver,
    BeforeValidator(title_shorthand, json_schema_input_type=Text | SecondaryDriver),
]


class PrimaryDriver(_Item):
    """One of the few most important influencers on the aim (IHI: 2 to 5)."""

    status: Status | None = Field(None, description=_DRIVER_STATUS)

    secondary_drivers: list[SecondaryDriverItem] = Field(
        default_factory=list, description="The secondary drivers under this primary driver."
    )
    change_ideas: list[ChangeIdeaItem] = Field(
        default_factory=list, description="Change ideas that act on this primary driver directly."
    )


PrimaryDriverItem = Annotated[
    PrimaryDriver,
    BeforeValidator(title_shorthand, json_schema_input_type=Text | PrimaryDriver),
]


class Aim(_Model):
    """What will be improved, by how much, for whom and by when."""

    id: Identifier | None = Field(None, description="Id of the aim (default 'aim').")
    statement: Text = Field(description="The aim in one sentence.")
    description: Text | None = Field(None, description="Context for the aim.")
    baseline: Text | None = Field(None, description="Where things stand now.")
    target: Text | None = Field(None, description="How much better, as a number.")
    deadline: Text | None = Field(None, description="By when, as text ('March 2026').")
    population: Text | None = Field(None, description="For whom, or where.")


Number = Annotated[float, BeforeValidator(number_value, json_schema_input_type=float)]
"""A plain decimal (8.1, -0.5, 1200), written as a YAML number or as text."""
Count = Annotated[int, BeforeValidator(whole_number, json_schema_input_type=int)]


class Point(_Model):
    """One period's value of a measure."""

    period: Text = Field(
        description="The period: 2024-04-01 (a day), 2024-W05, 2024-04, 2024-Q2 or 2024.",
        examples=["2024-04"],
    )
    value: Number = Field(description="The value, a plain number.")
    note: Text | None = Field(None, description="An annotation shown on the chart.")


class Measure(_Model):
    """A measure of the aim (outcome), a driver or idea (process), or a side effect."""

    id: Identifier | None = Field(None, description="Id of the measure.")
    name: Text = Field(description="What is counted, e.g. 'Falls per 1,000 occupied bed days'.")
    type: MeasureType = Field(description="outcome, process or balancing.")
    tracks: Annotated[
        list[Identifier],
        BeforeValidator(list_shorthand, json_schema_input_type=list[Identifier] | Identifier),
    ] = Field(
        default_factory=list,
        description="Ids of the aim, drivers or change ideas this measure tracks.",
    )
    definition: Text | None = Field(
        None, description="Operational definition: numerator, denominator, exclusions."
    )
    target: Text | None = Field(None, description="The goal for this measure.")
    frequency: Text | None = Field(None, description="How often it is collected (weekly).")
    data_source: Text | None = Field(None, description="Where the data comes from.")
    unit: Text | None = Field(
        None,
        description="What the values count, for the words and the chart: 'falls per 1,000 "
        "occupied bed days', '%'.",
    )
    improvement: Improvement | None = Field(
        None, description="Which way is better: increase, decrease, or neither."
    )
    data: Annotated[Text, AfterValidator(data_path)] | None = Field(
        None,
        description=(
            "A CSV file in the diagram's folder with the measure's data: a header row, then "
            "one row per period with the period, the value and an optional note."
        ),
        examples=["falls.csv"],
    )
    points: list[Point] = Field(
        default_factory=list, description="The measure's data written here, instead of 'data'."
    )
    rules: RuleSet = Field(
        RuleSet.mdc,
        description="How the chart is read: 'mdc' (Making Data Count XmR chart) or 'ihi' "
        "(IHI run chart).",
    )
    run_length: (
        Annotated[
            Literal[6, 7], BeforeValidator(whole_number, json_schema_input_type=Literal[6, 7])
        ]
        | None
    ) = Field(
        None, description="Making Data Count: points in a shift or a trend, 7 (default) or 6."
    )
    baseline: Count | None = Field(
        None,
        description="Calculate the lines from the first N points and hold them for the "
        "points after.",
    )
    rebase: Annotated[
        list[Text],
        BeforeValidator(one_or_more, json_schema_input_type=list[Text] | Text),
    ] = Field(
        default_factory=list,
        description="Periods where the process changed: the lines are calculated again from each.",
    )
    screen_moving_ranges: bool = Field(
        False,
        description="Making Data Count: leave very large moving ranges out of the limits.",
    )


class TheoryOfChange(_Model):
    """The diagram's hypothesis in three parts."""

    if_we: Text | None = Field(None, description="If we… (the changes we make).")
    we_will: Text | None = Field(None, description="We will… (what changes in the system).")
    so_that: Text | None = Field(None, description="So that… (the improvement for people).")


class LintSettings(_Model):
    """How strictly the lint rules judge this diagram."""

    profile: Profile | None = Field(
        None, description="'ihi' (default, the IHI guidance) or 'permissive' (legacy diagrams)."
    )
    disable: list[Annotated[str, StringConstraints(pattern=LINT_CODE_PATTERN)]] = Field(
        default_factory=list, description="Rule codes to switch off, e.g. DD-A01."
    )


class Headings(_Model):
    """Column headings of the drawing, for diagrams published with their own words."""

    aim: Text | None = Field(None, description="Instead of 'Aim'.")
    primary_drivers: Text | None = Field(None, description="Instead of 'Primary drivers'.")
    secondary_drivers: Text | None = Field(None, description="Instead of 'Secondary drivers'.")
    tertiary_drivers: Text | None = Field(None, description="Instead of 'Tertiary drivers'.")
    change_ideas: Text | None = Field(
        None, description="Instead of 'Change ideas', e.g. 'Actions/Interventions'."
    )
    measures: Text | None = Field(None, description="Instead of 'Measures'.")


Term = Annotated[str, StringConstraints(min_length=1, max_length=60), AfterValidator(showable)]
"""A glossary term: kept as written, but held to the same characters as all text."""
Glossary = dict[Term, Text]


class DiagramFile(_Model):
    """A quality-improvement driver diagram (IHI model)."""

    model_config = ConfigDict(
        title="Driver diagram",
        json_schema_extra={"$comment": "Generated by 'impact schema'; do not edit by hand."},
    )

    title: Text = Field(description="The diagram's title.")
    subtitle: Text | None = Field(None, description="A subtitle shown under the title.")
    summary: Text | None = Field(None, description="One or two sentences on what this is for.")
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        "en-GB", description="Language of the text (BCP 47), e.g. en-GB or cy."
    )
    version: Text | None = Field(None, description="The diagram's version, as text.")
    updated: Text | None = Field(
        None, description="When it was last updated, as text (never turned into a date)."
    )
    owner: Text | None = Field(None, description="Who owns and maintains the diagram.")
    source: Text | None = Field(
        None, description="Where it is published or comes from (a URL or a citation)."
    )
    licence: Text | None = Field(None, description="The licence, e.g. OGL-UK-3.0.")
    aim: Annotated[Aim, BeforeValidator(aim_shorthand, json_schema_input_type=Text | Aim)] = Field(
        description="The aim: a sentence, or a mapping that spells out its parts."
    )
    primary_drivers: list[PrimaryDriverItem] = Field(
        default_factory=list,
        description=(
            "The primary drivers, in the order they are drawn. None yet: an aim (with its "
            "measures) is drawn and written alone, as 'no drivers yet'."
        ),
    )
    secondary_drivers: list[SecondaryDriverItem] = Field(
        default_factory=list,
        description="Secondary drivers written by reference: each must list 'supports'.",
    )
    tertiary_drivers: list[TertiaryDriverItem] = Field(
        default_factory=list,
        description="Tertiary drivers written by reference: each must list 'supports'.",
    )
    change_ideas: list[ChangeIdeaItem] = Field(
        default_factory=list,
        description="Change ideas written by reference: each lists the drivers it supports.",
    )
    measures: list[Measure] = Field(default_factory=list, description="How change is measured.")
    theory_of_change: TheoryOfChange | None = Field(
        None, description="If we… / We will… / So that…"
    )
    glossary: Glossary = Field(
        default_factory=dict, description="Abbreviations and their expansions."
    )
    lint: LintSettings | None = Field(None, description="Lint settings for this diagram.")
    direction: Direction = Field(
        Direction.LR,
        description="How the drawing reads: LR (left to right) or TB (top to bottom, aim on top).",
    )
    ideas_column: IdeasColumn = Field(
        IdeasColumn.auto,
        description=(
            "Where the drawing puts change ideas: 'last' (one column after the deepest "
            "drivers), 'beside' (next to the drivers they support) or 'auto'."
        ),
    )
    headings: Headings | None = Field(
        None, description="Column headings of the drawing, to keep a published diagram's words."
    )
