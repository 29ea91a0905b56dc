"""Docs that cannot drift: every command teaches with --help and is in the README (sqlite-utils' habit)."""

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from review_cli.app import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def _commands(group, prefix: str = ""):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = dict(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_an_example(name):
    result = CliRunner().invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`cleardocket {name} --help` shows no example"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme(name):
    assert f"cleardocket {name}" in README, f"README never mentions `cleardocket {name}`"


def test_every_exit_code_is_documented():
    from review_cli.exit_codes import ExitCode

    for code in ExitCode:
        assert f"| {int(code)} |" in README, f"exit code {int(code)} is not in the README table"
