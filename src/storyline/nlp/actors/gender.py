"""A person's grammatical gender from the article: an honorific or a common given name."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from storyline.model import Mention
from storyline.nlp.words import word_set

# Honorifics and gendered nouns that tell a person's gender ("Mrs. Clinton" is "she").
_HONORIFIC_GENDER = {
    **dict.fromkeys(("mr", "mr.", "sir", "king", "prince", "lord"), "he"),
    **dict.fromkeys(
        ("mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess"), "she"
    ),
}


# Common given names whose bearers are overwhelmingly of one gender (a fact about names, used
# only to keep "she" from resolving to "Donald Trump"; unknown names clash with nothing).
_GIVEN_NAMES = {
    **dict.fromkeys(
        word_set("""donald barack joe bernie mike mitt paul john james robert michael william david
        richard joseph thomas charles christopher daniel matthew anthony mark steven kevin
        brian george edward ronald timothy jason jeffrey ryan jacob gary eric stephen larry
        justin scott frank benjamin gregory samuel raymond patrick jack dennis jerry tyler
        peter harry ted chris rand marco jeb ben newt rudy bill vladimir emmanuel boris xi
        recep narendra benjamin justin olaf rishi keir jair andres volodymyr anwar menachem
        jimmy ronald al tim tom rick ron kevin chuck mitch lindsey dick nicolas hosni"""),
        "he",
    ),
    **dict.fromkeys(
        word_set("""hillary michelle nancy elizabeth mary patricia jennifer linda barbara susan
        jessica
        sarah karen lisa betty margaret sandra ashley kimberly emily donna michelle carol
        amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
        anna ruth kamala theresa angela jacinda ursula marine giorgia liz kellyanne ivanka
        melania chelsea huma debbie condoleezza madeleine sonia indira golda benazir
        christine claire dianne maxine elena sheryl alicia janet loretta jill tulsi nikki
        sarah kirsten amy"""),
        "she",
    ),
}


def find_gender(doc: Doc, mentions: Iterable[Mention]) -> str | None:
    """ "he" or "she" when an honorific before a mention, or a given name, tells it."""
    for mention in mentions:
        words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if words is None:
            continue
        if words.start > 0 and doc[words.start - 1].lower_ in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER[doc[words.start - 1].lower_]
        if len(words) > 1 and words[0].lower_ in _GIVEN_NAMES:
            return _GIVEN_NAMES[words[0].lower_]
    return None
