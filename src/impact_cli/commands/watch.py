"""``impact watch PATH``: serve the HTML page on 127.0.0.1 and update it at every save.

PATH is a diagram, or a directory (an index page links to each diagram in it).
Nothing is written to disk. The preview itself is the ``impact_cli.watch``
package; this module checks the options and starts it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import GraphvizMissingError, ImpactError
from ..source.files import shown

MAX_PORT = 65_535


@dataclass
class WatchSettings:
    path: Path
    port: int = 0
    """0: a free port chosen by the system."""
    open_browser: bool = True
    show_theory: bool = True
    show_measures: bool = True
    theme: str = "nhs"
    force: bool = False
    follow_symlinks: bool = False


def run(settings: WatchSettings) -> int:
    from ..render import RenderOptions
    from ..render.graphviz_run import dot_path
    from ..render.theme import get_theme
    from .validate import use_color

    get_theme(settings.theme)  # an unknown theme is a usage error before any work
    if str(settings.path) == "-":
        raise ImpactError(
            "impact watch cannot watch stdin", "name a diagram file or a directory of them"
        )
    if not settings.path.exists():
        raise ImpactError(f"{shown(settings.path)}: no such file or directory")
    if not 0 <= settings.port <= MAX_PORT:
        raise ImpactError(
            f"--port must be between 0 and {MAX_PORT}, not {settings.port}",
            "leave --port out to use a free port",
        )
    if dot_path() is None:
        raise GraphvizMissingError("html")

    from ..watch.run import serve
    from ..watch.session import Session

    session = Session(
        settings.path,
        RenderOptions(
            show_theory=settings.show_theory,
            show_measures=settings.show_measures,
            theme=settings.theme,
        ),
        force=settings.force,
        follow_symlinks=settings.follow_symlinks,
    )
    color = use_color("auto")
    return serve(
        session, port=settings.port, open_browser=settings.open_browser, out=sys.stdout, color=color
    )
