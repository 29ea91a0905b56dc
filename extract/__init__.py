"""Values out of OCR'd dockets: case numbers, defendants, dates, charges, amounts, dispositions.

Each value comes with its provenance (page, box, printed text, extractor name and version) and a
calibrated confidence. Reads pages and words (models/); never imports eligibility.
"""
