"""Who a speaker phrase stands for within one article: partial names and descriptions.

"Sadat said" after "Anwar Sadat" is Anwar Sadat; "the Turkish leader said" after "Turkish
President Recep Tayyip Erdogan" is Erdogan; "the former secretary of state" after "former
Secretary of State Hillary Clinton" is Clinton. Across articles, actors are the actors stage's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.model import Document, Entity

# Words a description shares with a title without saying anything ("the", "of").
_FILLER = frozenset(["the", "a", "an", "of", "'s", "’s", "-", ",", "and"])
# Titles that "the leader" (of a country, a party, a government) may stand for.
HEADS = frozenset(
    ["president", "prime", "minister", "premier", "chancellor", "king", "queen", "leader",
     "head", "chairman", "chairwoman", "chair", "emir", "sultan", "ayatollah", "dictator"]
)  # fmt: skip


def _name_words(name: str) -> list[str]:
    return [w.lower().strip(".,") for w in name.split()]


def fuller(document: Document, entity: Entity, before: int) -> Entity:
    """The person a partial name stands for: "Sadat" → "Anwar Sadat", "Hillary" → "Hillary
    Clinton" — the longer name ending (or starting) with it that was mentioned last before
    ``before``, else first after; the entity itself when there is none."""
    if entity.type != "person":
        return entity
    words = _name_words(entity.name)
    longer = []
    for other in document.entities:
        names = _name_words(other.name)
        if other.type != "person" or len(names) <= len(words):
            continue
        if names[-len(words) :] == words or names[: len(words)] == words:
            longer.append(other)
    if not longer:
        return entity

    def last_before(other: Entity) -> tuple[int, int]:
        starts = [m.start for m in other.mentions]
        earlier = [s for s in starts if s < before]
        return (1, max(earlier)) if earlier else (0, -min(starts))

    return max(longer, key=last_before)


def title_words(doc: Doc, start: int, end: int) -> set[str]:
    """The words that describe a person mention: its title and modifiers ("Turkish President
    Recep Tayyip Erdogan") and its apposition ("Erdogan, the Turkish president,")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return set()
    root = span.root
    found: set[str] = set()
    for token in root.subtree:
        if token.i < span.start and token.dep_ in ("compound", "amod", "nmod", "prep", "pobj"):
            found.add(token.lemma_.lower())
    appositions = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    for phrase in appositions:
        found.update(
            t.lemma_.lower() for t in phrase.subtree if t.i < span.start or t.i >= span.end
        )
    return found - _FILLER


def described(doc: Doc, document: Document, phrase: Span, before: int,
              titles: dict[tuple[int, int], set[str]] | None = None) -> Entity | None:  # fmt: skip
    """The person a definite description stands for ("the Turkish leader"): the one mentioned
    last before ``before`` whose title holds the description's head noun (or, for "leader",
    any head-of-state title) and its capitalised words ("Turkish"), preferring the one that
    shares most of its other words ("former"). ``titles`` caches each mention's title words
    across calls for one article."""
    root: Token = phrase.root
    named = any(t.ent_type_ in ("PERSON", "ORG") for t in phrase)
    if phrase[0].lower_ != "the" or root.pos_ != "NOUN" or named:
        return None
    wanted = {t.lemma_.lower() for t in phrase} - _FILLER
    required = {t.lemma_.lower() for t in phrase if t.text[:1].isupper() and t.i > phrase.start}
    head = root.lemma_.lower()
    best: tuple[int, int, Entity] | None = None
    for entity in document.entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            if mention.start >= before:
                continue
            key = (mention.start, mention.end)
            if titles is None or key not in titles:
                found = title_words(doc, mention.start, mention.end)
                if titles is None:
                    titles = {}
                titles[key] = found
            words = titles[key]
            if head not in words and not (head == "leader" and words & HEADS):
                continue
            if not required <= words:  # "the Turkish leader" is no French president
                continue
            score = len((wanted - {head}) & words)
            if best is None or (score, mention.start) > best[:2]:
                best = (score, mention.start, entity)
    return fuller(document, best[2], before) if best is not None else None
