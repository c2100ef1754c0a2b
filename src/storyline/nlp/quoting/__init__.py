"""Quotations: quotation-mark scanning (``marks``) and attribution (``attribute``).

Pure functions over text; the spaCy glue and the pipeline stage are in
:mod:`storyline.nlp.quotes`.
"""
