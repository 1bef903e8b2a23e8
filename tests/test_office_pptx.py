"""The PowerPoint deck, reopened with python-pptx: shapes, glued connectors, alt text, notes.

Every box must be a shape holding its number and text (never a picture), every link a
connector glued to the right two shapes, weak links dotted, arrowheads at the end; the
group has alt text, the notes hold the accessible outline. LibreOffice opening the
decks is in test_office_libreoffice.py.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.connector import Connector
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from conftest import EXAMPLES, HOSTILE, Invoke
from impact_cli.check.load import load_file
from impact_cli.diagram import Diagram, Measure, Tier, clean
from impact_cli.errors import ImpactError
from impact_cli.render import FORMATS, Format, RenderOptions, check_available, render
from impact_cli.render.accessible_outline import accessible_outline
from impact_cli.render.dot import columns
from impact_cli.render.dot_labels import KEY_STRONG, KEY_UNCONFIRMED, KEY_WEAK
from impact_cli.render.office.drawingml import DECORATIVE_URI
from impact_cli.render.office.layout import BOTTOM, LEFT, RIGHT, TOP, Box, sites
from impact_cli.render.office.shapes import line_kind
from impact_cli.render.split import split_diagram
from impact_cli.render.svg import description

SOURCES = [*EXAMPLES, HOSTILE]
IDS = [p.stem for p in SOURCES]


def diagram_of(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, result.diagnostics
    return result.diagram


def deck(diagram: Diagram, **options: object) -> bytes:
    return render(diagram, "pptx", RenderOptions(**options))  # type: ignore[arg-type]


def reopen(data: bytes) -> list[Slide]:
    return list(Presentation(io.BytesIO(data)).slides)


def the_group(slide: Slide) -> GroupShape:
    groups = [s for s in slide.shapes if isinstance(s, GroupShape)]
    assert len(groups) == 1
    return groups[0]


def alt_text(shape: object) -> tuple[str | None, str | None]:
    props = shape.element.xpath("./*[1]/p:cNvPr")[0]  # type: ignore[attr-defined]
    return props.get("title"), props.get("descr")


def glue(connector: Connector) -> tuple[int, int, int, int]:
    """(begin shape id, begin site, end shape id, end site)."""
    element = connector.element
    start = element.find(f".//{qn('a:stCxn')}")
    end = element.find(f".//{qn('a:endCxn')}")
    assert start is not None, f"{connector.name} is not glued at its start"
    assert end is not None, f"{connector.name} is not glued at its end"
    return int(start.get("id")), int(start.get("idx")), int(end.get("id")), int(end.get("idx"))


def box_label(diagram: Diagram, key: str) -> str:
    node = diagram.nodes[key]
    return "Aim" if node.tier is Tier.AIM else node.label


@pytest.fixture(scope="module", params=SOURCES, ids=IDS)
def rendered(request: pytest.FixtureRequest) -> tuple[Diagram, bytes]:
    diagram = diagram_of(request.param)
    return diagram, deck(diagram)


# --- the shapes ---------------------------------------------------------------------------


def test_every_box_is_a_shape_with_its_number_and_text(rendered: tuple[Diagram, bytes]) -> None:
    diagram, data = rendered
    (slide,) = reopen(data)
    children = list(the_group(slide).shapes)
    assert not [s for s in children if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    by_name = {s.name: s for s in children}
    for node in diagram.nodes.values():
        shape = by_name[box_label(diagram, node.key)]
        assert isinstance(shape, Shape)
        assert shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        text = clean(shape.text_frame.text)
        assert clean(node.title) in text
        if node.tier is not Tier.AIM:
            assert text.startswith(node.number)
    for measure in diagram.measures:
        text = clean(by_name[f"Measure {measure.number}"].text_frame.text)
        assert text.startswith(measure.number)
        assert clean(measure.name) in text


def test_every_link_is_a_connector_glued_to_its_two_boxes(
    rendered: tuple[Diagram, bytes],
) -> None:
    diagram, data = rendered
    (slide,) = reopen(data)
    children = list(the_group(slide).shapes)
    names = {s.shape_id: s.name for s in children}
    shapes = {s.shape_id: s for s in children}
    drawn = []
    for connector in (s for s in children if isinstance(s, Connector)):
        if connector.name.startswith("Key"):
            continue
        begin_id, begin_site, end_id, end_site = glue(connector)
        dash = connector.element.find(f".//{qn('a:prstDash')}")
        tail = connector.element.find(f".//{qn('a:tailEnd')}")
        assert tail is not None, "an arrowhead at the end"
        assert tail.get("type") == "triangle"
        drawn.append((names[begin_id], names[end_id], None if dash is None else dash.get("val")))
        # the connector's ends are where its boxes' connection sites are
        for shape_id, site, (x, y) in (
            (begin_id, begin_site, (connector.begin_x, connector.begin_y)),
            (end_id, end_site, (connector.end_x, connector.end_y)),
        ):
            box = shapes[shape_id]
            expected = {
                TOP: (box.left + box.width // 2, box.top),
                LEFT: (box.left, box.top + box.height // 2),
                BOTTOM: (box.left + box.width // 2, box.top + box.height),
                RIGHT: (box.left + box.width, box.top + box.height // 2),
            }[site]
            assert abs(x - expected[0]) <= 1
            assert abs(y - expected[1]) <= 1
    # as the drawing: weak links dotted, links not confirmed dashed, the others solid
    style = {"weak": "sysDot", "unconfirmed": "dash", "strong": None}
    wanted = [
        (box_label(diagram, link.source), box_label(diagram, link.target), style[line_kind(link)])
        for link in diagram.links
    ]
    assert sorted(drawn) == sorted(wanted)


def test_links_join_facing_sides() -> None:
    left, right = Box("a", 0, 0, 100, 40), Box("b", 200, 100, 100, 40)
    assert sites(right, left) == (LEFT, RIGHT)  # a supporter on the right, as usual
    assert sites(left, right) == (RIGHT, LEFT)
    lower = Box("c", 10, 300, 100, 40)
    assert sites(lower, left) == (TOP, BOTTOM)
    assert sites(left, lower) == (BOTTOM, TOP)


def test_weak_links_are_dotted_and_the_key_says_so() -> None:
    diagram = diagram_of(next(p for p in EXAMPLES if p.stem == "many-to-many"))
    assert any(link.weak for link in diagram.links)
    (slide,) = reopen(deck(diagram))
    names = [s.name for s in the_group(slide).shapes]
    assert "Key" in names
    assert "Key: Dotted line: weak link" in names
    assert "Key: Solid line: strong link" in names
    assert "Key: Dashed line: link not confirmed" not in names  # none in this diagram


def test_links_not_confirmed_are_dashed_and_the_key_says_so() -> None:
    diagram = diagram_of(next(p for p in EXAMPLES if p.stem == "discharge-draft"))
    assert any(link.unconfirmed for link in diagram.links)
    (slide,) = reopen(deck(diagram))
    shapes = {s.name: s for s in the_group(slide).shapes}
    assert "Key: Dashed line: link not confirmed" in shapes
    sample = shapes["Key: unconfirmed link line"]
    assert sample.element.find(f".//{qn('a:prstDash')}").get("val") == "dash"
    # the three rows of the key do not overlap
    rows = [shapes[f"Key: {words}"] for words in (KEY_STRONG, KEY_WEAK, KEY_UNCONFIRMED)]
    assert all(a.top + a.height <= b.top + 2 for a, b in itertools.pairwise(rows))  # EMU rounding


def test_an_aim_with_no_drivers_yet_says_so_in_a_dashed_box() -> None:
    diagram = diagram_of(next(p for p in EXAMPLES if p.stem == "aim-no-drivers-yet"))
    assert not diagram.counts[Tier.PRIMARY]
    (slide,) = reopen(deck(diagram))
    shapes = {s.name: s for s in the_group(slide).shapes}
    box = shapes["No drivers yet"]
    assert box.text_frame.text == "No drivers yet"
    assert box.element.find(f".//{qn('a:prstDash')}").get("val") == "dash"
    heading = shapes["Column heading: Primary drivers"]
    aim = shapes["Aim"]
    assert heading.left > aim.left + aim.width  # the drivers' column, right of the aim
    assert abs((heading.left + heading.width / 2) - (box.left + box.width / 2)) <= 2


def test_headings_title_and_theory(rendered: tuple[Diagram, bytes]) -> None:
    diagram, data = rendered
    (slide,) = reopen(data)
    title = slide.shapes.title
    assert title is not None
    assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
    assert title.text_frame.text == clean(diagram.title)
    texts = {s.name: clean(s.text_frame.text) for s in the_group(slide).shapes if s.has_text_frame}
    assert texts["Column heading: Aim"] == "Aim"
    # a column can hold drivers and the change ideas beside them: a heading line each
    for _, headings, _ in columns(diagram, RenderOptions()):
        assert texts[f"Column heading: {' / '.join(headings)}"] == " ".join(headings)
    headed = [h for _, lines, _ in columns(diagram, RenderOptions()) for h in lines]
    for tier in (Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY, Tier.CHANGE_IDEA):
        assert (tier.heading in headed) == bool(diagram.tier(tier))
    if diagram.measures:
        assert texts["Column heading: Measures"] == "Measures"
    theory = diagram.theory
    if theory and any(value for _, value in theory.parts):
        assert texts["Theory of change"].startswith("Theory of change")
        for _, value in theory.parts:
            if value:
                assert clean(value) in texts["Theory of change"]


# --- accessibility ----------------------------------------------------------------------------


def test_the_group_has_alt_text_and_the_notes_the_outline(
    rendered: tuple[Diagram, bytes],
) -> None:
    diagram, data = rendered
    (slide,) = reopen(data)
    group = the_group(slide)
    assert alt_text(group) == (f"Driver diagram: {clean(diagram.title)}", description(diagram))
    notes = slide.notes_slide.notes_text_frame.text
    assert notes == accessible_outline(diagram, RenderOptions()).rstrip("\n")


def test_reading_order_title_then_each_column_then_the_key(
    rendered: tuple[Diagram, bytes],
) -> None:
    diagram, data = rendered
    (slide,) = reopen(data)
    top_level = list(slide.shapes)
    assert top_level[0].is_placeholder
    assert top_level[1] is not None
    assert isinstance(top_level[1], GroupShape)
    assert len(top_level) == 2
    read = [s.name for s in the_group(slide).shapes if not isinstance(s, Connector)]
    read = [name for name in read if not name.startswith("Key")]
    expected = []
    if diagram.meta.subtitle:
        expected.append("Subtitle")
    if diagram.theory and any(value for _, value in diagram.theory.parts):
        expected.append("Theory of change")
    for index, (_, headings, members) in enumerate(columns(diagram, RenderOptions())):
        expected.append(f"Column heading: {' / '.join(headings)}")
        expected += [f"Measure {m.number}" if isinstance(m, Measure) else m.label for m in members]
        if index == 0 and not diagram.counts[Tier.PRIMARY]:
            expected += ["Column heading: Primary drivers", "No drivers yet"]
    assert read == expected


def test_connectors_are_decorative_and_drawn_behind_the_boxes(
    rendered: tuple[Diagram, bytes],
) -> None:
    _, data = rendered
    (slide,) = reopen(data)
    children = list(the_group(slide).shapes)
    first_box = next(i for i, s in enumerate(children) if not isinstance(s, Connector))
    links = [s for s in children if isinstance(s, Connector) and not s.name.startswith("Key")]
    assert all(children.index(c) < first_box for c in links)
    for connector in (s for s in children if isinstance(s, Connector)):
        uris = connector.element.xpath("./*[1]/p:cNvPr/a:extLst/a:ext/@uri")
        assert DECORATIVE_URI in uris


def test_text_carries_the_diagrams_language() -> None:
    welsh = diagram_of(Path(__file__).parent / "data" / "welsh.yaml")
    (slide,) = reopen(deck(welsh))
    aim = next(s for s in the_group(slide).shapes if s.name == "Aim")
    assert set(aim.element.xpath(".//a:r/a:rPr/@lang")) == {"cy"}
    heading = next(s for s in the_group(slide).shapes if s.name == "Column heading: Aim")
    assert set(heading.element.xpath(".//a:r/a:rPr/@lang")) == {"en-GB"}


# --- split, sizes, determinism --------------------------------------------------------------


def test_split_gives_an_overview_and_a_slide_per_primary_driver() -> None:
    diagram = diagram_of(next(p for p in EXAMPLES if p.stem == "nhs-impact"))
    slides = reopen(deck(diagram, split=True))
    parts = split_diagram(diagram)
    assert len(slides) == len(parts) == 1 + len(diagram.tier(Tier.PRIMARY))
    for slide, (_, part) in zip(slides, parts, strict=True):
        assert slide.shapes.title is not None
        assert slide.shapes.title.text_frame.text == clean(part.title)
        assert slide.notes_slide.notes_text_frame.text.startswith(
            accessible_outline(part, RenderOptions())[:40]
        )


@pytest.mark.parametrize(
    ("size", "width", "height"),
    [(None, 12192000, 6858000), ("4:3", 9144000, 6858000), ("a4", 9906000, 6858000)],
)
def test_slide_sizes(size: str | None, width: int, height: int) -> None:
    diagram = diagram_of(EXAMPLES[0])
    presentation = Presentation(io.BytesIO(deck(diagram, slide_size=size)))
    assert (presentation.slide_width, presentation.slide_height) == (width, height)
    group = the_group(presentation.slides[0])
    assert group.left >= 0
    assert group.left + group.width <= width
    assert group.top >= 0
    assert group.top + group.height <= height


def test_same_bytes_every_run_with_fixed_zip_times(rendered: tuple[Diagram, bytes]) -> None:
    diagram, data = rendered
    assert deck(diagram) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    names = [info.filename for info in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert "docProps/thumbnail.jpeg" not in names
    properties = Presentation(io.BytesIO(data)).core_properties
    assert properties.title == clean(diagram.title)
    assert properties.language == diagram.meta.language
    assert properties.last_modified_by == "impact"


# --- templates ------------------------------------------------------------------------------

THEME_FONT = "DejaVu Serif"


def make_template(path: Path) -> Path:
    """An organisation's template: its theme fonts, a theme name, and a slide of its own;
    saved as .pptx, or as .potx (the same parts, the template content type)."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    assert slide.shapes.title is not None
    slide.shapes.title.text = "A slide of the template's own"
    buffer = io.BytesIO()
    presentation.save(buffer)
    template_type = (
        b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
    )
    presentation_type = (
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    )
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("ppt/theme/theme1"):
                body = body.replace(b'typeface="Calibri"', f'typeface="{THEME_FONT}"'.encode())
                body = body.replace(b'name="Office Theme"', b'name="Organisation theme"')
            if info.filename == "[Content_Types].xml" and path.suffix == ".potx":
                body = body.replace(presentation_type, template_type)
            target.writestr(info, body)
    return path


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_a_template_gives_its_master_fonts_and_size(tmp_path: Path, suffix: str) -> None:
    template = make_template(tmp_path / f"organisation{suffix}")
    diagram = diagram_of(EXAMPLES[0])
    data = deck(diagram, template=template)
    presentation = Presentation(io.BytesIO(data))
    assert (presentation.slide_width, presentation.slide_height) == (9144000, 6858000)
    (slide,) = presentation.slides  # the template's own slide is gone
    assert slide.slide_layout.name == "Title Only"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        theme = archive.read("ppt/theme/theme1.xml")
        slide_xml = archive.read("ppt/slides/slide1.xml")
    assert b'name="Organisation theme"' in theme
    assert THEME_FONT.encode() in theme
    assert b"<a:latin" not in slide_xml, "the slide's text takes the template's theme fonts"
    assert the_group(slide).name == clean(diagram.title)


def test_template_errors(impact: Invoke, tmp_path: Path) -> None:
    source = EXAMPLES[0]
    not_a_deck = tmp_path / "notes.pptx"
    not_a_deck.write_text("not a zip")
    result = impact("render", source, "-o", tmp_path / "out.pptx", "--template", not_a_deck)
    assert result.exit_code == 2
    assert "not a PowerPoint presentation or template" in result.stderr
    assert not (tmp_path / "out.pptx").exists()

    result = impact("render", source, "-o", tmp_path / "o.pptx", "--template", tmp_path / "no")
    assert result.exit_code == 2
    assert "no such template file" in result.stderr

    template = make_template(tmp_path / "t.potx")
    result = impact(
        "render", source, "-o", tmp_path / "o.pptx", "--template", template, "--slide-size", "a4"
    )
    assert result.exit_code == 2
    assert "--slide-size and --template cannot be used together" in result.stderr


# --- the command line -----------------------------------------------------------------------


def test_cli_picks_pptx_by_suffix_and_splits_into_one_deck(impact: Invoke, tmp_path: Path) -> None:
    source = next(p for p in EXAMPLES if p.stem == "nhs-impact")
    result = impact("render", source, "-f", "svg,pptx", "--split", "-d", tmp_path)
    assert result.exit_code == 0, result.output
    decks = sorted(p.name for p in tmp_path.glob("*.pptx"))
    assert decks == ["nhs-impact.pptx"]
    assert len(sorted(tmp_path.glob("*.svg"))) == 6  # the pictures are still one per part
    assert len(reopen((tmp_path / "nhs-impact.pptx").read_bytes())) == 6

    result = impact("render", source, "-o", tmp_path / "x.pptx", "--slide-size", "A4")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.svg", "--slide-size", "a4"), "--slide-size applies only to PowerPoint"),
        (("-o", "x.docx", "--template", "t.potx"), "--template applies only to PowerPoint"),
        (("-o", "x.pptx", "--slide-size", "a5"), "unknown slide size 'a5'"),
    ],
)
def test_slide_options_are_refused_where_they_mean_nothing(
    impact: Invoke, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    args = tuple(str(tmp_path / a) if a.startswith(("x.", "t.")) else a for a in args)
    result = impact("render", EXAMPLES[0], *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_library_says_which_extra_to_install() -> None:
    spec = Format(
        "pptx", FORMATS["pptx"].module, (".pptx",), requires=("no_such_pptx",), extra="office"
    )
    with pytest.raises(ImpactError) as caught:
        check_available(spec)
    assert "needs the Python package no_such_pptx" in caught.value.message
    assert caught.value.hint is not None
    assert "impact-cli[office]" in caught.value.hint
    check_available(FORMATS["pptx"])  # installed with the dev extra
    check_available(FORMATS["docx"])
