"""The ``impact`` command line: option parsing only.

Each command turns its options into a settings object and hands it to
``impact_cli.commands.<name>.run(settings) -> int`` (one module per subcommand,
imported only when that command runs, so start-up stays fast). Library errors
are mapped to exit codes in :func:`main`: 0 ok, 1 findings, 2 usage or
environment problems (and bugs), 130 interrupted.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .cli_coercion import QuickCommand, QuickGroup

_APP_SETTINGS: dict[str, Any] = {
    "name": "impact",
    "cls": QuickGroup,
    "help": "Driver diagrams as code: validate, lint and render quality-improvement driver "
    "diagrams to Graphviz, accessible HTML and text.",
    "no_args_is_help": True,
    "add_completion": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,  # never dump locals (diagram content) to a terminal
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_APP_SETTINGS)

_STATE: dict[str, Any] = {"debug": False}


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


def _run(command: str, settings: Any) -> None:
    module = importlib.import_module(f"impact_cli.commands.{command}")
    code: int = module.run(settings)
    raise typer.Exit(code)


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Diagram files or directories (searched for *.yaml and *.yml); '-' reads stdin.",
        show_default=False,
    ),
]


@app.command(cls=QuickCommand)
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
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
        typer.Option("--profile", help="Lint profile: ihi or permissive (overrides the file)."),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option("--select", help="Comma-separated rule codes or prefixes to run only."),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option("--ignore", help="Comma-separated rule codes or prefixes to skip."),
    ] = None,
    no_lint: Annotated[
        bool, typer.Option("--no-lint", help="Check structure only; skip the QI lint rules.")
    ] = False,
    color: Annotated[str, typer.Option("--color", help="auto, always or never.")] = "auto",
    max_bytes: Annotated[
        int | None,
        typer.Option("--max-bytes", help="Largest file to read (default 5 MiB).", min=1),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes: 0 = one per CPU when there are enough files to gain "
            "from it, 1 = one file at a time. The output is the same either way.",
            min=0,
        ),
    ] = 0,
) -> None:
    """Check diagrams: structure, references and QI lint rules. Exit 1 on errors."""
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
            debug=bool(_STATE["debug"]),
        ),
    )


@app.command(cls=QuickCommand)
def render(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Diagram files or directories; '-' reads stdin.", show_default=False),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output file; its suffix picks the format. '-' is stdout."
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="svg, png, pdf, dot, html, txt, md, mermaid, json or csv; a comma list "
            "writes several.",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", "-d", help="Directory for the outputs.")
    ] = None,
    theory: Annotated[
        bool, typer.Option("--theory/--no-theory", help="Show the theory of change.")
    ] = True,
    measures: Annotated[
        bool, typer.Option("--measures/--no-measures", help="Show the measures.")
    ] = True,
    theme: Annotated[
        str, typer.Option("--theme", help="Colour theme: nhs (default) or plain.")
    ] = "nhs",
    split: Annotated[
        bool,
        typer.Option("--split", help="One diagram per primary driver plus an overview."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Lay out even very large diagrams.")
    ] = False,
) -> None:
    """Render diagrams to SVG, PNG, PDF, DOT, HTML, text, Markdown and more."""
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
            force=force,
        ),
    )


@app.command(cls=QuickCommand)
def outline(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="A diagram file; '-' reads stdin.")
    ],
    accessible: Annotated[
        bool,
        typer.Option(
            "--accessible",
            "-a",
            help="The text alternative for screen-reader users: full sentences, no symbols.",
        ),
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text or markdown.")
    ] = "text",
    mermaid: Annotated[
        bool,
        typer.Option("--mermaid", help="With --format markdown: include a Mermaid diagram."),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to a file instead of stdout.")
    ] = None,
) -> None:
    """Print the diagram as a numbered outline (its text alternative)."""
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


@app.command(cls=QuickCommand)
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to a file.")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="diagram (the file format), report (validate JSON) or export (JSON)."
        ),
    ] = "diagram",
) -> None:
    """Print the JSON Schema of the driver-diagram format (for editors and CI)."""
    from .commands.schema import SchemaSettings

    _run("schema", SchemaSettings(output=output, kind=kind))


@app.command(cls=QuickCommand)
def doctor() -> None:
    """Report what impact needs and finds on this machine (Graphviz, fonts, YAML parser)."""
    _run("doctor", None)


@app.command(cls=QuickCommand)
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List every rule code with its severity and one-line message."""
    _run("rules", output_format)


@app.command(cls=QuickCommand)
def explain(code: Annotated[str, typer.Argument(help="A rule code, e.g. DD-A01.")]) -> None:
    """Explain one rule in full: why it exists, its source and how to fix it."""
    _run("explain", code)


@app.command(cls=QuickCommand)
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the new diagram.")] = Path(
        "driver-diagram.yaml"
    ),
    example: Annotated[
        str | None,
        typer.Option("--example", help="Start from a bundled example, e.g. nhs-impact."),
    ] = None,
) -> None:
    """Start a new driver diagram from a commented template. Never overwrites."""
    from .commands.init import InitSettings

    _run("init", InitSettings(path=path, example=example))


@app.command("import", cls=QuickCommand)
def import_(
    source: Annotated[Path, typer.Argument(help="A CSV file (spreadsheet or Kumu layout).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The YAML file to write ('-' stdout).")
    ] = None,
    layout: Annotated[
        str,
        typer.Option("--layout", help="auto, spreadsheet (id,level,parent_id,...) or kumu."),
    ] = "auto",
    connections: Annotated[
        Path | None,
        typer.Option("--connections", help="Kumu connections sheet (From,To) to go with it."),
    ] = None,
) -> None:
    """Import a driver diagram from CSV into YAML."""
    from .commands.import_csv import ImportSettings

    _run(
        "import_csv",
        ImportSettings(source=source, output=output, layout=layout, connections=connections),
    )


@app.command(cls=QuickCommand)
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version.")],
    new: Annotated[Path, typer.Argument(help="The later version.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
) -> None:
    """Say what changed between two versions of a diagram. Exit 1 when they differ."""
    from .commands.diff import DiffSettings

    _run("diff", DiffSettings(old=old, new=new, output_format=output_format))


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def _app_for(args: list[str]) -> typer.Typer:
    """The app holding only the command that runs, when the arguments name one.

    typer turns every command's parameters into click objects before it runs any;
    for the ten commands that costs about as much as starting Python, and
    ``impact validate`` in a pre-commit hook needs only its own. Root options are
    flags, so after any ``--debug`` the next argument is the command name; anything
    else (``--help``, no command, an unknown or abbreviated name) gets the full app,
    so help and "No such command" stay exactly as they were.
    """
    rest = list(args)
    while rest and rest[0] == "--debug":
        rest.pop(0)
    if not rest:
        return app
    chosen = [info for info in app.registered_commands if _command_name(info) == rest[0]]
    if len(chosen) != 1:
        return app
    lean = typer.Typer(**_APP_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = chosen
    return lean


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and map every outcome to an exit code."""
    from .errors import ImpactError

    args = sys.argv[1:] if argv is None else argv
    try:
        # standalone_mode=False: click returns the exit code instead of calling sys.exit
        result = _app_for(args)(args=args, prog_name="impact", standalone_mode=False)
    except typer.Exit as exc:
        return _said(int(exc.exit_code))
    except ImpactError as exc:
        _print_error(exc.message, exc.hint)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("impact: interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (impact ... | head): not an error of ours
        _silence_stdout()
        return 0
    except Exception as exc:
        return _unexpected(exc, args)
    return _said(result if isinstance(result, int) else 0)


def _said(code: int) -> int:
    """The exit code, saying why when Ctrl-C caused it.

    typer turns a KeyboardInterrupt inside a command into a silent exit code 130,
    so the ``except KeyboardInterrupt`` in :func:`main` never sees it.
    """
    if code == 130:
        sys.stderr.write("impact: interrupted\n")
    return code


def _print_error(message: str, hint: str | None) -> None:
    sys.stderr.write(f"impact: error: {message}\n")
    if hint:
        sys.stderr.write(f"  hint: {hint}\n")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:  # pragma: no cover
        pass


def _unexpected(exc: BaseException, args: list[str]) -> int:
    """A bug: one line asking for a report, the traceback in a log file."""
    if isinstance(exc, typer.Abort):
        sys.stderr.write("impact: aborted\n")
        return 130
    show = getattr(exc, "show", None)
    if isinstance(exc, typer.TyperException) and callable(show):
        # a usage error (unknown option, missing argument): typer's message, exit 2.
        # typer vendors click, so its exception classes are not public; duck-type them.
        show()
        return int(getattr(exc, "exit_code", 2))
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
