"""Each stage's page image, kept on request (`--keep-work-dir`) to see which stage did harm.

Files are named by page and stage, `000003_deskew.png`, `000003_ocr.tsv`, in stage order.
"""

from __future__ import annotations

from pathlib import Path

import cv2

from models.pages import PageImage


def stage_path(work_dir: Path, page_number: int, name: str) -> Path:
    # Scans of criminal records: the folder is its owner's only, like the database.
    work_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return work_dir / f"{page_number:06d}_{name}"


def keep_image(work_dir: Path | None, page: PageImage, stage: str) -> None:
    if work_dir is not None:
        cv2.imwrite(str(stage_path(work_dir, page.page_number, f"{stage}.png")), page.pixels)


def keep_text(work_dir: Path | None, page_number: int, name: str, text: str) -> None:
    if work_dir is not None:
        stage_path(work_dir, page_number, name).write_text(text, encoding="utf-8")
