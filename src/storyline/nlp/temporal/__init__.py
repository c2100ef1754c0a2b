"""Time expressions: detection (``detect``), calendar resolution (``resolve``), words (``lexicon``).

Pure functions over text and dates; the spaCy glue (tense, anchoring, the pipeline stage) is
in :mod:`storyline.nlp.times`.
"""
