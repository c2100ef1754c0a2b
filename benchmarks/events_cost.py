"""What events cost: the events stage's share of the per-article pipeline, cross-document
merging, and the event queries, on the 295 Wikinews articles.

    .venv/bin/python benchmarks/events_cost.py [--data ../shared/data] [--json FILE]

Per-article cost, on the same texts: spaCy's pipeline runs once (timed), then for each
article the stages the events stage reads (entities, times, quotes; timed) and the events
stage (timed). The stage's share is its time over everything else (spaCy and the other
stages), the fastest of three rounds each.

Merging: :func:`storyline.resolve.events.merge_events` over the 295 analysed articles (after
:func:`storyline.resolve.actors.resolve`), in memory, timed.

Queries: the articles are ingested into a fresh SQLite database the way ``storyline ingest``
does (events merged incrementally, article by article, in each article's transaction; that
merging is timed apart); then
the listing of every event, the events of the most written-about actor, its timeline, and the
relation between the two countries with the most events between them are each timed (the
fastest of three runs).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from common import DEFAULT_DATA, command_line, header, print_header, write_json
from ingest import wikinews_paths, wikinews_stage_times

ROUNDS = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    return parser.parse_args(argv)


def fastest(call: Callable[[], Any], rounds: int = ROUNDS) -> tuple[float, Any]:
    """The fastest of ``rounds`` runs of ``call`` and its last result."""
    best, result = float("inf"), None
    for _ in range(rounds):
        started = perf_counter()
        result = call()
        best = min(best, perf_counter() - started)
    return best, result


def stage_share(data: Path) -> dict[str, Any]:
    """The events stage's time over the rest of the pipeline, and merging in memory."""
    from storyline.nlp import events
    from storyline.resolve.actors import resolve
    from storyline.resolve.events import merge_events

    analyzer, times = wikinews_stage_times(data, events.STAGE.name, ROUNDS)
    documents = times.documents
    resolve(documents, analyzer.gazetteer)
    merge_s, merged = fastest(lambda: merge_events(documents, analyzer.gazetteer))
    return {
        "articles": len(documents),
        "spacy_s": times.spacy_s,
        "other_stages_s": times.others_s,
        "events_stage_s": times.stage_s,
        "added": times.added,
        "events": sum(len(d.events) for d in documents),
        "coded": sum(e.type != "OTHER" for d in documents for e in d.events),
        "merge_s": merge_s,
        "merged": len(merged),
        "merged_with_several_reports": sum(
            len({r.article for r in m.reports}) > 1 for m in merged
        ),  # fmt: skip
    }


def queries(data: Path) -> dict[str, Any]:
    """Ingest into a fresh SQLite database, then time the event queries."""
    from storyline.config import Settings
    from storyline.corpus import open_corpus
    from storyline.store.actors import find_actors
    from storyline.store.events import count_events, list_events

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env()
        with open_corpus(str(Path(folder) / "wikinews.db"), settings) as corpus:
            merging = [0.0]
            merge = corpus._merge_events  # timed: the incremental merge of each article

            def timed(document: Any, copy_of: str | None) -> Any:
                started = perf_counter()
                try:
                    return merge(document, copy_of)
                finally:
                    merging[0] += perf_counter() - started

            corpus._merge_events = timed  # type: ignore[method-assign]
            started = perf_counter()
            report = corpus.ingest(wikinews_paths(data))
            ingest_s = perf_counter() - started
            engine = corpus.store.engine
            all_s, everything = fastest(lambda: list_events(engine))
            countries = Counter(
                (a, b)
                for e in everything
                for a in e.actor_countries
                for b in e.recipient_countries
                if a != b
            )
            pair = max(countries, key=lambda k: countries[k] + countries.get((k[1], k[0]), 0))
            top = corpus.actors(limit=1)[0]
            actor_s, actor_events = fastest(lambda: corpus.events(actor=top.id))
            timeline_s, items = fastest(lambda: corpus.timeline(top))
            first, second = (find_actors(engine, c)[0] for c in pair)
            relation_s, rel = fastest(lambda: corpus.relation(first, second, "month"))
            return {
                "stored": len(report.stored),
                "ingest_s": ingest_s,
                "incremental_merge_s": merging[0],
                "merged_events": count_events(engine),
                "list_all_s": all_s,
                "actor": top.name,
                "actor_events": len(actor_events),
                "actor_events_s": actor_s,
                "timeline_items": len(items),
                "timeline_s": timeline_s,
                "relation": f"{first.name} / {second.name}",
                "relation_events": len(rel.a_to_b.events) + len(rel.b_to_a.events),
                "relation_s": relation_s,
            }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = header("events_cost")
    print_header(info, {"data": str(args.data)})
    share = stage_share(args.data)
    print(
        f"{share['articles']} Wikinews articles: spaCy {share['spacy_s']:.2f} s, the stages"
        f" before events {share['other_stages_s']:.2f} s, the events stage"
        f" {share['events_stage_s']:.2f} s: it adds {100 * share['added']:.1f} %"
        f" (fastest of {ROUNDS} rounds each); {share['events']} events, {share['coded']} coded"
    )
    print(
        f"merging in memory: {share['events']} events into {share['merged']} in"
        f" {share['merge_s']:.2f} s ({share['merged_with_several_reports']} reported by"
        " several articles)"
    )
    found = queries(args.data)
    print(
        f"ingest into SQLite: {found['stored']} articles in {found['ingest_s']:.1f} s, of which"
        f" merging each article's events into the stored ones {found['incremental_merge_s']:.1f}"
        f" s; {found['merged_events']} merged events"
    )
    print(f"every event: {found['list_all_s'] * 1000:.0f} ms")
    print(
        f"events of {found['actor']} ({found['actor_events']}):"
        f" {found['actor_events_s'] * 1000:.0f} ms; its timeline ({found['timeline_items']}"
        f" items): {found['timeline_s'] * 1000:.0f} ms"
    )
    print(
        f"relation {found['relation']} ({found['relation_events']} events):"
        f" {found['relation_s'] * 1000:.0f} ms"
    )
    if args.json:
        write_json(args.json, {**info, "command": command_line(), **share, **found})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
