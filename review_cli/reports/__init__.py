"""Analysts' outputs: the backlog report, what-if policy comparisons, motion lists, notice letters.

Each module here returns typed values or writes one kind of file; `review_cli/report_cmd.py`
wires them to the command line. Nothing here prints, and no output names a person in a log.
"""
