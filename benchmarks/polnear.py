"""Loader and scoring for PolNeAR 1.0 (political news attribution relations, BRAT standoff).

Layout (``DATA/polnear/data``): ``metadata.tsv`` lists every article (``compartment``,
``filename``, ``publisher``, ``publication_date``, ``annotators`` ...); each core split
(``train`` 840, ``dev`` 84, ``test`` 84 articles) has ``text/NAME.txt`` (UTF-8, read exactly as
on disk) and ``attributions/NAME_<annotator>.ann`` (BRAT). BRAT offsets are character (not
byte) offsets into the text. An attribution is an event line
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` (``Attribution-no-source`` when it has no
source) whose arguments point at ``T`` lines ``T3<TAB>Content 11 43;50 60<TAB>text``: a span
may be discontinuous (fragments joined by ``;``) and some events carry a second content
argument (``Content2``); all fragments are kept. A source may be shared by several events.
``Discard``/``Discuss`` spans, ``#`` annotator notes (which may run over several lines) and the
``Attribution`` trigger spans (a copy of the cue) are not attributions and are ignored.

Several annotators: most articles have one ``.ann`` file, but a few (2 in test, 2 in dev, 16 in
train) were annotated by five or six annotators for agreement checks. We keep ONE file per
article: the one whose annotator id comes first alphabetically (``4b22`` for all of them). The
rule is fixed, blind to the annotations' content (no peeking at test to pick the "best" one)
and reproducible; the ids are anonymous, so no annotator is known to be better, and ``4b22``
is also the annotator with the most core articles.

Direct quotations (:func:`is_direct`): a content holding a double quotation mark of any style
(straight, curly, low, guillemets), the New York Times' two apostrophes (``''quote''``, 116 of
its train articles) or a curly ‘…’ pair; a lone ’ or ' is an apostrophe and does not count.

Scoring (:func:`score_contents`, :func:`score_speakers`, :func:`score_cues`) takes predictions
as :class:`PredictedQuote` and the article's gold attributions; see each function.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPLITS = ("train", "dev", "test")
ROLES = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
EVENT = re.compile(r"^(E\d+)\t(.*)$")
DOUBLE_MARKS = '"“”„‟«»〝〞＂'  # any of these (or two apostrophes) makes a content direct
TWO_APOSTROPHES = "''"  # the New York Times writes ''quote'' (1,200 train contents)
SINGLE_PAIR = re.compile(r"‘[^‘’]*\w[^‘’]*’(?!\w)")  # ‘…’ as a pair, not an apostrophe
TOKEN = re.compile(r"\w+")
LEADING = re.compile(r"^[\W_]+")  # spaces, punctuation and quotation marks at the start
TRAILING = re.compile(r"[\W_]+$")  # ... and at the end
OVERLAP = 0.5
UNSCORED_KINDS = frozenset({"mention"})  # quotation marks that are not speech


# ------------------------------------------------------------------------------ data


@dataclass(frozen=True)
class Span:
    """One fragment of gold text: character offsets into the article and the text."""

    start: int
    end: int
    text: str


@dataclass
class Attribution:
    """One gold attribution relation: source, cue and content, each a list of fragments."""

    id: str
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)

    @property
    def extent(self) -> tuple[int, int] | None:
        """Start of the first and end of the last content fragment (None without content)."""
        if not self.content:
            return None
        return min(s.start for s in self.content), max(s.end for s in self.content)


@dataclass
class Article:
    """One PolNeAR article: id, publisher, date, raw text and gold attributions."""

    id: str
    split: str
    publisher: str
    published: str | None
    title: str
    annotator: str
    annotators: list[str]
    text: str
    attributions: list[Attribution]


@dataclass(frozen=True)
class PredictedQuote:
    """A system's quotation: content span, cue span (or None) and speaker mention spans.

    ``fragments``: the content's pieces when it has several ("“A,” she said. “B.”"), like a
    gold content; token overlap counts the words of the fragments, exact match the extent.
    """

    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    fragments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def pieces(self) -> list[tuple[int, int]]:
        """The content's fragments, or its whole extent."""
        return self.fragments or [(self.start, self.end)]


# ------------------------------------------------------------------------------ loading


def corpus_dir(data: str | Path) -> Path:
    """The PolNeAR ``data`` folder under a data directory (``DATA/polnear/data``)."""
    base = Path(data)
    for candidate in (base / "polnear" / "data", base / "data", base):
        if (candidate / "metadata.tsv").is_file():
            return candidate
    raise FileNotFoundError(f"no PolNeAR data/metadata.tsv under {base}")


def read_metadata(data_dir: Path) -> dict[str, dict[str, str]]:
    """The rows of ``metadata.tsv`` by file name."""
    with (data_dir / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def annotation_files(split_dir: Path) -> dict[str, dict[str, Path]]:
    """Every ``.ann`` file of a split, by article name and annotator id."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        name, annotator = path.stem.rsplit("_", 1)
        found.setdefault(name, {})[annotator] = path
    return found


def choose_annotator(available: Iterable[str]) -> str:
    """The annotator whose file is used: the first id alphabetically (see the module doc)."""
    return min(available)


def parse_fragments(offsets: str, text: str) -> list[Span]:
    """The fragments of a BRAT offset field such as ``11 43;50 60``."""
    spans = []
    for part in offsets.split(";"):
        start, end = (int(x) for x in part.split())
        spans.append(Span(start, end, text[start:end]))
    return spans


def parse_ann(lines: Iterable[str], text: str) -> list[Attribution]:
    """The attribution events of one ``.ann`` file, in order of their content."""
    bounds: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[str, str]] = []
    for line in lines:
        if match := TEXT_BOUND.match(line):
            bounds[match.group(1)] = (match.group(2), parse_fragments(match.group(3), text))
        elif match := EVENT.match(line.rstrip("\n")):
            events.append((match.group(1), match.group(2)))
    found = [build_attribution(eid, args, bounds) for eid, args in events]
    return sorted(found, key=lambda a: a.extent or (len(text), len(text)))


def build_attribution(
    event_id: str, arguments: str, bounds: dict[str, tuple[str, list[Span]]]
) -> Attribution:
    """An :class:`Attribution` from an event's ``Role:Tn`` arguments."""
    attribution = Attribution(event_id)
    for argument in arguments.split():
        role, _, ref = argument.partition(":")
        slot = ROLES.get(role)
        if slot is not None and ref in bounds:
            getattr(attribution, slot).extend(bounds[ref][1])
    for slot in ("source", "cue", "content"):
        getattr(attribution, slot).sort(key=lambda s: (s.start, s.end))
    return attribution


def read_text(split_dir: Path, name: str) -> str:
    """An article's text, exactly as on disk."""
    return (split_dir / "text" / f"{name}.txt").read_bytes().decode("utf-8")


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one annotator's ``.ann`` file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return parse_ann(handle, text)


def load_article(
    split_dir: Path, name: str, files: dict[str, Path], meta: dict[str, str]
) -> Article:
    """One article: its text as on disk and the chosen annotator's attributions."""
    text = read_text(split_dir, name)
    annotator = choose_annotator(files)
    attributions = read_ann(files[annotator], text)
    return Article(
        id=name,
        split=split_dir.name,
        publisher=meta.get("publisher", name.split("_", 1)[0]),
        published=meta.get("publication_date") or None,
        title=meta.get("title", ""),
        annotator=annotator,
        annotators=sorted(files),
        text=text,
        attributions=attributions,
    )


def load_split(data_dir: str | Path, split: str) -> list[Article]:
    """All articles of a split (``train``, ``dev`` or ``test``), sorted by id."""
    root = corpus_dir(data_dir)
    split_dir = root / split
    if not split_dir.is_dir():
        raise FileNotFoundError(f"no PolNeAR split {split!r} in {root}")
    metadata = read_metadata(root)
    files = annotation_files(split_dir)
    names = sorted(p.stem for p in (split_dir / "text").glob("*.txt"))
    missing = [n for n in names if n not in files]
    if missing:
        raise FileNotFoundError(f"no .ann file for {len(missing)} articles, e.g. {missing[0]}")
    return [load_article(split_dir, n, files[n], metadata.get(n, {})) for n in names]


def as_predictions(attributions: Iterable[Attribution]) -> list[PredictedQuote]:
    """One annotator's attributions as predictions, to score against another's."""
    found = []
    for a in attributions:
        extent = a.extent
        if extent is None:
            continue
        cue = (min(s.start for s in a.cue), max(s.end for s in a.cue)) if a.cue else (None, None)
        pieces = [(s.start, s.end) for s in a.content]
        found.append(
            PredictedQuote(
                start=extent[0],
                end=extent[1],
                cue_start=cue[0],
                cue_end=cue[1],
                speaker_spans=[(s.start, s.end) for s in a.source],
                fragments=pieces if len(pieces) > 1 else [],
            )
        )
    return found


@dataclass
class Annotated:
    """An article several annotators annotated: its text and each one's attributions."""

    name: str
    split: str
    text: str
    by: dict[str, list[Attribution]]

    def as_gold(self, annotator: str) -> Article:
        """The article with one annotator's attributions as the gold."""
        ids = sorted(self.by)
        return Article(
            self.name, self.split, "", None, "", annotator, ids, self.text, self.by[annotator]
        )


def multiply_annotated(data_dir: str | Path) -> list[Annotated]:
    """Every article of any split that several annotators annotated."""
    root = corpus_dir(data_dir)
    found = []
    for split in SPLITS:
        split_dir = root / split
        for name, files in sorted(annotation_files(split_dir).items()):
            if len(files) > 1:
                text = read_text(split_dir, name)
                by = {annotator: read_ann(path, text) for annotator, path in files.items()}
                found.append(Annotated(name, split, text, by))
    return found


def annotator_pairs(
    data_dir: str | Path,
) -> tuple[list[Article], dict[str, list[PredictedQuote]], int]:
    """Every article of any split that several annotators annotated, once for each ordered
    pair of them: the first's attributions as gold, the second's as predictions (keyed
    ``article|gold|other``), and how many articles that is. Scored like a system, this is how
    far the annotators agree: a ceiling to read the systems' figures against."""
    annotated = multiply_annotated(data_dir)
    articles: list[Article] = []
    predictions: dict[str, list[PredictedQuote]] = {}
    for item in annotated:
        for gold in sorted(item.by):
            for other in sorted(set(item.by) - {gold}):
                article = item.as_gold(gold)
                article.id = f"{item.name}|{gold}|{other}"
                articles.append(article)
                predictions[article.id] = as_predictions(item.by[other])
    return articles, predictions, len(annotated)


# ------------------------------------------------------------------------------ direct quotes


def has_quotation_marks(text: str) -> bool:
    """Whether a text holds a double mark (any style, or NYT's ``''``) or a ‘…’ pair."""
    doubles = any(mark in text for mark in DOUBLE_MARKS) or TWO_APOSTROPHES in text
    return doubles or bool(SINGLE_PAIR.search(text))


def is_direct(attribution: Attribution, text: str) -> bool:
    """Whether an attribution's content contains quotation marks (straight or curly)."""
    return any(has_quotation_marks(text[s.start : s.end]) for s in attribution.content)


def predicted_is_direct(quote: PredictedQuote, text: str) -> bool:
    """Whether a predicted content contains quotation marks (the same test as the gold's)."""
    return has_quotation_marks(text[quote.start : quote.end])


# ------------------------------------------------------------------------------ matching


def tokens_in(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens (``\\w+``) lying inside any of the spans."""
    found: set[int] = set()
    for start, end in spans:
        found.update(m.start() for m in TOKEN.finditer(text, start, end))
    return found


def token_overlap(gold: set[int], predicted: set[int]) -> float:
    """Shared tokens over the larger of the two token sets (0 when either is empty)."""
    if not gold or not predicted:
        return 0.0
    return len(gold & predicted) / max(len(gold), len(predicted))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without surrounding spaces, punctuation and quotation marks."""
    piece = text[start:end]
    lead = len(piece) - len(LEADING.sub("", piece))
    core = TRAILING.sub("", piece[lead:])
    return start + lead, start + lead + len(core)


def greedy_pairs(scores: Sequence[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs, the highest scores first."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def overlap_pairs(
    text: str,
    gold: Sequence[Attribution],
    predicted: Sequence[PredictedQuote],
    threshold: float = OVERLAP,
) -> list[tuple[int, int]]:
    """Gold/predicted content pairs sharing at least ``threshold`` of their tokens, one-to-one."""
    gold_tokens = [tokens_in(text, [(s.start, s.end) for s in g.content]) for g in gold]
    pred_tokens = [tokens_in(text, p.pieces) for p in predicted]
    scores = []
    for i, g in enumerate(gold_tokens):
        for j, p in enumerate(pred_tokens):
            ratio = token_overlap(g, p)
            if ratio >= threshold and ratio > 0:
                scores.append((ratio, i, j))
    return greedy_pairs(scores)


def exact_pairs(
    text: str, gold: Sequence[Attribution], predicted: Sequence[PredictedQuote]
) -> list[tuple[int, int]]:
    """Pairs whose content extents are equal once edge punctuation and quote marks are trimmed."""
    index: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(predicted):
        index.setdefault(trimmed(text, p.start, p.end), []).append(j)
    scores = []
    for i, g in enumerate(gold):
        extent = g.extent
        if extent is not None:
            scores += [(1.0, i, j) for j in index.get(trimmed(text, *extent), [])]
    return greedy_pairs(scores)


# ------------------------------------------------------------------------------ spans


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def nearest(
    candidates: Sequence[tuple[int, int]], target: tuple[int, int]
) -> tuple[int, int] | None:
    """The candidate span closest to a target span (None when there is none)."""
    return min(candidates, key=lambda c: (distance(c, target), c[0]), default=None)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every span where a string occurs in a text."""
    if not needle:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


# ------------------------------------------------------------------------------ storyline


def text_shift(original: str, analysed: str) -> int:
    """Where the analysed text starts in the original (analyze() strips outer newlines)."""
    found = original.find(analysed)
    if found < 0:
        raise ValueError("the analysed text is not a substring of the article text")
    return found


def speaker_mention(document: Any, quote: Any) -> tuple[int, int] | None:
    """The span of a quote's speaker mention: its ``speaker_span`` (schema 1.3), else the
    speaker entity's mention nearest the cue or quote."""
    span = getattr(quote, "speaker_span", None)
    if span is not None:
        return span.start, span.end
    target = (quote.cue.start, quote.cue.end) if quote.cue else (quote.start, quote.end)
    entity = next((e for e in document.entities if e.id == quote.speaker), None)
    mentions = [(m.start, m.end) for m in entity.mentions] if entity else []
    named = [s for s in mentions if document.text[s[0] : s[1]] == quote.speaker_text]
    return nearest(named or occurrences(document.text, quote.speaker_text or ""), target)


def entity_mentions(document: Any, quote: Any) -> list[tuple[int, int]]:
    """Every mention of a quote's resolved speaker entity, with its speaker mention."""
    entity = next((e for e in document.entities if e.id == quote.speaker), None)
    spans = [(m.start, m.end) for m in entity.mentions] if entity else []
    own = speaker_mention(document, quote)
    return spans + ([own] if own else [])


def to_prediction(
    quote: Any, speakers: list[tuple[int, int]], shift: int, extent: PredictedQuote | None = None
) -> PredictedQuote:
    """A storyline Quote as a prediction (content ``extent`` if given), offsets moved into the
    original text."""
    cue = quote.cue
    start, end = (extent.start, extent.end) if extent else (quote.start, quote.end)
    pieces = extent.fragments if extent and len(extent.fragments) > 1 else []
    return PredictedQuote(
        start=start + shift,
        end=end + shift,
        fragments=[(s + shift, e + shift) for s, e in pieces],
        cue_start=cue.start + shift if cue else None,
        cue_end=cue.end + shift if cue else None,
        speaker_spans=[(s + shift, e + shift) for s, e in speakers],
    )


def scored(quote: Any) -> bool:
    """Whether a storyline quote is scored: speech (not a ``mention``) and not nested."""
    return quote.kind not in UNSCORED_KINDS and quote.parent is None


def utterances(document: Any) -> list[list[Any]]:
    """A Document's scored quotes grouped into attributions: quotations that share one cue.

    "“A,” she said. “B.”" gives storyline two direct quotes with the same cue (the second a
    continuation); PolNeAR annotates them as one attribution whose content has two fragments.
    """
    groups: list[list[Any]] = []
    by_cue: dict[tuple[int, int], list[Any]] = {}
    for quote in filter(scored, document.quotes):
        key = (quote.cue.start, quote.cue.end) if quote.cue else None
        if key is not None and quote.kind in ("direct", "partial") and key in by_cue:
            by_cue[key].append(quote)
            continue
        groups.append([quote])
        if key is not None and quote.kind in ("direct", "partial"):
            by_cue[key] = groups[-1]
    return groups


def storyline_quotes(document: Any, shift: int) -> tuple[list[PredictedQuote], ...]:
    """A Document's scored attributions two ways: speaker by its mention, and by all the
    speaker entity's mentions; an attribution's content is its quotes, as fragments."""
    mention, entity = [], []
    for group in utterances(document):
        first, last = group[0], group[-1]
        own = speaker_mention(document, first)
        whole = PredictedQuote(first.start, last.end, fragments=[(q.start, q.end) for q in group])
        mention.append(to_prediction(first, [own] if own else [], shift, whole))
        entity.append(to_prediction(first, entity_mentions(document, first), shift, whole))
    return mention, entity


# ------------------------------------------------------------------------------ scores


@dataclass
class Counts:
    """Gold, predicted and matched counts behind precision, recall and F1."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, gold: int, predicted: int, matched: int) -> None:
        """Add one article's counts."""
        self.gold += gold
        self.predicted += predicted
        self.matched += matched

    def prf(self) -> dict[str, float | int]:
        """Counts with precision, recall and F1."""
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {**vars(self), "precision": p, "recall": r, "f1": f}


@dataclass
class Ratio:
    """Correct cases out of a total."""

    correct: int = 0
    total: int = 0

    def summary(self) -> dict[str, float | int | None]:
        """Counts with the share correct (None when empty)."""
        return {**vars(self), "accuracy": self.correct / self.total if self.total else None}


def scored_gold(article: Article, direct_only: bool) -> list[Attribution]:
    """The gold attributions that have content (direct quotations only, if asked)."""
    gold = [a for a in article.attributions if a.content]
    return [a for a in gold if is_direct(a, article.text)] if direct_only else gold


def scored_predictions(
    article: Article, predicted: Sequence[PredictedQuote], direct_only: bool
) -> list[PredictedQuote]:
    """The predictions to score (direct quotations only, if asked)."""
    if not direct_only:
        return list(predicted)
    return [p for p in predicted if predicted_is_direct(p, article.text)]


def score_contents(
    articles: Sequence[Article],
    predictions: Mapping[str, Sequence[PredictedQuote]],
    direct_only: bool = False,
    threshold: float = OVERLAP,
) -> dict[str, dict[str, float | int]]:
    """Content detection P/R/F1: exact (trimmed) extent match and token overlap ≥ threshold."""
    exact, overlap = Counts(), Counts()
    for article in articles:
        gold = scored_gold(article, direct_only)
        found = scored_predictions(article, predictions.get(article.id, []), direct_only)
        exact.add(len(gold), len(found), len(exact_pairs(article.text, gold, found)))
        matched = overlap_pairs(article.text, gold, found, threshold)
        overlap.add(len(gold), len(found), len(matched))
    return {"exact": exact.prf(), "overlap": overlap.prf()}


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character spans share at least one character."""
    return min(a[1], b[1]) > max(a[0], b[0])


def speaker_right(gold: Attribution, predicted: PredictedQuote) -> bool:
    """Whether any predicted speaker span overlaps any fragment of the gold source."""
    return any(
        spans_overlap(span, (s.start, s.end))
        for span in predicted.speaker_spans
        for s in gold.source
    )


def score_speakers(
    articles: Sequence[Article],
    predictions: Mapping[str, Sequence[PredictedQuote]],
    threshold: float = OVERLAP,
) -> dict[str, dict[str, float | int | None]]:
    """Speaker accuracy on overlap-matched contents whose gold has a source, and end to end.

    ``detected``: out of the matched pairs whose gold has a source; ``all_gold``: out of every
    gold attribution with content and a source (a missed content counts as wrong).
    """
    detected, every = Ratio(), Ratio()
    for article in articles:
        gold = scored_gold(article, direct_only=False)
        found = list(predictions.get(article.id, []))
        every.total += sum(bool(g.source) for g in gold)
        for i, j in overlap_pairs(article.text, gold, found, threshold):
            if gold[i].source:
                ok = speaker_right(gold[i], found[j])
                detected.correct += ok
                detected.total += 1
                every.correct += ok
    return {"detected": detected.summary(), "all_gold": every.summary()}


def score_cues(
    articles: Sequence[Article], predictions: Mapping[str, Sequence[PredictedQuote]]
) -> dict[str, float | int]:
    """Cue P/R/F1: one-to-one pairs of gold and predicted cues sharing a character."""
    counts = Counts()
    for article in articles:
        gold = [
            (min(s.start for s in a.cue), max(s.end for s in a.cue))
            for a in article.attributions
            if a.cue
        ]
        found = [
            (p.cue_start, p.cue_end)
            for p in predictions.get(article.id, [])
            if p.cue_start is not None and p.cue_end is not None
        ]
        scores = [
            (float(min(g[1], f[1]) - max(g[0], f[0])), i, j)
            for i, g in enumerate(gold)
            for j, f in enumerate(found)
            if spans_overlap(g, f)
        ]
        counts.add(len(gold), len(found), len(greedy_pairs(scores)))
    return counts.prf()


def score_all(
    articles: Sequence[Article], predictions: Mapping[str, Sequence[PredictedQuote]]
) -> dict[str, Any]:
    """Every figure of the benchmark for one system's predictions."""
    return {
        "direct": score_contents(articles, predictions, direct_only=True),
        "all": score_contents(articles, predictions, direct_only=False),
        "direct_overlap_0.3": score_contents(articles, predictions, True, 0.3)["overlap"],
        "all_overlap_0.3": score_contents(articles, predictions, False, 0.3)["overlap"],
        "speaker": score_speakers(articles, predictions),
        "cue": score_cues(articles, predictions),
    }


def count_gold(articles: Sequence[Article]) -> dict[str, int]:
    """How many articles and gold attributions (with content, direct, with a source)."""
    gold = [(a, g) for a in articles for g in a.attributions]
    with_content = [(a, g) for a, g in gold if g.content]
    return {
        "articles": len(articles),
        "attributions": len(gold),
        "with_content": len(with_content),
        "direct": sum(is_direct(g, a.text) for a, g in with_content),
        "with_source": sum(bool(g.source) for _, g in with_content),
        "with_cue": sum(bool(g.cue) for _, g in gold),
        "discontinuous_content": sum(len(g.content) > 1 for _, g in with_content),
        "multi_annotator_articles": sum(len(a.annotators) > 1 for a in articles),
    }
