"""What the slide deck and the Word document share: the same bytes every run, the
document's properties, and text that XML can carry.

An Office file is a zip of XML parts. python-pptx and python-docx stamp each zip
entry with the time of writing, so the same diagram would give different bytes at
every run: ``stable_zip`` writes the entries again with one fixed time, in a fixed
order. The core properties (title, dates) are set from the diagram alone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Protocol

from ...diagram import clean

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can hold."""
CONTENT_TYPES = "[Content_Types].xml"
THUMBNAIL = "docProps/thumbnail.jpeg"
"""The libraries' templates carry a picture of an empty page, which file browsers would
show as the file's preview: it is left out, with the relationship to it."""
_THUMBNAIL_RELATIONSHIP = re.compile(
    rb'<Relationship [^>]*Target="/?docProps/thumbnail\.jpeg"[^>]*/>'
)

# XML 1.0 cannot carry surrogates or U+FFFE/U+FFFF (the file format already refuses
# control characters); lxml refuses them, so they are replaced, as a reader would.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def stable_zip(data: bytes) -> bytes:
    """The zip ``data`` written again: fixed times, ``[Content_Types].xml`` first, then by
    name, and no thumbnail."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = sorted(source.namelist(), key=lambda name: (name != CONTENT_TYPES, name))
        for name in names:
            if name == THUMBNAIL:
                continue
            body = source.read(name)
            if name == "_rels/.rels":
                body = _THUMBNAIL_RELATIONSHIP.sub(b"", body)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, wherever it is written
            info.external_attr = 0o644 << 16
            target.writestr(info, body)
    return out.getvalue()


class CoreProperties(Protocol):
    """The core properties python-pptx and python-docx both offer."""

    author: str
    comments: str
    created: dt.datetime
    keywords: str
    language: str
    last_modified_by: str
    modified: dt.datetime
    revision: int
    subject: str
    title: str


def set_core_properties(props: CoreProperties, diagram: Diagram) -> None:
    """Title, language, author and dates from the diagram; nothing from the clock or the
    libraries' own templates."""
    meta = diagram.meta
    props.title = xml_text(clean(meta.title))
    props.subject = "Driver diagram"
    props.comments = xml_text(clean(meta.summary or ""))
    props.author = xml_text(clean(meta.owner or ""))
    props.last_modified_by = "impact"
    props.keywords = "driver diagram; quality improvement"
    props.language = meta.language
    props.revision = 1
    props.created = props.modified = document_date(meta.updated)


def document_date(updated: str | None) -> dt.datetime:
    """The diagram's 'updated' date when it is an ISO date (2025-03-01), else 1 January 1980."""
    try:
        day = dt.date.fromisoformat((updated or "").strip()[:10])
    except ValueError:
        return dt.datetime(*ZIP_TIME, tzinfo=dt.UTC)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
