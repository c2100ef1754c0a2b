"""A spaCy component that starts a sentence at every paragraph (and so the title apart)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "storyline_paragraphs"


def paragraph_starts(doc: Doc) -> list[int]:
    """Indices of tokens that open a paragraph (follow a whitespace token with a blank line)."""
    return [token.i + 1 for token in doc[:-1] if token.is_space and token.text.count("\n") >= 2]


@Language.component(NAME)
def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token of each paragraph; the parser keeps it."""
    for i in paragraph_starts(doc):
        doc[i].is_sent_start = True
    return doc


def add_to(nlp: Language) -> None:
    """Add the component before the parser (or the senter), or first."""
    if NAME in nlp.pipe_names:
        return
    for before in ("parser", "senter"):
        if before in nlp.pipe_names:
            nlp.add_pipe(NAME, before=before)
            return
    nlp.add_pipe(NAME, first=True)
