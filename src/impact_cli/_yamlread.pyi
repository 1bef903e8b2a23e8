"""Types of the C extension built from _yamlread.c (see that file)."""

from typing import Any

def read(
    text: str, max_depth: int, max_nodes: int, plain_words: dict[str, bool | None], /
) -> tuple[dict[str, Any], Any] | None: ...
def libyaml_version() -> str: ...
