"""Benchmarks: each `bench/<name>.py` runs as `python -m bench.<name>` and prints its numbers
against a baseline measured in the same run (`python -m bench` runs them all)."""
