"""A real client: LibreOffice opens every deck and document impact writes.

LibreOffice (Debian's libreoffice-impress and libreoffice-writer, headless) converts
each example's .pptx and .docx, the hostile diagram's, a split deck and a deck made
with a template to PDF, all in one run (starting LibreOffice costs seconds); Poppler's
pdftotext then finds every box's title in each PDF. The profile LibreOffice writes is
a private one in a temporary directory.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, HOSTILE
from impact_cli.diagram import Tier
from impact_cli.render import RenderOptions, render
from test_office_pptx import THEME_FONT, diagram_of, make_template

SOURCES = [*EXAMPLES, HOSTILE]
IDS = [p.stem for p in SOURCES]


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: run 'make setup', which installs it")  # never a skip
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file converted to PDF by one LibreOffice run: ``<name>.pdf`` in the directory."""
    work = tmp_path_factory.mktemp("office")
    files = []
    for source in SOURCES:
        diagram = diagram_of(source)
        for fmt, name in (("pptx", "slides"), ("docx", "document")):
            path = work / f"{source.stem}-{name}.{fmt}"
            path.write_bytes(render(diagram, fmt))
            files.append(path)
    nhs = diagram_of(next(p for p in EXAMPLES if p.stem == "nhs-impact"))
    split = work / "nhs-impact-split.pptx"
    split.write_bytes(render(nhs, "pptx", RenderOptions(split=True)))
    template = make_template(work / "organisation.potx")
    templated = work / "nhs-impact-templated.pptx"
    templated.write_bytes(render(nhs, "pptx", RenderOptions(template=template)))
    files += [split, templated]

    out = work / "pdf"
    command = [
        tool("soffice"),
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    proc = subprocess.run(command, capture_output=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    missing = [f.name for f in files if not (out / f"{f.stem}.pdf").exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {proc.stderr!r}"
    return out


def pdf_text(pdf: Path) -> str:
    proc = subprocess.run(
        [tool("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, check=True, timeout=60
    )
    return proc.stdout.decode("utf-8")


def pages(pdf: Path) -> int:
    proc = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, check=True, timeout=60)
    return int(re.search(rb"^Pages:\s+(\d+)", proc.stdout, re.M).group(1))  # type: ignore[union-attr]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("source", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("kind", ["slides", "document"])
def test_libreoffice_shows_every_box_title(pdfs: Path, source: Path, kind: str) -> None:
    diagram = diagram_of(source)
    text = squash(pdf_text(pdfs / f"{source.stem}-{kind}.pdf"))
    if kind == "document":  # the text version expands a glossary term at its first use
        for _, expansion in diagram.glossary:
            text = text.replace(squash(f"({expansion})"), "")
    lost = [n.title for n in diagram.nodes.values() if squash(n.title) not in text]
    lost += [m.name for m in diagram.measures if squash(m.name) not in text]
    assert not lost
    if kind == "slides":
        assert pages(pdfs / f"{source.stem}-{kind}.pdf") == 1


def test_libreoffice_opens_hostile_text(pdfs: Path) -> None:
    diagram = diagram_of(HOSTILE)
    slides = squash(pdf_text(pdfs / "hostile-slides.pdf"))
    document = squash(pdf_text(pdfs / "hostile-document.pdf"))
    assert pages(pdfs / "hostile-slides.pdf") == 1
    assert pages(pdfs / "hostile-document.pdf") >= 2
    ascii_titles = [n.title for n in diagram.nodes.values() if n.title.isascii()]
    assert ascii_titles
    for title in ascii_titles:
        assert squash(title) in document
    # a slide's box is small: its text is all there, though it may wrap mid-title
    assert squash("<script>alert('p1')</script>") in slides


def test_libreoffice_shows_a_slide_per_part_and_the_templates_fonts(pdfs: Path) -> None:
    nhs = diagram_of(next(p for p in EXAMPLES if p.stem == "nhs-impact"))
    assert pages(pdfs / "nhs-impact-split.pdf") == 1 + len(nhs.tier(Tier.PRIMARY))
    fonts = subprocess.run(
        [tool("pdffonts"), str(pdfs / "nhs-impact-templated.pdf")],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    assert THEME_FONT.replace(" ", "") in fonts
