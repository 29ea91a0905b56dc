"""Characters read by the page's own glyphs: a digit or capital letter that looks like the page's
other glyphs of another character, and like none of its own, is read as that character.

A typewriter or a fixed-pitch printer prints every instance of a character almost alike, so a
character Tesseract misread (a draft dot-matrix 0 read 6, a 9 read 5 in one date and 9 in the
next, the P of REPORT read F) usually looks like many glyphs on the same page that it read right.
Each digit glyph is compared with the page's other digit glyphs, each capital with the other
capitals; nothing is learnt about any font (docs/design-digitize.md, "glyph voting").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import cv2
import numpy as np

from digitize.tesseract import CharacterBoxes
from digitize.zeros import ZERO_LOOKALIKES
from models.pages import OcrWord, PageImage, PageText

# Signs Tesseract reads a slashed draft dot-matrix zero as (`@4/11/1928`, `&.3 GRMS`,
# `$6/25/1995`): inside a number they are voted, as a zero only. Letters are left out: the G of
# `2.6G` is a unit.
ZERO_MISREADS = "@&$"
# Fewer digit glyphs than this and a page's glyphs of one digit are too few to outvote a reading.
MIN_GLYPHS = 30
# The glyph's nearest neighbours that vote, and how many of them must agree on another digit:
# fewer when none of them was read as the glyph was, more for a zero Tesseract did not weigh
# (on 16 real receipts, 5 of 7 turned 4 true digits into zeros and 6 of 7 turned 2).
NEIGHBOURS = 7
MIN_AGREEING = 5
MIN_AGREEING_UNOPPOSED = 4
MIN_AGREEING_UNWEIGHED = 6
# A glyph further than this from every glyph of the voted digit looks like none of them, however
# its neighbours vote: the lone true 6 of a page of zeros has only zeros for neighbours. Measured
# on the generated dockets of seeds 5000-5299, clean and damaged: of the votes from further away,
# 13 broke a printed word and 3 mended one; of those from nearer, 4 broke one and 181 mended one.
MAX_VOTED_DISTANCE = 2.5
# A digit that looks like none of the page's glyphs read as it was (none nearer than
# MAX_VOTED_DISTANCE) but has a twin this near read as a digit Tesseract weighed there is read as
# its twin, however few glyphs of that digit the page holds: the draft 9 of `01185` among the
# page's two 9's, its nearest at 0.85 and the nearest 5 at 4.0.
MAX_TWIN_DISTANCE = 1.0
TWIN_AGREEING = 1
# Letters are voted only by a near twin of the voted letter: nearer than this share of the page's
# typical distance from a capital to the nearest capital read as another letter (blur brings all
# letters nearer, so no fixed distance tells twins on every page). On 120 clean generated dockets
# (seeds 4100-4219), votes by glyphs under 1.0 away mended 37 words and broke 2 (a P read right
# among P's mostly read F); on 22 damaged dockets they broke 6 (KOWALSKI -> EOWALSKI on a blurred
# page) and mended 1, all at 0.26 of that distance or more, the clean pages' mends at 0.19 or less
# but one (docs/design-digitize.md, session 7).
MAX_TWIN_SHARE = 0.2
# Each glyph is compared at this size (width, height), its ink centred, blurred by this sigma
# (in compared pixels) so that a print head's dots that land a pixel apart still match.
GLYPH_SIZE = (16, 24)
GLYPH_BLUR = 1.0
# The compared window around the ink, as a share of the page's typical character box and ink
# height: wide enough for any digit, too narrow to take in much of a neighbour.
WINDOW_WIDTH = 1.3
WINDOW_HEIGHT = 1.15
# A character box this much narrower or wider than the page's typical digit box is not one glyph
# (a speck Tesseract read as 1, a digit and a parenthesis in one box): it neither votes nor is voted.
BOX_WIDTH_RANGE = (0.5, 1.6)
# On the page with its paper flattened to white, a glyph's ink is what is darker than mid-grey.
INK_THRESHOLD = 128


Boxes = list[tuple[int, int, tuple[int, int, int, int]]]


def glyph_boxes(text: PageText, characters: CharacterBoxes, *, keeps_word: Callable[[str], bool], keeps: Callable[[str], bool]) -> Boxes:
    """(word index, character index, glyph box) of each kept character of each kept word whose
    boxes Tesseract gave; the box spans the character's columns and the word's rows (characters
    of a word stand on the same line)."""
    found = []
    for word_index, word in enumerate(text.words):
        if not keeps_word(word.text):
            continue
        boxes = characters.get(word.bbox, ())
        if len(boxes) != len(word.text):
            continue
        for index, (character, box) in enumerate(zip(word.text, boxes)):
            if keeps(character):
                found.append((word_index, index, (box[0], word.top, box[2], word.top + word.height)))
    return found


def _letters_and_digits(word: str) -> tuple[int, int]:
    return sum(character.isalpha() for character in word), sum(character.isdigit() for character in word)


def _digit_boxes(text: PageText, characters: CharacterBoxes) -> Boxes:
    """Every digit of a number, and every sign in it that a misread zero becomes: a word of more
    letters than digits is a word ("8RANCH"), its digits letters misread."""
    def is_number(word: str) -> bool:
        letters, digits = _letters_and_digits(word)
        return bool(digits) and letters <= digits

    return glyph_boxes(text, characters, keeps_word=is_number, keeps=lambda character: character.isdigit() or character in ZERO_MISREADS)


def _letter_boxes(text: PageText, characters: CharacterBoxes) -> Boxes:
    """Every capital of a word of two letters or more, and more letters than digits."""
    def is_word(word: str) -> bool:
        letters, digits = _letters_and_digits(word)
        return letters >= 2 and letters > digits

    return glyph_boxes(text, characters, keeps_word=is_word, keeps=lambda character: character.isalpha() and character.isupper())


def _ink_box(pixels: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    x0, y0, x1, y1 = max(0, box[0] - 1), max(0, box[1]), box[2] + 1, box[3]
    rows, columns = np.nonzero(pixels[y0:y1, x0:x1] < INK_THRESHOLD)
    if not len(columns):
        return None
    return (x0 + int(columns.min()), y0 + int(rows.min()), x0 + int(columns.max()) + 1, y0 + int(rows.max()) + 1)


def _glyph(pixels: np.ndarray, box: tuple[int, int, int, int], ink: tuple[int, int, int, int], size: tuple[int, int]) -> np.ndarray:
    """The glyph's ink, centred in a window of `size` page pixels, as compared (ink = 1)."""
    width, height = size
    left = int(round((ink[0] + ink[2] - width) / 2))
    top = int(round((ink[1] + ink[3] - height) / 2))
    window = np.full((height, width), 255, np.uint8)
    x0, y0 = max(0, left), max(0, top)
    x1, y1 = min(pixels.shape[1], left + width), min(pixels.shape[0], top + height)
    window[y0 - top : y1 - top, x0 - left : x1 - left] = pixels[y0:y1, x0:x1]
    # Outside its own box the window may hold a neighbour's edge.
    window[:, : max(0, box[0] - 1 - left)] = 255
    window[:, max(0, box[2] + 1 - left) :] = 255
    glyph = 1.0 - cv2.resize(window, GLYPH_SIZE, interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    return cv2.GaussianBlur(glyph, (0, 0), GLYPH_BLUR).ravel()


def _distances(glyphs: np.ndarray) -> np.ndarray:
    squared = (glyphs**2).sum(axis=1)
    distances = np.sqrt(np.maximum(squared[:, None] + squared[None, :] - 2 * glyphs @ glyphs.T, 0))
    np.fill_diagonal(distances, np.inf)
    return distances


def _is_plausible(read: str, voted: str, agreeing: int, weighed: str, unlike_own: bool = False) -> bool:
    # A sign becomes a zero or stays: the `$` of `$1000`, weighed as 5, is never voted a 5.
    if read in ZERO_MISREADS:
        return voted == "0" and ("0" in weighed or agreeing >= MIN_AGREEING_UNWEIGHED)
    # A twin alone votes only for what Tesseract weighed: a zero restored from a 6 it weighed,
    # twin of the page's 6's and like none of its zeros, is the 6 printed.
    if agreeing == TWIN_AGREEING:
        return voted in weighed
    # A zero is outvoted by the 6, 8 or 9 Tesseract's model takes zeros for only if every neighbour
    # agrees: on a page whose zeros it mostly misread, those are the zero's look-alikes. Otherwise
    # Tesseract weighed the voted digit there, or it is the zero read 6, 8 or 9.
    if read == "0" and voted in ZERO_LOOKALIKES and agreeing < NEIGHBOURS:
        return False
    if voted in weighed:
        return True
    # A zero Tesseract did not weigh needs one more neighbour, unless the glyph looks like none
    # of the page's glyphs read as it was (a draft `0.4` read `6.4`, no 6 of the page near it).
    return voted == "0" and read in ZERO_LOOKALIKES and agreeing >= (MIN_AGREEING if unlike_own else MIN_AGREEING_UNWEIGHED)


def _voted(
    labels: np.ndarray, distances: np.ndarray, index: int, max_distance: float = MAX_VOTED_DISTANCE, twin_distance: float = 0.0
) -> tuple[tuple[str, int, bool], ...]:
    """The characters the glyph's neighbours vote for instead of its reading, each with how many
    of them agree on it and whether the glyph looks like none of its own reading (none nearer
    than `max_distance`): the one most of them outvote it with, then its twin. A glyph unlike its
    own is voted by a twin nearer than `twin_distance` alone (TWIN_AGREEING); 0 turns that off."""
    read = labels[index]
    nearest = np.argsort(distances[index])[:NEIGHBOURS]
    read_alike = np.asarray(labels) == read
    read_alike[index] = False
    same = distances[index][read_alike]
    votes = (_outvoted(labels, distances, index, nearest, same, max_distance), _twinned(labels, distances, index, nearest, same, max_distance, twin_distance))
    return tuple(vote for vote in votes if vote is not None)


def _outvoted(labels: np.ndarray, distances: np.ndarray, index: int, nearest: np.ndarray, same: np.ndarray, max_distance: float) -> tuple[str, int, bool] | None:
    read = labels[index]
    votes = Counter(labels[j] for j in nearest)
    voted, agreeing = votes.most_common(1)[0]
    if voted == read or agreeing < (MIN_AGREEING if votes[read] else MIN_AGREEING_UNOPPOSED):
        return None
    nearest_voted = distances[index][np.asarray(labels) == voted].min()
    # A digit read once on the page has nothing of its own to look like; one that looks like
    # another glyph read the same at least as much as like the voted digit keeps its reading. A
    # sign read where a digit stands (the `$` of `$6/25/1995`) is no reading to keep.
    if (not same.size and read.isalnum()) or (same.size and same.min() < nearest_voted) or nearest_voted > max_distance:
        return None
    return str(voted), agreeing, bool(same.min(initial=np.inf) > max_distance)


def _twinned(
    labels: np.ndarray, distances: np.ndarray, index: int, nearest: np.ndarray, same: np.ndarray, max_distance: float, twin_distance: float
) -> tuple[str, int, bool] | None:
    twin = nearest[0]
    if labels[twin] == labels[index] or distances[index][twin] >= twin_distance or same.min(initial=np.inf) <= max_distance:
        return None
    return str(labels[twin]), TWIN_AGREEING, True


def _revoted(word: OcrWord, index: int, voted: str) -> OcrWord:
    read = word.text[index]
    alternatives = dict(word.alternatives)
    # What Tesseract read becomes the alternative: the value stays known to be uncertain.
    others = alternatives.get(index, "")
    alternatives[index] = others.replace(voted, read) if voted in others else read + others
    return replace(
        word,
        text=word.text[:index] + voted + word.text[index + 1 :],
        alternatives=tuple(sorted(alternatives.items())),
    )


def vote_digits(page: PageImage, text: PageText, characters: CharacterBoxes) -> tuple[PageText, int]:
    """The page's words with each digit its look-alikes on the page outvote read as theirs; and how
    many digits changed.

    Args:
        page: the image Tesseract read, in whose pixels the words and `characters` are boxed,
            with its paper flattened (`review_image.flatten_paper`): paper grain is no part of a
            glyph's shape, and would tell instances of one glyph apart.
        characters: each word's character boxes (`tesseract.parse_character_boxes`).
    """
    return _revote(
        page,
        text,
        _digit_boxes(text, characters),
        max_distance=lambda *_: MAX_VOTED_DISTANCE,
        twin_distance=MAX_TWIN_DISTANCE,
        plausible=_is_plausible,
        votes=str.isdigit,
    )


def vote_letters(page: PageImage, text: PageText, characters: CharacterBoxes) -> tuple[PageText, int]:
    """The page's words with each capital letter a near twin of other letters outvotes read as
    theirs (`REFORT` whose F is a P like the page's other P's); and how many letters changed.
    `page` and `characters` as for `vote_digits`."""
    return _revote(page, text, _letter_boxes(text, characters), max_distance=_twin_distance, plausible=lambda *_: True, votes=str.isalpha)


def _twin_distance(labels: np.ndarray, distances: np.ndarray) -> float:
    """How near a glyph must be to be a twin: a share of the page's median distance from a
    glyph to the nearest glyph read as another character."""
    to_others = np.where(labels[:, None] != labels[None, :], distances, np.inf).min(axis=1)
    to_others = to_others[np.isfinite(to_others)]
    return MAX_TWIN_SHARE * float(np.median(to_others)) if to_others.size else 0.0


def _revote(
    page: PageImage,
    text: PageText,
    found: Boxes,
    *,
    max_distance: Callable[[np.ndarray, np.ndarray], float],
    twin_distance: float = 0.0,
    plausible: Callable[[str, str, int, str, bool], bool],
    votes: Callable[[str], bool],
) -> tuple[PageText, int]:
    """`votes` tells the readings whose glyphs vote: a misread zero's `@` is voted, but is no
    reading of a digit to vote with."""
    if len(found) < MIN_GLYPHS:
        return text, 0
    typical_width = float(np.median([box[2] - box[0] for _, _, box in found]))
    low, high = BOX_WIDTH_RANGE[0] * typical_width, BOX_WIDTH_RANGE[1] * typical_width
    found = [(w, i, box) for w, i, box in found if low <= box[2] - box[0] <= high]
    pixels = page.pixels
    inks = [_ink_box(pixels, box) for _, _, box in found]
    found = [item for item, ink in zip(found, inks) if ink is not None]
    inks = [ink for ink in inks if ink is not None]
    if len(found) < MIN_GLYPHS:
        return text, 0
    typical_height = float(np.median([ink[3] - ink[1] for ink in inks]))
    size = (max(1, round(WINDOW_WIDTH * typical_width)), max(1, round(WINDOW_HEIGHT * typical_height)))
    glyphs = np.array([_glyph(pixels, box, ink, size) for (_, _, box), ink in zip(found, inks)])
    # An array, so that each glyph's vote compares readings without a Python loop.
    labels = np.array([text.words[w].text[i] for w, i, _ in found])
    distances = _distances(glyphs)
    distances[:, [not votes(label) for label in labels]] = np.inf
    farthest = max_distance(labels, distances)
    words = list(text.words)
    changed = 0
    for index, (word_index, character_index, _) in enumerate(found):
        weighed = dict(text.words[word_index].alternatives).get(character_index, "")
        vote = next(
            (v for v in _voted(labels, distances, index, farthest, twin_distance) if plausible(labels[index], v[0], v[1], weighed, v[2])), None
        )
        if vote is not None:
            words[word_index] = _revoted(words[word_index], character_index, vote[0])
            changed += 1
    if not changed:
        return text, 0
    return replace(text, words=tuple(words)), changed
