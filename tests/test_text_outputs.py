"""What every text output says: the page's text version, the plain and accessible outlines
and the Markdown outline carry every note of every link, and every counted phrase agrees
with its number (0, 1 and 2 of everything that is counted)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, HOSTILE
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.render import RenderOptions, render
from impact_cli.render.html import anchor
from impact_cli.render.textwords import clean

BLOCKS = {
    *("p", "li", "h1", "h2", "h3", "dt", "dd", "td", "th", "caption", "figcaption"),
    *("div", "section", "tr", "title", "desc", "text", "header", "footer", "figure"),
}


class _Text(HTMLParser):
    """The text a reader gets from a page: one line per block, style sheets left out.
    Also the text inside each element with an id, for finding what is said where."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.open: list[tuple[str, str | None, int]] = []  # tag, id, where its text starts
        self.by_id: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.skip += 1
        if tag in BLOCKS:
            self.lines.append("")
        self.open.append((tag, dict(attrs).get("id"), len(self.lines) - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.skip -= 1
        while self.open:
            name, ident, start = self.open.pop()
            if ident:
                self.by_id[ident] = clean(" ".join(self.lines[start:]))
            if name == tag:
                break
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.lines[-1] += data


def page_text(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def text_outputs(diagram: Diagram) -> dict[str, str]:
    """Every text output of ``diagram``, as a reader gets its words."""
    page = render(diagram, "html").decode("utf-8")
    return {
        "page": "\n".join(clean(line) for line in page_text(page).lines if line.strip()),
        "txt": render(diagram, "txt").decode("utf-8"),
        "accessible": render(diagram, "txt", RenderOptions(accessible=True)).decode("utf-8"),
        "md": unescape_markdown(render(diagram, "md").decode("utf-8")),
        "md+mermaid": unescape_markdown(
            render(diagram, "md", RenderOptions(mermaid=True)).decode("utf-8")
        ),
    }


def load(source: str | Path) -> Diagram:
    """The diagram in file ``source``, or written in ``source``."""
    result = load_file(source) if isinstance(source, Path) else load_text(source, "<test>")
    assert result.diagram is not None, [d.message for d in result.diagnostics]
    return result.diagram


# --- notes ----------------------------------------------------------------------------------

# A note on every kind of link: an item's home link (strong and weak) and its further links
# (strong and weak), for secondary and tertiary drivers and change ideas, written nested and
# by reference.
EVERY_NOTE = """
title: Notes on every link
aim: Cut waits for hip replacement from 40 to 18 weeks by March 2026.
primary_drivers:
  - id: pd-beds
    title: Beds ready on the day
    secondary_drivers:
      - id: sd-ring-fenced
        title: Ring-fenced elective beds
        supports:
          - to: pd-theatre
            note: Note one, a nested driver's further strong link.
        tertiary_drivers:
          - id: td-winter
            title: Beds protected in winter
            supports:
              - to: sd-lists
                strength: weak
                note: Note two, a nested driver's further weak link.
        change_ideas:
          - id: ci-board
            title: Daily bed board for elective patients
            supports:
              - to: sd-lists
                note: Note three, a nested idea's further strong link.
  - id: pd-theatre
    title: Theatre lists run full
secondary_drivers:
  - id: sd-lists
    title: Lists booked six weeks ahead
    supports:
      - to: pd-theatre
        note: Note four, a strong home link written by reference.
  - id: sd-pre-op
    title: Pre-operative assessment done early
    supports:
      - to: pd-theatre
        strength: weak
        note: Note five, a weak home link written by reference.
      - to: pd-beds
        strength: weak
        note: Note six, a further weak link written by reference.
tertiary_drivers:
  - id: td-nurse
    title: Nurse-led pre-operative clinics
    supports:
      - to: sd-pre-op
        note: Note seven, a tertiary driver's strong home link.
change_ideas:
  - id: ci-text
    title: Text reminders before the pre-operative visit
    supports:
      - to: sd-pre-op
        note: Note eight, a change idea's strong home link.
      - to: td-winter
        note: Note nine, a change idea's further strong link.
  - id: ci-call
    title: Phone call the day before surgery
    supports:
      - to: sd-lists
        strength: weak
        note: Note ten, a change idea's weak home link.
"""


def noted_links(diagram: Diagram) -> list[tuple[str, str]]:
    """(source key, note) for every link with a note."""
    return [(link.source, clean(link.note)) for link in diagram.links if link.note]


def test_the_note_diagram_has_a_note_on_every_kind_of_link() -> None:
    diagram = load(EVERY_NOTE)
    kinds = {
        (diagram.nodes[link.source].tier, link.structural, link.weak)
        for link in diagram.links
        if link.note
    }
    assert len(noted_links(diagram)) == 10
    assert (Tier.SECONDARY, True, False) in kinds  # the note the page used to leave out
    assert {structural for _, structural, _ in kinds} == {True, False}
    assert {weak for _, _, weak in kinds} == {True, False}


NOTE_SOURCES = [pytest.param(EVERY_NOTE, id="every-note")] + [
    pytest.param(path, id=path.stem) for path in [*EXAMPLES, HOSTILE]
]


@pytest.mark.parametrize("source", NOTE_SOURCES)
def test_every_output_carries_every_note_of_every_link(source: str | Path) -> None:
    diagram = load(source)
    outputs = text_outputs(diagram)
    missing = [
        (name, note)
        for _, note in noted_links(diagram)
        for name, text in outputs.items()
        if note not in clean(text)
    ]
    assert missing == []


def test_the_page_gives_each_note_where_the_item_is_written() -> None:
    diagram = load(EVERY_NOTE)
    page = page_text(render(diagram, "html").decode("utf-8"))
    for source, note in noted_links(diagram):
        node = diagram.nodes[source]
        entry = page.by_id[anchor(node)]
        # the item's own entry, less the entries of the items listed under it
        for child in node.children:
            entry = entry.replace(page.by_id[anchor(diagram.nodes[child])], "")
        assert note in entry, f"{node.number}: {note}"


# --- counted phrases: 0, 1 and 2 of everything --------------------------------------------

LETTERS = "abcdefgh"


def counting_diagram(
    *,
    primaries: int = 2,
    secondaries: int = 2,
    tertiaries: int = 2,
    ideas: int = 2,
    shared: int = 2,
    weak: int = 2,
    loose: int = 2,
    measures: int = 2,
    one_measure_type: bool = False,
) -> str:
    """A diagram with the given number of each countable thing (per parent, where nested):
    ``shared`` change ideas support two drivers, ``weak`` secondary drivers are weakly
    linked, ``loose`` change ideas support no driver."""
    drivers: list[str] = []
    primary_drivers: list[dict[str, Any]] = []
    for p in LETTERS[:primaries]:
        drivers.append(f"p{p}")
        seconds = []
        for s in LETTERS[:secondaries]:
            second: dict[str, Any] = {"id": f"s{p}{s}", "title": f"Secondary {p}{s}"}
            if len(drivers) <= weak:
                second["strength"] = "weak"
            drivers.append(f"s{p}{s}")
            if tertiaries:
                second["tertiary_drivers"] = [
                    {"id": f"t{p}{s}{t}", "title": f"Tertiary {p}{s}{t}"}
                    for t in LETTERS[:tertiaries]
                ]
            if ideas:
                second["change_ideas"] = [f"Idea {p}{s}{i}" for i in LETTERS[:ideas]]
            seconds.append(second)
        primary: dict[str, Any] = {"id": f"p{p}", "title": f"Primary {p}"}
        if seconds:
            primary["secondary_drivers"] = seconds
        else:
            primary["change_ideas"] = [f"Idea {p}{i}" for i in LETTERS[:ideas]]
        primary_drivers.append(primary)
    change_ideas: list[dict[str, Any]] = [
        {"title": f"Shared idea {i}", "supports": list(dict.fromkeys([drivers[0], drivers[-1]]))}
        for i in LETTERS[:shared]
    ]
    change_ideas += [{"title": f"Loose idea {i}", "supports": []} for i in LETTERS[:loose]]
    types = ["outcome", "process", "balancing"]
    data: dict[str, Any] = {
        "title": "Counting",
        "aim": "Cut waits for hip replacement to 18 weeks by March 2026.",
        "primary_drivers": primary_drivers,
        "change_ideas": change_ideas,
        "measures": [
            {
                "name": f"Measure {m}",
                "type": "outcome" if one_measure_type else types[k],
                "tracks": ["aim", drivers[0]] if k else "aim",
            }
            for k, m in enumerate(LETTERS[:measures])
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


COUNTS = {"primaries": (1, 2)} | dict.fromkeys(
    ("secondaries", "tertiaries", "ideas", "shared", "weak", "loose", "measures"), (0, 1, 2)
)
SWEEP = [
    pytest.param({name: n}, id=f"{name}={n}") for name, values in COUNTS.items() for n in values
] + [
    pytest.param({name: values[0] for name, values in COUNTS.items()}, id="all-fewest"),
    pytest.param(dict.fromkeys(COUNTS, 1), id="all-1"),
    pytest.param(dict.fromkeys(COUNTS, 1) | {"shared": 0, "loose": 0}, id="one-of-each-tier"),
    pytest.param({"measures": 2, "one_measure_type": True}, id="two-measures-of-one-type"),
    # the links across the lists and the weak links, counted together on the page
    pytest.param({"weak": 0, "shared": 0}, id="no-link-across"),
    pytest.param({"weak": 0, "shared": 1}, id="one-link-across"),
    pytest.param({"weak": 1, "shared": 0}, id="one-weak-link"),
]

NOUN = (
    r"(?:aim|primary driver|secondary driver|tertiary driver|change idea|driver|item|link"
    r"|(?:outcome |process |balancing )?measure)"
)
COUNTED = re.compile(rf"\b(\d+) ({NOUN})(s?)\b")
SUBJECT_VERB = re.compile(rf"\b(\d+) {NOUN}(s?) (supports?|joins?|is|are|has|have)\b")
THERE = re.compile(r"\b[Tt]here (is|are) (\d+)\b")
DEMONSTRATIVE = re.compile(r"\b(This|These|this|these) (\d+)\b")
RANGE = re.compile(r"\b([CM]?)(\d+) to \1(\d+)\b")
PLURAL_CODES = re.compile(r"\bhave codes [CM]1\b(?! to| and|, [CM]2 and so on)")


def agreement_problems(text: str) -> list[str]:
    """Counted phrases whose words do not agree with their number, or that count nothing."""
    problems = []
    for m in COUNTED.finditer(text):
        n, plural = int(m.group(1)), m.group(3) == "s"
        if n == 0 or (n == 1) == plural:
            problems.append(m.group(0))
    for m in SUBJECT_VERB.finditer(text):
        singular_noun, verb = m.group(2) == "", m.group(3)
        singular_verb = verb in ("is", "has") or (verb.endswith("s") and verb != "does")
        if singular_noun != singular_verb:
            problems.append(m.group(0))
    for m in THERE.finditer(text):
        if int(m.group(2)) == 0 or (m.group(1) == "is") != (int(m.group(2)) == 1):
            problems.append(m.group(0))
    for m in DEMONSTRATIVE.finditer(text):
        if (m.group(1).lower() == "this") != (int(m.group(2)) == 1):
            problems.append(m.group(0))
    for m in RANGE.finditer(text):
        if int(m.group(3)) <= int(m.group(2)) + 1:  # 'C1 to C1', '1 to 2': say 'C1 and C2'
            problems.append(m.group(0))
    problems += [m.group(0) for m in PLURAL_CODES.finditer(text)]
    return problems


def test_the_agreement_check_finds_what_it_should() -> None:
    wrong = (
        "These 1 link joins items. There are 1. There is 2. 1 change ideas. 2 change idea. "
        "It has 0 measures. 2 change ideas supports it. 1 link join it. Change ideas have "
        "codes C1, not numbers. Codes C1 to C1. Measures have codes M1 to M2."
    )
    assert sorted(agreement_problems(wrong)) == sorted(
        [
            "These 1",
            "There are 1",
            "There is 2",
            "1 change ideas",
            "2 change idea",
            "0 measures",
            "2 change ideas supports",
            "1 link join",
            "have codes C1",
            "C1 to C1",
            "M1 to M2",
        ]
    )
    right = (
        "This link joins items. There is 1. There are 2. 1 change idea. 2 change ideas. "
        "2 change ideas support it. 1 link joins it. The change idea has the code C1. "
        "Codes C1 to C3. Measures have codes M1 and M2. Primary driver 1 of 2."
    )
    assert agreement_problems(right) == []


@pytest.mark.parametrize("counts", SWEEP)
def test_counted_phrases_agree_with_their_numbers(counts: dict[str, Any]) -> None:
    diagram = load(counting_diagram(**counts))
    problems = {
        name: found
        for name, text in text_outputs(diagram).items()
        if (found := agreement_problems(text))
    }
    assert problems == {}


def test_the_sweep_counts_what_it_says() -> None:
    ones: dict[str, Any] = dict.fromkeys(COUNTS, 1)
    diagram = load(counting_diagram(**ones))
    counts = diagram.counts
    assert (counts[Tier.PRIMARY], counts[Tier.SECONDARY], counts[Tier.TERTIARY]) == (1, 1, 1)
    assert counts[Tier.CHANGE_IDEA] == 3  # one nested, one shared, one loose
    assert len(diagram.measures) == 1
    assert sum(link.weak for link in diagram.links) == 1
    assert sum(not link.structural for link in diagram.links) == 1


# --- the accessible outline's example --------------------------------------------------------

EXAMPLE = re.compile(r"Each item says where it sits, for example: (.+?)\. ")


@pytest.mark.parametrize(
    "source",
    [
        *[pytest.param(path, id=path.stem) for path in [*EXAMPLES, HOSTILE]],
        pytest.param(counting_diagram(secondaries=0, ideas=0, shared=0, loose=0), id="flat"),
        pytest.param(counting_diagram(primaries=1, secondaries=0, ideas=1), id="ideas-only"),
    ],
)
def test_how_to_read_the_numbers_gives_an_item_of_this_diagram(source: str | Path) -> None:
    """Found in review: the example named 'secondary driver 2.1' in diagrams that have none."""
    diagram = load(source)
    lines = render(diagram, "txt", RenderOptions(accessible=True)).decode("utf-8").splitlines()
    at = next((i for i, line in enumerate(lines) if EXAMPLE.search(line)), None)
    if not diagram.tier(Tier.PRIMARY):  # an aim with no drivers yet: nothing to name
        assert at is None
        return
    assert at is not None
    example = EXAMPLE.search(lines[at]).group(1)  # type: ignore[union-attr]
    assert any(line.strip().startswith(example) for line in lines[at + 1 :]), example


# --- every item ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        *NOTE_SOURCES,
        pytest.param(counting_diagram(loose=2), id="change-ideas-linked-to-nothing"),
    ],
)
def test_every_output_gives_every_item(source: str | Path) -> None:
    """Every item, in every output; on the page, in its text version (not only in the
    drawing). Found in review: change ideas linked to no driver were only drawn."""
    diagram = load(source)
    outputs = text_outputs(diagram)
    html = render(diagram, "html").decode("utf-8")
    section = html[html.index('<section class="text-version') : html.index("</section>")]
    outputs["page"] = " ".join(page_text(section).lines)
    missing = [
        (name, node.title)
        for node in diagram.nodes.values()
        for name, text in outputs.items()
        if clean(node.title) not in clean(text)
    ]
    assert missing == []
