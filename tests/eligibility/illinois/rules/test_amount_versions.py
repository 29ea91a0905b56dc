"""Amount readings are computed once per stretch of offense dates the statute table treats alike:
every day gives what that day's own reading gives."""

import datetime as dt

from eligibility.illinois.rules.amount import readings_on, version_day

# Counts that reach each way of reading an amount: subsection, written grams (net, gross,
# approximate near a boundary), class only, bracket text, nothing.
COUNTS = [
    ("4", "d", "4", 45.0, "net", None, None, None),
    ("4", "e", None, None, None, None, None, None),
    ("4", None, None, 600.0, "gross", None, None, None),
    ("4", None, None, 29.5, None, "APPROX 30 G", None, None),
    ("5", None, None, 2100.0, "net", None, None, None),
    ("4", None, "4", None, None, None, "POSS CANNABIS 2ND", None),
    ("4", None, None, None, None, None, "POSS CANNABIS 10-30G", None),
    ("5", None, "N", None, None, None, None, None),
]


def test_every_day_from_1968_to_2030_reads_as_the_first_day_of_its_stretch():
    day, last = dt.date(1968, 1, 1), dt.date(2030, 12, 31)
    shared = {}
    while day <= last:
        first = version_day(day)
        for count in COUNTS:
            if (count, first) not in shared:
                shared[count, first] = readings_on(*count, first)
            # __wrapped__: the day's own reading, computed afresh.
            assert readings_on.__wrapped__(*count, day) == shared[count, first], (count, day)
        day += dt.timedelta(days=1)
