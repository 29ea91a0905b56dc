"""Zeros Tesseract misread: a 6, 8 or 9 for which it also weighed a 0 is read as 0.

Tesseract's fast English model has seldom seen a zero drawn with a mark inside (the dotted or
slashed zero of line printers and dot-matrix draft print) and reads it as 6, 8 or 9, word
confidence high. Its choices still betray it: on clean generated pages, 61 such zeros had 0
weighed at 40 or more and one true 6/8/9 did; typewritten pages had none
(docs/design-digitize.md, "dot-matrix print").
"""

from __future__ import annotations

from dataclasses import replace

from models.pages import OcrWord, PageText

ZERO_LOOKALIKES = "689"


def _restored(word: OcrWord) -> tuple[OcrWord, int]:
    characters = list(word.text)
    alternatives = []
    for index, others in word.alternatives:
        read = characters[index]
        if read in ZERO_LOOKALIKES and "0" in others:
            characters[index] = "0"
            # What Tesseract read is now the alternative: the value stays known to be uncertain.
            others = others.replace("0", read)
        alternatives.append((index, others))
    restored = sum(a != b for a, b in zip(characters, word.text))
    if not restored:
        return word, 0
    return replace(word, text="".join(characters), alternatives=tuple(alternatives)), restored


def restore_zeros(text: PageText) -> tuple[PageText, int]:
    """The page's words with each zero Tesseract weighed but did not read restored; and how many."""
    words, restored = [], 0
    for word in text.words:
        if word.alternatives:
            word, count = _restored(word)
            restored += count
        words.append(word)
    if not restored:
        return text, 0
    return replace(text, words=tuple(words)), restored
