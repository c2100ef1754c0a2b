"""The time stage: every time expression found, resolved, and attached to what it dates.

A spaCy component (``storyline_times``) finds time expressions with the rules of
:mod:`storyline.nlp.temporal.detect`, reads the tense of the clause each one sits in from the
parse, and resolves it against the publication date (``Doc._.published``) or, for
expressions that refer back ("the year prior", "the night before"), against the time last
mentioned before it. Without a publication date, one is inferred from the latest full date
in the text and marked ``published_source: "inferred"``; nothing is ever resolved against
today's date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline.model import Document, TimeExpr
from storyline.nlp.stages import Stage
from storyline.nlp.temporal import resolve as r
from storyline.nlp.temporal.detect import Candidate, find_candidates
from storyline.nlp.temporal.values import Anchor, Context, Resolution, resolve_candidate

NAME = "storyline_times"
# Confidence of values resolved against a publication date storyline had to infer.
INFERRED_DCT_CONFIDENCE = 0.6
# Auxiliaries that put a clause in the future (modals: a possible or expected future).
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "may", "might", "should", "would", "could"})
_PREPOSITIONS_BEFORE_YEAR = frozenset(
    {"in", "since", "until", "till", "by", "from", "of", "during", "before", "after", "through",
     "to", "between", "and", "or", "around", "circa", "early", "late", "mid", "year", "summer",
     "spring", "autumn", "winter", "fall", "'s", "season", "fiscal", "the"}
)  # fmt: skip
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
# Verbs that announce what is to come: their clause dates the future.
_SCHEDULING = frozenset({"schedule", "expect", "set", "plan", "slate", "due"})
# Named things that contain time words: "Theresa May", "The Sunday Times", "Black Friday".
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LOC"})
_NAMED_RULES = frozenset({"month", "weekday", "season", "month_year", "deictic"})
_NAMED_DAYS = frozenset(
    [
        "black",
        "cyber",
        "good",
        "super",
        "bloody",
        "ash",
        "holy",
        "easter",
        "palm",
        "maundy",
        "shrove",
    ]
)
_STREETS = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "drive",
        "way",
        "place",
        "square",
    ]
)

for _name in ("times", "published_inferred", "time_verbs"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def tense_at(doc: Doc, start: int, end: int) -> r.Tense:
    """The tense of the clause holding the characters ``start``–``end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    verb = _governing_verb(span.root)
    if verb is None:
        return _sentence_tense(span.sent)
    return _verb_tense(verb)


def _governing_verb(token: Token) -> Token | None:
    """The verb whose clause the token belongs to: the first finite (or auxiliary-marked) one.

    Bare participles ("markets closed until Friday") carry no tense of their own, so the search
    goes on up to the verb that does.
    """
    first = None
    for ancestor in (token, *token.ancestors):
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        first = first or ancestor
        finite = "Fin" in ancestor.morph.get("VerbForm", [])
        marked = any(c.dep_ in ("aux", "auxpass") for c in ancestor.children)
        reduced = ancestor.tag_ == "VBN" and ancestor.dep_ == "acl"  # "plans announced in May"
        if finite or marked or reduced or ancestor.dep_ == "ROOT":
            return ancestor
    return first


def _verb_tense(verb: Token) -> r.Tense:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj" and not auxiliaries and verb.tag_ == "VB" and verb.head != verb:
        return _verb_tense(verb.head)  # "will visit ... and meet": the first verb's tense
    if any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return "future"
    if any(a.tag_ == "TO" for a in auxiliaries):
        return "future"  # "an event to be held on October 12", "markets to remain closed"
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return "future"
    past_aux = any("Past" in a.morph.get("Tense", []) for a in auxiliaries)
    if (verb.lemma_ in _SCHEDULING or verb.lower_ == "due") and not past_aux:
        return "future"  # "is scheduled for Friday", "is expected on Friday", "is due Monday"
    passive = [a for a in auxiliaries if a.dep_ == "auxpass"]
    if passive and "Pres" in passive[0].morph.get("Tense", []):
        return "present"  # "is held on Friday": the participle's Past is not the clause's
    perfect = [a for a in auxiliaries if a.lemma_ == "have"]
    if perfect:  # "had been held": past; "has been scheduled", "has continued": present
        return "past" if "Past" in perfect[0].morph.get("Tense", []) else "present"
    if any("Past" in t.morph.get("Tense", []) for t in (verb, *auxiliaries)):
        return "past"
    if verb.tag_ == "VBG" and not auxiliaries:
        return "past"  # "..., saying that" in a report
    return "present"


def _sentence_tense(sent: Span) -> r.Tense:
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT"]
    return _verb_tense(verbs[0]) if verbs else "past"


def plausible_in_doc(c: Candidate, doc: Doc) -> bool:
    """Rules out readings the parse contradicts: "2000 people", "May" the modal verb."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return True
    if c.rule.name == "year":
        first = span[0]
        before = doc[first.i - 1].lower_ if first.i > 0 else ""
        if first.dep_ == "nummod" and first.head.tag_ == "NNS" and before not in ("in", "since"):
            return False  # "2000 people"; but "a 2019 interview" is a year
        after = doc[first.i + 1] if first.i + 1 < len(doc) else None
        named = first.i > 0 and doc[first.i - 1].pos_ == "PROPN"
        if named and after is not None and after.pos_ in ("PROPN", "NOUN"):
            return False  # "the Russell 2000 Index"; but "WWDC 2005" is a year
        if any(t.lower_ in _STREETS for t in doc[first.i + 1 : first.i + 4]):
            return False  # "1600 Pennsylvania Avenue", "2020 K Street"
        return (
            before in _PREPOSITIONS_BEFORE_YEAR
            or first.ent_type_ == "DATE"
            or first.dep_ in ("nummod", "compound", "amod", "npadvmod", "pobj")
            or first.i == 0
            or bool(first.is_sent_start)
            or doc[first.i - 1].is_punct
        )
    if c.rule.name in _NAMED_RULES and _in_a_name(doc, span, c.rule.name):
        return False  # part of a name, not a time
    if c.rule.name == "decade" and span[0].i > 0 and doc[span[0].i - 1].tag_ == "PRP$":
        return False  # "in his 40s": an age
    if c.rule.name == "month" and c.groups.get("month", "").lower() in _AMBIGUOUS_MONTHS:
        token = span[-1]
        return token.pos_ == "PROPN" or token.ent_type_ == "DATE"
    # "stock markets fall": a verb, not a season
    return not (c.rule.name == "season" and len(span) == 1 and span[0].pos_ == "VERB")


def _in_a_name(doc: Doc, span: Span, rule: str) -> bool:
    """Whether time words are part of a name: "Theresa May", "May's government", "Black Friday"."""
    if any(t.ent_type_ in _NAME_LABELS for t in span):
        return True
    if not span[0].is_title:
        return False  # "last May", "this summer": a modifier opens the span
    before = doc[span[0].i - 1] if span[0].i > 0 else None
    after = doc[span[-1].i + 1] if span[-1].i + 1 < len(doc) else None
    if rule == "weekday":
        return before is not None and before.lower_ in _NAMED_DAYS
    if rule != "month":
        return False
    if after is not None and after.tag_ == "POS":
        return True  # "May's government"
    return (
        before is not None
        and before.is_title
        and before.pos_ == "PROPN"
        and before.ent_type_ not in ("DATE", "TIME")
    )  # "Theresa May", "June Carter"


def find_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    """Every time expression in the Doc, resolved against ``published`` (ISO date)."""
    full_text = doc.text  # Doc.text is rebuilt from the tokens on every access
    candidates = [c for c in find_candidates(full_text) if plausible_in_doc(c, doc)]
    dct = dt.date.fromisoformat(published) if published else None
    confidence = 1.0
    if dct is None:
        dct = infer_published(doc, candidates, full_text)
        confidence = INFERRED_DCT_CONFIDENCE
    times: list[TimeExpr] = []
    anchors: list[Anchor] = []
    for number, c in enumerate(candidates, start=1):
        text = full_text[c.start : c.end]
        ctx = Context(dct, tense_at(doc, c.start, c.end), tuple(anchors))
        res = resolve_candidate(c, ctx, text)
        time = _time_expr(f"t{number}", c, text, res, confidence)
        times.append(time)
        point = _as_point(res)
        if point is not None and time.type in ("DATE", "TIME") and not time.vague:
            anchors.append(Anchor(point, time.id))
    return times


def _time_expr(
    ident: str, c: Candidate, text: str, res: Resolution | None, confidence: float
) -> TimeExpr:
    if res is None:
        return TimeExpr(ident, c.start, c.end, text, c.rule.type, vague=True)
    interval = None
    if res.start or res.end:
        interval = [res.start.isoformat() if res.start else None,
                    res.end.isoformat() if res.end else None]  # fmt: skip
    is_time = "T" in (res.value or "")[10:11]
    dated = c.rule.type in ("DATE", "TIME")
    relative = dated and (res.anchor is not None or not _explicit(c))
    return TimeExpr(
        id=ident,
        start=c.start,
        end=c.end,
        text=text,
        type="TIME" if is_time else c.rule.type,
        value=res.value,
        granularity=res.granularity,
        anchor=(res.anchor or "dct") if relative else None,
        vague=res.vague,
        interval=interval,
        confidence=confidence if relative and res.anchor is None else 1.0,
    )


def _explicit(c: Candidate) -> bool:
    """Whether the expression carries its own year (it needs no anchor)."""
    return "year" in c.groups or c.rule.name in ("iso", "numeric", "decade", "century", "year")


def _as_point(res: Resolution | None) -> r.Point | None:
    if res is None or res.start is None or res.end is None or res.value is None:
        return None
    if res.granularity in ("part", "time"):
        return r.day(res.start)
    return r.Point(res.value, res.granularity, res.start, res.end)  # type: ignore[arg-type]


def infer_published(doc: Doc, candidates: Iterable[Candidate], text: str) -> dt.date | None:
    """A stand-in publication date: the latest full date the text reports as past or present.

    The article was written on or after the last day it reports on; a date named in a future
    clause ("will meet on June 5, 1998") lies after publication and is used only when the
    text names no other.
    """
    reported: list[dt.date] = []
    announced: list[dt.date] = []
    for c in candidates:
        if c.rule.name in ("iso", "weekday_full", "month_day", "day_month", "numeric") and (
            "year" in c.groups or c.rule.name in ("iso", "numeric")
        ):
            res = resolve_candidate(c, Context(None, "past"), text[c.start : c.end])
            if res is not None and res.start is not None:
                future = tense_at(doc, c.start, c.end) == "future"
                (announced if future else reported).append(res.start)
    dates = reported or announced
    if not dates:
        return None
    doc._.published_inferred = max(dates).isoformat()
    return max(dates)


def time_of(document: Document, start: int, end: int) -> TimeExpr | None:
    """The time expression that dates the clause holding ``start``–``end``, if any.

    It is the non-vague DATE or TIME expression in the same sentence nearest to the span
    (inside it, else before it, else after it); durations and sets date nothing.
    """
    sentence = next((s for s in document.sentences if s.start <= start < s.end + 1), None)
    if sentence is None:
        return None
    inside = [t for t in document.times if sentence.start <= t.start and t.end <= sentence.end
              and t.type in ("DATE", "TIME") and not t.vague and t.value]  # fmt: skip
    if not inside:
        return None

    def distance(t: TimeExpr) -> tuple[int, int]:
        if start <= t.start and t.end <= end:
            return (0, t.start - start)
        if t.end <= start:
            return (1, start - t.end)
        return (2, t.start - end)

    return min(inside, key=distance)


@dataclass(frozen=True)
class Dating:
    """How a clause is dated: its own time, or no date and an upper bound."""

    time: str | None  # id of the TimeExpr that dates it
    date: str | None  # that expression's value
    before: str | None  # without a date: the clause is earlier than this (publication date)


def clause_time(doc: Doc, document: Document, start: int, end: int) -> TimeExpr | None:
    """The time expression that modifies the clause of ``start``–``end``, from the parse.

    It is a non-vague DATE or TIME whose governing verb is the span's own: in "Officials said
    Monday that the general was killed on March 4th, 2018", "killed" gets March 4th and
    "said" gets Monday; in "The general, who was born in 1950, was killed …", 1950 dates
    "born" only. A clause with no time of its own gets None, not a neighbour's.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return time_of(document, start, end)
    own = [t for t in _times_by_verb(doc, document).get(verb.i, [])
           if t.type in ("DATE", "TIME") and not t.vague and t.value]  # fmt: skip
    return min(own, key=lambda t: abs(t.start - start)) if own else None


def _times_by_verb(doc: Doc, document: Document) -> dict[int, list[TimeExpr]]:
    """The document's times by the index of the verb that governs them (built once per Doc)."""
    key = f"storyline.times_by_verb.{len(document.times)}"
    found = cast(dict[int, list[TimeExpr]] | None, doc.user_data.get(key))
    if found is None:
        verbs = doc._.time_verbs or {}
        found = {}
        for time in document.times:
            if time.id in verbs:
                found.setdefault(verbs[time.id], []).append(time)
        doc.user_data[key] = found
    return found


def dating(document: Document, start: int, end: int, doc: Doc | None = None) -> Dating:
    """The date of the clause holding ``start``–``end``, never the publication date.

    Quotes and events take ``time``, ``date`` and ``before`` from here: a clause with a time
    of its own gets it; one without gets ``date: None`` and the publication date as an upper
    bound, since what an article reports happened before it was published. With the parsed
    ``doc`` the time must modify the clause itself (:func:`clause_time`); without it, the
    nearest time in the sentence is taken (:func:`time_of`).
    """
    found = (
        clause_time(doc, document, start, end) if doc is not None else time_of(document, start, end)
    )
    if found is not None:
        return Dating(found.id, found.value, None)
    return Dating(None, None, document.published)


@Language.factory(NAME, assigns=["doc._.times"], requires=["token.dep", "token.morph"])
def make_times(nlp: Language, name: str) -> TimeTagger:
    """The time component."""
    return TimeTagger()


class TimeTagger:
    """Finds and resolves the time expressions of a Doc into ``doc._.times``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = find_times(doc, doc._.published)
        doc._.time_verbs = time_verbs(doc, doc._.times)
        return doc


def time_verbs(doc: Doc, times: list[TimeExpr]) -> dict[str, int | None]:
    """For each time expression, the token index of the verb whose clause it modifies."""
    found: dict[str, int | None] = {}
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None and len(span) else None
        found[time.id] = verb.i if verb is not None else None
    return found


def setup(nlp: Language) -> None:
    """Add the component at the end of the pipeline."""
    if NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, last=True)


def extract(doc: Doc, document: Document) -> None:
    """Fill ``document.times``; record an inferred publication date."""
    document.times = list(doc._.times or [])
    if document.published is None and doc._.published_inferred:
        document.published = doc._.published_inferred
        document.published_source = "inferred"


STAGE = Stage(name="times", version="1", extract=extract, setup=setup)


def tag(text: str, published: str | None) -> list[TimeExpr]:
    """The time expressions of a text, with the configured model (for benchmarks and tests)."""
    return list(_tagged(text, published))


@functools.lru_cache(maxsize=4)
def _tagged(text: str, published: str | None) -> tuple[TimeExpr, ...]:
    from storyline.config import Settings
    from storyline.nlp.pipeline import load_nlp

    nlp = load_nlp(Settings.from_env().spacy_model)
    doc = nlp.make_doc(text)
    doc._.published = published
    return tuple(nlp(doc)._.times)


def normalise(text: str, start: int, end: int, published: str) -> TimeExpr | None:
    """The value of the expression at ``start``–``end`` (a given span) in ``text``."""
    found = [t for t in _tagged(text, published) if t.start < end and start < t.end]
    return max(found, key=lambda t: min(t.end, end) - max(t.start, start)) if found else None
