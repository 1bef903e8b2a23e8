"""One module per subcommand; each exposes ``run(settings) -> int`` (an exit code)."""
