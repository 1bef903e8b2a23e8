"""What the browsers show: for each diagram, its last good page, its problems, a version.

The watcher thread calls :meth:`Session.refresh` after each burst of saves; the
server's threads read :meth:`Session.shown` and wait in :meth:`Session.wait`. A
page's state is one immutable :class:`Shown`, replaced whole under the lock, so a
reader never sees half an update.

A diagram is read, validated and rendered with the same code as ``impact validate``
and ``impact render -o x.html``: the page a browser shows is the page ``render``
writes. When the file has errors, the last good page stays and the problems are
shown with it; a file that has never been valid shows a placeholder.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..check.validate import FileReport, validate_text
from ..errors import ImpactError
from ..render import RenderOptions, render
from ..render.graphviz_run import size_check
from ..source.files import find, read_bytes, shown
from . import pages

INDEX = "/"
"""The URL path of the page of a watched file, or of the index of a watched directory."""


@dataclass(frozen=True)
class Shown:
    """One page as browsers show it at one moment."""

    page: str
    """The last good page, as ``impact render -o x.html`` writes it, or a placeholder."""
    status: str
    """The live region's markup: the problems, or that there are none."""
    stale: bool
    """The file has errors: ``page`` is the last version without them."""
    version: str = field(init=False)
    """Changes when ``page`` changes: the browser swaps the page only then."""
    status_id: str = field(init=False)
    """Changes when ``status`` or ``stale`` changes: the region is rewritten (and so
    announced) only then."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "version", _digest(self.page))
        object.__setattr__(self, "status_id", _digest(f"{self.stale}:{self.status}"))


@dataclass(frozen=True)
class Outcome:
    """What one rebuild found, for the terminal."""

    name: str
    report: FileReport | None
    error: ImpactError | None
    updated: bool
    """The page changed to a new good version."""
    seconds: float
    warning: str | None = None
    has_page: bool = False
    """A good version exists (shown while the file has errors)."""


@dataclass
class Entry:
    """One diagram being watched."""

    path: Path
    name: str
    """As shown: the path given, or the path inside the watched directory."""
    key: str
    """Its URL path."""
    follow_symlinks: bool = True
    data: bytes | None = None
    good: str | None = None
    title: str | None = None
    report: FileReport | None = None
    error: ImpactError | None = None
    shown: Shown | None = None
    data_files: tuple[Path, ...] = ()
    """The CSV files its measures read, as of the last build."""

    @property
    def inputs(self) -> list[Path]:
        """The files whose change changes this page: the diagram and the data files of
        its measures; the watcher follows them all (see :meth:`Session.roots`)."""
        return [self.path, *self.data_files]

    def watched(self) -> set[Path]:
        """Each input as the watcher names it (under a resolved directory), and the file
        a symlink leads to."""
        out: set[Path] = set()
        for path in self.inputs:
            out.add(path.absolute().parent.resolve() / path.name)
            out.add(path.resolve())
        return out


class Session:
    """The diagrams of one ``impact watch``, their pages, and who is waiting for them."""

    def __init__(
        self,
        target: Path,
        options: RenderOptions,
        *,
        force: bool = False,
        follow_symlinks: bool = False,
    ) -> None:
        self.target = target
        self.directory = target.is_dir()
        self.options = options
        self.force = force
        self.follow_symlinks = follow_symlinks
        self.notes: list[str] = []
        """Notes on what a directory walk left out, new since the last refresh."""
        self._entries: dict[str, Entry] = {}
        self._listed: list[Entry] = []
        self._index: Shown | None = None
        self._noted: set[str] = set()
        self._lock = threading.Condition()
        self.generation = 0
        self.closed = False
        if not self.directory:
            self._entries[INDEX] = Entry(target, shown(target), INDEX)

    # -- for the watcher ------------------------------------------------------------------

    def roots(self) -> set[Path]:
        """The directories to watch: the watched directory, or each input's directory
        (a file is watched through its directory: editors save by renaming over it)."""
        inputs = {p for entry in self._entries.values() for p in entry.watched()}
        if self.directory:
            top = self.target.resolve()
            return {top} | {p.parent for p in inputs if not p.is_relative_to(top)}
        return {p.parent for p in inputs}

    def relevant(self, path: Path) -> bool:
        """Whether a change to ``path`` may change a page."""
        if self.directory and path.is_relative_to(self.target.resolve()):
            return True
        return any(path in entry.watched() for entry in self._entries.values())

    def refresh(self, changed: set[Path] | None = None) -> list[Outcome]:
        """Read again what ``changed`` touches (everything when None), render what is
        now valid, and wake the browsers when a page or its problems changed."""
        if self.directory:
            self._discover()
        outcomes = []
        for entry in list(self._entries.values()):
            if changed is None or entry.shown is None or entry.watched() & changed:
                outcome = self._build(entry)
                if outcome is not None:
                    outcomes.append(outcome)
        index_changed = self.directory and self._update_index()
        if outcomes or index_changed:
            with self._lock:
                self.generation += 1
                self._lock.notify_all()
        return outcomes

    def _update_index(self) -> bool:
        page, status = pages.index_page(self.target, self._listed, self.options.theme)
        if self._index is not None and (page, status) == (self._index.page, self._index.status):
            return False
        with self._lock:
            self._index = Shown(page, status, stale=False)
        return True

    def _discover(self) -> None:
        found = find([self.target], follow_symlinks=self.follow_symlinks)
        self.notes = [n for n in found.skipped if n not in self._noted]
        self._noted.update(self.notes)
        listed = []
        keys = {entry.path: key for key, entry in self._entries.items()}
        for path in found.files:
            key = keys.get(path) or self._new_key(path)
            if key not in self._entries:
                name = shown(path.relative_to(self.target).as_posix())
                entry = Entry(path, name, key, follow_symlinks=self.follow_symlinks)
                with self._lock:
                    self._entries[key] = entry
            listed.append(self._entries[key])
        self._listed = listed
        for error in found.errors:  # the directory itself became unreadable
            self.notes.append(error.message)

    def _new_key(self, path: Path) -> str:
        relative = path.relative_to(self.target)
        key = "/" + relative.with_suffix(".html").as_posix()
        if key in self._entries or key == INDEX:  # a.yaml beside a.yml
            key = "/" + relative.as_posix() + ".html"
        return key

    def _build(self, entry: Entry) -> Outcome | None:
        start = time.perf_counter()
        try:
            data = read_bytes(entry.path, follow_symlinks=entry.follow_symlinks)
        except ImpactError as exc:
            if entry.shown is not None and entry.error and entry.error.message == exc.message:
                return None
            entry.data, entry.report, entry.error = None, None, exc
            self._show(entry)
            return Outcome(
                entry.name,
                None,
                exc,
                False,
                time.perf_counter() - start,
                None,
                entry.good is not None,
            )
        stamp = data + _stamps(entry.data_files)
        if stamp == entry.data and entry.shown is not None:
            return None  # saved again unchanged, or another file in the same burst
        entry.error = None
        entry.report = report = validate_text(data, entry.name, base=entry.path.parent)
        if report.diagram is not None:
            entry.data_files = tuple(
                entry.path.parent / m.data.source
                for m in report.diagram.measures
                if m.data is not None and m.data.source != "points"
            )
        entry.data = data + _stamps(entry.data_files)
        updated, warning = False, None
        if report.diagram is not None and not report.failed():
            try:
                diagram = report.diagram
                warning = size_check(
                    len(diagram.nodes), len(diagram.links), force=self.force, name=entry.name
                )
                page = render(report.diagram, "html", self.options).decode("utf-8")
            except ImpactError as exc:  # Graphviz failed or timed out; the file is fine
                entry.error = exc
            else:
                updated = page != entry.good
                entry.good, entry.title = page, report.diagram.meta.title
        self._show(entry)
        return Outcome(
            entry.name,
            report,
            entry.error,
            updated,
            time.perf_counter() - start,
            warning,
            entry.good is not None,
        )

    def _show(self, entry: Entry) -> None:
        stale = entry.error is not None or (entry.report is not None and entry.report.failed())
        status = pages.status(
            entry.name, entry.report, entry.error, has_page=entry.good is not None
        )
        page = entry.good or pages.placeholder_page(entry.name, self.options.theme)
        with self._lock:
            entry.shown = Shown(page, status, stale)

    # -- for the server -------------------------------------------------------------------

    def shown(self, key: str) -> Shown | None:
        """What the page at URL path ``key`` shows now; None for any other path."""
        with self._lock:
            if self.directory and key == INDEX:
                return self._index
            entry = self._entries.get(key)
            return entry.shown if entry is not None else None

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the generation is no longer ``seen``, the session closes, or
        ``timeout`` seconds pass; the generation then."""
        with self._lock:
            self._lock.wait_for(lambda: self.generation != seen or self.closed, timeout)
            return self.generation

    def close(self) -> None:
        """Wake every waiting event stream so that it ends."""
        with self._lock:
            self.closed = True
            self._lock.notify_all()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _stamps(paths: tuple[Path, ...]) -> bytes:
    """What tells a data file's change: its size and time of change, or its absence."""
    out = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            out.append(f"{path}:gone")
        else:
            out.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return ("\n" + "\n".join(out)).encode("utf-8", "surrogateescape") if out else b""
