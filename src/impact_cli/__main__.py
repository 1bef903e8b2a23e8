"""``python -m impact_cli`` and the ``impact`` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        # The commonest probe of a tool (CI logs, bug reports): answer it without
        # importing typer; the output is exactly typer's.
        from . import __version__

        sys.stdout.write(f"impact {__version__}\n")
        sys.exit(0)
    # Pydantic looks for plugins in every installed package's entry points the first
    # time it builds a validator; impact's models are internal, so the command line
    # skips that scan (a user who sets the variable keeps their value).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from .cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
