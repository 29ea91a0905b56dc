"""The top-level command lists every command without importing it, and imports only what runs."""

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from review_cli.app import COMMAND_MODULES, COMMANDS, app, load_commands

# What `cleardocket --help` and `cleardocket scan` must not pay for: each takes a second or more
# to import, and each scan worker process imports the app again.
HEAVY = ("spacy", "datasette", "textual", "dask", "fpdf")


@pytest.mark.parametrize("module_name", COMMAND_MODULES)
def test_the_summaries_are_the_commands_own(module_name):
    for name, command in load_commands(module_name).items():
        assert COMMANDS[name].module == module_name
        assert COMMANDS[name].summary == " ".join(command.help.split("\n\n")[0].split())


def test_every_registered_command_is_listed():
    registered = {name for module_name in COMMAND_MODULES for name in load_commands(module_name)}
    assert registered == set(COMMANDS)
    assert set(typer.main.get_command(app).commands) == set(COMMANDS)


def test_help_lists_every_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.output


def _imported_by(*args: str) -> set[str]:
    code = (
        "import sys\nfrom review_cli.app import app\n"
        f"try:\n    app({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.splitlines()[-1].split())


@pytest.mark.parametrize("args", [("--help",), ("scan", "--help")])
def test_help_and_scan_import_no_heavy_library(args):
    imported = _imported_by(*args)
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_a_command_imports_what_it_needs():
    assert "spacy" in _imported_by("extract", "--help")
