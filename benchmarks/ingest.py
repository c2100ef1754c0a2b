"""Ingest benchmark: speed and memory against spaCy alone, body extraction against trafilatura.

Usage: ``.venv/bin/python benchmarks/ingest.py [--data ../shared/data] [--html-limit N]
[--json FILE]``. Each measured part runs in its own fresh interpreter (``--part``, hidden):

* ``texts``: the Wikinews CSVs read with ``storyline.ingest.read``; the article texts are
  handed to the spaCy part through a temporary file, so that part imports nothing of ours.
* ``storyline``: ``Corpus.ingest`` of the CSVs into a new SQLite database (model loaded first).
* ``spacy``: the plain spaCy model over the same texts, ``nlp.pipe(batch_size=32)``.
* ``html``: storyline's HTML extraction and plain ``trafilatura.extract`` on html-benchmark.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    DEFAULT_DATA,
    StageTimes,
    Stopwatch,
    emit,
    header,
    memory_figures,
    mib,
    print_header,
    rss_mib,
    run_part,
    shingle_scores,
    summarize_scores,
    summarize_shingles,
    time_stage,
    token_scores,
    write_json,
)

WIKINEWS = ("wikinews/wikinews_2019.csv", "wikinews/wikinews_2020.csv")
HTML_BENCHMARK = "html-benchmark"
SPACY_BATCH = 32
PUBLISHED_TRAFILATURA_F1 = 0.958  # article-extraction-benchmark README (trafilatura)


# ------------------------------------------------------------------------------ command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--html-limit", type=int, default=None, help="score only N pages")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--part", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def wikinews_paths(data: Path) -> list[str]:
    """The Wikinews CSV files under the data folder."""
    return [str(data / name) for name in WIKINEWS]


def wikinews_stage_times(data: Path, stage: str, rounds: int) -> tuple[Any, StageTimes]:
    """The Wikinews articles analysed with one stage timed apart (:func:`time_stage`), and
    the analyzer that did it (its gazetteer resolves the documents)."""
    from storyline.config import Settings
    from storyline.ingest import read
    from storyline.model import Article
    from storyline.nlp.pipeline import Analyzer

    settings = Settings.from_env()
    articles = [a for a in read(wikinews_paths(data), settings) if isinstance(a, Article)]
    analyzer = Analyzer(settings)
    return analyzer, time_stage(analyzer, articles, stage, rounds)


# ----------------------------------------------------------------------- part: texts (child)


def part_texts(args: argparse.Namespace) -> dict[str, Any]:
    """Read the Wikinews articles with storyline's readers and save their texts."""
    from storyline.config import Settings
    from storyline.errors import InputError
    from storyline.ingest import read

    settings = Settings()
    with Stopwatch() as clock:
        items = list(read(wikinews_paths(args.data), settings))
    texts = [item.text for item in items if not isinstance(item, InputError)]
    errors = [str(item) for item in items if isinstance(item, InputError)]
    payload = {"model": settings.spacy_model, "texts": texts}
    args.texts.write_text(json.dumps(payload), encoding="utf-8")
    return {
        "records": len(items),
        "articles": len(texts),
        "errors": errors,
        "characters": sum(len(t) for t in texts),
        "read_seconds": clock.seconds,
        "model": settings.spacy_model,
    }


# ------------------------------------------------------------------- part: storyline (child)


def part_storyline(args: argparse.Namespace) -> dict[str, Any]:
    """Ingest the Wikinews CSVs into a fresh SQLite database, model load excluded."""
    from storyline.config import Settings
    from storyline.corpus import Corpus
    from storyline.ingest.sources import expand
    from storyline.nlp.pipeline import PIPELINE_VERSION

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmpdir:
        corpus = Corpus(Settings(db_url=f"sqlite:///{tmpdir}/bench.db"))
        with Stopwatch() as load:
            analyzer = corpus.analyzer
        after_load = rss_mib()
        with Stopwatch() as clock:
            report = corpus.ingest(expand(wikinews_paths(args.data)))
        in_database = sum(1 for _ in corpus.store.list_articles())
        corpus.close()
        memory = memory_figures(after_load)
    return {
        "pipeline_version": PIPELINE_VERSION,
        "model": analyzer.model,
        "load_seconds": load.seconds,
        "seconds": clock.seconds,
        "cpu_seconds": clock.cpu_seconds,
        "sources": report.sources,
        "read": report.read,
        "stored": len(report.stored),
        "in_database": in_database,
        "duplicates": len(report.duplicates),
        "syndicated": len(report.syndicated),
        "errors": [str(e) for e in report.errors],
        **memory,
    }


# ----------------------------------------------------------------------- part: spacy (child)


def part_spacy(args: argparse.Namespace) -> dict[str, Any]:
    """The plain spaCy model over the saved texts, model load excluded."""
    import spacy

    payload = json.loads(args.texts.read_text(encoding="utf-8"))
    texts: list[str] = payload["texts"]
    with Stopwatch() as load:
        nlp = spacy.load(payload["model"])
    after_load = rss_mib()
    with Stopwatch() as clock:
        docs = list(nlp.pipe(texts, batch_size=SPACY_BATCH))
    return {
        "spacy_version": spacy.about.__version__,
        "model": f"{nlp.meta['name']}-{nlp.meta['version']}",
        "components": list(nlp.pipe_names),
        "load_seconds": load.seconds,
        "seconds": clock.seconds,
        "cpu_seconds": clock.cpu_seconds,
        "articles": len(docs),
        "tokens": sum(len(d) for d in docs),
        **memory_figures(after_load),
    }


# ------------------------------------------------------------------------ part: html (child)


def benchmark_pages(folder: Path, limit: int | None) -> list[tuple[str, dict[str, str]]]:
    """(id, ground truth) of the html-benchmark pages, sorted by id, at most ``limit``."""
    truth: dict[str, dict[str, str]] = json.loads(
        (folder / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = sorted(truth.items())
    return pages if limit is None else pages[:limit]


def decoded_page(path: Path) -> str:
    """A page's text, decoded as storyline's HTML reader decodes it."""
    from storyline.ingest.encoding import decode
    from storyline.ingest.html import declared_charset

    raw = gzip.decompress(path.read_bytes())
    return decode(raw, str(path), declared_charset(raw)).text


def storyline_body(html: str, path: Path, url: str | None) -> tuple[str, str | None]:
    """storyline's extracted body ("" and the error's class name when it finds none)."""
    from storyline.errors import InputError
    from storyline.ingest.html import extract

    try:
        return extract(html, source=str(path), url=url).body, None
    except InputError as exc:
        return "", type(exc).__name__


def trafilatura_body(html: str) -> str:
    """Plain trafilatura's extracted text, default settings ("" when it finds none)."""
    import trafilatura

    return trafilatura.extract(html) or ""


def part_html(args: argparse.Namespace) -> dict[str, Any]:
    """Score storyline's and trafilatura's body extraction on every benchmark page."""
    import trafilatura

    folder = args.data / HTML_BENCHMARK
    ours, theirs = Stopwatch(), Stopwatch()
    rows: list[dict[str, Any]] = []
    for page_id, truth in benchmark_pages(folder, args.html_limit):
        path = folder / "html" / f"{page_id}.html.gz"
        html = decoded_page(path)
        with ours:
            body, error = storyline_body(html, path, truth.get("url"))
        with theirs:
            baseline = trafilatura_body(html)
        rows.append(score_row(page_id, truth["articleBody"], body, baseline, error))
    return {
        "pages": len(rows),
        "trafilatura_version": trafilatura.__version__,
        "storyline": system_summary(rows, "storyline", ours.seconds),
        "trafilatura": system_summary(rows, "trafilatura", theirs.seconds),
        "per_page": rows,
    }


def score_row(page: str, truth: str, body: str, baseline: str, error: str | None) -> dict[str, Any]:
    """One page's scores for both systems."""
    return {
        "id": page,
        "storyline": token_scores(body, truth),
        "storyline_shingles": shingle_scores(body, truth),
        "storyline_empty": not body.strip(),
        "storyline_error": error,
        "trafilatura": token_scores(baseline, truth),
        "trafilatura_shingles": shingle_scores(baseline, truth),
        "trafilatura_empty": not baseline.strip(),
    }


def system_summary(rows: list[dict[str, Any]], system: str, seconds: float) -> dict[str, Any]:
    """One system's figures over all pages."""
    return {
        "tokens": summarize_scores([tuple(r[system]) for r in rows]),
        "shingles": summarize_shingles([tuple(r[f"{system}_shingles"]) for r in rows]),
        "empty_pages": sum(1 for r in rows if r[f"{system}_empty"]),
        "seconds": seconds,
        "pages_per_second": len(rows) / seconds if seconds else 0.0,
    }


PARTS = {"texts": part_texts, "storyline": part_storyline, "spacy": part_spacy, "html": part_html}


# ------------------------------------------------------------------------------ parent


def child_args(args: argparse.Namespace, texts: Path) -> list[str]:
    """The arguments every child gets."""
    extra = ["--data", str(args.data), "--texts", str(texts)]
    return extra + ([] if args.html_limit is None else ["--html-limit", str(args.html_limit)])


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run every part, one fresh child each, one after the other."""
    script = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmpdir:
        passed = child_args(args, Path(tmpdir) / "texts.json")
        results = {part: run_part(script, part, passed) for part in PARTS}
    story, plain = results["storyline"], results["spacy"]
    results["comparison"] = {
        "time_ratio": story["seconds"] / plain["seconds"],
        "cpu_time_ratio": story["cpu_seconds"] / plain["cpu_seconds"],
        "storyline_articles_per_second": story["stored"] / story["seconds"],
        "spacy_articles_per_second": plain["articles"] / plain["seconds"],
        "peak_ratio": story["peak_rss_mib"] / plain["peak_rss_mib"],
    }
    return results


def print_throughput(results: dict[str, Any]) -> None:
    """Print the ingest and spaCy figures."""
    texts, story, plain = results["texts"], results["storyline"], results["spacy"]
    ratio = results["comparison"]
    print("\n-- 1. ingest + analysis: Wikinews 2019 + 2020 (Corpus.ingest into new SQLite) --")
    print(
        f"read:             {texts['records']} CSV records -> {texts['articles']} articles"
        f" ({texts['characters']:,} characters), {len(texts['errors'])} rejected,"
        f" {texts['read_seconds']:.2f} s to read alone"
    )
    for error in texts["errors"]:
        print(f"  rejected: {error}")
    print(
        f"ingest report:    read {story['read']}, stored {story['stored']},"
        f" duplicates {story['duplicates']}, syndicated {story['syndicated']},"
        f" errors {len(story['errors'])}; articles in database {story['in_database']}"
    )
    print(f"model load:       {story['load_seconds']:.2f} s (not timed)")
    print_speed("storyline", story["seconds"], story["cpu_seconds"], story["stored"])
    print_memory("storyline", story)
    print(f"\n-- 2. baseline: spaCy alone ({plain['model']}: {', '.join(plain['components'])}) --")
    print(
        f"texts:            the same {plain['articles']} texts, {plain['tokens']:,} tokens,"
        f" nlp.pipe(batch_size={SPACY_BATCH}); model load {plain['load_seconds']:.2f} s"
    )
    print_speed("spaCy", plain["seconds"], plain["cpu_seconds"], plain["articles"])
    print_memory("spaCy", plain)
    print(
        f"storyline/spaCy:  time x{ratio['time_ratio']:.2f}"
        f" (CPU time x{ratio['cpu_time_ratio']:.2f}, articles/s x{1 / ratio['time_ratio']:.2f}),"
        f" peak memory x{ratio['peak_ratio']:.2f}"
    )


def print_speed(label: str, seconds: float, cpu_seconds: float, articles: int) -> None:
    """Print one part's timing."""
    print(
        f"{label + ' speed:':<18}{articles / seconds:.2f} articles/s"
        f" ({articles} in {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU)"
    )


def print_memory(label: str, part: dict[str, Any]) -> None:
    """Print one part's memory figures."""
    print(
        f"{label + ' memory:':<18}{mib(part['rss_after_load_mib'])} after model load,"
        f" peak {mib(part['peak_rss_mib'])} (ru_maxrss; VmHWM {mib(part['peak_vmhwm_mib'])}),"
        f" increment {mib(part['increment_mib'])}"
    )


def print_extraction(html: dict[str, Any]) -> None:
    """Print the body-extraction figures."""
    print(f"\n-- 3. body extraction: html-benchmark, {html['pages']} pages --")
    print("bag of tokens (lower-cased, split on whitespace), per-page P and R averaged:")
    print(
        f"  {'system':<30} {'P':>6} {'R':>6} {'F1':>6} {'page F1':>8} {'empty':>6} {'pages/s':>8}"
    )
    version = html["trafilatura_version"]
    for key, label in (("storyline", "storyline"), ("trafilatura", f"trafilatura {version}")):
        s = html[key]
        t = s["tokens"]
        print(
            f"  {label:<30} {t['precision']:6.3f} {t['recall']:6.3f} {t['f1']:6.3f}"
            f" {t['mean_page_f1']:8.3f} {s['empty_pages']:6d} {s['pages_per_second']:8.1f}"
        )
    print(
        "benchmark protocol (4-word shingles of \\w+ words, case kept; empty output skipped in P):"
    )
    for key, label in (("storyline", "storyline"), ("trafilatura", f"trafilatura {version}")):
        t = html[key]["shingles"]
        print(f"  {label:<30} {t['precision']:6.3f} {t['recall']:6.3f} {t['f1']:6.3f}")
    print(f"  {'trafilatura (published)':<30} {'':>6} {'':>6} {PUBLISHED_TRAFILATURA_F1:6.3f}")


def print_report(info: dict[str, Any], results: dict[str, Any], seconds: float) -> None:
    """Print every figure."""
    story = results["storyline"]
    print_header(
        info,
        {"pipeline": f"{story['pipeline_version']} (model {story['model']})", "data": info["data"]},
    )
    print_throughput(results)
    print_extraction(results["html"])
    load = " ".join(str(x) for x in results["load_average_at_end"])
    print(f"\nbenchmark wall time: {seconds:.1f} s; load at end: {load}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--part``, one measured part of it)."""
    args = parse_args(argv)
    if args.part is not None:
        emit(PARTS[args.part](args))
        return 0
    start = time.perf_counter()
    info = {**header("ingest"), "data": str(args.data.resolve())}
    results = measure(args)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    seconds = time.perf_counter() - start
    print_report(info, results, seconds)
    if args.json is not None:
        write_json(args.json, {**info, "wall_seconds": seconds, **results})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
