"""The ``impact`` command line: option parsing only.

Each command turns its options into a settings object and hands it to
``impact_cli.commands.<name>.run(settings) -> int`` (one module per subcommand,
imported only when that command runs). :func:`main` maps every outcome to an
exit code: 0 ok, 1 findings, 2 usage or environment problems (and bugs), 130
interrupted.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="impact",
    help="Driver diagrams as code: validate, lint and render quality-improvement driver "
    "diagrams to Graphviz, accessible HTML and text.",
    epilog="Start with 'impact init'. Help on each command: impact COMMAND --help. The "
    "file format: the comments 'impact init' writes, and 'impact schema' (every field "
    "described). The rules: 'impact rules', 'impact explain CODE'. The full documentation "
    "(README.md, docs/, CHANGELOG.md) is in impact's source repository.",
    no_args_is_help=True,
    rich_markup_mode=None,  # click's plain help: no rich import, no boxes
    pretty_exceptions_enable=False,  # never dump locals (diagram content) to a terminal
    context_settings={"help_option_names": ["-h", "--help"]},
)

_STATE = {"debug": False}  # the root's --debug, for validate and the crash handler


def _version(value: bool) -> None:
    if value:
        typer.echo(f"impact {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")
    ] = False,
) -> None:
    _STATE["debug"] = debug


def _run(command: str, settings: object) -> None:
    """Run one command; its exit code becomes the process's."""
    module = importlib.import_module(f"impact_cli.commands.{command}")
    raise typer.Exit(module.run(settings))


def _positive(value: int | None) -> int | None:
    """Reject 0 and below; ``min=1`` would do it too but shows ``[x>=1]`` in the help."""
    if value is not None and value < 1:
        raise typer.BadParameter(f"must be 1 or more, not {value}")
    return value


# Options that validate and render share: how a directory is walked.
FollowSymlinks = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        help="Read symlinks found in directories when they lead to a file inside the "
        "same directory (by default they are skipped, with a note).",
    ),
]
# Options that render and watch share, declared once.
ShowTheory = Annotated[
    bool, typer.Option("--theory/--no-theory", help="Show the theory of change.")
]
ShowMeasures = Annotated[bool, typer.Option("--measures/--no-measures", help="Show the measures.")]
Theme = Annotated[str, typer.Option("--theme", metavar="NAME", help="Colour theme: nhs or plain.")]
Force = Annotated[bool, typer.Option("--force", help="Lay out even very large diagrams.")]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERN",
        help="Leave out what PATTERN matches when searching directories, written as in "
        ".gitignore (node_modules/, *.generated.yaml, docs/old/); repeatable. Paths in "
        ".gitignore files are left out too.",
    ),
]


# Arguments are described in each command's help text rather than in an
# "Arguments" list, which typer fills with Python types (<list[Path]>).
@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="PATH", hidden=True)] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text, json, github or sarif. Default: github when GITHUB_ACTIONS=true, "
            "else text.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print problems only: no summary, no source.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            help="Lint profile: ihi or permissive (overrides the file).",
        ),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Comma-separated rule codes or prefixes to run only.",
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore", metavar="CODES", help="Comma-separated rule codes or prefixes to skip."
        ),
    ] = None,
    no_lint: Annotated[
        bool, typer.Option("--no-lint", help="Check structure only; skip the QI lint rules.")
    ] = False,
    color: Annotated[
        str, typer.Option("--color", metavar="WHEN", help="auto, always or never.")
    ] = "auto",
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            metavar="BYTES",
            help="Largest file to read. Default: 5 MiB.",
            callback=_positive,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Worker processes: 0 = one per CPU when there are enough files to gain "
            "from it, 1 = one file at a time. The output is the same either way.",
        ),
    ] = 0,
    follow_symlinks: FollowSymlinks = False,
    exclude: Exclude = None,
) -> None:
    """Check diagrams: structure, references and QI lint rules. Exit 1 on errors.

    Each PATH is a diagram file or a directory, searched for *.yaml and *.yml
    files that are driver diagrams (a top-level title, aim or primary_drivers key);
    '-' reads stdin. Without a PATH, the current directory is checked. A file named
    as PATH is always checked.
    """
    from .commands.validate import ValidateSettings

    _run(
        "validate",
        ValidateSettings(
            paths=paths or [Path()],
            output_format=output_format,
            quiet=quiet,
            strict=strict,
            profile=profile,
            select=_split(select),
            ignore=_split(ignore),
            lint=not no_lint,
            color=color,
            max_bytes=max_bytes,
            jobs=jobs,
            debug=_STATE["debug"],
            follow_symlinks=follow_symlinks,
            exclude=exclude or [],
        ),
    )


@app.command()
def render(
    inputs: Annotated[list[Path], typer.Argument(metavar="PATH", hidden=True)],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Output file; its suffix picks the format. '-' is stdout.",
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="svg, png, pdf, dot, html, txt, md, mermaid, json, csv, pptx or docx; a "
            "comma list writes several.",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", "-d", metavar="DIR", help="Directory for the outputs."),
    ] = None,
    theory: ShowTheory = True,
    measures: ShowMeasures = True,
    theme: Theme = "nhs",
    split: Annotated[
        bool,
        typer.Option("--split", help="One diagram per primary driver plus an overview."),
    ] = False,
    paper: Annotated[
        str,
        typer.Option(
            "--paper",
            metavar="SIZE",
            help="Paper the HTML page is laid out to print on: a4 or a3.",
        ),
    ] = "a4",
    force: Force = False,
    follow_symlinks: FollowSymlinks = False,
    exclude: Exclude = None,
    direction: Annotated[
        str | None,
        typer.Option(
            "--direction",
            metavar="LR|TB",
            help="Draw left to right (LR) or top to bottom with the aim on top (TB); "
            "default: the file's 'direction', else LR.",
        ),
    ] = None,
    ideas_column: Annotated[
        str | None,
        typer.Option(
            "--ideas-column",
            metavar="auto|last|beside",
            help="Draw change ideas in a last column, beside the drivers they support, or "
            "choose (auto); default: the file's 'ideas_column', else auto.",
        ),
    ] = None,
    slide_size: Annotated[
        str | None,
        typer.Option(
            "--slide-size",
            metavar="SIZE",
            help="PowerPoint slide size: 16:9 (the default), 4:3 or a4.",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="PowerPoint template (.potx or .pptx) whose slide master and fonts to use.",
        ),
    ] = None,
) -> None:
    """Render diagrams to SVG, PNG, PDF, DOT, HTML, text, Markdown, PowerPoint and more.

    Each PATH is a diagram file or a directory of them; '-' reads stdin. With
    several diagrams, the valid ones are written and the invalid ones reported
    (exit 1).
    """
    from .commands.render import RenderSettings

    _run(
        "render",
        RenderSettings(
            inputs=inputs,
            output=output,
            formats=_split(output_format),
            out_dir=out_dir,
            show_theory=theory,
            show_measures=measures,
            theme=theme,
            split=split,
            paper=paper,
            force=force,
            follow_symlinks=follow_symlinks,
            exclude=exclude or [],
            direction=direction,
            ideas_column=ideas_column,
            slide_size=slide_size,
            template=template,
        ),
    )


@app.command()
def outline(
    input_path: Annotated[Path, typer.Argument(metavar="PATH", hidden=True)],
    accessible: Annotated[
        bool,
        typer.Option(
            "--accessible",
            "-a",
            help="The text alternative for screen-reader users: full sentences, no symbols.",
        ),
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text or markdown.")
    ] = "text",
    mermaid: Annotated[
        bool,
        typer.Option("--mermaid", help="With --format markdown: include a Mermaid diagram."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to a file instead of stdout."),
    ] = None,
) -> None:
    """Print the diagram as a numbered outline (its text alternative).

    PATH is a diagram file; '-' reads stdin.
    """
    from .commands.outline import OutlineSettings

    _run(
        "outline",
        OutlineSettings(
            input_path=input_path,
            accessible=accessible,
            output_format=output_format,
            mermaid=mermaid,
            output=output,
        ),
    )


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the schema to a file."),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="diagram (the file format), report (validate JSON) or export (JSON).",
        ),
    ] = "diagram",
) -> None:
    """Print the JSON Schema of the driver-diagram format (for editors and CI)."""
    from .commands.schema import SchemaSettings

    _run("schema", SchemaSettings(output=output, kind=kind))


@app.command()
def doctor() -> None:
    """Report what impact needs and finds on this machine (Graphviz, fonts, YAML parser)."""
    _run("doctor", None)


@app.command()
def rules(
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = "text",
) -> None:
    """List every rule code with its severity and one-line message."""
    _run("rules", output_format)


@app.command()
def explain(code: Annotated[str, typer.Argument(metavar="CODE", hidden=True)]) -> None:
    """Explain one rule in full: why it exists, its source and how to fix it.

    CODE is a rule code, e.g. DD-A01 ('impact rules' lists them).
    """
    _run("explain", code)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", hidden=True)] = Path(
        "driver-diagram.yaml"
    ),
    example: Annotated[
        str | None,
        typer.Option(
            "--example", metavar="NAME", help="Start from a bundled example, e.g. nhs-impact."
        ),
    ] = None,
) -> None:
    """Start a new driver diagram from a commented template. Never overwrites.

    PATH is where to write it. Default: driver-diagram.yaml.
    """
    from .commands.init import InitSettings

    _run("init", InitSettings(path=path, example=example))


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(metavar="CSV", hidden=True)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="The YAML file to write ('-' stdout)."),
    ] = None,
    layout: Annotated[
        str,
        typer.Option(
            "--layout",
            metavar="LAYOUT",
            help="auto, spreadsheet (id,level,parent_id,...) or kumu.",
        ),
    ] = "auto",
    connections: Annotated[
        Path | None,
        typer.Option(
            "--connections",
            metavar="CSV",
            help="Kumu connections sheet (From,To) to go with it.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the output file if it exists (a CSV sheet has no measures, "
            "glossary or theory of change: they are lost).",
        ),
    ] = False,
) -> None:
    """Import a driver diagram from CSV into YAML.

    CSV is a spreadsheet export or a Kumu elements sheet, separated by commas,
    semicolons or tabs, in UTF-8. The YAML is written beside it (sheet.yaml) or
    to -o FILE; an existing file is replaced only with --force.
    """
    from .commands.import_csv import ImportSettings

    _run(
        "import_csv",
        ImportSettings(
            source=source, output=output, layout=layout, connections=connections, force=force
        ),
    )


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", hidden=True)],
    new: Annotated[Path, typer.Argument(metavar="NEW", hidden=True)],
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json or markdown.")
    ] = "text",
) -> None:
    """Say what changed between two versions of a diagram. Exit 1 when they differ.

    OLD is the earlier version's file, NEW the later one's.
    """
    from .commands.diff import DiffSettings

    _run("diff", DiffSettings(old=old, new=new, output_format=output_format))


@app.command()
def watch(
    path: Annotated[Path, typer.Argument(metavar="PATH", hidden=True)],
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",
            help="Port on 127.0.0.1. Default: a free one.",
            show_default=False,
        ),
    ] = 0,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Do not open the page in a browser.")
    ] = False,
    theory: ShowTheory = True,
    measures: ShowMeasures = True,
    theme: Theme = "nhs",
    force: Force = False,
    follow_symlinks: FollowSymlinks = False,
) -> None:
    """Preview the HTML page in a browser; it updates at every save. Ctrl-C stops.

    PATH is a diagram file, or a directory (its page lists the diagrams in it).
    Problems show on the page and in the terminal; nothing is written to disk.
    """
    from .commands.watch import WatchSettings

    _run(
        "watch",
        WatchSettings(
            path=path,
            port=port,
            open_browser=not no_open,
            show_theory=theory,
            show_measures=measures,
            theme=theme,
            force=force,
            follow_symlinks=follow_symlinks,
        ),
    )


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and map every outcome to an exit code."""
    from .errors import ImpactError

    args = sys.argv[1:] if argv is None else argv
    try:
        # typer ends every run with SystemExit: the command's code, 2 after printing a
        # usage error, 130 after Ctrl-C, 1 when stdout's reader went away (... | head)
        app(args=args, prog_name="impact")
    except SystemExit as done:
        code = int(done.code or 0)
        if code == 130:  # typer says nothing on Ctrl-C
            sys.stderr.write("impact: interrupted\n")
        return code
    except ImpactError as exc:
        sys.stderr.write(f"impact: error: {exc.message}\n")
        if exc.hint:
            sys.stderr.write(f"  hint: {exc.hint}\n")
        return exc.exit_code
    except KeyboardInterrupt:  # before typer's own handler was in place
        sys.stderr.write("impact: interrupted\n")
        return 130
    except Exception as exc:
        return _unexpected(exc, args)
    return 0


def _unexpected(exc: Exception, args: list[str]) -> int:
    """A bug: one line asking for a report, the traceback in a log file."""
    from .crash import write_crash_log

    log = write_crash_log(exc, args)
    if _STATE["debug"] or "--debug" in args:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    sys.stderr.write(
        f"impact: internal error: {type(exc).__name__}. This is a bug in impact; please "
        f"report it with the log at {log}\n"
    )
    return 2
