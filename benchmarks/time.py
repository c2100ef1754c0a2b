"""Time-expression benchmark on MEANTIME: detection, normalisation and the anchor setting.

Usage: ``.venv/bin/python benchmarks/time.py [--data ../shared/data] [--json FILE]
[--errors FILE] [--docs ID,ID,...]``. Over the 120 English MEANTIME articles (loaded and
rebuilt as natural text by ``meantime.py``, which also holds the scoring functions):

* ``tag()``: ``storyline.nlp.times.tag(text, dct)`` on each whole article; span P/R/F1 (exact
  and overlap) against every gold TIMEX3 with tokens, and again without the CREATION_TIME
  (dateline) ones; value accuracy on overlap-matched pairs by type; time per document.
  Predictions starting past the annotated sentences (MEANTIME annotates sentences 0-5) are
  ignored.
* the anchor setting: concrete DATE values (YYYY, YYYY-MM, YYYY-MM-DD), CREATION_TIME
  excluded, from the gold span and the DCT: ``storyline.nlp.times.normalise`` against
  dateparser (``RELATIVE_BASE`` = the DCT, defaults otherwise, output cut to the gold's
  granularity), beside the published figures. The published set (204 = 150 without a year +
  54 with) is reproduced by keeping the documents whose CREATION_TIME value is a well-formed
  ISO date (78496 and 8951 have none, 120578 has ``03-02-2009``) and splitting on a 4-digit
  number in the mention.

The storyline part is skipped, with the reason, when ``storyline.nlp.times`` cannot be
imported. This file is a script: import the scoring from ``meantime`` (a module named ``time``
is shadowed by the standard library).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import statistics
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from types import ModuleType
from typing import Any

from common import DEFAULT_DATA, Stopwatch, header, print_header, write_json
from meantime import (
    TYPES,
    AnchorCase,
    Document,
    GoldTimex,
    Ratio,
    SpanScores,
    TimexLike,
    anchor_accuracy,
    anchor_cases,
    at_granularity,
    in_scope,
    load_corpus,
    match_overlaps,
    score_spans,
    tally,
    value_accuracy,
    without_dct,
)

TIMES_MODULE = "storyline.nlp.times"
PUBLISHED = (  # anchor setting, 204 concrete DATEs: (system, all %, the 150 without a year %)
    ("HeidelTime 2.2.1", 82.4, 77.3),
    ("recognizers-text", 82.4, None),
    ("dateparser 1.5", 79.4, 74.0),
)
GROUPS = (("all", "all"), ("no_year", "without year"), ("with_year", "with year"))


# ------------------------------------------------------------------------------ command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--errors", type=Path, default=None, help="write wrong cases (JSONL)")
    parser.add_argument("--docs", default=None, help="only these document ids (comma-separated)")
    return parser.parse_args(argv)


# ------------------------------------------------------------------------------ the systems


def import_times() -> tuple[ModuleType | None, str]:
    """storyline's time module, or None and why it cannot be imported."""
    try:
        return importlib.import_module(TIMES_MODULE), "available"
    except Exception as error:  # any failure to import means: skip, say why
        return None, f"cannot import {TIMES_MODULE} ({type(error).__name__}: {error})"


def dateparser_module() -> ModuleType:
    """The baseline's module, imported on first use."""
    import dateparser  # type: ignore[import-untyped]

    module: ModuleType = dateparser
    return module


def dateparser_version() -> str:
    """The installed dateparser version."""
    return str(dateparser_module().__version__)


def dateparser_value(case: AnchorCase) -> str | None:
    """The baseline: dateparser on the mention, relative to the DCT, at the gold granularity."""
    base = dt.datetime.fromisoformat(case.doc.dct)
    parsed = dateparser_module().parse(case.timex.text, settings={"RELATIVE_BASE": base})
    return at_granularity(parsed, case.timex.value)


def storyline_value(
    times: ModuleType, failures: list[str], watch: Stopwatch
) -> Callable[[AnchorCase], str | None]:
    """storyline's ``normalise`` on a gold span (an exception counts as no value), timed."""

    def predict(case: AnchorCase) -> str | None:
        """The value storyline gives a gold span."""
        timex = case.timex
        try:
            with watch:
                result = times.normalise(case.doc.text, timex.start, timex.end, case.doc.dct)
        except Exception:  # a crash on one span is scored as wrong and reported
            failures.append(f"{case.doc.doc_id} {timex.text!r}: {traceback.format_exc(limit=2)}")
            return None
        return None if result is None else result.value

    return predict


# ------------------------------------------------------------------------------ tag() part


@dataclass
class TagRun:
    """What ``tag()`` produced and cost over the documents."""

    predictions: dict[str, list[TimexLike]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    first_call_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def run_tag(times: ModuleType, docs: Sequence[Document]) -> TagRun:
    """Run ``tag()`` on every document, timing each call (the first one, with loading, apart)."""
    run = TagRun()
    for i, doc in enumerate(docs):
        watch = Stopwatch()
        try:
            with watch:
                found = list(times.tag(doc.text, doc.dct))
        except Exception:  # one failing document is reported, not fatal
            run.failures.append(f"{doc.doc_id}: {traceback.format_exc(limit=3)}")
            found = []
        run.predictions[doc.doc_id] = found
        if i == 0:
            run.first_call_seconds = watch.seconds
        else:
            run.seconds.append(watch.seconds)
    return run


def tag_scores(docs: Sequence[Document], run: TagRun) -> dict[str, Any]:
    """Span scores (all gold, and without CREATION_TIME) and value accuracy by type."""
    every, no_dct = SpanScores(), SpanScores()
    pairs: list[tuple[GoldTimex, TimexLike]] = []
    for doc in docs:
        predicted = in_scope(doc, run.predictions.get(doc.doc_id, []))
        every.add(score_spans(doc.timexes, predicted))
        every_gold, rest = without_dct(doc, predicted)
        no_dct.add(score_spans(every_gold, rest))
        pairs.extend(match_overlaps(doc.timexes, predicted))
    return {
        "spans_all": every.summary(),
        "spans_without_creation_time": no_dct.summary(),
        "values": ratios_json(value_accuracy(pairs)),
        "values_without_creation_time": ratios_json(
            value_accuracy([(g, p) for g, p in pairs if not g.is_dct])
        ),
    }


def timing(docs: Sequence[Document], run: TagRun) -> dict[str, Any]:
    """Per-document time of ``tag()`` (the first call, which loads models, apart)."""
    seconds = sorted(run.seconds)
    chars = sum(len(d.text) for d in docs[1:])
    total = sum(seconds)
    return {
        "documents": len(docs),
        "first_call_seconds": run.first_call_seconds,
        "mean_ms": 1000 * statistics.fmean(seconds) if seconds else None,
        "median_ms": 1000 * statistics.median(seconds) if seconds else None,
        "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))] if seconds else None,
        "max_ms": 1000 * seconds[-1] if seconds else None,
        "chars_per_second": chars / total if total else None,
    }


# ------------------------------------------------------------------------------ anchor part


def ratios_json(ratios: dict[str, Ratio]) -> dict[str, dict[str, Any]]:
    """Ratios as plain dicts."""
    return {
        k: {"correct": r.correct, "total": r.total, "accuracy": r.accuracy}
        for k, r in ratios.items()
    }


def anchor_part(
    docs: Sequence[Document], times: ModuleType | None
) -> tuple[dict[str, Any], list[AnchorCase], dict[str, list[str | None]]]:
    """Anchor-setting accuracy on the published selection and on every concrete DATE."""
    failures: list[str] = []
    watch = Stopwatch()
    systems: dict[str, Callable[[AnchorCase], str | None]] = {"dateparser": dateparser_value}
    if times is not None:
        systems = {"storyline": storyline_value(times, failures, watch), **systems}
    every = anchor_cases(docs, published=False)
    chosen = [c.doc.dct_well_formed for c in every]
    published = [c for c, keep in zip(every, chosen, strict=True) if keep]
    figures: dict[str, Any] = {"published_selection": {}, "every_concrete_date": {}}
    values: dict[str, list[str | None]] = {}
    for name, predict in systems.items():
        ratios, values[name] = anchor_accuracy(every, predict, lambda c: c.explicit_group)
        figures["every_concrete_date"][name] = ratios_json(ratios)
        kept = [v for v, keep in zip(values[name], chosen, strict=True) if keep]
        figures["published_selection"][name] = ratios_json(tally(published, kept))
    figures["storyline_failures"] = failures
    figures["normalise_ms_per_span"] = (
        1000 * watch.seconds / len(every) if times and every else None
    )
    return figures, every, values


# ------------------------------------------------------------------------------ errors file


def error_row(
    setting: str, doc: Document, gold: GoldTimex | None, found: TimexLike | None, **extra: Any
) -> dict[str, Any]:
    """One wrong case as a JSON-ready dict."""
    at = gold.start if gold is not None else found.start if found is not None else 0
    return {
        "setting": setting,
        "doc_id": doc.doc_id,
        "dct": doc.dct,
        "mention": gold.text if gold is not None else None,
        "type": gold.type if gold is not None else None,
        "gold_value": gold.value if gold is not None else None,
        "predicted_text": doc.text[found.start : found.end] if found is not None else None,
        "predicted_type": found.type if found is not None else None,
        "sentence": doc.sentence_at(at),
        **extra,
    }


def tag_errors(docs: Sequence[Document], run: TagRun) -> list[dict[str, Any]]:
    """Missed, spurious and wrongly valued expressions of ``tag()``."""
    rows: list[dict[str, Any]] = []
    for doc in docs:
        predicted = in_scope(doc, run.predictions.get(doc.doc_id, []))
        pairs = match_overlaps(doc.timexes, predicted)
        hit_gold = {id(g) for g, _ in pairs}
        hit_pred = {id(p) for _, p in pairs}
        for gold, found in pairs:
            if found.value != gold.value or (found.start, found.end) != (gold.start, gold.end):
                kind = "value" if found.value != gold.value else "span"
                rows.append(error_row("tag", doc, gold, found, error=kind, storyline=found.value))
        rows += [
            error_row("tag", doc, g, None, error="missed", storyline=None)
            for g in doc.timexes
            if id(g) not in hit_gold
        ]
        rows += [
            error_row("tag", doc, None, p, error="spurious", storyline=p.value)
            for p in predicted
            if id(p) not in hit_pred
        ]
    return rows


def anchor_errors(
    cases: Sequence[AnchorCase], values: dict[str, list[str | None]]
) -> list[dict[str, Any]]:
    """Anchor-setting cases that storyline or dateparser gets wrong."""
    rows: list[dict[str, Any]] = []
    for i, case in enumerate(cases):
        got = {name: found[i] for name, found in values.items()}
        if all(v == case.timex.value for v in got.values()):
            continue
        rows.append(
            error_row(
                "anchor",
                case.doc,
                case.timex,
                None,
                error="value",
                published_selection=case.doc.dct_well_formed,
                explicit_year=case.timex.explicit_year,
                storyline=got.get("storyline"),
                dateparser=got.get("dateparser"),
            )
        )
    return rows


def write_errors(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write the wrong cases, one JSON object a line."""
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------------ report


def pct(ratio: dict[str, Any] | None) -> str:
    """An accuracy as "82.4 % (168/204)"."""
    if not ratio or ratio["accuracy"] is None:
        return "n/a"
    return f"{100 * ratio['accuracy']:5.1f} % ({ratio['correct']}/{ratio['total']})"


def print_counts(counts: dict[str, Any]) -> None:
    """The corpus figures."""
    print("\n-- corpus --")
    print(
        f"documents: {counts['documents']}; gold TIMEX3 with tokens: {counts['timexes']}"
        f" ({counts['creation_time']} CREATION_TIME, {counts['empty_skipped']} without tokens"
        " skipped)"
    )
    print("by type:   " + ", ".join(f"{k} {v}" for k, v in counts["by_type"].items()))
    for doc_id, note in counts["dct_notes"].items():
        print(f"DCT note:  {doc_id}: {note}")


def print_spans(label: str, spans: dict[str, Any]) -> None:
    """One line of span P/R/F1, exact and overlap."""
    exact, loose = spans["exact_prf"], spans["overlap_prf"]
    print(
        f"{label:<26} gold {spans['gold']:>4}  predicted {spans['predicted']:>4}  "
        f"exact P {100 * exact['precision']:5.1f} R {100 * exact['recall']:5.1f}"
        f" F1 {100 * exact['f1']:5.1f}  |  overlap P {100 * loose['precision']:5.1f}"
        f" R {100 * loose['recall']:5.1f} F1 {100 * loose['f1']:5.1f}"
    )


def print_tag(results: dict[str, Any]) -> None:
    """The ``tag()`` figures: spans, values by type, time."""
    print("\n-- storyline tag(): detection + normalisation on raw text (sentences 0-5 scored) --")
    if "skipped" in results:
        print(f"skipped: {results['skipped']}")
        return
    print_spans("all gold TIMEX3", results["spans_all"])
    print_spans("without CREATION_TIME", results["spans_without_creation_time"])
    print("value accuracy on overlap-matched pairs (exact TIMEX3 value string), by gold type:")
    for kind in (*TYPES, "all"):
        print(f"  {kind:<9} {pct(results['values'].get(kind))}")
    print(f"  all, without CREATION_TIME {pct(results['values_without_creation_time']['all'])}")
    time_ = results["timing"]
    print(
        f"time: first call {time_['first_call_seconds']:.2f} s (loading included); then per"
        f" document mean {time_['mean_ms']:.1f} ms, median {time_['median_ms']:.1f} ms,"
        f" p95 {time_['p95_ms']:.1f} ms, max {time_['max_ms']:.1f} ms"
        f" ({time_['chars_per_second']:,.0f} chars/s)"
    )
    for failure in results["failures"][:3]:
        print(f"FAILED: {failure}")


def print_anchor(results: dict[str, Any], counts: dict[str, Any]) -> None:
    """The anchor-setting table beside the published figures."""
    print(
        "\n-- anchor setting: concrete DATE values from gold span + DCT (CREATION_TIME excluded) --"
    )
    sel = counts["anchor"]
    print(
        f"published selection: {sel['published']['all']} = {sel['published']['no_year']} without"
        f" a 4-digit year + {sel['published']['with_year']} with (documents whose CREATION_TIME"
        f" value is a well-formed ISO date; left out: {', '.join(sel['left_out']) or 'none'})"
    )
    print(f"{'system':<22}" + "".join(f"{name:>24}" for _, name in GROUPS))
    for system, ratios in results["published_selection"].items():
        print(f"{system + ' (this run)':<22}" + "".join(f"{pct(ratios[k]):>24}" for k, _ in GROUPS))
    for system, overall, relative in PUBLISHED:
        cells = (f"{overall:.1f} %", "n/a" if relative is None else f"{relative:.1f} %", "")
        print(f"{system + ' (published)':<22}" + "".join(f"{c:>24}" for c in cells))
    every = sel["every"]
    print(
        f"every concrete DATE ({every['all']}; DCTs repaired; apostrophe years count as explicit:"
        f" {every['no_year']} without + {every['with_year']} with):"
    )
    for system, ratios in results["every_concrete_date"].items():
        print(f"{system + ' (this run)':<22}" + "".join(f"{pct(ratios[k]):>24}" for k, _ in GROUPS))
    if "skipped" in results:
        print(f"storyline normalise(): skipped: {results['skipped']}")
    elif results["normalise_ms_per_span"] is not None:
        print(f"storyline normalise(): {results['normalise_ms_per_span']:.1f} ms per span")
    for failure in results["storyline_failures"][:3]:
        print(f"FAILED: {failure}")


# ------------------------------------------------------------------------------ main


def corpus_counts(docs: Sequence[Document]) -> dict[str, Any]:
    """How many documents and gold expressions, by type; DCT notes; anchor-set sizes."""
    timexes = [t for d in docs for t in d.timexes]
    every = anchor_cases(docs, published=False)
    published = [c for c in every if c.doc.dct_well_formed]
    return {
        "documents": len(docs),
        "timexes": len(timexes),
        "creation_time": sum(t.is_dct for t in timexes),
        "empty_skipped": sum(d.empty_timexes for d in docs),
        "by_type": {k: sum(t.type == k for t in timexes) for k in TYPES},
        "dct_notes": {d.doc_id: d.dct_note for d in docs if d.dct_note},
        "anchor": {
            "published": group_sizes(published, lambda c: c.published_group),
            "left_out": [d.doc_id for d in docs if not d.dct_well_formed],
            "every": group_sizes(every, lambda c: c.explicit_group),
        },
    }


def group_sizes(cases: Sequence[AnchorCase], group: Callable[[AnchorCase], str]) -> dict[str, int]:
    """Case counts over all and by year group."""
    groups = [group(c) for c in cases]
    return {
        "all": len(cases),
        "no_year": groups.count("no_year"),
        "with_year": groups.count("with_year"),
    }


COST_ROUNDS = 3  # repeated measurements; the fastest of each counts


def stage_cost(docs: Sequence[Document]) -> dict[str, Any]:
    """The time component's own time against the rest of the pipeline, on the same texts.

    The pipeline runs without the component (timed), then the component's work runs on the
    Docs it produced (timed): the ratio is what the stage adds, free of the run-to-run noise
    of comparing two whole pipeline runs.
    """
    from storyline.config import Settings
    from storyline.nlp.pipeline import load_nlp
    from storyline.nlp.times import NAME, find_times

    nlp = load_nlp(Settings.from_env().spacy_model)
    texts = [doc.text for doc in docs]
    pipeline, stage = [], []
    for _ in range(COST_ROUNDS):
        started = perf_counter()
        with nlp.select_pipes(disable=[NAME]):
            parsed = list(nlp.pipe(texts, batch_size=32))
        pipeline.append(perf_counter() - started)
        started = perf_counter()
        for doc, spacy_doc in zip(docs, parsed, strict=True):
            find_times(spacy_doc, doc.dct)
        stage.append(perf_counter() - started)
    return {"documents": len(texts), "pipeline_s": min(pipeline), "stage_s": min(stage),
            "added": min(stage) / min(pipeline)}  # fmt: skip


def print_cost(cost: dict[str, Any]) -> None:
    """The stage's share of the pipeline time."""
    print("\n-- cost: the time stage against the rest of the pipeline, same texts --")
    print(
        f"{cost['documents']} documents: pipeline without the stage {cost['pipeline_s']:.2f} s,"
        f" the stage {cost['stage_s']:.2f} s: it adds {100 * cost['added']:.1f} %"
        f" (fastest of {COST_ROUNDS} runs each)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the report."""
    args = parse_args(argv)
    info = header("time")
    times, status = import_times()
    print_header(
        info,
        {
            "data": str(args.data),
            "times": status,
            "baseline": f"dateparser {dateparser_version()}",
        },
    )
    only = set(args.docs.split(",")) if args.docs else None
    docs = load_corpus(args.data, only=only)
    counts = corpus_counts(docs)
    print_counts(counts)
    tag_results: dict[str, Any] = {"skipped": status}
    run = None
    if times is not None:
        run = run_tag(times, docs)
        tag_results = {
            **tag_scores(docs, run),
            "timing": timing(docs, run),
            "failures": run.failures,
        }
    print_tag(tag_results)
    anchor, cases, values = anchor_part(docs, times)
    if times is None:
        anchor["skipped"] = status
    print_anchor(anchor, counts)
    cost = stage_cost(docs) if times is not None else {"skipped": status}
    if times is not None:
        print_cost(cost)
    if args.errors:
        rows = (tag_errors(docs, run) if run else []) + anchor_errors(cases, values)
        write_errors(args.errors, rows)
        print(f"\nwrong cases: {len(rows)} written to {args.errors}")
    if args.json:
        figures = {"corpus": counts, "tag": tag_results, "anchor": anchor, "cost": cost}
        write_json(args.json, {**info, **figures})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
