"""`cleardocket fixtures generate` through typer's CliRunner."""

import json

import pytest
from typer.testing import CliRunner

from review_cli.app import app
from review_cli.exit_codes import ExitCode

runner = CliRunner()
SMALL = ["--dpi", "50"]


def generate(tmp_path, *extra):
    return runner.invoke(app, ["fixtures", "generate", "--count", "4", "--out", str(tmp_path), "--seed", "9",
                               *SMALL, *extra])


def test_writes_documents_and_truth_in_every_format(tmp_path):
    result = generate(tmp_path, "--format", "mixed", "--damage", "damaged")
    assert result.exit_code == ExitCode.OK, result.output
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert [t.name for t in truths] == [f"docket_000{i}.truth.json" for i in range(1, 5)]
    documents = sorted(p for p in tmp_path.iterdir() if not p.name.endswith(".truth.json"))
    assert len(documents) == 4
    for document, truth_path in zip(documents, truths):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        assert truth["cases"] and truth["pages"]
        if len(truth["pages"]) > 1:
            assert document.suffix in (".pdf", ".tif")


def test_same_seed_same_files(tmp_path):
    assert generate(tmp_path / "a", "--format", "tiff").exit_code == ExitCode.OK
    assert generate(tmp_path / "b", "--format", "tiff").exit_code == ExitCode.OK
    for first in (tmp_path / "a").iterdir():
        assert first.read_bytes() == (tmp_path / "b" / first.name).read_bytes()


def test_summary_gives_counts_never_personal_data(tmp_path):
    result = generate(tmp_path, "--format", "png", "--layout", "rap_sheet")
    assert result.exit_code == ExitCode.OK
    assert "4 documents" in result.output
    for truth_path in tmp_path.glob("*.truth.json"):
        for case in json.loads(truth_path.read_text(encoding="utf-8"))["cases"]:
            assert case["defendant"]["name"] not in result.output
            assert case["case_number_text"] not in result.output


@pytest.mark.parametrize("option", [["--damage", "smudged"], ["--format", "bmp"], ["--layout", "scroll"],
                                    ["--count", "0"]])
def test_bad_options_exit_with_usage(tmp_path, option):
    result = runner.invoke(app, ["fixtures", "generate", "--count", "1", "--out", str(tmp_path), *option])
    assert result.exit_code == ExitCode.USAGE


def test_help_has_an_example():
    result = runner.invoke(app, ["fixtures", "generate", "--help"])
    assert result.exit_code == ExitCode.OK
    assert "Example: cleardocket fixtures generate" in result.output
