"""Scanned dockets in, oriented, deskewed, OCR'd pages out.

`pipeline.digitize_page` turns one page image into a `PageResult`; `batch.scan` runs it over
files and folders in worker processes and writes each page to the database as it finishes.
"""
