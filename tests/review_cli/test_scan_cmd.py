import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from review_cli.app import app
from review_cli.exit_codes import ExitCode

CLEARDOCKET = Path(sys.executable).parent / "cleardocket"
# A made-up defendant: the summary must never print what a page says.
NAME = "WOJCIECHOWSKI"


@pytest.fixture(scope="module")
def box(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("box")
    image = Image.new("L", (1500, 450), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeMono.ttf", 50)
    draw = ImageDraw.Draw(image)
    draw.text((100, 80), f"PEOPLE VS {NAME}", font=font, fill=0)
    draw.text((100, 200), "POSSESSION OF CANNABIS DISMISSED", font=font, fill=0)
    image.save(folder / "docket.png", dpi=(300, 300))
    return folder


def invoke(*args: str):
    return CliRunner().invoke(app, ["scan", *args])


def test_a_good_box_scans_and_exits_0_without_printing_its_text(box, tmp_path):
    result = invoke(str(box), "--db", str(tmp_path / "d.db"), "--workers", "1")
    assert result.exit_code == ExitCode.OK, result.output
    assert "documents done" in result.output and "pages per minute" in result.output
    assert NAME not in result.output


def test_a_bad_file_is_listed_and_exits_1(box, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "upload.pdf").write_bytes(b"%PDF-1.4\n")
    result = invoke(str(box), str(bad), "--db", str(tmp_path / "d.db"), "--workers", "1")
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert "upload.pdf" in result.output and "truncated" in result.output


def test_a_missing_folder_exits_3(tmp_path):
    assert invoke(str(tmp_path / "missing"), "--db", str(tmp_path / "d.db")).exit_code == ExitCode.INPUT_NOT_FOUND


def test_a_bad_option_exits_2(box, tmp_path):
    assert invoke(str(box), "--db", str(tmp_path / "d.db"), "--psm", "7").exit_code == ExitCode.USAGE


def test_a_file_that_is_no_database_exits_6(box, tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("meeting notes, not SQLite\n" * 100)
    assert invoke(str(box), "--db", str(not_a_db)).exit_code == ExitCode.DATABASE_ERROR


def test_missing_tesseract_exits_5(box, tmp_path):
    env = {**os.environ, "CLEARDOCKET_TESSERACT": str(tmp_path / "no-tesseract-here")}
    done = subprocess.run(
        [str(CLEARDOCKET), "scan", str(box), "--db", str(tmp_path / "d.db")], env=env, capture_output=True, text=True
    )
    assert done.returncode == ExitCode.TOOL_MISSING
    assert "tesseract is not installed" in done.stderr


def test_a_document_in_which_no_case_is_read_is_listed_by_name(box, tmp_path):
    # A page that is no docket reads without error, yet nothing of it would reach review: the
    # clerk is told which file to look at.
    stray = tmp_path / "stray"
    stray.mkdir()
    image = Image.new("L", (1500, 300), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeMono.ttf", 50)
    ImageDraw.Draw(image).text((100, 100), "BOX 12 INVENTORY SHEET", font=font, fill=0)
    image.save(stray / "inventory.png", dpi=(300, 300))
    result = invoke(str(box), str(stray), "--db", str(tmp_path / "d.db"), "--workers", "1")
    assert result.exit_code == ExitCode.OK, result.output
    assert "documents with no case read" in result.output
    listed = result.output.split("Documents with no case read")[1]
    assert "inventory.png" in listed and "docket.png" not in listed
