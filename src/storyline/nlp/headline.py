"""Where an article's headline ends, and the "Name: text" label lines both it and the
quotation stage read ("Macron: Europe ‘must wake up’", "WALLACE: Let's start …")."""

from __future__ import annotations

import re

from storyline.model import Document

LABEL = re.compile(r"(?m)^([A-Z][\w.'’-]*(?: [\w.'’-]+){0,3}):[ \t]+(\S[^\n]*)$")
# A first paragraph this short with no closing punctuation is the headline.
HEADLINE_MAX_WORDS = 25


def title_end_of(document: Document) -> int:
    """Where the headline ends: the title's, else a short first line without a final stop."""
    if document.title:
        return len(document.title)
    first, _, rest = document.text.partition("\n")
    first = first.rstrip()
    alone = rest.startswith("\n")  # a line of its own, a blank line after it
    short = alone and 0 < len(first.split()) <= HEADLINE_MAX_WORDS
    labelled_line = LABEL.match(first) is not None  # "Macron: Europe ‘must wake up’"
    if short and (first[-1] not in ".!?…\"”’'" or labelled_line):
        return len(first)
    return 0
