"""Errors the library raises; only the CLI turns them into messages and exit codes."""


class CleardocketError(Exception):
    """Base of every error cleardocket raises on purpose."""


class InputError(CleardocketError):
    """An input file or value cannot be used; the message says which and why."""


class ToolMissingError(CleardocketError):
    """An external program (tesseract, pdftoppm) is not installed."""
