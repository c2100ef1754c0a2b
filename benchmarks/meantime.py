"""Loader for the English MEANTIME corpus (CAT XML): natural text, DCT and gold TIMEX3 spans.

Each document becomes a :class:`Document`: the article text rebuilt from its tokens, its
publication date (DCT) and its gold time expressions with character offsets into that text.

Text reconstruction: the title (sentence 0) and the dateline (sentence 1) each end a paragraph
(``"\\n\\n"``); the body sentences are joined with one space. Within a sentence tokens are
joined with one space, except none before closing punctuation and clitics (``, . ; : ! ? ) ]
% 's n't 're`` ...), none after opening brackets, currency signs and opening quotes, none
around ``/``; PTB quotes are turned back into plain ones (````` and ``''`` become ``"``,
`````` ` `````` becomes ``'``) and a bare ``"`` alternates between opening and closing. The
corpus does not split hyphenated words (``fuel-efficient``, ``mid-2006`` are one token), so a
bare ``-`` is a dash between words and keeps its spaces.

DCT: the dateline (sentence 1, e.g. "June 13, 2005") is the publication date. It is checked
against the CREATION_TIME TIMEX3; where the two disagree the dateline wins and the disagreement
is kept in :attr:`Document.dct_note`. Known cases: 120578 has the value ``03-02-2009``, which
is DD-MM-YYYY (its dateline reads "February 03, 2009" and its relative dates, e.g. "last
month" = 2009-01, agree), so 2009-02-03; 114904 has ``2008-10-20`` against the dateline
"October 10, 2008" (and "the start of the day" = 2008-10-10), so 2008-10-10; 78496 and 8951
have no CREATION_TIME at all (their datelines carry a plain NONE-function TIMEX3).

MEANTIME annotates only the first sentences of each article (title, dateline and four body
sentences: sentence ids 0-5); :attr:`Document.annotated_end` is where that part ends, so a
scorer can ignore predictions beyond it.

Entities (:func:`load_entity_corpus`, the ``intra_cross-doc_annotation`` folder): the same
articles with two layers of ENTITY_MENTIONs. The document-level layer (CAT) covers the
annotated sentences and gives each mention a ``syntactic_type`` (and sometimes a ``head``);
the corpus-level layer (CROMER) adds mentions carrying only an ``m_id``, which mark the
corpus instances throughout the whole article. A mention REFERS_TO one ENTITY (two in two
cases: the first is kept; none in about fifty: the mention is a singleton), whose ``ent_type``
is the mention's type and whose ``instance_id``, when it has one, names the cross-document
instance; ENTITYs without one are clusters of their document only. The annotated part of a
document is computed from the document-level markables only, so it is the same as in the
intra-document folder.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Protocol

INTRA_DOC = "intra-doc_annotation"
ANNOTATED_SENTENCES = 6  # MEANTIME annotates sentences 0-5 (title, dateline, 4 body sentences)
PARAGRAPH_SENTENCES = (0, 1)  # title and dateline end a paragraph each
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DMY_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
FOUR_DIGITS = re.compile(r"(?<![\d.,])\d{4}(?![\d.,]?\d)")
APOSTROPHE_YEAR = re.compile(r"(?<!\w)['’‘]\d{2}(?!\d)")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "'", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "`", "‘", "#", "£", "€", "¥"}
CLITICS = {"'s", "n't", "'re", "'ve", "'m", "'ll", "'d", "’s", "n’t", "’re", "’ve", "’m", "’ll"}
CLITIC_TAILS = {"s", "t", "re", "ve", "m", "ll", "d"}  # after a bare ’ as in "Wayne ’ s"
GLUE = {"/"}
SURFACE = {"``": '"', "''": '"', "`": "'"}


@dataclass(frozen=True)
class Token:
    """One corpus token: its id, sentence and surface string."""

    t_id: str
    sentence: int
    text: str


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3 with character offsets into the rebuilt text."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    function: str
    explicit_year: bool  # a 4-digit number or an apostrophe year ('08) in the mention
    four_digit_year: bool  # a 4-digit number only (the published split's rule)
    sentence: int
    anchor_id: str | None

    @property
    def is_dct(self) -> bool:
        """Whether this is the document's CREATION_TIME expression."""
        return self.function == "CREATION_TIME"


@dataclass(frozen=True)
class Document:
    """One MEANTIME article: id, rebuilt text, DCT and gold time expressions."""

    doc_id: str
    corpus: str
    name: str
    text: str
    dct: str
    dct_gold: str | None  # the CREATION_TIME value as written in the file (None: missing)
    dct_note: str | None
    annotated_end: int
    sentences: tuple[tuple[int, int], ...]
    timexes: tuple[GoldTimex, ...]
    empty_timexes: int = 0  # TIMEX3 without tokens (empty, implicit): skipped

    @property
    def dct_well_formed(self) -> bool:
        """Whether the file's own CREATION_TIME value is an ISO date."""
        return self.dct_gold is not None and bool(ISO_DATE.match(self.dct_gold))

    def sentence_at(self, offset: int) -> str:
        """The sentence containing a character offset."""
        for start, end in self.sentences:
            if start <= offset < end:
                return self.text[start:end]
        return ""


def has_explicit_year(mention: str) -> bool:
    """Whether a mention writes its year: a 4-digit number or an apostrophe year like '08."""
    return bool(FOUR_DIGITS.search(mention) or APOSTROPHE_YEAR.search(mention))


def has_four_digit_year(mention: str) -> bool:
    """Whether a mention contains a 4-digit number."""
    return bool(FOUR_DIGITS.search(mention))


def surface(token: str) -> str:
    """The token as it would appear in running text (PTB quotes undone)."""
    if token in SURFACE:
        return SURFACE[token]
    if token.startswith("''") and len(token) > 2:
        return '"' + token[2:]
    return token


def _opens(token: str, quote_open: bool) -> bool:
    """Whether no space should follow this token."""
    if token in NO_SPACE_AFTER or token.endswith("$") or token in GLUE:
        return True
    if token == '"':
        return quote_open  # it has just opened a quotation
    return len(token) > 1 and token.endswith("'") and token[-2].isalpha()  # I' ll, O' Leary


def _closes(token: str, previous: str, quote_open: bool) -> bool:
    """Whether no space should precede this token."""
    if token in NO_SPACE_BEFORE or token.lower() in CLITICS or token in GLUE:
        return True
    if token == '"':
        return quote_open  # a closing straight quote
    return previous == "’" and token.lower() in CLITIC_TAILS


def _separator(prev: Token, token: Token, quote_open: bool) -> str:
    """The string between two consecutive tokens (``quote_open``: inside a "..." quotation)."""
    if token.sentence != prev.sentence:
        return "\n\n" if prev.sentence in PARAGRAPH_SENTENCES else " "
    if _opens(prev.text, quote_open):
        return ""
    return "" if _closes(token.text, prev.text, quote_open) else " "


def rebuild_text(tokens: list[Token]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The natural text of a token list and each token's character span in it."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    quote_open = False
    for i, token in enumerate(tokens):
        if i:
            sep = _separator(tokens[i - 1], token, quote_open)
            parts.append(sep)
            length += len(sep)
            if tokens[i - 1].sentence != token.sentence and "\n" in sep:
                quote_open = False  # a quotation does not run across the title or dateline
        word = surface(token.text)
        spans[token.t_id] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        if token.text == '"':
            quote_open = not quote_open
    return "".join(parts), spans


def read_tokens(root: ET.Element) -> list[Token]:
    """The document's tokens in order."""
    tokens = [
        Token(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
        for t in root.iter("token")
    ]
    return sorted(tokens, key=lambda t: int(t.t_id))


def sentence_spans(tokens: list[Token], spans: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
    """Character span of every sentence, in order."""
    bounds: dict[int, tuple[int, int]] = {}
    for token in tokens:
        start, end = spans[token.t_id]
        first = bounds.get(token.sentence, (start, end))
        bounds[token.sentence] = (min(first[0], start), max(first[1], end))
    return [bounds[k] for k in sorted(bounds)]


def parse_dateline(text: str) -> str | None:
    """The ISO date of a dateline such as "June 13, 2005" (None if it is not one)."""
    match = re.fullmatch(r"\s*([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})\s*", text)
    if not match or match.group(1).lower() not in MONTHS:
        return None
    month = MONTHS.index(match.group(1).lower()) + 1
    return dt.date(int(match.group(3)), month, int(match.group(2))).isoformat()


def repair_dct(value: str) -> str | None:
    """An ISO date from a CREATION_TIME value, reading DD-MM-YYYY where it is written so."""
    if ISO_DATE.match(value):
        return value
    match = DMY_DATE.match(value)
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else None


def decide_dct(dct_gold: str | None, dateline: str | None) -> tuple[str, str | None]:
    """The document's DCT and a note on how it was decided when the sources disagree."""
    repaired = repair_dct(dct_gold) if dct_gold else None
    if dateline is None and repaired is None:
        raise ValueError(f"no usable DCT (CREATION_TIME {dct_gold!r}, no dateline)")
    if dct_gold is None:
        return str(dateline), "no CREATION_TIME TIMEX3: DCT read from the dateline"
    if dateline is None:
        return str(repaired), "no parsable dateline: CREATION_TIME used"
    if repaired != dct_gold and repaired == dateline:
        return dateline, f"CREATION_TIME {dct_gold!r} is DD-MM-YYYY (dateline agrees)"
    if repaired != dateline:
        return dateline, f"CREATION_TIME {dct_gold!r} disagrees with the dateline: dateline used"
    return dateline, None


def _mention(text: str, anchors: list[tuple[int, int]]) -> tuple[int, int]:
    """Start and end offsets covering a mention's tokens."""
    return min(s for s, _ in anchors), max(e for _, e in anchors)


def read_timexes(
    root: ET.Element, text: str, spans: dict[str, tuple[int, int]], sentence_of: dict[str, int]
) -> list[GoldTimex]:
    """Gold TIMEX3 mentions with tokens (the empty, implicit ones are skipped), in text order."""
    found: list[GoldTimex] = []
    for node in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in node.iter("token_anchor")]
        if not ids:
            continue
        start, end = _mention(text, [spans[i] for i in ids])
        mention = text[start:end]
        found.append(
            GoldTimex(
                id=node.get("m_id", ""),
                start=start,
                end=end,
                text=mention,
                type=node.get("type", ""),
                value=node.get("value", ""),
                function=node.get("functionInDocument", "NONE"),
                explicit_year=has_explicit_year(mention),
                four_digit_year=has_four_digit_year(mention),
                sentence=sentence_of[ids[0]],
                anchor_id=node.get("anchorTimeID") or None,
            )
        )
    return sorted(found, key=lambda t: (t.start, t.end))


def creation_time(root: ET.Element) -> str | None:
    """The value of the CREATION_TIME TIMEX3 as written (None if there is none)."""
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            return node.get("value", "")
    return None


def annotated_end(tokens: list[Token], spans: dict[str, tuple[int, int]], last: int) -> int:
    """The character offset where the annotated sentences (ids up to ``last``) end."""
    return max(spans[t.t_id][1] for t in tokens if t.sentence <= last)


def last_annotated_sentence(root: ET.Element, sentence_of: dict[str, int]) -> int:
    """The last sentence id covered by the annotation (at least the standard 0-5)."""
    markables = root.find("Markables")
    ids = [] if markables is None else [a.get("t_id", "") for a in markables.iter("token_anchor")]
    return max([ANNOTATED_SENTENCES - 1, *(sentence_of[i] for i in ids if i in sentence_of)])


def load_document(path: Path) -> Document:
    """Read one CAT XML file."""
    root = ET.parse(path).getroot()
    tokens = read_tokens(root)
    text, spans = rebuild_text(tokens)
    sentences = sentence_spans(tokens, spans)
    sentence_of = {t.t_id: t.sentence for t in tokens}
    dateline_span = sentences[1] if len(sentences) > 1 else (0, 0)
    dct_gold = creation_time(root)
    dct, note = decide_dct(dct_gold, parse_dateline(text[dateline_span[0] : dateline_span[1]]))
    last = last_annotated_sentence(root, sentence_of)
    return Document(
        doc_id=root.get("doc_id", path.stem.split("_", 1)[0]),
        corpus=path.parent.name,
        name=root.get("doc_name", path.stem),
        text=text,
        dct=dct,
        dct_gold=dct_gold,
        dct_note=note,
        annotated_end=annotated_end(tokens, spans, last),
        sentences=tuple(sentences),
        timexes=tuple(read_timexes(root, text, spans, sentence_of)),
        empty_timexes=sum(node.find("token_anchor") is None for node in root.iter("TIMEX3")),
    )


def corpus_dir(data: str | Path, folder: str = INTRA_DOC) -> Path:
    """The annotation folder under a data directory (``DATA/meantime/FOLDER``)."""
    base = Path(data)
    for candidate in (base / "meantime" / folder, base / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no MEANTIME {folder}/ under {base}")


def load_corpus(
    data: str | Path, folder: str = INTRA_DOC, only: set[str] | None = None
) -> list[Document]:
    """All documents (or those whose ids are in ``only``), sorted by corpus and id."""
    paths = sorted(corpus_dir(data, folder).glob("corpus_*/*.xml"))
    wanted = [p for p in paths if only is None or p.name.split("_", 1)[0] in only]
    return [load_document(p) for p in wanted]


# ------------------------------------------------------------------------------------ scoring

CONCRETE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TYPES = ("DATE", "TIME", "DURATION", "SET")
GRANULARITY_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


class TimexLike(Protocol):
    """What scoring needs of a predicted expression (``storyline.model.TimeExpr`` fits)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def type(self) -> str: ...

    @property
    def value(self) -> str | None: ...


@dataclass
class SpanScores:
    """Counts behind span precision, recall and F1, exact and overlap."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0  # gold spans predicted with the very same offsets
    overlap: int = 0  # one-to-one pairs of overlapping gold and predicted spans

    def add(self, other: SpanScores) -> None:
        """Add another document's counts to these."""
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact += other.exact
        self.overlap += other.overlap

    def prf(self, matched: int) -> dict[str, float]:
        """Precision, recall and F1 for a number of matched pairs."""
        precision = matched / self.predicted if self.predicted else 0.0
        recall = matched / self.gold if self.gold else 0.0
        total = precision + recall
        return {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / total if total else 0.0,
        }

    def summary(self) -> dict[str, Any]:
        """Counts and exact and overlap P/R/F1, for a report."""
        return {
            **asdict(self),
            "exact_prf": self.prf(self.exact),
            "overlap_prf": self.prf(self.overlap),
        }


@dataclass
class Ratio:
    """Correct cases out of a total."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one case."""
        self.correct += ok
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        """The share correct (None when there is nothing to count)."""
        return self.correct / self.total if self.total else None


def overlaps(a: TimexLike | GoldTimex, b: TimexLike | GoldTimex) -> int:
    """The number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_overlaps(
    gold: Sequence[GoldTimex], predicted: Sequence[TimexLike]
) -> list[tuple[GoldTimex, TimexLike]]:
    """One-to-one pairs of overlapping gold and predicted spans, the largest overlaps first."""
    candidates = [
        (overlaps(g, p), -abs(g.start - p.start), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if overlaps(g, p)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[GoldTimex, TimexLike]] = []
    for _, _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((gold[i], predicted[j]))
    return sorted(pairs, key=lambda pair: pair[0].start)


def in_scope(doc: Document, predicted: Sequence[TimexLike]) -> list[TimexLike]:
    """The predictions that start inside the annotated part of the document."""
    return [p for p in predicted if p.start < doc.annotated_end]


def without_dct(
    doc: Document, predicted: Sequence[TimexLike]
) -> tuple[list[GoldTimex], list[TimexLike]]:
    """Gold without CREATION_TIME mentions, and predictions not touching one (left neutral)."""
    dct = [g for g in doc.timexes if g.is_dct]
    gold = [g for g in doc.timexes if not g.is_dct]
    return gold, [p for p in predicted if not any(overlaps(g, p) for g in dct)]


def score_spans(gold: Sequence[GoldTimex], predicted: Sequence[TimexLike]) -> SpanScores:
    """Exact and overlap span matches of one document's predictions against its gold."""
    exact = {(p.start, p.end) for p in predicted}
    return SpanScores(
        gold=len(gold),
        predicted=len(predicted),
        exact=sum((g.start, g.end) in exact for g in gold),
        overlap=len(match_overlaps(gold, predicted)),
    )


def value_accuracy(pairs: Sequence[tuple[GoldTimex, TimexLike]]) -> dict[str, Ratio]:
    """Exact value agreement on matched pairs, by gold type and over all."""
    ratios = {kind: Ratio() for kind in (*TYPES, "all")}
    for gold, predicted in pairs:
        ok = predicted.value == gold.value
        ratios.setdefault(gold.type, Ratio()).add(ok)
        ratios["all"].add(ok)
    return ratios


@dataclass(frozen=True)
class AnchorCase:
    """A gold concrete DATE to normalise from its given span and the DCT."""

    doc: Document
    timex: GoldTimex

    @property
    def published_group(self) -> str:
        """The published split: "no_year" unless the mention holds a 4-digit number."""
        return "with_year" if self.timex.four_digit_year else "no_year"

    @property
    def explicit_group(self) -> str:
        """The wider split: apostrophe years ('82) count as explicit too."""
        return "with_year" if self.timex.explicit_year else "no_year"


def is_concrete_date(timex: GoldTimex) -> bool:
    """A non-DCT DATE whose value is YYYY, YYYY-MM or YYYY-MM-DD."""
    return timex.type == "DATE" and not timex.is_dct and bool(CONCRETE_DATE.match(timex.value))


def anchor_cases(docs: Sequence[Document], published: bool = True) -> list[AnchorCase]:
    """Concrete DATEs; ``published`` keeps only documents with a well-formed CREATION_TIME."""
    return [
        AnchorCase(doc, timex)
        for doc in docs
        if doc.dct_well_formed or not published
        for timex in doc.timexes
        if is_concrete_date(timex)
    ]


def tally(
    cases: Sequence[AnchorCase],
    values: Sequence[str | None],
    group: Callable[[AnchorCase], str] = lambda case: case.published_group,
) -> dict[str, Ratio]:
    """Exact value accuracy of given values over all cases and by year group."""
    ratios = {"all": Ratio(), "no_year": Ratio(), "with_year": Ratio()}
    for case, value in zip(cases, values, strict=True):
        ok = value == case.timex.value
        ratios["all"].add(ok)
        ratios[group(case)].add(ok)
    return ratios


def anchor_accuracy(
    cases: Sequence[AnchorCase],
    predict: Callable[[AnchorCase], str | None],
    group: Callable[[AnchorCase], str] = lambda case: case.published_group,
) -> tuple[dict[str, Ratio], list[str | None]]:
    """Exact value accuracy of a predictor over all cases and by group, and its values."""
    values = [predict(case) for case in cases]
    return tally(cases, values, group), values


def at_granularity(moment: dt.datetime | dt.date | None, gold_value: str) -> str | None:
    """A datetime written at the granularity of a gold value (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if moment is None:
        return None
    return moment.strftime(GRANULARITY_FORMATS.get(len(gold_value), "%Y-%m-%d"))


# ------------------------------------------------- entity mentions and cross-document instances

CROSS_DOC = "intra_cross-doc_annotation"
NAMED_TYPES = ("NAM", "PRE.NAM")  # a proper name; a proper name used as a pre-modifier ("US")
PRONOUN_TYPES = ("PRO",)


@dataclass(frozen=True)
class GoldEntity:
    """An ENTITY element: its type and the corpus instance it stands for (when it has one)."""

    id: str  # the ENTITY's m_id
    type: str  # ent_type: PER, ORG, LOC, PRO, FIN, MIX
    name: str  # TAG_DESCRIPTOR, the annotator's name for it
    instance: str  # the cross-document instance_id, else "DOC_ID/e<m_id>" (this document only)
    cross_doc: bool  # whether ``instance`` is a corpus-level instance id
    external_ref: str | None


@dataclass(frozen=True)
class GoldEntityMention:
    """A gold ENTITY_MENTION with character offsets into the rebuilt text.

    ``syntactic_type`` is the document-level (CAT) annotation's: NAM (proper name), NOM
    (common noun phrase), PRO (pronoun), PRE.NAM / PRE.NOM (a name / noun used as a
    pre-modifier: "US" in "US airtanker contract"), APP (apposition), CONJ (coordination), PTV
    (partitive), ARC (with a relative clause), HLS (headless) or "" (left empty: many nominal
    and some named mentions). It is None for the mentions only the corpus-level (CROMER)
    annotation added: those mark the corpus instances throughout the whole article, beyond
    the annotated sentences too, and have no syntactic type or head.

    ``instance`` is the cluster id: the cross-document ``instance_id`` of the ENTITY the
    mention REFERS_TO, else a per-document id of that ENTITY, else (a mention that refers to
    nothing) a per-document id of the mention itself, so that every mention has a cluster.
    ``start``/``end`` cover the first to the last token; ``gap`` marks the few mentions whose
    tokens are not contiguous ("Mobile [,] Alabama").
    """

    id: str  # m_id
    doc_id: str
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]  # the mention's tokens as they appear in the text
    sentence: int
    syntactic_type: str | None
    head: str | None  # the ``head`` attribute when given
    entity: str | None  # the ENTITY m_id it REFERS_TO (None: it refers to none)
    entity_type: str | None  # that ENTITY's ent_type
    instance: str
    cross_doc: bool
    in_scope: bool  # inside the annotated sentences (before ``Document.annotated_end``)
    gap: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """A corpus-wide identity for the mention: (document id, m_id)."""
        return (self.doc_id, self.id)

    @property
    def is_named(self) -> bool:
        """Whether the document-level annotation calls it a proper name (NAM or PRE.NAM)."""
        return self.syntactic_type in NAMED_TYPES

    @property
    def layer(self) -> str:
        """The layer: "document" (CAT, typed) or "corpus" (added by the corpus level)."""
        return "corpus" if self.syntactic_type is None else "document"


@dataclass(frozen=True)
class EntityDocument:
    """One article of the cross-document folder: the :class:`Document` and its entity layer."""

    doc: Document
    entities: tuple[GoldEntity, ...]
    mentions: tuple[GoldEntityMention, ...]  # in text order; empty (token-less) ones skipped
    empty_mentions: int = 0
    multi_reference: tuple[str, ...] = ()  # m_ids of mentions that REFERS_TO two ENTITYs

    @property
    def scoped(self) -> tuple[GoldEntityMention, ...]:
        """The mentions inside the annotated sentences."""
        return tuple(m for m in self.mentions if m.in_scope)


def is_document_layer(node: ET.Element) -> bool:
    """Whether a markable belongs to the document-level annotation.

    The corpus-level annotation adds ENTITY_MENTION and EVENT_MENTION elements that carry only
    an ``m_id`` (they extend the corpus instances to the whole article); every markable of the
    document-level annotation has more attributes.
    """
    return set(node.attrib) != {"m_id"}


def document_layer_last_sentence(root: ET.Element, sentence_of: dict[str, int]) -> int:
    """:func:`last_annotated_sentence` over the document-level markables only."""
    markables = root.find("Markables")
    nodes = [] if markables is None else [n for n in markables if is_document_layer(n)]
    ids = [a.get("t_id", "") for n in nodes for a in n.iter("token_anchor")]
    return max([ANNOTATED_SENTENCES - 1, *(sentence_of[i] for i in ids if i in sentence_of)])


def read_entities(root: ET.Element, doc_id: str) -> dict[str, GoldEntity]:
    """The ENTITY elements by m_id."""
    found: dict[str, GoldEntity] = {}
    for node in root.iter("ENTITY"):
        m_id = node.get("m_id", "")
        instance = node.get("instance_id") or ""
        found[m_id] = GoldEntity(
            id=m_id,
            type=node.get("ent_type", ""),
            name=node.get("TAG_DESCRIPTOR", ""),
            instance=instance or f"{doc_id}/e{m_id}",
            cross_doc=bool(instance),
            external_ref=node.get("external_ref") or None,
        )
    return found


def read_references(root: ET.Element) -> dict[str, list[str]]:
    """For every REFERS_TO source m_id, the target m_ids in document order."""
    targets: dict[str, list[str]] = {}
    relations = root.find("Relations")
    for rel in [] if relations is None else relations.iter("REFERS_TO"):
        ends = [t.get("m_id", "") for t in rel.iter("target")]
        for source in rel.iter("source"):
            targets.setdefault(source.get("m_id", ""), []).extend(ends)
    return targets


def _clean_head(head: str | None) -> str | None:
    """The head attribute with its spaces normalised (some carry no-break spaces)."""
    cleaned = " ".join((head or "").split())
    return cleaned or None


@dataclass(frozen=True)
class Layer:
    """One CAT XML file of the cross-document folder, read: its tree, tokens, rebuilt text
    with each token's span, each token's sentence, and the document (text, DCT, annotated
    part: where the document-level markables end)."""

    root: ET.Element
    text: str
    spans: dict[str, tuple[int, int]]
    sentence_of: dict[str, int]
    doc: Document


def read_layer(path: Path) -> Layer:
    """Read a file of the cross-document folder (shared by the entity and event layers)."""
    root = ET.parse(path).getroot()
    tokens = read_tokens(root)
    text, spans = rebuild_text(tokens)
    sentence_of = {t.t_id: t.sentence for t in tokens}
    last = document_layer_last_sentence(root, sentence_of)
    doc = replace(load_document(path), annotated_end=annotated_end(tokens, spans, last))
    return Layer(root, text, spans, sentence_of, doc)


@dataclass(frozen=True)
class Anchored:
    """A markable with its token anchors, its character span and what it refers to."""

    node: ET.Element
    m_id: str
    ids: list[str]  # token ids, in order
    target: str | None  # the first referent among the known ones (None: a singleton)
    start: int
    end: int
    gap: bool  # its tokens are not contiguous


@dataclass(frozen=True)
class AnchoredLayer:
    """Every markable of one kind in a file, and the ones that could not be used."""

    items: list[Anchored]
    empty: int  # markables without a token anchor (skipped)
    multi: tuple[str, ...]  # markables that refer to several referents (the first is kept)


def anchored(layer: Layer, tag: str, known: Collection[str]) -> AnchoredLayer:
    """The ``tag`` markables of a file (ENTITY_MENTION, EVENT_MENTION), each with its token
    span and its first referent among ``known`` (through REFERS_TO)."""
    references = read_references(layer.root)
    items: list[Anchored] = []
    empty = 0
    multi: list[str] = []
    for node in layer.root.iter(tag):
        ids = sorted((a.get("t_id", "") for a in node.iter("token_anchor")), key=int)
        if not ids:
            empty += 1
            continue
        m_id = node.get("m_id", "")
        targets = [t for t in references.get(m_id, []) if t in known]
        if len(targets) > 1:
            multi.append(m_id)
        start, end = _mention(layer.text, [layer.spans[i] for i in ids])
        numbers = [int(i) for i in ids]
        gap = numbers[-1] - numbers[0] + 1 != len(numbers)
        items.append(Anchored(node, m_id, ids, targets[0] if targets else None, start, end, gap))
    return AnchoredLayer(items, empty, tuple(multi))


def cross_doc_paths(
    data: str | Path, only: set[str] | None = None, corpora: set[str] | None = None
) -> list[Path]:
    """The files of the cross-document folder (all its ``corpus_*`` folders), sorted;
    ``only``: these document ids; ``corpora``: these folders ("corpus_airbus" or "airbus")."""
    paths = sorted(corpus_dir(data, CROSS_DOC).glob("corpus_*/*.xml"))
    return [
        p
        for p in paths
        if (only is None or p.name.split("_", 1)[0] in only)
        and (corpora is None or {p.parent.name, p.parent.name.removeprefix("corpus_")} & corpora)
    ]


def load_entity_document(path: Path) -> EntityDocument:
    """Read one CAT XML file of the cross-document folder: text, DCT and entity mentions.

    The text, sentence spans and DCT are the ones :func:`load_document` builds; the annotated
    part ends where the document-level markables end (the corpus-level ones run to the end of
    the article), exactly as in the intra-document folder.
    """
    layer = read_layer(path)
    text, spans, doc = layer.text, layer.spans, layer.doc
    entities = read_entities(layer.root, doc.doc_id)
    found = anchored(layer, "ENTITY_MENTION", entities)
    mentions: list[GoldEntityMention] = []
    for item in found.items:
        entity = entities[item.target] if item.target else None
        mentions.append(
            GoldEntityMention(
                id=item.m_id,
                doc_id=doc.doc_id,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                tokens=tuple(text[spans[i][0] : spans[i][1]] for i in item.ids),
                sentence=layer.sentence_of[item.ids[0]],
                syntactic_type=item.node.get("syntactic_type"),
                head=_clean_head(item.node.get("head")),
                entity=entity.id if entity else None,
                entity_type=entity.type if entity else None,
                instance=entity.instance if entity else f"{doc.doc_id}/m{item.m_id}",
                cross_doc=bool(entity and entity.cross_doc),
                in_scope=item.start < doc.annotated_end,
                gap=item.gap,
            )
        )
    return EntityDocument(
        doc=doc,
        entities=tuple(entities.values()),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, -m.end, int(m.id)))),
        empty_mentions=found.empty,
        multi_reference=found.multi,
    )


def load_entity_corpus(
    data: str | Path, only: set[str] | None = None, corpora: set[str] | None = None
) -> list[EntityDocument]:
    """Every article of the cross-document folder (all its ``corpus_*`` folders), sorted.

    ``only``: keep these document ids; ``corpora``: keep these folders ("corpus_airbus" or
    just "airbus").
    """
    return [load_entity_document(p) for p in cross_doc_paths(data, only, corpora)]


# -------------------------------------------------- event mentions and cross-document instances
#
# The same folder's EVENT_MENTIONs, read the way the entity layer is: the document-level (CAT)
# markables carry ``pos``, ``pred`` and the factuality attributes and cover the annotated
# sentences; the corpus-level (CROMER) layer adds mentions carrying only an ``m_id``. A mention
# REFERS_TO one EVENT (nine mentions name two: the first is kept; a few name none: the mention
# is a singleton). The EVENT's ``instance_id``, when it has one, is the cross-document
# instance (the folder has no other cross-document relation: no CROSS_DOC_COREF); an EVENT
# without one is a cluster of its document only. Event ``class``: OTHER, SPEECH_COGNITIVE,
# GRAMMATICAL ("be", "take" in "take place"), MIX.


@dataclass(frozen=True)
class GoldEvent:
    """An EVENT element: its class and the corpus instance it stands for (when it has one)."""

    id: str  # the EVENT's m_id
    event_class: str  # OTHER, SPEECH_COGNITIVE, GRAMMATICAL, MIX ("" in one case)
    name: str  # TAG_DESCRIPTOR, the annotator's name for it ("defeat VUA")
    instance: str  # the cross-document instance_id, else "DOC_ID/ev<m_id>" (this document only)
    cross_doc: bool  # whether ``instance`` is a corpus-level instance id
    external_ref: str | None


@dataclass(frozen=True)
class GoldEventMention:
    """A gold EVENT_MENTION with character offsets into the rebuilt text.

    ``pos`` and ``pred`` (the annotators' lemma) are the document-level annotation's; both are
    None for the mentions only the corpus-level layer added (``layer`` "corpus").
    ``instance`` is the cluster id: the cross-document ``instance_id`` of the EVENT the mention
    REFERS_TO, else a per-document id of that EVENT, else (a mention that refers to nothing) a
    per-document id of the mention itself. ``start``/``end`` cover the first to the last
    token ("took place", "pushes back"); ``gap`` marks mentions whose tokens are not
    contiguous.
    """

    id: str  # m_id
    doc_id: str
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]  # the mention's tokens as they appear in the text
    token_spans: tuple[tuple[int, int], ...]  # each token's character span
    sentence: int
    pos: str | None  # VERB, NOUN, ADJECTIVE, PREPOSITION, OTHER (document layer only)
    pred: str | None  # the annotated lemma (document layer only)
    polarity: str | None
    certainty: str | None
    event: str | None  # the EVENT m_id it REFERS_TO (None: it refers to none)
    event_class: str | None  # that EVENT's class
    instance: str
    cross_doc: bool
    in_scope: bool  # inside the annotated sentences (before ``Document.annotated_end``)
    layer: str  # "document" (CAT: pos, pred ...) or "corpus" (CROMER: an m_id only)
    gap: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """A corpus-wide identity for the mention: (document id, m_id)."""
        return (self.doc_id, self.id)


@dataclass(frozen=True)
class EventDocument:
    """One article of the cross-document folder: the :class:`Document` and its event layer."""

    doc: Document
    events: tuple[GoldEvent, ...]
    mentions: tuple[GoldEventMention, ...]  # in text order; empty (token-less) ones skipped
    empty_mentions: int = 0
    multi_reference: tuple[str, ...] = ()  # m_ids of mentions that REFERS_TO two EVENTs

    @property
    def scoped(self) -> tuple[GoldEventMention, ...]:
        """The mentions inside the annotated sentences."""
        return tuple(m for m in self.mentions if m.in_scope)


def read_events(root: ET.Element, doc_id: str) -> dict[str, GoldEvent]:
    """The EVENT elements by m_id."""
    found: dict[str, GoldEvent] = {}
    for node in root.iter("EVENT"):
        m_id = node.get("m_id", "")
        instance = node.get("instance_id") or ""
        found[m_id] = GoldEvent(
            id=m_id,
            event_class=node.get("class", ""),
            name=node.get("TAG_DESCRIPTOR", ""),
            instance=instance or f"{doc_id}/ev{m_id}",
            cross_doc=bool(instance),
            external_ref=node.get("external_ref") or None,
        )
    return found


def load_event_document(path: Path) -> EventDocument:
    """Read one CAT XML file of the cross-document folder: text, DCT and event mentions.

    The text, DCT and annotated part are exactly those of :func:`load_entity_document`, so
    the offsets of both layers point into the same text.
    """
    layer = read_layer(path)
    text, spans, doc = layer.text, layer.spans, layer.doc
    events = read_events(layer.root, doc.doc_id)
    found = anchored(layer, "EVENT_MENTION", events)
    mentions: list[GoldEventMention] = []
    for item in found.items:
        event = events[item.target] if item.target else None
        node = item.node
        mentions.append(
            GoldEventMention(
                id=item.m_id,
                doc_id=doc.doc_id,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                tokens=tuple(text[spans[i][0] : spans[i][1]] for i in item.ids),
                token_spans=tuple(spans[i] for i in item.ids),
                sentence=layer.sentence_of[item.ids[0]],
                pos=node.get("pos"),
                pred=node.get("pred"),
                polarity=node.get("polarity"),
                certainty=node.get("certainty"),
                event=event.id if event else None,
                event_class=event.event_class if event else None,
                instance=event.instance if event else f"{doc.doc_id}/m{item.m_id}",
                cross_doc=bool(event and event.cross_doc),
                in_scope=item.start < doc.annotated_end,
                layer="document" if is_document_layer(node) else "corpus",
                gap=item.gap,
            )
        )
    return EventDocument(
        doc=doc,
        events=tuple(events.values()),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, -m.end, int(m.id)))),
        empty_mentions=found.empty,
        multi_reference=found.multi,
    )


def load_event_corpus(
    data: str | Path, only: set[str] | None = None, corpora: set[str] | None = None
) -> list[EventDocument]:
    """Every article of the cross-document folder with its event layer, sorted.

    ``only``: keep these document ids; ``corpora``: keep these folders ("corpus_airbus" or
    just "airbus").
    """
    return [load_event_document(p) for p in cross_doc_paths(data, only, corpora)]
