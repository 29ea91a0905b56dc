"""Calendar arithmetic of the reference-date rule (spec §2.4)."""

import datetime as dt

import pytest

from eligibility.california.calendar import add_years, age_on, fractional_years

ADD_CASES = [
    (dt.date(2000, 2, 29), 1, dt.date(2001, 3, 1)),
    (dt.date(2000, 2, 29), 4, dt.date(2004, 2, 29)),
    (dt.date(2026, 1, 15), -5, dt.date(2021, 1, 15)),
]


@pytest.mark.parametrize(("day", "years", "expected"), ADD_CASES, ids=["leap-to-non-leap", "leap-to-leap", "back"])
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [(dt.date(2000, 2, 29), dt.date(2021, 2, 28), 20), (dt.date(2000, 2, 29), dt.date(2021, 3, 1), 21),
     (dt.date(1990, 6, 1), dt.date(2011, 6, 1), 21), (dt.date(1990, 6, 1), dt.date(2011, 5, 31), 20)],
    ids=["leap-day-before-1-mar", "leap-day-on-1-mar", "birthday", "day-before-birthday"],
)
def test_age_on(born, on, age):
    assert age_on(born, on) == age


def test_fractional_years_uses_365_25_days():
    assert fractional_years(dt.date(2000, 1, 1), dt.date(2001, 1, 1)) == pytest.approx(366 / 365.25)
