"""A repair layer on the spaCy model's entities, for the errors the small model makes on news.

1. Gazetteer names (people, countries, organisations, outlets, demonyms) found in the text
   replace or re-label the model's entities where they overlap: "Politico" typed GPE becomes
   an ORG linked to the outlet, "Erdoğan" typed ORG a PERSON linked to the office holder.
2. Weapons and products the model types as people or places ("Tomahawk", "Patriot",
   "HIMARS") become PRODUCT.
3. Label consistency within the article: a name typed PERSON most of the time is PERSON
   everywhere; a lone surname typed GPE or ORG after the full name is the person's.
4. Spans lose the punctuation and quotation marks they swallowed, and a leading "the" of a
   person.
5. Headline junk: in a title-case headline, an entity the body never names and the
   gazetteer does not know is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from storyline.gazetteer import Entry, Gazetteer, normalize, one_edit
from storyline.nlp.words import word_set

LABEL_OF_TYPE = {"person": "PERSON", "country": "GPE", "organisation": "ORG", "group": "ORG"}
# Labels whose mistakes the consistency vote repairs (others are left as the model gave them).
VOTED = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC"])
# Weapon systems and products the small model takes for people or places (lower case).
PRODUCTS = word_set(
    """tomahawk tomahawks patriot patriots javelin javelins stinger stingers himars atacms
    storm shadow taurus leopard leopards abrams bradley bradleys f-16 f-16s f-35 f-35s
    su-35 s-400 s-300 iron dome kinzhal shahed shaheds bayraktar tb2 reaper predator
    kalibr iskander sarmat starlink pegasus iphone iphones ipad ipads ipod ipods itunes
    macintosh macbook ios android xbox playstation kindle chatgpt"""
)
# Words the small model takes for people or organisations that are no one: time zones,
# diseases and the like (an event or a time, which other stages read).
NOT_NAMES = word_set(
    """utc gmt est edt pst pdt cet cest covid covid-19 coronavirus sars-cov-2 ebola zika
    h1n1 mers aids hiv"""
)
# A model designation: letters and digits such as A380, 737-800, F-150, A400M, 777-200LR.
MODEL = re.compile(r"^(?:[A-Z]{1,3}-?\d{2,4}[A-Z0-9-]*|\d{3}(?:-\d{2,3}[A-Z]{0,2})?|\de\d)$")
# Entity labels of numbers, which a model designation may replace.
NUMERIC = frozenset(["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"])
# Share of a headline's longer words that are capitalised for it to count as title case.
TITLE_CASE = 0.75
_TRAILING = "\"'“”‘’«»„,.;:!?()[]{}-–—"


@dataclass(frozen=True)
class Link:
    """A span the gazetteer names: the entry, and whether it names it by a demonym."""

    entry: Entry
    demonym: bool = False


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class NameMatcher:
    """A phrase matcher over every gazetteer name, case-insensitive, for one vocabulary."""

    def __init__(self, gazetteer: Gazetteer, vocab: Vocab) -> None:
        self.gazetteer = gazetteer
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.links: dict[str, Link] = {}
        patterns: dict[str, Doc] = {}
        for entry in gazetteer:
            for name in entry.names:
                self._add(patterns, name, Link(entry), tokenizer)
            for word in entry.demonyms:
                self._add(patterns, word, Link(entry, demonym=True), tokenizer)
        for key, doc in patterns.items():
            self.matcher.add(key, [doc])

    def _add(self, patterns: dict[str, Doc], name: str, link: Link, tokenizer: object) -> None:
        for form in {name, _ascii(name)}:
            key = form.lower()
            if len(key) < 2 or key in self.links:
                continue  # the first entry with a name keeps it (countries come first)
            self.links[key] = link
            patterns[key] = tokenizer(form)  # type: ignore[operator]

    def find(self, doc: Doc) -> list[tuple[Span, Link]]:
        """Gazetteer names in the text, capitalised as names are, longest first."""
        found = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            first = span.text[0]
            if not (first.isupper() or first.isdigit()):
                continue  # "us", "time": words, not the names "US", "Time"
            # a capitalised word opening a sentence is a name only when the model agrees
            opening = len(span) == 1 and not span.text.isupper() and start == span.sent.start
            if opening and not any(e.start <= start < e.end for e in doc.ents):
                continue
            found.append((span, self.links[doc.vocab.strings[match_id]]))
        return found


_MATCHERS: dict[tuple[int, int], NameMatcher] = {}


def matcher_for(gazetteer: Gazetteer, vocab: Vocab) -> NameMatcher:
    """The (cached) matcher of a gazetteer for a vocabulary."""
    key = (id(gazetteer), id(vocab))
    if key not in _MATCHERS:
        _MATCHERS[key] = NameMatcher(gazetteer, vocab)
    return _MATCHERS[key]


def _trim(span: Span) -> Span | None:
    """The span without swallowed punctuation and quotation marks (and a person's "the")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _TRAILING or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    if span.label_ == "PERSON" and start < end and doc[start].lower_ == "the":
        start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _swallowed(token: Token) -> bool:
    """A token a model entity swallows beside a name: a possessive, a mark, a space."""
    return token.tag_ == "POS" or token.text in _TRAILING or token.is_space


def _label(link: Link) -> str:
    return "NORP" if link.demonym else LABEL_OF_TYPE.get(link.entry.type, "ORG")


def _merge(doc: Doc, linked: list[tuple[Span, Link]]) -> tuple[list[Span], dict[int, Link]]:
    """The model's entities with the gazetteer's names laid over them."""
    links: dict[int, Link] = {}  # by start token
    kept: list[Span] = []
    spans = filter_spans([s for s, _ in linked])
    link_at = {(s.start, s.end): link for s, link in linked}
    for span in spans:
        link = link_at[(span.start, span.end)]
        label = _label(link)
        # a longer model entity holding the name is another name ("Mexico City", "the
        # Turkish Airlines"): it stays as the model gave it, unlinked
        holder = next((e for e in doc.ents if e.start <= span.start and span.end <= e.end), None)
        if holder is not None and len(holder) > len(span):
            extra = [t for t in holder if not span.start <= t.i < span.end]
            if all(_swallowed(t) for t in extra):
                pass  # "Theresa May's" typed ORG: the name without its "'s" is the gazetteer's
            elif normalize(holder.text) != normalize(span.text):
                continue
            else:
                span = holder
        kept.append(Span(doc, span.start, span.end, label=label))
        links[span.start] = link
    taken = {i for s in kept for i in range(s.start, s.end)}
    for ent in doc.ents:
        if not any(i in taken for i in range(ent.start, ent.end)):
            kept.append(ent)
    return sorted(kept, key=lambda s: s.start), links


def _vote(spans: list[Span], links: dict[int, Link]) -> list[Span]:
    """Label consistency: the label a name has most often (linked names keep theirs)."""
    votes: dict[str, Counter[str]] = {}
    for span in spans:
        if span.label_ in VOTED:
            votes.setdefault(normalize(span.text), Counter())[span.label_] += 1
    person_words = {
        normalize(w.text)
        for s in spans
        if s.label_ == "PERSON" and len(s) > 1
        for w in s[1:]
        if w.is_title
    }
    out = []
    for span in spans:
        label = span.label_
        key = normalize(span.text)
        if span.start not in links and label in VOTED:
            best, count = votes[key].most_common(1)[0]
            if count > votes[key][label]:
                label = best
            elif label in ("GPE", "ORG", "LOC") and len(span) == 1 and key in person_words:
                label = "PERSON"  # "Erdogan" typed GPE after "Recep Tayyip Erdogan"
        if key in PRODUCTS or span.text.lower() in PRODUCTS:
            label = "PRODUCT"
        out.append(span if label == span.label_ else Span(span.doc, span.start, span.end, label))
    return out


def _not_a_name(span: Span, gazetteer: Gazetteer) -> bool:
    """A span the model took for a name that is not one: a lower-case word ("state"), or the
    end of an office's title ("State" in "Secretary of State")."""
    if span.label_ not in VOTED:
        return False
    if not any(c.isupper() or c.isdigit() for c in span.text):
        return True
    before = span.doc[max(span.sent.start, span.start - 3) : span.end].text
    words = normalize(before)
    return any(
        words.endswith(title) and title.endswith(normalize(span.text))
        for title in gazetteer.titles_of
    )


def title_case(text: str) -> bool:
    """Whether a headline capitalises its words ("Erdogan Slams Talks As Crisis Deepens"),
    which leaves the model guessing at names."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE * len(words)


def _headline_junk(spans: list[Span], links: dict[int, Link], title_end: int) -> list[Span]:
    """Entities of a title-case headline that nothing else supports."""
    title = spans[0].doc.char_span(0, title_end, alignment_mode="contract") if spans else None
    if title is None or not title_case(title.text):
        return spans
    body = {normalize(s.text) for s in spans if s.start_char >= title_end}
    body_words = {w for key in body for w in key.split()}
    out = []
    for span in spans:
        if span.end_char <= title_end and span.start not in links:
            key = normalize(span.text)
            words = key.split()
            if key not in body and not any(
                w in body_words or any(one_edit(w, b, substitution=False) for b in body_words)
                for w in words
            ):
                continue
        out.append(span)
    return out


def _model_of(token: Token, seen: set[str]) -> bool:
    """Whether a word is a product's model designation: "A380", "737-800", "F-150", "7e7",
    or a number already seen as one in the article ("the 787" after "Boeing 787")."""
    word = token.text[:-1] if token.text.endswith("s") and len(token.text) > 3 else token.text
    if word in seen:
        return True
    return bool(MODEL.match(word)) and any(c.isalpha() for c in word)


def _model_end(doc: Doc, at: int) -> int:
    """Where a model designation starting at ``at`` ends: "737-800", "787 Dreamliner"."""
    end = at + 1
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].like_num:
        end += 2  # "737-800" in three tokens
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1  # "Boeing 787 Dreamliner"
    return end


def _versioned(doc: Doc, span: Span) -> bool:
    """A product followed by its version: "iPhone 4", "iOS 5", "iPhone 3GS"."""
    nxt = doc[span.end] if span.end < len(doc) else None
    return (
        span.label_ == "PRODUCT"
        and nxt is not None
        and len(nxt) <= 3
        and nxt.text[0].isdigit()
        and nxt.text.isalnum()
    )


def _products(doc: Doc, spans: list[Span], links: dict[int, Link]) -> list[Span]:
    """Products the small model misses: a maker and its model ("Boeing 787 Dreamliner",
    "Airbus A380"), later mentions of the model ("the 787", "A380s"), a product and its
    version ("iPhone 4"), and known products ("iPod")."""
    out: list[Span] = []
    seen: set[str] = set()
    for span in spans:
        after = span.end
        if after + 1 < len(doc) and doc[after].tag_ == "POS":
            after += 1  # "Boeing's 787"
        maker = span.label_ in ("ORG", "PRODUCT") and after < len(doc)
        if maker and MODEL.match(doc[after].text.rstrip("s")) and not doc[after].is_sent_start:
            seen.add(doc[after].text.rstrip("s") if len(doc[after]) > 3 else doc[after].text)
            links.pop(span.start, None)  # the maker is not the product
            out.append(Span(doc, span.start, _model_end(doc, after), label="PRODUCT"))
        elif _versioned(doc, span):
            out.append(Span(doc, span.start, span.end + 1, label="PRODUCT"))
        else:
            out.append(span)
    taken = {i for s in out if s.label_ == "PRODUCT" for i in range(s.start, s.end)}
    kept = [s for s in out if s.label_ == "PRODUCT" or not taken & set(range(s.start, s.end))]
    inside = {i for s in kept for i in range(s.start, s.end) if s.label_ not in NUMERIC}
    for token in doc:
        if token.i in inside:
            continue
        if (token.lower_ in PRODUCTS and not token.is_lower) or _model_of(token, seen):
            end = _model_end(doc, token.i) if token.lower_ not in PRODUCTS else token.i + 1
            if token.lower_ in PRODUCTS and end < len(doc) and doc[end].like_num:
                end += 1  # "iOS 4"
            kept = [s for s in kept if s.end <= token.i or s.start >= end]
            kept.append(Span(doc, token.i, end, label="PRODUCT"))
            inside.update(range(token.i, end))
    return sorted(kept, key=lambda s: s.start)


def repair(doc: Doc, gazetteer: Gazetteer, title_end: int) -> dict[int, Link]:
    """Repair ``doc.ents`` in place; the gazetteer link of each linked entity, by start token."""
    linked = matcher_for(gazetteer, doc.vocab).find(doc)
    spans, links = _merge(doc, linked)
    trimmed = []
    for span in spans:
        cut = _trim(span)
        if cut is not None:
            if span.start in links and cut.start != span.start:
                links[cut.start] = links.pop(span.start)
            trimmed.append(cut)
    spans = _vote(trimmed, links)
    spans = [s for s in spans if s.text.lower() not in NOT_NAMES]
    spans = [s for s in spans if s.start in links or not _not_a_name(s, gazetteer)]
    spans = _headline_junk(spans, links, title_end)
    spans = _products(doc, spans, links)
    doc.ents = filter_spans(spans)
    return links
