"""The spaCy pipeline of extract/: `spacy.blank("en")` and the court components of config.cfg."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extract.components  # noqa: F401  (registers the court_* factories and court.*.v1 readers)
from extract.layout import Line

CONFIG_PATH = Path(__file__).resolve().parent / "config.cfg"


@cache
def load_pipeline() -> Language:
    """The extraction pipeline, built once per process from extract/config.cfg."""
    config = spacy.util.load_config(CONFIG_PATH)
    nlp = spacy.blank(config["nlp"]["lang"])
    for name in config["nlp"]["pipeline"]:
        settings = config["components"][name]
        nlp.add_pipe(settings["factory"], name=name, config={"reader": settings["reader"]})
    return nlp


@cache
def reader_versions() -> dict[str, str]:
    """Pipe name → versioned reader (`citations` → `court.citation.v1`), stored with every run."""
    config = spacy.util.load_config(CONFIG_PATH)
    return {name: config["components"][name]["reader"]["@misc"] for name in config["nlp"]["pipeline"]}


def make_doc(nlp: Language, lines: list[Line], *, page: int) -> Doc:
    """A Doc whose tokens are the page's OCR words, one sentence per printed line."""
    words = [word for line in lines for word in line.words]
    field_of = [index for line in lines for index, field in enumerate(line.fields) for _ in field.words]
    doc = Doc(nlp.vocab, words=[w.text for w in words], spaces=[True] * len(words))
    position = 0
    for line in lines:
        for offset in range(len(line.words)):
            doc[position + offset].is_sent_start = offset == 0
        position += len(line.words)
    for token, word, field in zip(doc, words, field_of):
        token._.ocr = word
        token._.field = field
    doc._.page = page
    return doc


def analyse_page(lines: list[Line], *, page: int, nlp: Language | None = None) -> Doc:
    """Run the pipeline over one page's printed lines."""
    nlp = nlp or load_pipeline()
    return nlp(make_doc(nlp, lines, page=page))
