"""Shell completion (typer's --install-completion / --show-completion), as documented."""

from __future__ import annotations

from conftest import Invoke


def test_bash_completion_completes_commands_and_options(impact_process: Invoke) -> None:
    env = {"_IMPACT_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    result = impact_process(env={**env, "COMP_WORDS": "impact di"})
    assert result.exit_code == 0
    assert result.stdout.split() == ["diff"]
    result = impact_process(env={**env, "COMP_WORDS": "impact init --ex", "COMP_CWORD": "2"})
    assert "--example" in result.stdout.split()


def test_show_completion_prints_the_script(impact_process: Invoke) -> None:
    result = impact_process("--show-completion", env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0
    assert "complete -o default -F _impact_completion impact" in result.stdout
