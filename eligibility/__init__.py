"""The shared eligibility engine: one rule set per jurisdiction, decisions that cite their law.

Reads records (models/) only: it needs neither OCR nor extraction.
"""
