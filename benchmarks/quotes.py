"""Quotation benchmark on PolNeAR: content detection, speaker attribution and cues.

Usage: ``.venv/bin/python benchmarks/quotes.py [--data ../shared/data] [--split test]
[--json FILE] [--limit N]``. Over the articles of one PolNeAR split (loaded by ``polnear.py``,
which also holds the scoring and documents the choice of one annotator per article), three
systems run on the raw article text, side by side:

* storyline: ``storyline.analyze(text, published)``; its ``Document.quotes`` become predictions
  (content ``start``/``end``, ``cue``, and the speaker's mention). Timed per article.
* textacy's ``direct_quotations`` on the same spaCy model's parse (an article where it raises
  counts as finding nothing); skipped, with the reason, when textacy is not installed.
* a regex baseline (ours): paired quotation marks of at least three words, the nearest
  ``said|says|told|according to`` in the same sentence(s) as the cue, and the nearest spaCy
  PERSON entity there as the speaker.

Figures: content P/R/F1 with exact extent match (after trimming spaces, punctuation and quotation
marks at both ends) and with a one-to-one token overlap of at least 50 % (shared word tokens over
the larger of the two spans' token counts), for direct quotations (content holding quotation
marks) and for all attributions; the same overlap at 30 % for comparison with the SFU Gender Gap
Tracker; speaker accuracy on overlap-matched contents whose gold has a source (the predicted
speaker is right when its mention overlaps the gold source; for storyline also "entity": when any
mention of the resolved speaker entity does); cue P/R/F1 by character overlap. Cost: the
quotation stage's own time against the rest of the pipeline (the issue allows at most 10 %).

storyline's quotes of kind ``mention`` (quotation marks that are not speech) and nested quotes
(``parent`` set) are not scored: PolNeAR is univocal (a token belongs to at most one
attribution), so it never annotates an attribution inside another's content. The speaker mention
of a storyline quote is the mention of its speaker entity whose text is ``speaker_text``, nearest
the cue (else the quote); without one, the nearest occurrence of ``speaker_text``.
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json
from polnear import (
    Article,
    PredictedQuote,
    annotator_pairs,
    count_gold,
    load_split,
    multiply_annotated,
    nearest,
    score_all,
    score_speakers,
    storyline_quotes,
    text_shift,
)

REGEX_LABEL = "regex baseline (ours)"
TEXTACY_VERSION = "0.13.0"
TEXTACY_MISSING = (
    f"textacy {TEXTACY_VERSION} not installed: `make bench-setup` installs it (hash-pinned)"
)
QUOTE_PAIRS = (
    re.compile(r"“[^“”\n]+”"),
    re.compile(r'"[^"\n]+"'),
    re.compile(r"''(?:(?!'')[^\n])+''"),  # the New York Times' ''quote''
    re.compile(r"«[^«»\n]+»"),
    re.compile(r"„[^„“”\n]+[“”]"),
)
CUE = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
WORD = re.compile(r"\w+")
MIN_QUOTE_WORDS = 3
ANCHORS = (
    "BBC citron on PARC 3.0: source F1 82.0, content F1 83.3 (overlap) / 59.3 (exact)",
    "SFU Gender Gap Tracker: quote F1 83.7 (0.3 overlap), speaker accuracy 86.5",
)
TARGETS = (
    "direct-quote content F1 >= 0.90 (overlap)",
    "all-attribution content F1 >= 0.75 (overlap)",
    "speaker accuracy >= 0.90",
)

Predictions = dict[str, list[PredictedQuote]]


# ------------------------------------------------------------------------------ command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    return parser.parse_args(argv)


# ------------------------------------------------------------------------------ storyline


def import_storyline() -> tuple[ModuleType | None, str]:
    """The storyline package, or None and why it cannot be imported."""
    try:
        return importlib.import_module("storyline"), "available"
    except Exception as error:  # any failure to import means: skip, say why
        return None, f"cannot import storyline ({type(error).__name__}: {error})"


def pipeline_stages() -> str:
    """The names of storyline's pipeline stages (to say whether a quotation stage exists)."""
    try:
        from storyline.nlp.pipeline import STAGES
    except Exception as error:  # reported, not fatal
        return f"unknown ({type(error).__name__})"
    return ", ".join(stage.name for stage in STAGES)


@dataclass
class StorylineRun:
    """storyline's predictions (two speaker readings), timing and failures."""

    mention: Predictions = field(default_factory=dict)
    entity: Predictions = field(default_factory=dict)
    quotes: int = 0  # every quote storyline reported
    scored: int = 0  # those scored: speech, not nested
    kinds: dict[str, int] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    first_call_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def run_storyline(storyline: ModuleType, articles: Sequence[Article]) -> StorylineRun:
    """``storyline.analyze`` on every article, timed (the first call, with loading, apart)."""
    run = StorylineRun()
    for i, article in enumerate(articles):
        watch = Stopwatch()
        try:
            with watch:
                document = storyline.analyze(article.text, published=article.published)
            mention, entity = storyline_quotes(document, text_shift(article.text, document.text))
        except Exception:  # one failing article counts as finding nothing, and is reported
            run.failures.append(f"{article.id}: {traceback.format_exc(limit=3)}")
            document, mention, entity = None, [], []
        run.mention[article.id], run.entity[article.id] = mention, entity
        run.scored += len(mention)
        for quote in document.quotes if document else []:
            run.quotes += 1
            run.kinds[quote.kind] = run.kinds.get(quote.kind, 0) + 1
        if i:
            run.seconds.append(watch.seconds)
        else:
            run.first_call_seconds = watch.seconds
    return run


def timing(run: StorylineRun, articles: Sequence[Article]) -> dict[str, Any]:
    """Per-article time of ``analyze`` (the first call, which loads models, apart)."""
    seconds = sorted(run.seconds)
    chars = sum(len(a.text) for a in articles[1:])
    return {
        "articles": len(articles),
        "first_call_seconds": run.first_call_seconds,
        "mean_ms": 1000 * statistics.fmean(seconds) if seconds else None,
        "median_ms": 1000 * statistics.median(seconds) if seconds else None,
        "max_ms": 1000 * seconds[-1] if seconds else None,
        "chars_per_second": chars / sum(seconds) if seconds and sum(seconds) else None,
        "stages": pipeline_stages(),
    }


QUOTES_STAGE = "quotes"


def stage_cost(articles: Sequence[Article]) -> dict[str, Any]:
    """The quotation stage's own time against the rest of the pipeline, on the same articles.

    The spaCy pipeline runs on every text (timed), then each Document is built with every stage
    (timed); the quotation stage's ``extract`` then runs again on each (its quotes cleared
    first), timed alone: the ratio is what the stage adds to the rest.
    """
    from storyline.model import Article as StorylineArticle
    from storyline.nlp.pipeline import STAGES, Analyzer

    stage = next((s for s in STAGES if s.name == QUOTES_STAGE), None)
    if stage is None:
        return {"skipped": f"no {QUOTES_STAGE!r} stage in the pipeline"}
    analyzer = Analyzer()
    inputs = [StorylineArticle(body=a.text, published=a.published) for a in articles]
    pipe, build, quotes = Stopwatch(), Stopwatch(), Stopwatch()
    with pipe:
        docs = list(analyzer.nlp.pipe(analyzer.nlp.make_doc(a.text) for a in inputs))
    for article, doc in zip(inputs, docs, strict=True):
        doc._.published = article.published
        with build:
            document = analyzer.to_document(article, doc)
        document.quotes = []
        with quotes:
            stage.extract(doc, document)
    rest = pipe.seconds + build.seconds - quotes.seconds
    return {"articles": len(docs), "rest_s": rest, "stage_s": quotes.seconds,
            "added": quotes.seconds / rest if rest > 0 else None}  # fmt: skip


def print_cost(cost: dict[str, Any]) -> None:
    """The quotation stage's share of the pipeline time."""
    print("\n-- cost: the quotation stage against the rest of the pipeline, same texts --")
    if "skipped" in cost:
        print(f"skipped: {cost['skipped']}")
        return
    print(
        f"{cost['articles']} articles: pipeline without the stage {cost['rest_s']:.2f} s, the"
        f" stage {cost['stage_s']:.2f} s: it adds {100 * cost['added']:.1f} % (target <= 10 %)"
    )


# ------------------------------------------------------------------------------ spaCy


def load_spacy() -> Any:
    """The spaCy model storyline uses (plain, without storyline's stages), for the baselines."""
    import spacy

    from storyline.config import Settings

    return spacy.load(Settings.from_env().spacy_model)


def parsed(nlp: Any, articles: Sequence[Article]) -> Iterator[tuple[Article, Any]]:
    """Each article with its spaCy parse."""
    yield from zip(articles, nlp.pipe(a.text for a in articles), strict=True)


# ------------------------------------------------------------------------------ regex baseline


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Paired quotation marks around at least three words, within one paragraph."""
    spans = {
        (m.start(), m.end())
        for pattern in QUOTE_PAIRS
        for m in pattern.finditer(text)
        if len(WORD.findall(m.group())) >= MIN_QUOTE_WORDS
    }
    return sorted(spans)


def context_of(doc: Any, span: tuple[int, int]) -> tuple[int, int]:
    """The character range of the sentences a span touches."""
    touched = [s for s in doc.sents if s.start_char < span[1] and s.end_char > span[0]]
    if not touched:
        return span
    return touched[0].start_char, touched[-1].end_char


def outside(candidates: Sequence[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    """The candidate spans that do not overlap a span."""
    return [c for c in candidates if c[1] <= span[0] or c[0] >= span[1]]


def regex_quote(doc: Any, span: tuple[int, int]) -> PredictedQuote:
    """One quoted span with the nearest cue and PERSON in its sentences, outside the quote."""
    start, end = context_of(doc, span)
    cues = [(m.start(), m.end()) for m in CUE.finditer(doc.text, start, end)]
    cue = nearest(outside(cues, span), span)
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    people = [p for p in outside(people, span) if p[0] >= start and p[1] <= end]
    speaker = nearest(people, cue or span)
    return PredictedQuote(
        start=span[0],
        end=span[1],
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        speaker_spans=[speaker] if speaker else [],
    )


def run_regex(nlp: Any, articles: Sequence[Article]) -> Predictions:
    """The regex baseline on every article."""
    return {
        article.id: [regex_quote(doc, span) for span in quoted_spans(article.text)]
        for article, doc in parsed(nlp, articles)
    }


# ------------------------------------------------------------------------------ textacy


def import_textacy() -> tuple[ModuleType | None, str]:
    """textacy's triples module, or None and why it is skipped."""
    try:
        module = importlib.import_module("textacy.extract.triples")
        version = importlib.import_module("textacy").__version__
    except ModuleNotFoundError:
        return None, TEXTACY_MISSING
    except Exception as error:  # a broken install is reported the same way
        return None, f"textacy cannot be imported ({type(error).__name__}: {error})"
    return module, f"textacy {version}"


def token_range(tokens: Sequence[Any]) -> tuple[int, int] | None:
    """The character range covered by a list of spaCy tokens (None when empty)."""
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def textacy_quote(triple: Any) -> PredictedQuote:
    """A textacy ``DQTriple`` (speaker tokens, cue tokens, content span) as a prediction."""
    cue = token_range(list(triple.cue))
    speaker = token_range(list(triple.speaker))
    return PredictedQuote(
        start=triple.content.start_char,
        end=triple.content.end_char,
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        speaker_spans=[speaker] if speaker else [],
    )


def run_textacy(
    triples: ModuleType, nlp: Any, articles: Sequence[Article], failures: list[str]
) -> Predictions:
    """``direct_quotations`` on every article; one that raises counts as finding nothing."""
    found: Predictions = {}
    for article, doc in parsed(nlp, articles):
        try:
            found[article.id] = [textacy_quote(t) for t in triples.direct_quotations(doc)]
        except Exception as error:  # textacy raises on unbalanced quotation marks
            failures.append(f"{article.id}: {type(error).__name__}: {error}")
            found[article.id] = []
    return found


# ------------------------------------------------------------------------------ report


def cell_prf(figures: dict[str, Any]) -> str:
    """Precision / recall / F1 in percent."""
    values = (figures["precision"], figures["recall"], figures["f1"])
    return " ".join(f"{100 * v:5.1f}" for v in values)


def cell_ratio(figures: dict[str, Any] | None) -> str:
    """An accuracy in percent with its counts."""
    if not figures or figures["accuracy"] is None:
        return "n/a"
    return f"{100 * figures['accuracy']:5.1f} ({figures['correct']}/{figures['total']})"


ROWS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("predicted quotes", lambda r: str(r["all"]["exact"]["predicted"])),
    ("direct, exact      P R F1", lambda r: cell_prf(r["direct"]["exact"])),
    ("direct, overlap50  P R F1", lambda r: cell_prf(r["direct"]["overlap"])),
    ("direct, overlap30  P R F1", lambda r: cell_prf(r["direct_overlap_0.3"])),
    ("all, exact         P R F1", lambda r: cell_prf(r["all"]["exact"])),
    ("all, overlap50     P R F1", lambda r: cell_prf(r["all"]["overlap"])),
    ("all, overlap30     P R F1", lambda r: cell_prf(r["all_overlap_0.3"])),
    ("speaker (mention), detected", lambda r: cell_ratio(r["speaker"]["detected"])),
    ("speaker (mention), all gold", lambda r: cell_ratio(r["speaker"]["all_gold"])),
    (
        "speaker (entity), detected",
        lambda r: cell_ratio(r.get("speaker_entity", {}).get("detected")),
    ),
    ("cue (overlap)      P R F1", lambda r: cell_prf(r["cue"])),
)


def print_counts(counts: dict[str, Any]) -> None:
    """The corpus figures."""
    print("\n-- corpus --")
    print(
        f"articles: {counts['articles']}; gold attributions: {counts['attributions']}"
        f" ({counts['with_content']} with content, {counts['direct']} direct i.e. content with"
        f" quotation marks, {counts['with_source']} with a source, {counts['with_cue']} with a cue,"
        f" {counts['discontinuous_content']} with discontinuous content)"
    )
    print(
        f"annotators: {counts['multi_annotator_articles']} articles annotated by several; the"
        " alphabetically first annotator's file is used (polnear.py)"
    )


def print_table(results: dict[str, dict[str, Any]], skipped: dict[str, str]) -> None:
    """The metrics side by side, one column per system."""
    print("\n-- scores (percent; P R F1 = precision recall F1) --")
    names = list(results)
    width = max([26, *(len(n) + 2 for n in names)])
    print(f"{'':<30}" + "".join(f"{n:>{width}}" for n in names))
    for label, cell in ROWS:
        print(f"{label:<30}" + "".join(f"{cell(results[n]):>{width}}" for n in names))
    for name, reason in skipped.items():
        print(f"{name}: skipped: {reason}")


def print_storyline(run_info: dict[str, Any]) -> None:
    """storyline's quote counts, failures and time per article."""
    print("\n-- storyline --")
    if "skipped" in run_info:
        print(f"skipped: {run_info['skipped']}")
        return
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(run_info["kinds"].items())) or "none"
    print(
        f"quotes found: {run_info['quotes']} (by kind: {kinds}); scored: {run_info['scored']}"
        " (kind 'mention' and nested quotes with a parent left out: PolNeAR is univocal)"
    )
    time_ = run_info["timing"]
    print(
        f"time: first call {time_['first_call_seconds']:.2f} s (loading included); then per"
        f" article mean {time_['mean_ms']:.1f} ms, median {time_['median_ms']:.1f} ms,"
        f" max {time_['max_ms']:.1f} ms ({time_['chars_per_second']:,.0f} chars/s)"
    )
    print(f"pipeline stages: {time_['stages']}")
    for failure in run_info["failures"][:3]:
        print(f"FAILED: {failure}")


def print_references() -> None:
    """The published anchors and the issue's targets."""
    print("\n-- for reference (not measured here) --")
    for line in ANCHORS:
        print(f"published: {line}")
    for line in TARGETS:
        print(f"target:    {line}")


# ------------------------------------------------------------------------------ main


def storyline_part(articles: Sequence[Article]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """storyline's scores (None when it cannot run) and its run figures."""
    storyline, status = import_storyline()
    if storyline is None:
        return None, {"skipped": status}
    run = run_storyline(storyline, articles)
    scores = score_all(articles, run.mention)
    scores["speaker_entity"] = score_speakers(articles, run.entity)
    info = {
        "quotes": run.quotes,
        "scored": run.scored,
        "kinds": run.kinds,
        "timing": timing(run, articles),
        "failures": run.failures,
    }
    return scores, info


def baselines_part(
    articles: Sequence[Article],
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[str]]:
    """The regex baseline's and (if installed) textacy's scores, skip reasons and failures."""
    nlp = load_spacy()
    results = {REGEX_LABEL: score_all(articles, run_regex(nlp, articles))}
    triples, status = import_textacy()
    failures: list[str] = []
    if triples is None:
        return results, {"textacy direct_quotations": status}, failures
    found = run_textacy(triples, nlp, articles, failures)
    results[f"{status} direct_quotations"] = score_all(articles, found)
    return results, {}, failures


def agreement_part(data: Path) -> dict[str, Any]:
    """How far PolNeAR's annotators agree with each other, scored as the systems are; and
    storyline against each of them on the same articles, as one more annotator."""
    articles, predictions, count = annotator_pairs(data)
    if not articles:
        return {"skipped": "no article has several annotators"}
    found = {"articles": count, "pairs": len(articles), "scores": score_all(articles, predictions)}
    storyline, status = import_storyline()
    if storyline is None:
        found["storyline"] = {"skipped": status}
        return found
    annotated = multiply_annotated(data)
    run = run_storyline(storyline, [item.as_gold(min(item.by)) for item in annotated])
    golds, predicted = [], {}
    for item in annotated:
        for annotator in sorted(item.by):
            gold = item.as_gold(annotator)
            gold.id = f"{item.name}|{annotator}"
            golds.append(gold)
            predicted[gold.id] = run.mention[item.name]
    found["storyline"] = {"pairs": len(golds), "scores": score_all(golds, predicted)}
    return found


def print_agreement(agreement: dict[str, Any]) -> None:
    """The annotators' agreement with each other: the ceiling to read the scores against."""
    print("\n-- annotators against each other (a ceiling for the figures above) --")
    if "skipped" in agreement:
        print(f"skipped: {agreement['skipped']}")
        return
    scores = agreement["scores"]
    print(
        f"{agreement['articles']} articles of train, dev and test that several annotators"
        f" annotated, each ordered pair of annotators once ({agreement['pairs']} pairs; one as"
        " gold, the other scored as a system):"
    )
    for label, figures in (
        ("direct, exact", scores["direct"]["exact"]),
        ("direct, overlap50", scores["direct"]["overlap"]),
        ("all, exact", scores["all"]["exact"]),
        ("all, overlap50", scores["all"]["overlap"]),
        ("all, overlap30", scores["all_overlap_0.3"]),
        ("cue (overlap)", scores["cue"]),
    ):
        print(f"  {label:<18} P R F1 {cell_prf(figures)}")
    print(f"  speaker, detected  {cell_ratio(scores['speaker']['detected'])}")
    mine = agreement.get("storyline", {})
    if "scores" in mine:
        ours = mine["scores"]
        print(
            f"storyline against each annotator of the same articles ({mine['pairs']} pairs):"
            f" direct overlap50 F1 {100 * ours['direct']['overlap']['f1']:.1f}, all overlap50"
            f" F1 {100 * ours['all']['overlap']['f1']:.1f}, all exact F1"
            f" {100 * ours['all']['exact']['f1']:.1f}, speaker"
            f" {cell_ratio(ours['speaker']['detected'])}"
        )
    elif mine:
        print(f"storyline: skipped ({mine.get('skipped')})")


def guarded(
    measure: Callable[[Sequence[Article]], dict[str, Any]], articles: Sequence[Article]
) -> dict[str, Any]:
    """A measurement, or the reason it failed (it must not sink the whole report)."""
    try:
        return measure(articles)
    except Exception as error:  # reported in place of the figures
        return {"skipped": f"{type(error).__name__}: {error}"}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the report."""
    args = parse_args(argv)
    info = header("quotes")
    _, textacy_status = import_textacy()
    print_header(info, {"data": str(args.data), "split": args.split, "textacy": textacy_status})
    articles = load_split(args.data, args.split)[: args.limit]
    counts = count_gold(articles)
    print_counts(counts)
    storyline_scores, storyline_info = storyline_part(articles)
    print_storyline(storyline_info)
    cost = guarded(stage_cost, articles) if storyline_scores else {"skipped": "no storyline"}
    print_cost(cost)
    baselines, skipped, textacy_failures = baselines_part(articles)
    results = {"storyline": storyline_scores} if storyline_scores else {}
    results.update(baselines)
    print_table(results, skipped)
    if textacy_failures:
        print(f"textacy raised on {len(textacy_failures)} articles (scored as finding nothing)")
    if args.split == "test":
        agreement = agreement_part(args.data)
    else:  # its 20 articles include 2 of test: a tuning run on train or dev must not see them
        agreement = {"skipped": "run with --split test only (two of its articles are in test)"}
    print_agreement(agreement)
    print_references()
    if args.json:
        figures = {
            "split": args.split,
            "corpus": counts,
            "storyline": storyline_info,
            "cost": cost,
            "scores": results,
            "skipped": skipped,
            "textacy_failures": textacy_failures,
            "annotator_agreement": agreement,
        }
        write_json(args.json, {**info, **figures})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
