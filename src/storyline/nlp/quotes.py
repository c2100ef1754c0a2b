"""The quotation stage: every quotation and piece of reported speech, its speaker and source.

Direct quotations are found by their marks (:mod:`storyline.nlp.quoting.marks`), reported
speech by its reporting verb ("X said (that) …", "according to X, …"); each is attributed from
the parse (:mod:`storyline.nlp.quoting.attribute`) to a speaker resolved to an entity of the
document, with its cue, addressee, intermediaries and date.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.model import Document, Entity, Quote
from storyline.model import Span as TextSpan
from storyline.nlp.quoting.attribute import (
    ANONYMOUS_NOUNS,
    INDIRECT_VERBS,
    PRONOUNS,
    Attribution,
    attribute,
    from_cue,
    relays,
    speaker_kind,
)
from storyline.nlp.quoting.marks import Marked, find_marked
from storyline.nlp.stages import Stage
from storyline.nlp.times import dating

# Quoted words this short, with no reporting verb, are words mentioned, not speech
# ("a “special operation” rather than a “war”").
MENTION_MAX_WORDS = 3
# Confidence of each way of finding the speaker.
CONFIDENCE = {"cue": 0.9, "continuation": 0.7, "pronoun": 0.75, "unresolved": 0.4, "none": 0.4}
_DIRECT_AFTER = set(":,\n") | {"—", "–"}


@dataclass
class Found:
    """A quotation before it becomes a :class:`Quote`."""

    kind: str
    start: int
    end: int
    attribution: Attribution
    parent: int | None = None  # index of the enclosing quotation
    how: str = "cue"


def _sentence_span(doc: Doc, start: int, end: int) -> Span | None:
    """The sentences holding the characters ``start``–``end``, as one span."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    if first is None or last is None or len(first) == 0 or len(last) == 0:
        return None
    return doc[first[0].sent.start : last[-1].sent.end]


def _is_direct(text: str, sent: Span, mark: Marked) -> bool:
    """A whole utterance (at the sentence start, or after a colon or comma), not a fragment."""
    before = text[sent.start_char : mark.start].rstrip()
    return not before or before[-1] in _DIRECT_AFTER or before.endswith(("said", "says"))


def classify(doc: Doc, text: str, mark: Marked, title_end: int) -> Found | None:
    """Kind and attribution of one outermost quoted stretch."""
    sent = _sentence_span(doc, mark.start, mark.end)
    if sent is None:
        return None
    attribution = attribute(doc, sent, mark.start, mark.end)
    inner = text[mark.inner[0] : mark.inner[1]]
    if mark.start < title_end:
        colon = text.rfind(":", 0, mark.start)
        if colon > 0:  # "Macron: Europe ‘must wake up’": the speaker is before the colon
            speaker = doc.char_span(0, colon, alignment_mode="contract")
            attribution = Attribution(None, speaker, None, [])
        return Found("headline", mark.start, mark.end, attribution)
    if len(inner.split()) <= MENTION_MAX_WORDS and attribution.cue is None:
        return Found("mention", mark.start, mark.end, attribution, how="none")
    kind = "direct" if _is_direct(text, sent, mark) else "partial"
    return Found(kind, mark.start, mark.end, attribution)


def nested(doc: Doc, mark: Marked, parent: int) -> Found | None:
    """A quotation inside a quotation: attributed within the enclosing one's words."""
    sent = _sentence_span(doc, mark.start, mark.end)
    if sent is None:
        return None
    return Found("direct", mark.start, mark.end, attribute(doc, sent, mark.start, mark.end),
                 parent=parent)  # fmt: skip


def indirect(doc: Doc, text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Reported speech: "X said (that) …", "according to X, …", outside quotation marks."""
    found = []
    for sent in doc.sents:
        for token in sent:
            span = _reported_content(token)
            if span is None or any(s < span.end_char and span.start_char < e for s, e in taken):
                continue
            if token.lemma_ == "accord":
                who = [c for c in token.children if c.dep_ == "prep"]
                objects = [c for w in who for c in w.children if c.dep_ == "pobj"]
                speaker = (
                    doc[objects[0].left_edge.i : objects[0].right_edge.i + 1] if objects else None
                )
                attribution = Attribution(token, speaker, None, relays(sent))
            else:
                attribution = from_cue(sent, token)
            start, end = span.start_char, span.end_char
            while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
                start += 1  # "told X that, according to …": the content starts after the comma
            while end > start and text[end - 1].isspace():
                end -= 1
            found.append(Found("indirect", start, end, attribution))
            taken.append((start, end))
    return found


def _reported_content(token: Token) -> Span | None:
    """The words a reporting verb (or "according to") reports, if it governs any."""
    if token.lemma_.lower() in INDIRECT_VERBS and token.pos_ == "VERB":
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if clauses:
            clause = clauses[0]
            start = clause.left_edge.i
            if token.doc[start].lower_ == "that":
                start += 1
            return token.doc[start : clause.right_edge.i + 1]
    if (
        token.lower_ == "according" and token.nbor(1).lower_ == "to"
        if token.i + 1 < len(token.doc)
        else False
    ):
        head = token.head
        rest = [
            t for t in head.subtree if t.i not in {x.i for x in token.subtree} and not t.is_punct
        ]
        if rest:
            return token.doc[min(t.i for t in rest) : max(t.i for t in rest) + 1]
    return None


def find_quotes(doc: Doc, document: Document) -> list[Quote]:
    """Every quotation of the document, attributed."""
    title_end = len(document.title) if document.title else 0
    text = document.text  # Doc.text is rebuilt from the tokens on every access
    marks = find_marked(text)
    found: list[Found] = []
    index_of: dict[int, int] = {}
    for number, mark in enumerate(marks):
        if mark.level == 0:
            item = classify(doc, text, mark, title_end)
        elif mark.parent is not None and mark.parent in index_of:
            item = nested(doc, mark, index_of[mark.parent])
        else:
            item = None
        if item is not None:
            index_of[number] = len(found)
            found.append(item)
    # Reported speech may hold a partial quotation ("said the talks were “a waste of time”"):
    # the fragment becomes a child of the reported clause; whole quotations block it.
    taken = [(f.start, f.end) for f in found if f.kind not in ("partial", "mention")]
    first_indirect = len(found)
    found.extend(indirect(doc, text, taken))
    for child in found[:first_indirect]:
        if child.kind in ("partial", "mention") and child.parent is None:
            child.parent = next(
                (i for i in range(first_indirect, len(found))
                 if found[i].start <= child.start and child.end <= found[i].end),
                None,
            )  # fmt: skip
    order = sorted(range(len(found)), key=lambda i: found[i].start)
    ids = {old: f"q{new}" for new, old in enumerate(order, start=1)}
    quotes: list[Quote] = []
    previous: Quote | None = None
    for old in order:
        quote = _to_quote(doc, document, found[old], ids[old], ids, previous, quotes)
        quotes.append(quote)
        if quote.kind in ("direct", "partial"):
            previous = quote
    return quotes


def _to_quote(doc: Doc, document: Document, item: Found, ident: str, ids: dict[int, str],
              previous: Quote | None, done: list[Quote]) -> Quote:  # fmt: skip
    """The :class:`Quote` of a found quotation, its speaker resolved to an entity."""
    att = item.attribution
    parent_id = ids.get(item.parent) if item.parent is not None else None
    who = _speaker(document, att, parent_id, done)
    unattributed = att.cue is None and item.kind in ("direct", "partial")
    unresolved = who.how == "unresolved"  # "she added" with no one named before
    continues = previous is not None and _adjacent(document.text, previous.end, item.start)
    if (unattributed or unresolved) and continues and previous is not None:
        kind = previous.speaker_kind or "unknown"
        who = Speaker(previous.speaker, previous.speaker_text, "continuation", kind)
    cue = TextSpan(att.cue.idx, att.cue.idx + len(att.cue), att.cue.text) if att.cue else None
    # An utterance is dated by its reporting verb's clause ("said on Sunday"), else its own.
    where = (att.cue.idx, att.cue.idx + len(att.cue)) if att.cue is not None else None
    when = dating(document, *(where or (item.start, item.end)), doc=doc)
    return Quote(
        id=ident,
        kind=item.kind,
        start=item.start,
        end=item.end,
        text=document.text[item.start : item.end],
        speaker=who.id,
        speaker_text=who.text,
        speaker_kind=who.kind if item.kind != "mention" else None,
        cue=cue,
        addressee=att.addressee.text if att.addressee is not None else None,
        time=when.time,
        date=when.date,
        before=when.before,
        parent=parent_id,
        via=list(dict.fromkeys(att.via)),
        confidence=CONFIDENCE[who.how if who.text else "none"],
    )


@dataclass
class Speaker:
    """Who said it, as resolved: entity id, the words naming them, how found, what kind."""

    id: str | None = None
    text: str | None = None
    how: str = "none"
    kind: str = "unknown"


def _speaker(document: Document, att: Attribution, parent_id: str | None,
             done: list[Quote]) -> Speaker:  # fmt: skip
    """The speaker of a quotation from its attribution."""
    span = att.speaker
    if span is None:
        return Speaker()
    if span.root.lower_ in PRONOUNS and len(span) == 1:
        parent = next((q for q in done if q.id == parent_id), None)
        if span.root.lower_ in ("i", "we") and parent is not None:
            kind = parent.speaker_kind or "unknown"
            return Speaker(parent.speaker, parent.speaker_text, "pronoun", kind)
        person = _last_person_before(document, span.start_char)
        if person is not None:
            return Speaker(person.id, person.name, "pronoun", "named")
        return Speaker(None, span.text, "unresolved", "unknown")
    entity = _entity_at(document, span)
    kind = speaker_kind(span, entity is not None)
    return Speaker(entity.id if entity else None, span.text, "cue", kind)


def _entity_at(document: Document, span: Span) -> Entity | None:
    """The person or organisation the speaker phrase names: a mention covering its head word.

    "an Egyptian official" names no entity ("Egyptian" is not its head); "two aides to
    Erdogan" neither; "Turkish President Erdogan" names Erdogan.
    """
    if span.root.lemma_.lower() in ANONYMOUS_NOUNS or span.root.lower_ in ANONYMOUS_NOUNS:
        return None
    head = span.root.idx
    for entity in document.entities:
        if entity.type not in ("person", "organisation", "group", "place"):
            continue
        if any(m.start <= head < m.end for m in entity.mentions):
            return entity
    return None


def _last_person_before(document: Document, offset: int) -> Entity | None:
    """The person mentioned last before ``offset``."""
    best, where = None, -1
    for entity in document.entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            if where < mention.start < offset:
                best, where = entity, mention.start
    return best


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """Whether a quotation follows the previous one in the same or the next paragraph."""
    return text.count("\n\n", previous_end, start) <= 1


def extract(doc: Doc, document: Document) -> None:
    """Fill ``document.quotes``."""
    document.quotes = find_quotes(doc, document)


STAGE = Stage(name="quotes", version="1", extract=extract)
