"""The circumstances of an utterance: its medium, its setting, the words an editor inserted,
and what an unnamed source's description says (how many, affiliated with whom).

Works on the parse around a quotation's cue: "said in an interview" (medium), "told a rally in
his home town" (setting), "“They [the Germans] agreed”" (insertion), "two aides to the
chancellor" (count 2, affiliation "the chancellor").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storyline.model import Span as TextSpan
from storyline.nlp.words import word_set

# Words that name how something was said, and the medium each stands for.
MEDIUM_WORDS = {
    **dict.fromkeys(["interview", "interviews"], "interview"),
    **dict.fromkeys(["statement", "release", "communique", "communiqué"], "statement"),
    **dict.fromkeys(["speech", "address", "remarks", "keynote", "sermon"], "speech"),
    **dict.fromkeys(["letter", "memo", "note"], "letter"),
    **dict.fromkeys(["video", "message"], "video message"),
    **dict.fromkeys(
        [
            "tweet",
            "tweets",
            "post",
            "posts",
            "twitter",
            "facebook",
            "instagram",
            "x",
            "telegram",
            "truth",
            "blog",
        ],
        "social media post",
    ),  # fmt: skip
    **dict.fromkeys(["conference", "briefing", "presser"], "press conference"),
    **dict.fromkeys(["op-ed", "column", "essay", "editorial", "article", "book"], "article"),
    **dict.fromkeys(["email", "e-mail", "emails"], "email"),
    **dict.fromkeys(["testimony", "hearing", "deposition"], "testimony"),
    **dict.fromkeys(["debate"], "debate"),
    **dict.fromkeys(["podcast", "broadcast", "show", "program", "programme"], "broadcast"),
}
# Reporting verbs that are themselves a medium.
MEDIUM_VERBS = {"tweet": "social media post", "post": "social media post", "write": "letter",
                "testify": "testimony", "broadcast": "broadcast"}  # fmt: skip


# Nouns of gatherings and places where words are said: "at a rally", "during a hearing".
SETTING_NOUNS = word_set(
    """rally rallies conference event summit meeting hearing forum dinner fundraiser stop
    convention ceremony luncheon breakfast gathering hall debate session briefing festival
    parade march protest vigil funeral memorial service church university college school
    campus reception gala visit tour appearance assembly congress parliament senate house
    chamber floor court courthouse airport stage"""
)
SETTING_PREPOSITIONS = frozenset(["at", "during", "before", "on"])
# Editorial insertions inside quoted words: "[the Germans]", "[his]".
INSERTION = re.compile(r"\[[^\[\]\n]{1,80}\]")
# Number words of unnamed sources: "two aides", "a dozen officials".
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
    "both": 2,
}  # fmt: skip
# Prepositions that tie an unnamed source to whom it works for: "an aide to the chancellor".
AFFILIATION_PREPOSITIONS = frozenset(["to", "of", "in", "at", "from", "for", "with", "inside"])


def _phrases_of(cue: Token) -> list[Token]:
    """The prepositions hanging from a cue (and from its object): "said *in* an interview"."""
    heads = [cue, *[c for c in cue.children if c.dep_ in ("dobj", "dative")]]
    return [c for h in heads for c in h.children if c.dep_ == "prep"]


def medium(cue: Token | None) -> str | None:
    """How the words were said: interview, statement, speech, letter, social media post …"""
    if cue is None:
        return None
    lemma = cue.lemma_.lower()
    if lemma in MEDIUM_VERBS:
        return MEDIUM_VERBS[lemma]
    for prep in _phrases_of(cue):
        for word in prep.subtree:
            if word.pos_ in ("NOUN", "PROPN") and word.lower_ in MEDIUM_WORDS:
                return MEDIUM_WORDS[word.lower_]
    return None


def setting(cue: Token | None) -> str | None:
    """Where the words were said: "a rally in his home town", "a hearing of the committee"."""
    if cue is None:
        return None
    for told in cue.children:  # "told a rally in his home town"
        if told.dep_ in ("dobj", "dative") and told.lemma_.lower() in SETTING_NOUNS:
            return told.doc[told.left_edge.i : told.right_edge.i + 1].text
    for prep in _phrases_of(cue):
        if prep.lower_ not in SETTING_PREPOSITIONS:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and objects[0].lemma_.lower() in SETTING_NOUNS:
            place = objects[0]
            return place.doc[place.left_edge.i : place.right_edge.i + 1].text
    return None


def insertions(text: str, start: int, end: int) -> list[TextSpan]:
    """Bracketed editorial insertions inside the quoted characters ``start``–``end``."""
    return [TextSpan(m.start(), m.end(), m.group()) for m in INSERTION.finditer(text, start, end)]


def source_count(speaker: Span | None) -> int | None:
    """How many people an unnamed source is: "two aides" → 2, "an official" → 1."""
    if speaker is None:
        return None
    root = speaker.root
    for child in root.children:
        if child.dep_ in ("nummod", "det", "quantmod") and child.lower_ in NUMBERS:
            return NUMBERS[child.lower_]
        if child.dep_ == "nummod" and child.like_num and child.text.isdigit():
            return int(child.text)
    return None


def affiliation(speaker: Span | None) -> str | None:
    """Whom an unnamed source is tied to: "an aide to the chancellor" → "the chancellor",
    "people in Erdogan's orbit" → "Erdogan's orbit", "a White House official" → "White House"."""
    if speaker is None:
        return None
    root = speaker.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                place = objects[0]
                return place.doc[place.left_edge.i : place.right_edge.i + 1].text
    named = [t for t in speaker if t.i < root.i and t.ent_type_ in ("ORG", "NORP", "GPE")]
    if named:
        return speaker.doc[named[0].i : named[-1].i + 1].text
    return None
