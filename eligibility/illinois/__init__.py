"""The Illinois Cannabis Regulation and Tax Act rule set (../shared/spec/illinois-crta.md)."""
