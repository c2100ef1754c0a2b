"""The quotation stage: every quotation and piece of reported speech, its speaker and source.

Direct quotations are found by their marks (:mod:`storyline.nlp.quoting.marks`), reported
speech by its reporting verb ("X said (that) …", "according to X, …"); each is attributed from
the parse (:mod:`storyline.nlp.quoting.attribute`) to a speaker resolved to an entity of the
document, with its cue, addressee, intermediaries and date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.model import Document, Entity, Mention, Quote
from storyline.model import Span as TextSpan
from storyline.nlp.actors.gender import find_gender
from storyline.nlp.headline import LABEL, title_end_of
from storyline.nlp.quoting.attribute import (
    ANONYMOUS_NOUNS,
    CHARACTERISING_VERBS,
    FINDING_VERBS,
    INDIRECT_VERBS,
    INTENT_VERBS,
    PREPOSITION_CUES,
    PRONOUNS,
    REPORTING_VERBS,
    STANCE_AFTER,
    STANCE_VERBS,
    Attribution,
    antecedent_phrase,
    attribute,
    can_be_source,
    from_cue,
    relays,
    reporting_verbs,
    speaker_kind,
    subject_of,
)
from storyline.nlp.quoting.context import affiliation, insertions, medium, setting, source_count
from storyline.nlp.quoting.coref import described, fuller
from storyline.nlp.quoting.frames import best_frame, noun_source
from storyline.nlp.quoting.marks import Marked, find_marked
from storyline.nlp.stages import Stage
from storyline.nlp.times import dating
from storyline.nlp.words import word_set

# Quoted words this short, with no reporting verb, are words mentioned, not speech
# ("a “special operation” rather than a “war”").
MENTION_MAX_WORDS = 3
# Confidence of each way of finding the speaker.
CONFIDENCE = {
    "cue": 0.9,
    "continuation": 0.7,
    "pronoun": 0.75,
    "description": 0.75,
    "unresolved": 0.4,
    "guess": 0.3,
    "none": 0.4,
}
_DIRECT_AFTER = set(":,\n") | {"—", "–"}
# Words after a closing mark that attribute the quotation ("“…” said Trump"), not continue it.
REPORTING_WORDS = word_set(
    "said says say added adds told tells asked asks wrote writes according explained"
)


@dataclass
class Found:
    """A quotation before it becomes a :class:`Quote`."""

    kind: str
    start: int
    end: int
    attribution: Attribution
    parent: int | None = None  # index of the enclosing quotation


class Coverage:
    """Which characters of a text some spans already cover: overlap tests in time linear in
    the span's length, however many spans there are."""

    def __init__(self, length: int, spans: list[tuple[int, int]] | None = None) -> None:
        self._mask = bytearray(length + 1)
        for start, end in spans or []:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Mark ``start``–``end`` as covered."""
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character of ``start``–``end`` is covered."""
        return self._mask.find(1, start, end) != -1

    def covers(self, offset: int) -> bool:
        """Whether the character at ``offset`` is covered."""
        return 0 <= offset < len(self._mask) and self._mask[offset] == 1


def _coordinated(doc: Doc, text: str, clause: Found, fragment: Found) -> bool:
    """Whether a quoted fragment goes on a reported clause of the same sentence after "and" or
    "but" ("…, and there was “no evidence” yet")."""
    between = text[clause.end : fragment.start]
    if "\n" in between or any(mark in between for mark in (". ", "? ", "! ")):
        return False
    opening = between.lstrip(" ,;").lower()
    return opening.startswith(("and ", "but ", "or "))


def _runs_on(text: str, clause: Found, fragment: Found) -> bool:
    """Whether a quoted fragment follows a reported clause's last word with nothing between."""
    return clause.end <= fragment.start and not text[clause.end : fragment.start].strip(" \t")


# What ends the quoted part of a clause when it follows a fragment's closing mark: a comma or
# a dash, then the reporter's own words ("things “should be wrapped up by Cleveland,”
# referring to the convention", "“a disgrace” – the Founding Father who …").
_AFTER_FRAGMENT = re.compile(r"\s*(?:,|—|–|--|-\s)")


def _parenthetical(text: str, start: int, at: int) -> bool:
    """Whether a fragment sits in an aside opened by a comma ("the deal, which he called
    “historic,” would pass"): its closing comma ends the aside, not the report."""
    return "," in text[start:at]


def _stop_at_last_fragment(text: str, found: list[Found]) -> None:
    """End each reported clause with its last quoted fragment when what follows the fragment
    is set off by a comma or a dash, or the fragment closes on a comma (“about right,”)."""
    last: dict[int, Found] = {}
    for child in found:
        if child.parent is not None and child.kind == "partial":
            seen = last.get(child.parent)
            if seen is None or child.end > seen.end:
                last[child.parent] = child
    for index, child in last.items():
        clause = found[index]
        if clause.kind != "indirect" or child.end >= clause.end:
            continue
        closing = text[child.start : child.end].rstrip("’'\"”» ")
        rest = text[child.end : clause.end].lstrip(" ,;—–-").lower()
        if rest.startswith(("and ", "but ", "or ")):
            continue  # "“bold,” and that Congress would pass it": the report goes on
        if _AFTER_FRAGMENT.match(text, child.end) or (
            closing.endswith(",") and not _parenthetical(text, clause.start, child.start)
        ):
            clause.end = child.end


# What may stand between a reported clause and the quotation that goes on with it.
_GOES_ON = re.compile(r"[ \t]*[:,—–][ \t]*")


def _continued_by_quotation(text: str, found: list[Found]) -> None:
    """A reported clause that a whole quotation of the same cue goes on with, right after a
    colon, comma or dash ("If the law has never had its day in court, Giuliani said, there's
    a simple explanation: “There's never been …”"): the quotation is part of what the clause
    reports, its child, and the clause ends with it."""
    wholes = {f.start: i for i, f in enumerate(found) if f.kind == "direct" and f.parent is None}
    for index, clause in enumerate(found):
        cue = clause.attribution.cue
        if clause.kind != "indirect" or clause.parent is not None or cue is None:
            continue
        gap = _GOES_ON.match(text, clause.end)
        at = wholes.get(gap.end()) if gap is not None else None
        other = found[at].attribution.cue if at is not None else None
        if at is None or other is None or other.i != cue.i:
            continue
        found[at].parent = index
        clause.end = found[at].end


def _ends_a_report(doc: Doc, text: str, quote: Found) -> bool:
    """Whether a whole quotation ends a clause its cue reports, which begins in the reporter's
    words: "said Friday that if his candidate were to win, “she would sign this legislation.”"
    (the clause, not the quotation alone, is what was said)."""
    cue = quote.attribution.cue
    if quote.kind != "direct" or quote.parent is not None or cue is None or cue.idx > quote.start:
        return False
    reported = _reported_content(cue)
    if reported is None or not reported.start_char < quote.start < reported.end_char:
        return False
    return any(c.isalnum() for c in text[reported.start_char : quote.start])


def _start(found: Found) -> int:
    return found.start


def _sentence_span(doc: Doc, start: int, end: int) -> Span | None:
    """The sentences holding the characters ``start``–``end``, as one span."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    if first is None or last is None or len(first) == 0 or len(last) == 0:
        return None
    return doc[first[0].sent.start : last[-1].sent.end]


def _is_direct(text: str, sent: Span, mark: Marked) -> bool:
    """A whole utterance (at the sentence start, or after a colon or comma), not a fragment
    (a fragment goes on after its closing mark: "said that, “…” against what …")."""
    before = text[sent.start_char : mark.start].rstrip()
    after = text[mark.end : mark.end + 40].split("\n", 1)[0].lstrip()
    last = text[mark.inner[0] : mark.inner[1]].rstrip("’'\"”» ")[-1:]  # "… ‘miracles,’”"
    if after[:1].islower() and last not in (",", ".", "?", "!"):
        words = [w.strip(",.;:").lower() for w in after.split()[:2]]  # "said", "she said"
        if not REPORTING_WORDS & set(words):
            return False
    return (
        not before
        or before[-1] in _DIRECT_AFTER
        or before.endswith(("said", "says", ".", "?", "!"))
    )


def classify(doc: Doc, text: str, mark: Marked, title_end: int,
             quoted: Coverage) -> Found | None:  # fmt: skip
    """Kind and attribution of one outermost quoted stretch.

    A cue or speaker found inside other quoted words ("“That makes me smart.”") is someone
    else's words, not the attribution: it is dropped.
    """
    sent = _sentence_span(doc, mark.start, mark.end)
    if sent is None:
        return None
    attribution = attribute(
        doc, sent, mark.start, mark.end, lambda cue: not _beyond_sentence(text, quoted, mark, cue)
    )
    if attribution.cue is None:  # “Why would we?” | Sadat said. — split after "?”"
        attribution = _cue_after(doc, text, sent, mark, quoted) or attribution
    cue, speaker = attribution.cue, attribution.speaker
    inside = speaker is not None and quoted.covers(speaker.start_char)
    if cue is not None and inside and not quoted.covers(cue.idx):
        # "''… Virginia, Ohio,'' Mr. Trump said": the parse took quoted words for the subject
        speaker = _speaker_beside(doc, mark, cue, quoted) or speaker
        attribution = replace(attribution, speaker=speaker)
    if (cue is not None and quoted.covers(cue.idx)) or (
        speaker is not None and quoted.covers(speaker.start_char)
    ):
        attribution = Attribution(via=attribution.via)
    inner = text[mark.inner[0] : mark.inner[1]]
    if mark.start < title_end:
        colon = text.rfind(":", 0, mark.start)
        if colon > 0:  # "Macron: Europe ‘must wake up’": the speaker is before the colon
            speaker = doc.char_span(0, colon, alignment_mode="contract")
            attribution = Attribution(None, speaker, None, [])
        return Found("headline", mark.start, mark.end, attribution)
    if attribution.cue is None and attribution.speaker is None:
        signed = _SIGNATURE.match(text, mark.end)  # "“…” ― Sonya Herridge"
        if signed is not None:
            name = doc.char_span(*signed.span(1), alignment_mode="contract")
            attribution = Attribution(None, name, None, attribution.via)
        else:
            attribution = introduced(doc, text, mark.start) or attribution
    if is_title(text, mark.start, inner) or _names_a_thing(doc, mark):
        return Found("mention", mark.start, mark.end, Attribution())
    whole = _is_direct(text, sent, mark)
    uttered = whole and inner.rstrip()[-1:] in (".", "?", "!", ",")  # “No.” is an answer
    if len(inner.split()) <= MENTION_MAX_WORDS and attribution.cue is None and not uttered:
        return Found("mention", mark.start, mark.end, Attribution())
    return Found("direct" if whole else "partial", mark.start, mark.end, attribution)


# A sentence ending outside quotation marks: a word, ".", "?" or "!" (and closing marks), then
# space and what opens a sentence.
_SENTENCE_BREAK = re.compile(r"(\w+)[.?!][\"'”’»]*\s+(?=[\"'“‘«A-Z])")
# Short capitalised words before a period that are abbreviations, not a sentence's last word.
_ABBREVIATION_MAX = 3
# Longer abbreviations of news copy: months, US states (AP style), titles ("Calif. Monday").
_ABBREVIATIONS = word_set(
    "jan feb aug sept sep oct nov dec calif colo conn fla ill ind kan mass mich minn miss"
    " mont neb nev okla ore penn tenn tex wash wis wyo ariz gov sen rep gen capt sgt prof"
    " dept corp univ inc ltd"
)


def _beyond_sentence(text: str, quoted: Coverage, mark: Marked, cue: Token) -> bool:
    """Whether a reporting verb lies in another sentence than a quotation, which the parser
    ran together: "… would move Congress to help. ''We need Chapter 9,'' said Ms. Acosta"
    (the first verb, "saying", reports something else), "“… campaign.” Ohio Gov. John Kasich
    said he …", or past a line break ("“…”⏎Martha Allen criticized …"). A colon before the
    quotation introduces it across a line break ("Caddell continued:⏎⏎“…”")."""
    if cue.idx < mark.start:
        low, high = cue.idx + len(cue.text), mark.start
        if text[low:high].rstrip().endswith(":"):
            return False
    else:
        low, high = mark.end, cue.idx
        last = text[mark.inner[0] : mark.inner[1]].rstrip("’'\"”» ")[-1:]
        if mark.balanced and last == "." and text[low:high].lstrip()[:1].isupper():
            return True  # “… a political campaign.” Ohio Gov. John Kasich said …
    if "\n" in text[low:high]:
        return True
    for found in _SENTENCE_BREAK.finditer(text, low, min(len(text), high + 2)):
        word = found.group(1)
        if found.end() > high or quoted.covers(found.start(1)):
            continue
        if (word[0].isupper() and len(word) <= _ABBREVIATION_MAX) or len(word) == 1:
            continue  # "Mr.", "Sen.", "Md.", the "m" of "p.m."
        if word.lower() in _ABBREVIATIONS and found.group(0)[len(word)] == ".":
            continue  # "Calif.", "Sept."
        return True
    return False


# At most this many words name a speaker between a closing mark and its cue ("…,” the former
# secretary of state said).
SPEAKER_BESIDE_TOKENS = 8


def _speaker_beside(doc: Doc, mark: Marked, cue: Token, quoted: Coverage) -> Span | None:
    """The words naming the speaker beside a quotation's cue, when the parse took quoted words
    for its subject: those between the closing mark and the cue ("“…,” Mr. Trump said"), or
    the name right after a cue that follows the mark ("“…,” said Mr. Trump")."""
    if cue.idx < mark.end:
        return None
    between = doc.char_span(mark.end, cue.idx, alignment_mode="expand")
    words = [t for t in between or [] if not t.is_punct and not t.is_space]
    if not words:
        names = []
        for token in doc[cue.i + 1 : cue.i + 1 + SPEAKER_BESIDE_TOKENS]:
            if token.ent_type_ not in ("PERSON", "ORG", "NORP") or quoted.covers(token.idx):
                break
            names.append(token)
        return doc[names[0].i : names[-1].i + 1] if names else None
    if len(words) > SPEAKER_BESIDE_TOKENS or any(quoted.covers(t.idx) for t in words):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None
    return doc[words[0].i : words[-1].i + 1]


# How far into the next sentence a cue may be for a quotation the parser split from it.
NEXT_SENTENCE_CUE_TOKENS = 6


def _cue_after(doc: Doc, text: str, sent: Span, mark: Marked,
               quoted: Coverage) -> Attribution | None:  # fmt: skip
    """The attribution in the sentence right after a quotation, when the parser ended the
    sentence at the quotation's "?”" or "!”": "“Why would we do that?” Sadat said."."""
    if sent.end >= len(doc) or "\n" in text[mark.end : doc[sent.end].idx]:
        return None
    following = doc[sent.end].sent
    verbs = reporting_verbs(following)
    if not verbs or verbs[0].i - following.start >= NEXT_SENTENCE_CUE_TOKENS:
        return None
    if _beyond_sentence(text, quoted, mark, verbs[0]):  # “… campaign.” Kasich said he …
        return None
    found = from_cue(following, verbs[0])
    return found if found.speaker is not None else None


def is_title(text: str, start: int, inner: str) -> bool:
    """Whether quoted words are the title of a show, book, song or event: "appeared on “Face
    the Nation,”", "a rendition of “A Change Is Gonna Come”" (title case after a word that
    introduces titles)."""
    words = re.findall(r"[\w'’-]+", inner)
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    capitalised = all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS or not w[0].isalpha()
                      for w in words)  # fmt: skip
    before = re.findall(r"[\w'’]+", text[max(0, start - 40) : start])
    return (
        capitalised
        and words[0][0].isupper()
        and bool(before)
        and (before[-1].lower() in _TITLE_INTRODUCERS or before[-1].endswith(("'s", "’s")))
    )


def _names_a_thing(doc: Doc, mark: Marked) -> bool:
    """Whether quoted words are a label in front of the noun they name: the “Never Trump”
    movement, the “gun violence” narrative, “Make America Great Again” hats."""
    words = doc.char_span(mark.inner[0], mark.inner[1], alignment_mode="contract")
    if words is None or len(words) == 0 or _ends_as_sentence(words.text):
        return False
    head = words.root.head
    return (
        head.i >= words.end
        and head.pos_ == "NOUN"
        and words.root.dep_ in ("compound", "amod", "nmod")
        and all(not t.is_alpha for t in doc[words.end : head.i])  # only the closing mark
    )


def _ends_as_sentence(inner: str) -> bool:
    """Whether quoted words end as a sentence does ("… again!”", "… up.”")."""
    return inner.rstrip()[-1:] in (".", "?", "!")


def introduced(doc: Doc, text: str, start: int) -> Attribution | None:
    """The attribution of a quotation that a sentence ending in a colon introduces:
    "Caddell continued:⏎⏎“…”", "Sanders made the following comment: “…”"."""
    before = text[:start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    sent = colon[0].sent
    verbs = [t for t in sent if t.pos_ == "VERB" and t.i < colon[0].i]
    cues = [t for t in verbs if t.lemma_.lower() in REPORTING_VERBS]
    if not cues:  # "Sanders made the following comment:": the main verb of a speaker
        cues = [t for t in verbs if t.dep_ == "ROOT" and can_be_source(subject_of(t))
                and any(c.dep_ == "nsubj" for c in t.children)]  # fmt: skip
    if not cues:  # "The following statement was released:" names no speaker
        return None
    found = from_cue(sent, cues[-1])
    return found if found.speaker is not None else None


def nested(doc: Doc, mark: Marked, parent: int, outer: Marked) -> Found | None:
    """A quotation inside a quotation, attributed within the enclosing one's words only ("she
    told me, ‘…’"); with no cue there ("the sign read ‘Keep out’") it has no speaker."""
    sent = _sentence_span(doc, mark.start, mark.end)
    if sent is None:
        return None
    attribution = attribute(doc, sent, mark.start, mark.end)
    if attribution.cue is None or not outer.start <= attribution.cue.idx < outer.end:
        attribution = Attribution()
    return Found("direct", mark.start, mark.end, attribution, parent=parent)


def indirect(doc: Doc, text: str, taken: Coverage) -> list[Found]:
    """Reported speech: "X said (that) …", "according to X, …", outside quotation marks."""
    found = []
    for sent in doc.sents:
        for token in sent:
            span = _reported_content(token)
            if span is None:
                continue
            start, end = span.start_char, span.end_char
            while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
                start += 1  # "told X that, according to …": the content starts after the comma
            quoted_next = _NEXT_QUOTATION.search(text, start, end)
            if quoted_next is not None and quoted_next.start() > token.idx:
                end = quoted_next.start() + 1  # a misparse ran on into the next quotation
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start or taken.overlaps(start, end):
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
            found.append(Found("indirect", start, end, attribution))
            taken.add(start, end)
    return found


# A sentence end followed by an opening quotation mark: where reported speech must stop.
_NEXT_QUOTATION = re.compile(r"[.?!]['\"”’]*\s+(?=[“\"‘«„]|'')")
# Dependents that open a verb's complement but are not what was said ("tweeted on Sunday that").
_ADJUNCTS = frozenset(["prep", "advmod", "npadvmod", "advcl", "punct", "cc", "mark"])
_NOT_CONTENT = frozenset(["punct", "cc", "nsubj", "nsubjpass", "aux", "auxpass", "neg"])
# Dependents after the one holding the fragment that say when or where, not what was said
# ("calls Obamacare ‘crazy system’ during campaign stop").
_TRAILING = frozenset(["prep", "advmod", "npadvmod", "advcl", "punct", "dep"])


# Frames of frames.tsv used when at least this share of their uses in PolNeAR's train split
# are attributions.
FRAME_PRECISION = 0.35
# Verbs whose "that" clause is a state of affairs, not a view: "ensured that the doors were
# locked", "made sure that …", "required that …".
NOT_ATTRIBUTING = word_set("ensure make require mean cause guarantee insure")
# Lemmas of verbs that attribute words, thoughts or stances to their subject.
CUE_LEMMAS = REPORTING_VERBS | CHARACTERISING_VERBS | STANCE_VERBS | INTENT_VERBS | FINDING_VERBS


def enclosing(doc: Doc, text: str, fragment: Found) -> Found | None:
    """The attribution a quoted fragment belongs to: "Trump called Machado “disgusting”".

    From the fragment, up the parse to the first verb that attributes (``CUE_LEMMAS``) and has
    a subject; the content is what
    the verb governs after it, from its first dependent that is not a mere adjunct to the last
    one before another coordinated clause.
    """
    words = doc.char_span(fragment.start, fragment.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    chain = [words.root, *words.root.ancestors]
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX") and t.idx < fragment.start]
    cues = [v for v in verbs if v.lemma_.lower() in CUE_LEMMAS and subject_of(v) is not None]
    verb = cues[0] if cues else None
    if verb is None:
        return None
    after = [c for c in verb.rights if c.dep_ not in _NOT_CONTENT
             and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]  # fmt: skip
    holder = next((c for c in after if c.left_edge.idx <= fragment.start <= c.right_edge.idx), None)
    if holder is None or _circumstance(verb, holder, after, fragment):
        return None
    while after and after[0] is not holder and after[0].dep_ in _ADJUNCTS:
        after.pop(0)
    while after and after[-1] is not holder and after[-1].dep_ in _TRAILING:
        after.pop()
    start = after[0].left_edge.idx
    last = after[-1].right_edge
    end = last.idx + len(last)
    if doc[after[0].left_edge.i].lower_ == "that" and after[0].left_edge.dep_ == "mark":
        start = doc[after[0].left_edge.i + 1].idx
    end = max(end, fragment.end)
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if not start <= fragment.start:
        return None
    return Found("indirect", start, max(end, fragment.end), from_cue(verb.sent, verb))


# Prepositions after a reporting verb that say where or when it was said ("said on …").
_CIRCUMSTANCE_PREPOSITIONS = word_set("on during in at after before while from via through")


def _circumstance(verb: Token, holder: Token, after: list[Token], fragment: Found) -> bool:
    """Whether the words holding a quoted fragment say where, when or to whom something was
    said, not what: "he said on ABC's ''This Week''", "said during an interview on CNN's
    “State of the Union”", "told ABC's “Good Morning America”" (the quoted words are a
    title; what was said, if anything, is elsewhere)."""
    lemma = verb.lemma_.lower()
    if lemma not in REPORTING_VERBS or not all(c is holder or c.dep_ in _ADJUNCTS for c in after):
        return False
    if any(t.pos_ in ("VERB", "AUX") and not fragment.start <= t.idx < fragment.end
           for t in holder.subtree):  # fmt: skip
        return False  # "reported at the time that … was “…”": a clause the parse hung there
    if holder.dep_ in ("dobj", "dative", "iobj"):
        return lemma == "tell"
    return holder.dep_ == "prep" and holder.lower_ in _CIRCUMSTANCE_PREPOSITIONS


def _clause_end(clause: Token) -> int:
    """Where a reported clause ends: before a coordinated clause that has its own reporting verb
    ("says Machado promised to … and said she would …" reports two things), before a
    semicolon, and before a comma that opens a participle ("…, arguing that …": a new cue)."""
    doc = clause.doc
    end = clause.right_edge.i + 1
    for conj in clause.children:
        if conj.dep_ == "conj" and conj.i > clause.i and conj.lemma_.lower() in INDIRECT_VERBS:
            end = min(end, conj.left_edge.i)
    for token in doc[clause.i + 1 : end]:
        if token.text == ";" or (
            token.tag_ == "VBG" and token.dep_ == "advcl" and doc[token.i - 1].text == ","
        ):
            end = min(end, token.i)
    while end > clause.i + 1 and doc[end - 1].dep_ in ("cc", "punct") and doc[end - 1].text != "”":
        end -= 1
    return end


# Adjectives of a view or a feeling about something: "is confident that …", "was critical of …".
ATTITUDE_ADJECTIVES = word_set(
    """confident sure certain convinced worried concerned afraid fearful hopeful optimistic
        pessimistic skeptical sceptical aware happy glad proud sorry angry upset furious
        critical supportive opposed eager determined adamant unhappy disappointed"""
)


def _adjective_content(token: Token) -> Span | None:
    """What an attitude adjective attributes to the subject of its copula: "Clinton is
    confident that she will win", "Republicans were critical of the plan"."""
    if (
        token.pos_ != "ADJ"
        or token.dep_ != "acomp"
        or token.lemma_.lower() not in ATTITUDE_ADJECTIVES
    ):
        return None
    if not can_be_source(subject_of(token.head)):
        return None
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > token.i:
            return doc[child.left_edge.i : _clause_end(child)]
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "that", "to"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    return None


def _attitude_content(token: Token) -> Span | None:
    """What a finding, intention or stance verb attributes ("A poll shows that …", "Clinton
    wants to …", "cited his remarks as …", "called for a moratorium"), if its subject is there."""
    if token.pos_ != "VERB" or token.dep_ in ("amod", "acl", "relcl"):
        return None
    subject = subject_of(token)
    if subject is None:
        return None
    lemma = token.lemma_.lower()
    doc = token.doc
    kids = [c for c in token.children if c.i > token.i]
    if lemma in FINDING_VERBS or (can_be_source(subject) and lemma not in NOT_ATTRIBUTING):
        # "A poll shows that …", and any verb whose subject can hold a view: "Clinton
        # stressed that …", "aides fret that …"
        clauses = [c for c in kids if c.dep_ == "ccomp"]
        if clauses:
            return doc[clauses[0].left_edge.i : _clause_end(clauses[0])]
    if lemma in INTENT_VERBS:
        infinitives = [c for c in kids if c.dep_ == "xcomp"]
        if infinitives:
            objects = [c for c in kids if c.dep_ == "dobj" and c.i < infinitives[0].i]
            first = objects[0] if objects else infinitives[0]
            return doc[first.left_edge.i : infinitives[0].right_edge.i + 1]
    if lemma in STANCE_VERBS or lemma in CHARACTERISING_VERBS:
        objects = [c for c in kids if c.dep_ == "dobj"]
        after = [c for c in kids if objects and c.i > objects[0].i
                 and (c.dep_ in ("oprd", "xcomp", "ccomp")
                      or c.dep_ == "prep" and c.lower_ in STANCE_AFTER)]  # fmt: skip
        if objects and (after or lemma not in ("call", "consider")):  # "called the police": no
            last = max([objects[0], *after], key=lambda c: c.i)
            return doc[objects[0].left_edge.i : last.right_edge.i + 1]
    for prep in kids:
        if prep.dep_ == "prep" and prep.lower_ in PREPOSITION_CUES.get(lemma, ()):
            rest = [c for c in kids if c.i > prep.i and c.dep_ in ("xcomp", "ccomp")]
            last = rest[0] if rest else prep
            if any(c.dep_ == "pobj" for c in prep.children):
                return doc[prep.i + 1 : last.right_edge.i + 1]
    framed = best_frame(token, FRAME_PRECISION)  # a frame PolNeAR's train split attests
    return framed[1] if framed is not None else None


def _reported_content(token: Token) -> Span | None:
    """The words a reporting verb (or "according to") reports, if it governs any."""
    if token.lemma_.lower() in INDIRECT_VERBS and token.pos_ == "VERB":
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if clauses:
            clause = clauses[0]
            start = clause.left_edge.i
            if token.doc[start].lower_ == "that":
                start += 1
            return token.doc[start : _clause_end(clause)]
        if token.dep_ == "parataxis" and token.head.i > token.i and subject_of(token) is not None:
            # "The museum, he said, would make …": the sentence around the parenthetical cue
            head = token.head
            return token.doc[head.left_edge.i : head.right_edge.i + 1]
    beyond = _attitude_content(token) or _adjective_content(token)
    if beyond is not None:
        return beyond
    if token.pos_ == "NOUN" and noun_source(token) is not None:  # "Trump's claim that …"
        framed = best_frame(token, FRAME_PRECISION)
        if framed is not None:
            return framed[1]
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


# Labels that head a paragraph but name no one.
_NOT_SPEAKERS = word_set(
    """the latest correction clarification update updates note editor's editor’s source sources
    related photo video watch read listen advertisement also q a question answer warning
    disclaimer background context why what how who when where bottom line"""
)
# Titles: at most this many words, capitalised but for small words, after an introducing word.
TITLE_MAX_WORDS = 8
_TITLE_SMALL_WORDS = word_set(
    "a an the of in on and or to for at by with from is it's as but nor vs"
)
_TITLE_INTRODUCERS = word_set(
    """on of in titled entitled dubbed show program programme book film movie song anthem
        album series episode documentary podcast column article op-ed essay hashtag slogan"""
)
# A quotation signed with a dash and a name at the end of its paragraph.
_SIGNATURE = re.compile(
    r"[ \t]*[―—–][ \t]*([A-Z][^\n,;:!?()]{1,60}?)[ \t]*\.?[ \t]*(?:,[^\n]*)?$", re.M
)


def labelled(doc: Doc, text: str, title_end: int) -> list[Found]:
    """Paragraphs that open with who is speaking and a colon: headlines and transcripts."""
    found = []
    for match in LABEL.finditer(text):
        label = match.group(1)
        words = label.lower().split()
        if words[0] in _NOT_SPEAKERS or " ".join(words) in _NOT_SPEAKERS:
            continue
        start, end = match.span(2)
        while end > start and text[end - 1].isspace():
            end -= 1
        speaker = doc.char_span(*match.span(1), alignment_mode="contract")
        if speaker is None or len(speaker) == 0:
            continue
        cue = speaker[-1] if speaker[-1].lemma_.lower() in REPORTING_VERBS else None
        if cue is None and not _names_someone(speaker, headline=start < title_end):
            continue  # "NEW DELHI:", "Key points:", "Step 2:" name no speaker
        if cue is not None:  # "Limbaugh continued: …"
            attribution = from_cue(cue.sent, cue)
        else:
            attribution = Attribution(None, speaker, None, [])
        found.append(Found("headline" if start < title_end else "direct", start, end, attribution))
    return found


def _names_someone(label: Span, headline: bool) -> bool:
    """Whether a paragraph label names a speaker: a person or an organisation, or a single
    capitalised name as transcripts write them ("WALLACE:"), not a place ("NEW DELHI:"). A
    headline's label ("Pence: …") only needs to be no place, date or number."""
    types = {t.ent_type_ for t in label}
    if types & {"PERSON", "ORG", "NORP"}:
        return True
    if types & {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL"}:
        return False
    if headline:
        return not any(t.like_num for t in label)
    return len(label) == 1 and label.text.isupper() and len(label.text) > 1


def find_quotes(doc: Doc, document: Document) -> list[Quote]:
    """Every quotation of the document, attributed."""
    title_end = title_end_of(document)
    text = document.text  # Doc.text is rebuilt from the tokens on every access
    marks = find_marked(text)
    quoted = Coverage(len(text), [(m.start, m.end) for m in marks if m.level == 0])
    found: list[Found] = []
    index_of: dict[int, int] = {}
    for number, mark in enumerate(marks):
        if mark.level == 0:
            item = classify(doc, text, mark, title_end, quoted)
        elif mark.parent is not None and mark.parent in index_of:
            item = nested(doc, mark, index_of[mark.parent], marks[mark.parent])
        else:
            item = None
        if item is not None:
            index_of[number] = len(found)
            found.append(item)
    # A labelled paragraph ("PENCE: …") holds the quotations in it, unless it is inside one.
    for label in labelled(doc, text, title_end):
        inside = [f for f in found if f.start <= label.start and label.end <= f.end]
        if inside:
            continue
        holder = len(found)
        for child in found:
            if label.start <= child.start and child.end <= label.end and child.parent is None:
                child.parent = holder
                if child.kind == "headline":
                    child.kind = "partial"
        found.append(label)
    # Reported speech may hold a partial quotation ("said the talks were “a waste of time”"):
    # the fragment becomes a child of the reported clause; whole quotations block it.
    inside = [f for f in found if _ends_a_report(doc, text, f)]
    wholes = [f for f in found if f.kind not in ("partial", "mention") and f not in inside]
    fragments = sorted(
        (f for f in found if f.kind in ("partial", "mention") or f in inside), key=_start
    )
    reported = Coverage(len(text), [(f.start, f.end) for f in wholes])
    within_marks = Coverage(len(text), [(f.start + 1, f.end) for f in fragments])
    opened = {f.start + 1: f.start for f in fragments}
    clauses = []
    for clause in indirect(doc, text, reported):
        # "said “budget reforms” and … would help": a clause whose first word opens a fragment
        # (the parse hung the mark on the verb) starts at the mark
        clause.start = opened.get(clause.start, clause.start)
        if not within_marks.covers(clause.start):  # never starts inside quotation marks
            clauses.append(clause)
    taken = Coverage(len(text), [(f.start, f.end) for f in [*wholes, *clauses]])
    starts = [f.start for f in fragments]
    for outer in clauses:  # a clause cut inside a fragment's marks takes it all
        at = bisect_left(starts, outer.end) - 1
        if at >= 0 and fragments[at].start < outer.end < fragments[at].end:
            outer.end = fragments[at].end
    found.extend(clauses)
    clauses.sort(key=_start)
    clause_starts = [c.start for c in clauses]
    index = {id(f): i for i, f in enumerate(found)}
    for child in fragments:
        if child.parent is not None:
            continue
        at = bisect_right(clause_starts, child.start) - 1
        if at >= 0 and child.end <= clauses[at].end:
            child.parent = index[id(clauses[at])]
            continue
        if at >= 0 and _runs_on(text, clauses[at], child):
            # "pledged to oppose legal status for undocumented immigrants “today, tomorrow,
            # forever.”": the parse ended the clause where the fragment begins
            taken.add(clauses[at].end, child.end)
            clauses[at].end = child.end
            child.parent = index[id(clauses[at])]
            continue
        around = enclosing(doc, text, child)
        if around is not None and not taken.overlaps(around.start, around.end):
            child.parent = len(found)
            found.append(around)
            taken.add(around.start, around.end)
        elif at >= 0 and _coordinated(doc, text, clauses[at], child):
            # "said that it was too early to tell, and there was “no evidence” yet …": the
            # reported clause goes on to the end of its sentence
            words = doc.char_span(child.start, child.end, alignment_mode="expand")
            end = words[-1].sent.end_char if words is not None and len(words) else child.end
            while end > child.end and (text[end - 1].isspace() or text[end - 1] in ".;"):
                end -= 1
            if not taken.overlaps(clauses[at].end, end):
                taken.add(clauses[at].end, end)
                clauses[at].end = end
                child.parent = index[id(clauses[at])]
    _stop_at_last_fragment(text, found)
    _continued_by_quotation(text, found)
    people = Persons(doc, document, quoted)
    order = sorted(range(len(found)), key=lambda i: found[i].start)
    ids = {old: f"q{new}" for new, old in enumerate(order, start=1)}
    quotes: list[Quote] = []
    previous: Quote | None = None
    for old in order:
        quote = _to_quote(doc, document, found[old], ids[old], ids, previous, quotes, people)
        quotes.append(quote)
        if quote.parent is None and (
            quote.kind in ("direct", "partial") or _says(doc, quote) and quote.kind == "indirect"
        ):
            previous = quote
    return quotes


def _says(doc: Doc, quote: Quote) -> bool:
    """Whether a quote's cue is a verb of saying (not "shows", "wants" or "cited")."""
    if quote.cue is None:
        return False
    words = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return words is not None and words.root.lemma_.lower() in REPORTING_VERBS


def _to_quote(doc: Doc, document: Document, item: Found, ident: str, ids: dict[int, str],
              previous: Quote | None, done: list[Quote],
              people: Persons) -> Quote:  # fmt: skip
    """The :class:`Quote` of a found quotation, its speaker resolved to an entity."""
    att = item.attribution
    parent_id = ids.get(item.parent) if item.parent is not None else None
    who = _speaker(doc, document, att, parent_id, done, people)
    unattributed = att.cue is None and att.speaker is None and item.kind in ("direct", "partial")
    unresolved = who.how == "unresolved"  # "she added" with no one named before
    continues = (
        item.parent is None
        and previous is not None
        and _adjacent(document.text, previous.end, item.start)
    )
    cue = TextSpan(att.cue.idx, att.cue.idx + len(att.cue), att.cue.text) if att.cue else None
    inherited: Quote | None = None
    follows = (unattributed or unresolved) and continues and previous is not None
    if (
        follows
        and previous
        and previous.speaker_text
        and not _interrupted(doc, people, previous, item)
    ):
        inherited = previous
    if inherited is not None:
        kind = inherited.speaker_kind or "unknown"
        here = who.span if unresolved else None  # "he said" keeps its "he"
        who = Speaker(inherited.speaker, inherited.speaker_text, "continuation", kind, here)
        if "\n\n" not in document.text[inherited.end : item.start] and cue is None:
            # “…,” she said. “…”: one utterance, interrupted by its cue; the words naming the
            # speaker are those of the first part (a new paragraph names no one)
            cue, who.span = inherited.cue, inherited.speaker_span
    if who.text is None and item.kind == "direct" and item.parent is None:
        who = likely_speaker(doc, document, item.start, people) or who
    # An utterance is dated by its reporting verb's clause ("said on Sunday"), else its own.
    where = (cue.start, cue.end) if cue is not None else None
    when = dating(document, *(where or (item.start, item.end)), doc=doc)
    unnamed = who.kind == "anonymous" and who.how == "cue"
    return Quote(
        id=ident,
        kind=item.kind,
        start=item.start,
        end=item.end,
        text=document.text[item.start : item.end],
        speaker=who.id,
        speaker_text=who.text,
        speaker_kind=who.kind if item.kind != "mention" else None,
        speaker_span=who.span,
        speaker_count=(
            inherited.speaker_count if inherited else source_count(att.speaker) if unnamed else None
        ),
        speaker_affiliation=(
            inherited.speaker_affiliation
            if inherited
            else affiliation(att.speaker)
            if unnamed
            else None
        ),
        cue=cue,
        addressee=att.addressee.text if att.addressee is not None else None,
        medium=medium(att.cue) if item.kind != "mention" else None,
        setting=setting(att.cue) if item.kind != "mention" else None,
        time=when.time,
        date=when.date,
        before=when.before,
        parent=parent_id,
        via=list(dict.fromkeys(att.via)),
        insertions=insertions(document.text, item.start, item.end),
        confidence=CONFIDENCE[who.how if who.text else "none"],
    )


@dataclass
class Speaker:
    """Who said it, as resolved: entity id, the words naming them, how found, what kind."""

    id: str | None = None
    text: str | None = None
    how: str = "none"
    kind: str = "unknown"
    span: TextSpan | None = None  # the words naming the speaker at this quote


def _speaker(doc: Doc, document: Document, att: Attribution, parent_id: str | None,
             done: list[Quote], people: Persons) -> Speaker:  # fmt: skip
    """The speaker of a quotation from its attribution."""
    span = att.speaker
    if span is None:
        return Speaker()
    here = TextSpan(span.start_char, span.end_char, span.text)
    if span.root.lower_ in PRONOUNS and len(span) == 1:
        parent = next((q for q in done if q.id == parent_id), None)
        if span.root.lower_ in ("i", "we") and parent is not None:
            kind = parent.speaker_kind or "unknown"
            return Speaker(parent.speaker, parent.speaker_text, "pronoun", kind, here)
        if span.root.lower_ not in ("he", "she"):  # "they", "we": a group, not one person
            return Speaker(None, span.text, "unresolved", "unknown", here)
        person = antecedent(doc, document, span.root, done, people)
        unnamed = unnamed_before(doc, span.root, people)
        if parent is not None:
            # inside a quotation "he" is someone the quoted speaker talks about: only a subject
            # of the sentence just before, and never that speaker, is taken for him
            said_by = (parent.speaker_text or "").lower().split()[-1:]  # "the diplomat"
            if unnamed is not None and unnamed.root.lower_ in said_by:
                unnamed = None
            near = _subject_before(doc, people.mentions, span.root, lambda _: True, 2)
            person = near[0] if near is not None and near[0].id != parent.speaker else None
        if unnamed is not None:  # "A senior American diplomat recalled … “…,” he said."
            return Speaker(None, unnamed.text, "pronoun", "anonymous", here)
        if person is not None:
            person = fuller(document, person, span.start_char)
            return Speaker(person.id, person.name, "pronoun", "named", here)
        return Speaker(None, span.text, "unresolved", "unknown", here)
    relative = antecedent_phrase(span)  # "the league, which warned": the words here are "which"
    if relative is not None:
        span = relative
    entity = _entity_at(document, span)
    if entity is not None:  # "Sadat" after "Anwar Sadat"
        entity = fuller(document, entity, span.start_char)
    else:  # "the Turkish leader" after "Turkish President Recep Tayyip Erdogan"
        entity = described(doc, document, span, span.start_char, people.titles)
        if entity is not None:
            return Speaker(entity.id, span.text, "description", "named", here)
    kind = speaker_kind(span, entity is not None)
    return Speaker(entity.id if entity else None, span.text, "cue", kind, here)


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


# How many sentences back a pronoun looks for the person it stands for.
ANTECEDENT_SENTENCES = 8
# How many sentences back an unattributed quotation looks for who it may be from.
GUESS_SENTENCES = 3


Person = tuple[int, int, Entity]  # a person mention: start, end, entity


class Persons:
    """The people of one article as the speaker resolvers need them: their mentions outside
    quotation marks, in text order, and their genders, each worked out once."""

    def __init__(self, doc: Doc, document: Document, quoted: Coverage) -> None:
        self.doc = doc
        found = sorted(
            ((m.start, m.end, e) for e in document.entities if e.type == "person"
             for m in e.mentions if m.kind == "name"),
            key=lambda x: x[0],
        )  # fmt: skip
        self.mentions = [m for m in found if not quoted.covers(m[0])]
        self.starts = [m[0] for m in self.mentions]
        self._genders: dict[str, str | None] = {}
        self.titles: dict[tuple[int, int], set[str]] = {}  # a mention's title words

    def gender(self, entity: Entity) -> str | None:
        """ "he", "she" or None (see :func:`_find_gender`)."""
        if entity.id not in self._genders:
            self._genders[entity.id] = find_gender(self.doc, entity.mentions)
        return self._genders[entity.id]


def _main_subject(token: Token) -> bool:
    """Whether a word is the subject of its sentence's main verb or of a reporting verb."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return verb.dep_ == "ROOT" or verb.lemma_.lower() in REPORTING_VERBS


def _subject_before(doc: Doc, people: list[Person], token: Token,
                    fits: Callable[[Entity], bool],
                    sentences: int) -> tuple[Entity, int, int] | None:  # fmt: skip
    """The last person before ``token`` who is the subject of a main or reporting clause,
    looking back at most ``sentences`` sentences: the entity and its mention's span."""
    starts = [p[0] for p in people]  # sorted: people are in text order
    sent = token.sent
    for _ in range(sentences):
        first = bisect_left(starts, sent.start_char)
        last = bisect_left(starts, min(sent.end_char, token.idx))
        for start, end, entity in reversed(people[first:last]):
            words = doc.char_span(start, end, alignment_mode="expand")
            if words is not None and _main_subject(words.root) and fits(entity):
                return entity, start, end
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def likely_speaker(doc: Doc, document: Document, start: int,
                   people: Persons) -> Speaker | None:  # fmt: skip
    """For a quotation nothing attributes: the person the sentences just before are about."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    found = _subject_before(doc, people.mentions, first[0], lambda _: True, GUESS_SENTENCES)
    if found is None:
        return None
    entity, begin, end = found
    person = fuller(document, entity, begin)
    words = TextSpan(begin, end, document.text[begin:end])
    return Speaker(person.id, person.name, "guess", "named", words)


def unnamed_before(doc: Doc, pronoun: Token, people: Persons) -> Span | None:
    """An unnamed source that "he" or "she" stands for: a singular subject such as "a senior
    diplomat" or "the spokeswoman" of a main clause in the sentences just before, when no
    named person is a subject after it."""
    sent = pronoun.sent
    for _ in range(GUESS_SENTENCES):
        subjects = [t for t in sent if t.i < pronoun.i and _main_subject(t)]
        for subject in reversed(subjects):
            if subject.lemma_.lower() in ANONYMOUS_NOUNS and subject.tag_ == "NN":
                at = bisect_left(people.starts, subject.idx)
                named_after = any(
                    _main_subject(w.root)
                    for start, end, _ in people.mentions[at:]
                    if start < pronoun.idx
                    and (w := doc.char_span(start, end, alignment_mode="expand")) is not None
                )
                if named_after:
                    return None
                return subject.doc[subject.left_edge.i : subject.i + 1]
            if subject.ent_type_ == "PERSON":
                return None  # a named person is the latest subject
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def antecedent(doc: Doc, document: Document, pronoun: Token, done: list[Quote],
               people: Persons) -> Entity | None:  # fmt: skip
    """The person a speaker pronoun ("she said") stands for.

    Looking back sentence by sentence, outside quotation marks: the person who is the subject of
    a main or reporting clause (news writing keeps its speaker as subject: "Clinton said …
    She added …") and whose known gender does not clash, else the speaker of the quotation just
    before, else the last person named.
    """
    wanted = pronoun.lower_ if pronoun.lower_ in ("he", "she") else None
    entities = {e.id: e for e in document.entities}

    def fits(entity: Entity) -> bool:
        gender = people.gender(entity)
        return wanted is None or gender is None or gender == wanted

    subject = _subject_before(doc, people.mentions, pronoun, fits, ANTECEDENT_SENTENCES)
    if subject is not None:
        return subject[0]
    for quote in reversed(done):
        if quote.speaker in entities and quote.end <= pronoun.idx:
            if fits(entities[quote.speaker]):
                return entities[quote.speaker]
            break
    earlier = reversed(people.mentions[: bisect_left(people.starts, pronoun.idx)])
    return next((e for _, _, e in earlier if fits(e)), None)


def _interrupted(doc: Doc, people: Persons, previous: Quote, item: Found) -> bool:
    """Whether someone else becomes the subject between two quotations: "“…,” said John Smith.
    Mary Jones disagreed. “…”" — the second is not John Smith's continuation."""
    after = previous.end
    if previous.cue is not None:  # the sentence of the previous cue still belongs to it
        cue = doc.char_span(previous.cue.start, previous.cue.end, alignment_mode="expand")
        after = max(after, cue.sent.end_char) if cue is not None and len(cue) else after
    first = bisect_left(people.starts, after)
    last = bisect_left(people.starts, item.start)
    for start, end, entity in people.mentions[first:last]:
        if entity.id == previous.speaker:
            continue
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is not None and _main_subject(words.root):
            return True
    return False


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """Whether a quotation follows the previous one in the same or the next paragraph."""
    return text.count("\n\n", previous_end, start) <= 1


# First-person pronouns: a person says "I", an organisation, a country or a group "we".
FIRST_SINGULAR = word_set("i me my mine myself")
FIRST_PLURAL = word_set("we us our ours ourselves")
SPEAK_AS_WE = frozenset(("organisation", "country", "group"))


def speakers_in_their_words(doc: Doc, document: Document) -> None:
    """A speaker's "I" and "we" inside their own quoted words are mentions of the speaker:
    "“We will respond,” the Iranian foreign ministry said" makes "We" the ministry, so events
    and actors see it. Only in direct and partial quotations (in reported speech "we" is the
    reporter's), in the innermost one that holds the pronoun, and only where the entities stage
    left the pronoun unresolved; "I" is a person's, "we" an organisation's, a country's or a
    group's (a person's "we" stands for a body the text may not name)."""
    spoken = sorted(
        (q for q in document.quotes if q.kind in ("direct", "partial") and q.speaker),
        key=lambda q: q.end - q.start,
    )
    if not spoken:
        return
    entities = {e.id: e for e in document.entities}
    mentioned = {m.start for e in document.entities for m in e.mentions}
    changed: set[str] = set()
    for token in doc:
        word = token.lower_
        if token.pos_ != "PRON" or token.idx in mentioned:
            continue
        if word not in FIRST_SINGULAR and word not in FIRST_PLURAL:
            continue
        end = token.idx + len(token.text)
        quote = next((q for q in spoken if q.start <= token.idx and end <= q.end), None)
        entity = entities.get(quote.speaker or "") if quote is not None else None
        if entity is None:
            continue
        speaks = entity.type == "person" if word in FIRST_SINGULAR else entity.type in SPEAK_AS_WE
        if not speaks:
            continue
        entity.mentions.append(Mention(token.idx, end, token.text, "pronoun"))
        changed.add(entity.id)
    for ident in changed:
        entities[ident].mentions.sort(key=lambda m: (m.start, m.end))


def extract(doc: Doc, document: Document) -> None:
    """Fill ``document.quotes``; add the speakers' first-person pronouns to their mentions."""
    document.quotes = find_quotes(doc, document)
    speakers_in_their_words(doc, document)


STAGE = Stage(name="quotes", version="9", extract=extract)
