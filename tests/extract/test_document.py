"""A document's cases: every layout, one case over two pages, several cases on a rap sheet."""

import datetime as dt
from dataclasses import replace

import pytest

from extract.assemble import _read_amount
from extract.document import DOUBTS, extract_document
from extract.evaluation import compare_records, unprinted_truth
from extract.layout import page_lines
from extract.pipeline import analyse_page
from fixtures.generator import generate_docket
from models.pages import OcrWord, PageText
from tests.extract.conftest import docket_sha, printed_pages

LAYOUT_SEEDS = [(seed, layout) for layout in ("half_sheet", "printout", "multi_page", "rap_sheet") for seed in (21, 22, 23)]


def _extract(docket):
    return extract_document(printed_pages(docket), document_sha256=docket_sha(docket), file="docket.pdf")


@pytest.mark.parametrize(("seed", "layout"), LAYOUT_SEEDS, ids=[f"{layout}-{seed}" for seed, layout in LAYOUT_SEEDS])
def test_every_value_of_a_printed_docket_is_read(docket_of, seed, layout):
    docket = docket_of(seed, layout)
    records = _extract(docket)
    wrong = [r for r in compare_records(docket.truth["cases"], records, ignore=unprinted_truth(docket.truth)) if not r.correct]
    assert wrong == []


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_a_case_typed_over_two_pages_is_one_case(docket_of, seed):
    docket = docket_of(seed, "multi_page")
    records = _extract(docket)
    assert len(docket.pages) == 2
    assert len(records) == 1
    assert [p.page for p in records[0].source[0].pages] == [1, 2]
    # Charges are on page 1, the disposition on page 2.
    assert records[0].fields["charges.0.statute"].page == 1
    assert records[0].fields["charges.0.disposition"].page == 2


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_a_rap_sheet_yields_one_case_per_listed_case(docket_of, seed):
    docket = docket_of(seed, "rap_sheet")
    records = _extract(docket)
    assert len(docket.truth["cases"]) > 1
    assert [r.case_number for r in records] == [c["case_number"] for c in docket.truth["cases"]]
    # The sheet prints the person once; every case carries them.
    assert {r.defendant.name for r in records} == {docket.truth["cases"][0]["defendant"]["name"]}


def test_every_value_points_at_its_words_on_the_page(docket_of):
    docket = docket_of(21, "half_sheet")
    record = _extract(docket)[0]
    info = record.fields["case_number"]
    words = {w["text"]: w["bbox"] for w in docket.truth["pages"][0]["words"]}
    last_word = record.case_number_text.split()[-1]
    assert info.bbox[2] == words[last_word][2]
    assert info.extractor == "court.case_number.v1"
    assert 0.0 <= info.confidence <= 1.0


def test_case_ids_are_stable_across_runs(docket_of):
    docket = docket_of(22, "rap_sheet")
    assert [r.case_id for r in _extract(docket)] == [r.case_id for r in _extract(docket)]


@pytest.mark.parametrize(
    "seed",
    [1005, 1096, 1082, 1023],
    ids=["printout-statute-under-a-row-without-class", "printout-icsa-statute-line", "count-named-in-a-wrapped-entry", "weight-conflict-kept-on-its-subsection"],
)
def test_dockets_whose_lines_once_went_to_the_wrong_place_are_read_whole(seed):
    docket = generate_docket(seed)
    records = _extract(docket)
    wrong = [r for r in compare_records(docket.truth["cases"], records, ignore=unprinted_truth(docket.truth)) if not r.correct]
    assert wrong == []
    assert [len(r.charges) for r in records] == [len(c["charges"]) for c in docket.truth["cases"]]


def _misread(docket, readings):
    """The docket's printed words with some words as a dot-matrix OCR read them ({printed: read}, first of each)."""
    pages = printed_pages(docket)
    left = dict(readings)
    misread = []
    for page in pages:
        words = []
        for word in page.text.words:
            if word.text in left:
                word = replace(word, text=left.pop(word.text))
            words.append(word)
        misread.append(replace(page, text=replace(page.text, words=tuple(words))))
    assert not left, f"not printed: {sorted(left)}"
    return misread


@pytest.mark.parametrize(
    ("seed", "readings", "fields"),
    [
        (1000, {"DOB:": "BOB:"}, ["defendant.date_of_birth"]),
        (1130, {"NAME:": "WAME:"}, ["defendant.name"]),
        (5031, {"ARREST": "=ARREST"}, ["arrest_date"]),
        (1130, {"NAME:": "NAME;"}, ["defendant.name"]),
        (1000, {"DOB:": "DOB;"}, ["defendant.date_of_birth"]),
        (1000, {"NUMBER:": "WUMBER:"}, ["case_number"]),
    ],
    ids=[
        "BOB-for-DOB", "WAME-for-NAME", "speck-before-ARREST", "semicolon-for-colon-after-NAME", "semicolon-for-colon-after-DOB",
        "WUMBER-for-NUMBER",
    ],
)
def test_a_misread_label_still_finds_its_value(seed, readings, fields):
    docket = generate_docket(seed)
    records = extract_document(_misread(docket, readings), document_sha256=docket_sha(docket), file="docket.pdf")
    results = compare_records(docket.truth["cases"], records, ignore=unprinted_truth(docket.truth))
    read = [r for r in results if r.path in fields]
    assert read and all(r.correct for r in read)


def test_bob_without_a_colon_is_a_name_not_a_birth_date_label():
    docket = generate_docket(1000)
    records = extract_document(_misread(docket, {"DOB:": "BOB"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[0].defendant.date_of_birth is None


def test_a_printout_row_whose_count_number_reads_as_a_letter_is_still_count_1():
    docket = generate_docket(1000)
    lines = docket.truth["pages"][0]["lines"]
    assert lines[8].startswith("1 UNLAWFUL")
    row_start = sum(len(line.split()) for line in lines[:8])
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    assert words[row_start].text == "1"
    words[row_start] = replace(words[row_start], text="i")
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    charge = records[0].charges[0]
    truth = docket.truth["cases"][0]["charges"][0]
    assert (charge.count, charge.offense_date.isoformat(), charge.amount_grams) == (1, truth["offense_date"], truth["amount_grams"])


def test_a_count_nolled_on_its_own_stays_nolled_when_a_later_entry_revokes_the_others_probation():
    # Rap sheet: "CT 1 PG. SEC. 10 PROB 1 YR. CT 2 NP. CT 3 NOL PROS", then "VOP FILED" and
    # "710 REVOKED. JUDGMENT ENTERED ON VIOLATION" naming no count: they concern count 1 only.
    docket = generate_docket(1118)
    records = extract_document(printed_pages(docket), document_sha256=docket_sha(docket), file="docket.pdf")
    truth = next(c for c in docket.truth["cases"] if len(c["charges"]) == 3)
    record = next(r for r in records if r.case_number == truth["case_number"])
    assert [(c.count, c.disposition) for c in record.charges] == [(x["count"], x["disposition"]) for x in truth["charges"]]
    assert [c.disposition for c in record.charges] == ["QUALIFIED_PROBATION_REVOKED", "NOLLE", "NOLLE"]


def test_a_count_number_read_with_a_digit_too_many_is_the_next_count():
    # Tesseract reads a typewritten "CT 1" as "CT 21"; counts run 1, 2, 3 in order.
    docket = generate_docket(5113)
    records = extract_document(_misread(docket, {"1": "21"}), document_sha256=docket_sha(docket), file="docket.pdf")
    truth = docket.truth["cases"][0]["charges"]
    assert [(c.count, c.statute) for c in records[0].charges] == [(t["count"], t["statute"]) for t in truth]


def _with_restored_zero(pages):
    """The pages with one printed zero marked as digitize restores a dotted one: read 6 first."""
    page = pages[0]
    words = list(page.text.words)
    index = next(i for i, w in enumerate(words) if "0" in w.text and w.text[0].isdigit())
    words[index] = replace(words[index], alternatives=((words[index].text.index("0"), "6"),))
    return [replace(page, text=replace(page.text, words=tuple(words))), *pages[1:]]


def test_an_amount_against_its_statute_is_read_with_a_zero_only_on_a_page_whose_zeros_ocr_confuses():
    # Seed 5080's second case prints "6.2 GMS" on a §5 count whose class bracket says otherwise:
    # the docket's own conflict, unless the page's zeros read as sixes.
    docket = generate_docket(5080)
    truth = docket.truth["cases"][1]["charges"][0]
    assert (truth["amount_text"], docket.truth["cases"][1]["generator"]["amount_consistent"]) == ("6.2 GMS", {"1": False})
    pages = printed_pages(docket)
    as_printed = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    assert as_printed[1].charges[0].amount_grams == pytest.approx(6.2)
    assert as_printed[1].fields["charges.0.amount_grams"].status == "needs_review"
    # The reviewer is told why.
    assert as_printed[1].fields["charges.0.amount_grams"].doubts == (DOUBTS["R_WEIGHT_CONFLICT"],)
    dotted = extract_document(_with_restored_zero(pages), document_sha256=docket_sha(docket), file="docket.pdf")
    assert dotted[1].charges[0].amount_grams == pytest.approx(0.2)
    assert dotted[1].fields["charges.0.amount_grams"].status == "needs_review"
    assert DOUBTS["amount_refit"] in dotted[1].fields["charges.0.amount_grams"].doubts


def test_a_speck_that_joins_a_citation_and_an_amount_into_one_field_separates_them():
    # "56 1/2-704(a) =0.3 GR": on a draft page the speck closes the gap between the columns.
    docket = generate_docket(5113)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    citation_end = next(i for i, w in enumerate(words) if w.text.endswith("704(a)"))
    amount, unit = words[citation_end + 1], words[citation_end + 2]
    assert (amount.text, unit.text) == ("0.3", "GR")
    gap = amount.left - (words[citation_end].left + words[citation_end].width) - 10
    words[citation_end + 1] = replace(amount, text="=0.3", left=amount.left - gap)
    words[citation_end + 2] = replace(unit, left=unit.left - gap)
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    charge = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0].charges[0]
    assert (charge.statute, charge.amount_grams) == ("720 ILCS 550/4(a)", pytest.approx(0.3))


def test_a_rap_sheet_case_whose_case_line_is_unreadable_is_not_read_into_the_case_before():
    # A stamp over the third "CASE 98 CR 11361-03 ARREST ..." line: its court line, after the
    # second case's disposition, still opens a case (without a number), so the second case
    # keeps its nolle and does not take the third's plea of guilty.
    docket = generate_docket(5080)
    assert docket.truth["layout"] == "rap_sheet" and len(docket.truth["cases"]) == 3
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    third = [i for i, w in enumerate(words) if w.text == "CASE" and words[i + 1].text[0].isdigit()][2]
    for i, garbled in enumerate(("nae", "OO", "em", "44244", "02"), start=third):
        words[i] = replace(words[i], text=garbled)
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    assert [r.case_number for r in records] == ["84CR1653602", "88C869110", None]
    assert records[1].charges[0].disposition == docket.truth["cases"][1]["charges"][0]["disposition"] == "NOLLE"
    assert [c.statute for c in records[2].charges] == [c["statute"] for c in docket.truth["cases"][2]["charges"]]


def _first_charge(docket, page, words):
    """The first charge extracted from `page` read as `words`, and the first charge printed."""
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    charge = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0].charges[0]
    return charge, docket.truth["cases"][0]["charges"][0]


def test_specks_left_of_the_text_are_no_margin():
    # A scan's specks at the left edge, read as words, once set the margin, so every printout
    # row seemed indented and no count was read.
    docket = generate_docket(5045)
    assert docket.truth["layout"] == "printout"
    page = printed_pages(docket)[0]
    specks = tuple(replace(page.text.words[0], text=text, left=5, top=40 + 40 * i, width=20) for i, text in enumerate(("m,", "tan,")))
    charge, truth = _first_charge(docket, page, specks + page.text.words)
    assert (charge.statute, charge.amount_grams) == (truth["statute"], truth["amount_grams"])


def test_rows_of_blots_below_the_report_set_no_margin():
    # Damaged seed 8125: a stamp's remains below the report, read as "By &", "- : %" and "ee &"
    # in three rows at the page's left edge, made the text margin, so every row of the printout
    # seemed indented and no count was read.
    docket = generate_docket(8125)
    page = printed_pages(docket)[0]
    bottom = max(w.top + w.height for w in page.text.words)
    template = page.text.words[0]
    blots = tuple(
        replace(template, text=text, left=left, top=bottom + 60 * (row + 1), width=30)
        for row, texts in enumerate((("By", "&"), ("-", ":", "%"), ("ee", "&")))
        for left, text in zip((5, 60, 110), texts)
    )
    charge, truth = _first_charge(docket, page, page.text.words + blots)
    assert (charge.statute, charge.offense_class, charge.amount_grams) == (truth["statute"], truth["offense_class"], truth["amount_grams"])


def test_a_speck_read_as_a_symbol_before_a_count_line_is_not_part_of_it():
    # Damaged seed 8159: a speck left of the count's "1" read as "&", in a field of its own,
    # put the count line at the margin, so it was no count and its statute, class and amount
    # were lost, though every word of them was read right.
    docket = generate_docket(8159)
    page = printed_pages(docket)[0]
    words = page.text.words
    number = next(w for w, after in zip(words, words[1:]) if w.text == "1" and after.text == "UNLAWFUL")
    speck = replace(number, text="&", left=number.left - 4 * number.width, width=number.width)
    charge, truth = _first_charge(docket, page, (speck, *words))
    assert (charge.statute, charge.offense_class, charge.amount_grams) == (truth["statute"], truth["offense_class"], truth["amount_grams"])


def test_an_amount_whose_unit_reads_only_as_a_character_tesseract_weighed_is_read_with_doubt():
    # "0.3G" read "0.36" (G as 6), then the page's glyphs voted the 6 a 0: "0.30", the 6 weighed.
    docket = generate_docket(5113)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    at = next(i for i, w in enumerate(words) if w.text == "0.3")
    assert words[at + 1].text == "GR"
    words[at : at + 2] = [replace(words[at], text="0.30", alternatives=((3, "6"),))]
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.charges[0].amount_grams == pytest.approx(0.3)
    read = _read_amount([words[at]])
    assert "read_as_weighed" in read.notes and read.confidence < 1.0


def _split_word(pages, text: str, parts: tuple[str, str]):
    """The pages with one printed word read as two ("1402(C)" as "1402 (C)")."""
    page = pages[0]
    words = list(page.text.words)
    index = next(i for i, w in enumerate(words) if w.text == text)
    word = words[index]
    cut = word.width * len(parts[0]) // len(text)
    first = replace(word, text=parts[0], width=cut - 8)
    second = replace(word, text=parts[1], left=word.left + cut + 8, width=word.width - cut - 8, word=word.word + 1)
    words[index : index + 1] = [first, second]
    return [replace(page, text=replace(page.text, words=tuple(words))), *pages[1:]]


def test_a_citation_wrapped_onto_its_own_line_belongs_to_the_count_above():
    # Seed 5260 wraps "CH 56 1/2 PAR 1402(C) 1/4 OZ" under "CT 2 POSS CONTROLLED SUBSTANCE";
    # read as "1402 (C) 1/4", the line holds something date-shaped and was taken for no count's.
    docket = generate_docket(5260)
    pages = _split_word(printed_pages(docket), "1402(C)", ("1402", "(C)"))
    record = next(r for r in extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf") if r.case_number == "88CR16583")
    assert [(c.count, c.statute) for c in record.charges] == [(1, "720 ILCS 550/4"), (2, "720 ILCS 570/402(c)")]
    assert record.charges[1].amount_grams == pytest.approx(28.349523125 / 4)
    # Count 1 prints no citation: its statute is the description's, without doubt.
    assert record.fields["charges.0.statute"].status == "auto"


def test_a_class_run_into_the_citation_by_a_stamp_is_split_from_it():
    # Seed 5090: a stamp's ink closes the gap after "CLASS B MISDEMEANOR" and leaves "=6" before "CH".
    docket = generate_docket(5090)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    misd = next(i for i, w in enumerate(words) if w.text == "MISDEMEANOR" and words[i + 1].text == "CH")
    chapter = words[misd + 1]
    gap = chapter.left - (words[misd].left + words[misd].width) - 12
    words[misd] = replace(words[misd], text="MISNfsramme")
    words[misd + 1 :] = [replace(w, left=w.left - gap) if w.top == chapter.top else w for w in words[misd + 1 :]]
    words[misd + 1] = replace(words[misd + 1], text="=6CH")
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    record = next(r for r in extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf") if r.case_number == "92C210194")
    assert (record.charges[0].statute, record.charges[0].offense_class) == ("720 ILCS 550/4(b)", "B")


def test_a_statute_from_the_description_of_a_count_whose_printed_citation_is_unreadable_is_doubted():
    # Seed 5157 prints "CCA 4(a)": read as "~ 4(a)", only the description names the offense,
    # and it names no subsection, so the statute it gives goes to review.
    docket = generate_docket(5157)
    pages = _misread(docket, {"CCA": "~"})
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.charges[0].statute == "720 ILCS 550/4"
    assert record.fields["charges.0.statute"].status == "needs_review"
    assert DOUBTS["citation_unread"] in record.fields["charges.0.statute"].doubts
    untouched = extract_document(printed_pages(docket), document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert untouched.fields["charges.0.statute"].status == "auto"
    assert untouched.fields["charges.0.statute"].doubts == ()


@pytest.mark.parametrize(
    ("seed", "readings", "case", "arrest"),
    [
        # Seed 5062's last case, 1990MC2881061, was arrested "02/28/90", read "02/28/30".
        (5062, {"02/28/90": "02/28/30"}, 4, dt.date(1990, 2, 28)),
        # Seed 5155's last case prints 1990CR0167003; its O repaired, its year is still as printed.
        (5155, {"1990CR0167003": "1990CRO167003", "01/29/1990": "01/29/1996"}, 3, dt.date(1990, 1, 29)),
    ],
    ids=["arrest-sixty-years-before-filing", "year-of-a-repaired-case-number"],
)
def test_an_arrest_date_far_from_the_case_numbers_year_is_read_again(seed, readings, case, arrest):
    docket = generate_docket(seed)
    records = extract_document(_misread(docket, readings), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[case].arrest_date == arrest
    assert DOUBTS["date_refit"] in records[case].fields["arrest_date"].doubts


def _arrest_read_with(docket, printed: str, read: str, alternatives: tuple) -> list:
    pages = _misread(docket, {printed: read})
    words = list(pages[0].text.words)
    index = next(i for i, w in enumerate(words) if w.text == read)
    words[index] = replace(words[index], alternatives=alternatives)
    pages[0] = replace(pages[0], text=replace(pages[0].text, words=tuple(words)))
    return extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")


def test_an_arrest_years_before_filing_is_read_with_the_digit_tesseract_weighed():
    # Seed 6990, a draft rap sheet: case 89C208080 arrested "03/08/89", read "03/08/85" with 9
    # weighed at its 5. An arrest four years before filing fits a docket; one a weighed digit
    # puts in the filing year fits it better.
    docket = generate_docket(6990)
    record = next(r for r in _arrest_read_with(docket, "03/08/89", "03/08/85", ((7, "9"),)) if r.case_number == "89C208080")
    assert record.arrest_date == dt.date(1989, 3, 8)
    assert DOUBTS["date_refit"] in record.fields["arrest_date"].doubts
    unweighed = next(r for r in _arrest_read_with(docket, "03/08/89", "03/08/85", ()) if r.case_number == "89C208080")
    assert unweighed.arrest_date == dt.date(1985, 3, 8)
    assert DOUBTS["date_refit"] not in unweighed.fields["arrest_date"].doubts


def test_an_arrest_before_the_defendant_was_ten_is_read_with_the_digit_tesseract_weighed():
    # Seed 5066: "07/25/81" read "07/25/01" with 8 weighed at its 0, and its case number lost
    # ("8l C 994823"), so only the birth date (02/28/61) and the entries bound the arrest.
    docket = generate_docket(5066)
    pages = _misread(docket, {"81": "8l"})
    words = list(pages[0].text.words)
    index = next(i for i, w in enumerate(words) if w.text == "07/25/81")
    words[index] = replace(words[index], text="07/25/01", alternatives=((6, "8"),))
    pages[0] = replace(pages[0], text=replace(pages[0].text, words=tuple(words)))
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.case_number is None
    assert record.arrest_date == dt.date(1981, 7, 25)
    assert DOUBTS["date_refit"] in record.fields["arrest_date"].doubts


def test_a_count_named_last_in_an_entry_whose_end_was_lost_is_not_given_another_counts_disposition():
    # Seed 5210's last case ends "... PROB 18 MOS. CT 2 NOLLE PROSEQUI"; a stamp over its end
    # leaves "CT 2" with nothing after it. Count 2 was not read: it goes to review, and does not
    # share count 1's probation.
    docket = generate_docket(5210)
    pages = printed_pages(docket)
    lost = {"NOLLE", "PROSEQUI"}
    words = [w for w in pages[0].text.words if w.text not in lost]
    assert len(words) == len(pages[0].text.words) - 2
    pages[0] = replace(pages[0], text=replace(pages[0].text, words=tuple(words)))
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[-1]
    assert record.charges[0].disposition == "QUALIFIED_PROBATION_ORDERED"
    assert record.charges[1].disposition == "UNKNOWN"
    # The entry that names it still dates it.
    assert record.charges[1].disposition_date == dt.date(1999, 12, 8)
    assert record.fields["charges.1.disposition"].status == "needs_review"
    assert DOUBTS["disposition_unread"] in record.fields["charges.1.disposition"].doubts


@pytest.mark.parametrize(
    ("seed", "ct", "statutes"),
    [
        (5200, "CT.", ["720 ILCS 550/5(c)", "720 ILCS 5/31-1"]),
        (5238, "Cv", ["720 ILCS 550/4(d)", "720 ILCS 5/24-1", "720 ILCS 5/21-3"]),
    ],
    ids=["ct-with-a-stop", "ct-misread"],
)
def test_a_printout_header_whose_ct_is_misread_is_still_the_header(seed, ct, statutes):
    # "CT DESCRIPTION CLASS AMOUNT OFF DATE" read "CT. DESCRIPTION ..." or "Cv DESCRIPTION ..."
    # used to be taken for a count, pushing the cannabis count onto count 2's place.
    docket = generate_docket(seed)
    record = extract_document(_misread(docket, {"CT": ct}), document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert [(c.count, c.statute) for c in record.charges] == list(enumerate(statutes, start=1))


def test_a_docket_entry_dated_with_no_calendar_date_is_still_read_in_order():
    # A stamp across seed 6831's docket entries left `07/05/1975` read as `67-05/1975`: a date
    # with no value, which once stopped the whole document's extraction.
    docket = generate_docket(6831)
    records = extract_document(_misread(docket, {"07/05/1975": "67-05/1975"}), document_sha256=docket_sha(docket), file="docket.pdf")
    truth = docket.truth["cases"][0]["charges"]
    assert [(c.count, c.disposition) for c in records[0].charges] == [(t["count"], t["disposition"]) for t in truth]


def test_a_birth_date_read_past_parsing_is_not_taken_from_the_arrest_date_after_it():
    # "DOB: 10-21-59 ARREST DATE: 06-25-87" on a near-letter-quality printout, the 59 read
    # "5393": the birth date was the next date on the line, the arrest's, put back to 1907.
    docket = generate_docket(7196)
    records = extract_document(_misread(docket, {"10-21-59": "10-21-5393"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[0].defendant.date_of_birth is None
    assert records[0].arrest_date == dt.date(1987, 6, 25)


def test_a_birth_date_read_as_numbers_that_are_no_date_is_not_taken_from_the_print_date():
    # Seed 7262's faded "DOB: 04/08/52 PRINTED: 07/06/93": the birth date read "94708 152 2"
    # and PRINTED: lost, so the print date became the birth date, put back to 1903 at 0.997.
    docket = generate_docket(7262)
    records = extract_document(_misread(docket, {"04/08/52": "94708", "PRINTED:": "."}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert [r.defendant.date_of_birth for r in records] == [None] * len(docket.truth["cases"])


def test_a_rap_sheet_whose_left_edge_was_cut_off_keeps_its_labels_and_first_case():
    # Seed 7246 skewed 8.65° past the scanner's edge: NAME:, DOB: and the first CASE read
    # "AME:", "0B:" and "ASE". The first case was lost, and its arrest date, read above every
    # case, became every case's.
    docket = generate_docket(7246)
    records = extract_document(_misread(docket, {"NAME:": "AME:", "DOB:": "0B:", "CASE": "ASE"}), document_sha256=docket_sha(docket), file="docket.pdf")
    truth = docket.truth["cases"]
    assert [r.case_number for r in records] == [c["case_number"] for c in truth]
    assert [r.arrest_date.isoformat() for r in records] == [c["arrest_date"] for c in truth]
    assert {r.defendant.name for r in records} == {"COLLINS, RICHARD"}
    assert {r.defendant.date_of_birth for r in records} == {dt.date(1967, 12, 10)}


def test_a_rap_sheet_case_whose_case_label_is_unreadable_is_opened_by_its_arrest():
    # Seed 7262's last case read "Z 249350 ARREST 04/15/92" and its court line "CIPAL ...":
    # its nolle went to the case before, whose count 1 was found guilty.
    docket = generate_docket(7262)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    last = [i for i, w in enumerate(words) if w.text == "CASE" and words[i + 1].text[0].isdigit()][-1]
    words[last : last + 4] = [replace(words[last], text="Z"), replace(words[last + 3], text="249350")]
    court = next(i for i in range(last, len(words)) if words[i].text == "MUNICIPAL")
    words[court] = replace(words[court], text="CIPAL")
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    truth = docket.truth["cases"]
    assert [r.case_number for r in records] == [c["case_number"] for c in truth[:-1]] + [None]
    assert records[-1].arrest_date == dt.date(1992, 4, 15)
    assert [[c.disposition for c in r.charges] for r in records] == [[c["disposition"] for c in t["charges"]] for t in truth]


def test_a_rap_sheet_disposition_whose_date_is_unreadable_is_read_where_it_was_printed():
    # "DISP 05/16/1977 SUPV TERM SATIS" with its year read "9977": no entry without a date, the
    # count went out as supervision ordered; read undated, after the entry above it.
    docket = generate_docket(7110)
    records = extract_document(_misread(docket, {"05/16/1977": "05/16/9977"}), document_sha256=docket_sha(docket), file="docket.pdf")
    first = records[0].charges[0]
    assert first.disposition == docket.truth["cases"][0]["charges"][0]["disposition"] == "SUPERVISION_COMPLETED"
    assert first.disposition_date is None


def test_a_count_whose_part_of_the_entry_was_lost_is_unknown_not_another_counts_outcome():
    # Seed 7277's "CT 1 PG JW FINDING GUILTY. PROB 1 YR. CT 2 NP" under a clerk's seal, read to
    # "PROB": count 2 once took count 1's conviction at 0.999.
    docket = generate_docket(7277)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    prob = max(i for i, w in enumerate(words) if w.text == "PROB")
    assert [w.text for w in words[prob + 1 :]] == ["1", "YR.", "CT", "2", "NP"]
    pages = [replace(page, text=replace(page.text, words=tuple(words[: prob + 1])))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    assert [c.disposition for c in records[0].charges] == ["CONVICTED", "UNKNOWN"]
    assert records[0].fields["charges.1.disposition"].status == "needs_review"


def test_an_amount_with_a_speck_read_as_a_parenthesis_before_it_is_an_amount():
    # Seed 7121, a noisy 100-dpi scan: "CCA 6   0.2 GR" read "CCA 6 (0.2 GR".
    docket = generate_docket(7121)
    records = extract_document(_misread(docket, {"0.2": "(0.2"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[0].charges[0].amount_grams == pytest.approx(0.2)


def test_an_arrest_decades_before_the_first_entry_is_read_again_near_the_entries():
    # Seed 7576's rap sheet, its first case number unreadable: "ARREST 07/08/1982" read with its 8
    # as a 3 was an arrest in 1932 on a case whose entries are in 1982.
    docket = generate_docket(7576)
    records = extract_document(_misread(docket, {"82C165077": "S2C1ES077", "07/08/1982": "07/08/1932"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[0].arrest_date == dt.date(1982, 7, 8)
    assert records[0].fields["arrest_date"].doubts



def test_a_printout_header_whose_description_is_misread_is_still_the_header():
    # Seed 7699's "CT DESCRIPTION CLASS AMOUNT" read "CT SESCRIPTION CLASS AMOUNT" was taken for
    # a count: the cannabis count's citation and 2 OZ went to the battery count, at 0.99.
    docket = generate_docket(7699)
    record = extract_document(_misread(docket, {"DESCRIPTION": "SESCRIPTION"}), document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert [(c.count, c.statute, c.amount_grams) for c in record.charges] == [
        (1, "720 ILCS 550/4(d)", pytest.approx(2 * 28.349523125)),
        (2, "720 ILCS 5/12-4", None),
    ]


def test_a_citation_line_whose_indent_a_speck_hid_belongs_to_the_count_above():
    # Seed 7669's "ILL. REV. STAT. 1991, CH. 56 1/2, PAR. 705(D) 231.8 GRMS", indented under
    # count 1, read "TLL. ..." with a speck in the margin boxed into the first word: the line was
    # taken for a count of its own, and count 1's statute came from its description.
    docket = generate_docket(7669)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    margin = next(w for w in words if w.text == "CT").left
    first = next(i for i, w in enumerate(words) if w.text == "ILL." and words[i + 1].text == "REV.")
    words[first] = replace(words[first], text="TLL.", left=margin, width=words[first].left + words[first].width - margin)
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert [(c.count, c.statute, c.amount_grams) for c in record.charges] == [(1, "720 ILCS 550/5(d)", pytest.approx(231.8)), (2, "720 ILCS 5/31-1", None)]


def test_a_statute_from_the_description_of_a_count_whose_citation_read_as_noise_is_doubted():
    # Seed 7686's "Ill. Rev. Stat. 1979, ch. 56 1/2, par. 704(c)" under a stamp read as letters
    # with no citation in them: the description's section without its subsection went out at 0.99.
    docket = generate_docket(7686)
    noise = {"Ill.": "Ta", "Rev.": "a", "Stat.": "Sa", "1979,": "tt", "ch.": "OT", "56": "Oh", "1/2,": "FD", "par.": "ar", "704(c)": "TNA"}
    record = extract_document(_misread(docket, noise), document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.charges[0].statute == "720 ILCS 550/4"
    assert DOUBTS["citation_unread"] in record.fields["charges.0.statute"].doubts
    assert record.fields["charges.0.statute"].status == "needs_review"


def test_an_arrest_year_whose_faded_eight_read_as_a_zero_is_read_again():
    # Seed 7665's typewritten "DATE OF ARREST JAN 12 1987", faded, read "1907".
    docket = generate_docket(7665)
    records = extract_document(_misread(docket, {"1987": "1907"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[0].arrest_date == dt.date(1987, 1, 12)
    assert DOUBTS["date_refit"] in records[0].fields["arrest_date"].doubts


def test_a_docket_entry_dated_before_the_circuit_court_sat_is_doubted_when_nothing_dates_the_case():
    # Seed 7664, a blurred 100-dpi printout whose arrest date and case number were lost: its
    # entries' "82" read "02", and the bond forfeiture went out dated 1902 at 0.997. With nothing
    # to read it near, 2002 is as good a reading as 1982: either way a person decides.
    docket = generate_docket(7664)
    readings = {"81C851645": "B1CB5", "12-12-81": ".", "04-22-82": "04-22-02"}
    record = extract_document(_misread(docket, readings), document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.charges[0].disposition_date.year >= 1964
    assert record.fields["charges.0.disposition_date"].doubts
    assert record.fields["charges.0.disposition_date"].status == "needs_review"


def test_a_date_out_of_the_dockets_order_is_at_most_even_odds_and_goes_to_review():
    # An arrest no confusable digit brings near its entries ("1912" for 1982) stays as read;
    # such dates were right 5 times in 10 and calibrated at 0.95-0.997.
    docket = generate_docket(7576)
    records = extract_document(_misread(docket, {"82C165077": "S2C1ES077", "07/08/1982": "07/08/1912"}), document_sha256=docket_sha(docket), file="docket.pdf")
    arrest = records[0].fields["arrest_date"]
    assert records[0].arrest_date == dt.date(1912, 7, 8)
    assert DOUBTS["date_out_of_order"] in arrest.doubts
    assert arrest.confidence <= 0.5 and arrest.status == "needs_review"


def test_count_words_read_cy_on_a_charge_line_and_cr_in_an_entry_still_name_their_counts():
    # Seed 7634's rap sheet, a dot-matrix T read as Y and as r: "CY 1 POSSESSION OF CANNABIS"
    # lost the first case's cannabis count, and "DISP 09/06/87 CT 1 VG. FINE & COSTS. Cr 2 NOL
    # PROS" gave count 2's nolle to count 1, at 0.98.
    docket = generate_docket(7634)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    first = next(i for i, w in enumerate(words) if w.text == "CT")
    nol = next(i for i, w in enumerate(words) if w.text == "NOL")
    words[first] = replace(words[first], text="CY")
    words[nol - 2] = replace(words[nol - 2], text="Cr")
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    truth = docket.truth["cases"]
    assert [[(c.statute, c.disposition) for c in r.charges] for r in records] == [[(c["statute"], c["disposition"]) for c in t["charges"]] for t in truth]


def test_first_offender_probation_whose_prob_was_misread_is_still_qualified_probation():
    # Seed 7697's "CT 1 FG. 1ST OFF PROB 16 MOS." read "... 1ST OFF PROS ...": the finding stood
    # alone, and the later "PROB TERM SATIS." left the count convicted at 0.97.
    docket = generate_docket(7697)
    records = extract_document(_misread(docket, {"PROB": "PROS"}), document_sha256=docket_sha(docket), file="docket.pdf")
    assert records[2].charges[0].disposition == "QUALIFIED_PROBATION_COMPLETED"


def test_printout_rows_whose_count_numbers_were_read_apart_are_still_counts():
    # Clean seed 7876: Tesseract read the table's CT column (`CT`, `1`, ...) as a block of its
    # own, away from the rows, and two of the three counts were lost.
    docket = generate_docket(7876)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    ct = next(w for w in words if w.text == "CT")
    kept = tuple(w for w in words if not (abs(w.left - ct.left) < ct.width and w.top >= ct.top and (w is ct or w.text.isdigit())))
    assert len(words) - len(kept) == 4, "the header's CT and three row numbers"
    pages = [replace(page, text=replace(page.text, words=kept))]
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert [(c.count, c.statute) for c in record.charges] == [(1, "720 ILCS 550/4(a)"), (2, "720 ILCS 5/24-1"), (3, "720 ILCS 600/3.5(a)")]


def test_an_offense_dated_before_the_circuit_court_sat_is_read_again_after_it():
    # Seed 7750: "DATE OF OFFENSE 02-27-86", its 8 read as 3, went out as 1936 at 0.997 beside
    # an arrest read right the same day.
    docket = generate_docket(7750)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    offense = [i for i, w in enumerate(words) if w.text == "02-27-86"][1]
    words[offense] = replace(words[offense], text="02-27-36")
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    assert record.charges[0].offense_date == dt.date(1986, 2, 27)
    assert record.fields["charges.0.offense_date"].doubts


def test_counts_whose_ct_column_tesseract_left_out_are_read_in_order():
    # Clean seed 8071: Tesseract made no block of the "CT 1 / CT 2 / CT 3" column, so every
    # count line started at its description, indented like a continuation, and all three
    # statutes were lost.
    docket = generate_docket(8071)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    labels = {i for i, w in enumerate(words) if w.text == "CT" and i + 1 < len(words) and words[i + 1].text in "123" and w.left < 300}
    kept = tuple(w for i, w in enumerate(words) if i not in labels and i - 1 not in labels)
    pages = [replace(page, text=replace(page.text, words=kept))]
    record = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0]
    truth = docket.truth["cases"][0]["charges"]
    assert [(c.count, c.statute) for c in record.charges] == [(c["count"], c["statute"]) for c in truth]


def _without(docket, lost: list[str]):
    """The docket's records read without the words `lost`, each the first so printed after the one before."""
    pages = printed_pages(docket)
    words = list(pages[0].text.words)
    start = 0
    for text in lost:
        start = next(i for i in range(start, len(words)) if words[i].text == text)
        del words[start]
    pages[0] = replace(pages[0], text=replace(pages[0].text, words=tuple(words)))
    return extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")


@pytest.mark.parametrize(
    ("seed", "lost_date", "disposition"),
    [(7395, "12-09-81", "NO_FINAL_DISPOSITION"), (7336, "06/29/82", "CONVICTED")],
    ids=["printout", "half-sheet-with-judge"],
)
def test_an_entry_whose_date_was_lost_is_undated_not_the_end_of_the_short_entry_above(seed, lost_date, disposition):
    # Damaged 7395: "DEFT FAILS TO APPEAR. BOND FORFEITURE WARRANT" lost its date and was read as
    # the wrap of "11-22-81 CONT BY ORDER OF COURT TO 12-16-81", which had room for its first
    # word; the forfeiture went out dated 11-22-81 at 0.96.
    docket = generate_docket(seed)
    charge = _without(docket, [lost_date])[0].charges[0]
    assert charge.disposition == docket.truth["cases"][0]["charges"][0]["disposition"] == disposition
    assert charge.disposition_date is None


def test_a_speck_between_a_full_line_and_its_wrap_does_not_cut_the_entry():
    # Damaged 8173: "... CT 2 FINDING OF", a speck read as "7", then "GUILTY. FINE $200 & COSTS":
    # the wrap followed the short "7", so it was read as an entry of its own.
    docket = generate_docket(8173)
    page = printed_pages(docket)[0]
    wrap = next(w for w in page.text.words if w.text == "GUILTY." and w.left < 1000 and w.top > 1000)
    speck = replace(wrap, text="7", left=1800, top=wrap.top - 22, width=20, height=18)
    pages = [replace(page, text=replace(page.text, words=page.text.words + (speck,)))]
    second = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[0].charges[1]
    truth = docket.truth["cases"][0]["charges"][1]
    assert (second.disposition, second.sentence_kind, str(second.disposition_date)) == (truth["disposition"], truth["sentence_kind"], truth["disposition_date"])


def test_a_count_whose_own_outcome_was_lost_is_doubted_when_entries_naming_no_count_decide_it():
    # Damaged 7145: "... CT 2 NOL PROS. CT 3" with the wrapped "NOLLE PROS" lost; the revocation
    # of count 1's probation two entries later went out as count 3's at 0.996.
    docket = generate_docket(7145)
    record = _without(docket, ["NOLLE", "PROS"])[-1]
    assert record.charges[2].disposition != docket.truth["cases"][-1]["charges"][2]["disposition"]
    for field in ("disposition", "disposition_date"):
        assert record.fields[f"charges.2.{field}"].status == "needs_review"
        assert DOUBTS["disposition_unread"] in record.fields[f"charges.2.{field}"].doubts
    # Count 2's own nolle stands.
    assert record.fields["charges.1.disposition"].status != "needs_review"


def test_the_date_of_an_outcome_that_disagrees_with_its_entry_is_doubted_too():
    # Damaged 7053: "CT 1 FINDING OF GUILTY. 710-1410 PROBATION 12 MOS. CT 2 NOLLE PROSEQUI"
    # with the "2" lost; the nolle was doubted, but the date of its entry went out at 0.996.
    docket = generate_docket(7053)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    lost = next(i for i in range(2, len(words)) if [w.text for w in words[i - 2 : i + 2]] == ["MOS.", "CT", "2", "NOLLE"])
    pages = [replace(page, text=replace(page.text, words=tuple(words[:lost] + words[lost + 1 :])))]
    first = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")[3]
    assert first.fields["charges.0.disposition"].status == "needs_review"
    assert first.fields["charges.0.disposition_date"].status == "needs_review"


def test_a_rap_sheet_case_line_with_a_speck_before_or_after_case_still_opens_its_case():
    # Damaged 7007: "- CASE 89 C 527901" and "CASE' 1997 MC1 935982" opened no case, so the first
    # case was lost and the fourth read into the third.
    docket = generate_docket(7007)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    cases = [i for i, w in enumerate(words) if w.text == "CASE"]
    words[cases[3]] = replace(words[cases[3]], text="CASE'")
    first = words[cases[0]]
    speck = replace(first, text="-", left=first.left - first.width // 2, width=first.width // 4)
    words.insert(cases[0], speck)
    pages = [replace(page, text=replace(page.text, words=tuple(words)))]
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    assert [r.case_number for r in records] == [c["case_number"] for c in docket.truth["cases"]]
    assert [len(r.charges) for r in records] == [len(c["charges"]) for c in docket.truth["cases"]]


def test_a_felony_finding_whose_sentence_was_lost_gives_a_sentence_kind_for_review():
    # Damaged 8005: "FG. IDOC 2 YRS" read "FG, ... 2 YR"; the sentence kind went out UNKNOWN at 0.97.
    docket = generate_docket(8005)
    record = _without(docket, ["IDOC"])[0]
    assert (record.charges[0].disposition, record.charges[0].sentence_kind) == ("CONVICTED", "UNKNOWN")
    assert record.fields["charges.0.sentence_kind"].status == "needs_review"
    assert DOUBTS["sentence_unread"] in record.fields["charges.0.sentence_kind"].doubts
    assert record.fields["charges.0.disposition"].status == "auto"


@pytest.mark.parametrize(
    ("printed", "label"),
    [("- CASE 89 C 527901", "- CASE"), ("- CASE NO, 96 Sc", None)],
    ids=["rap-sheet-case-line", "later-pages-caption"],
)
def test_a_speck_before_case_makes_a_case_label_only_before_a_number(printed, label):
    # Damaged 8184's second page: "- CASE NO, 96 Sc ... PAGE 2.0F 2" once opened a case of its own.
    starts = [i for i, ch in enumerate(printed) if ch != " " and (i == 0 or printed[i - 1] == " ")]
    words = tuple(OcrWord(text, 100 + 20 * start, 100, 20 * len(text), 30, 0.9) for start, text in zip(starts, printed.split()))
    doc = analyse_page(page_lines(PageText(words=words, width=2000, height=1000), page=1), page=1)
    assert [s.text for s in doc.spans["labels"] if s.label_ == "CASE_NO"] == ([label] if label else [])


def test_a_continuation_page_whose_case_number_and_page_number_were_misread_still_continues_its_case():
    # Damaged 7131's second page: "CASE NO.*1996 MC1 531708 ... PAGE 2) OF 2" opened no case and
    # was not seen as page 2, so its last entry (the nolle) went out as a case of its own.
    docket = generate_docket(7131)
    pages = printed_pages(docket)
    words = list(pages[1].text.words)
    assert [w.text for w in words[:3]] + [w.text for w in words[5:9]] == ["CASE", "NO.", "1996", "PAGE", "2", "OF", "2"]
    words[1] = replace(words[1], text="NO.*1996", width=words[2].left + words[2].width - words[1].left)
    words[6] = replace(words[6], text="2)")
    pages[1] = replace(pages[1], text=replace(pages[1].text, words=tuple(words[:2] + words[3:])))
    records = extract_document(pages, document_sha256=docket_sha(docket), file="docket.pdf")
    assert [r.case_number for r in records] == ["1996MC1531708"]
    assert records[0].charges[0].disposition == docket.truth["cases"][0]["charges"][0]["disposition"] == "NOLLE"


def test_a_subsection_parted_from_its_citation_into_a_field_of_its_own_is_still_its_subsection():
    # Damaged 7269: "720 ILCS 550/4 (c)   12.2 GRAMS" read with "(c)" two cells from the section,
    # a field of its own; the section went out alone at 0.996.
    docket = generate_docket(7269)
    page = printed_pages(docket)[0]
    words = list(page.text.words)
    index = next(i for i, w in enumerate(words) if w.text == "(c)" and words[i - 1].text == "550/4")
    words[index] = replace(words[index], left=words[index].left + 45, width=60)
    charge, truth = _first_charge(docket, page, words)
    assert charge.statute == truth["statute"] == "720 ILCS 550/4(c)"
    assert charge.amount_grams == truth["amount_grams"]
