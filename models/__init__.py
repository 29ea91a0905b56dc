"""The shared vocabulary of cleardocket: typed records every stage passes on, and the database.

This package imports nothing else of the project; every stage imports it.
"""
