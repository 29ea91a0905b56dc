"""The closed list of exit codes every cleardocket command uses (documented in the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    SOME_INPUTS_FAILED = 1  # the batch finished; some files were recorded as failed
    USAGE = 2  # bad option or argument (typer's own code)
    INPUT_NOT_FOUND = 3  # a named file, folder or database does not exist or cannot be read
    INVALID_INPUT = 4  # an import file or value is malformed; nothing was written
    TOOL_MISSING = 5  # tesseract or poppler is not installed
    DATABASE_ERROR = 6  # the database cannot be opened or written
    INTERRUPTED = 130  # Ctrl-C; the batch resumes where it stopped
