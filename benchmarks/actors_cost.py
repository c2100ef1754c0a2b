"""What the actors stage costs: its share of the per-article pipeline time, and the time of
cross-document resolution on the 295 Wikinews articles.

    .venv/bin/python benchmarks/actors_cost.py [--data ../shared/data] [--json FILE]

Per-article cost, on the same texts: spaCy's pipeline runs once (timed), then for each
article the entities stage (repair and grouping, timed) and the other stages (times,
quotes, events; timed; ``common.time_stage``). The stage's share is its time over
everything else (spaCy and the other stages), the fastest of three rounds each. Then
:func:`storyline.resolve.actors.resolve` runs over the 295 analysed articles (timed), in
memory.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from time import perf_counter
from typing import Any

from common import DEFAULT_DATA, command_line, header, print_header, write_json
from ingest import wikinews_stage_times

ROUNDS = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    return parser.parse_args(argv)


def measure(data: Path) -> dict[str, Any]:
    """The stage's share of the pipeline and the resolution time."""
    from storyline.nlp import entities
    from storyline.resolve.actors import resolve

    analyzer, times = wikinews_stage_times(data, entities.STAGE.name, ROUNDS)
    documents = times.documents
    started = perf_counter()
    resolved = resolve(documents, analyzer.gazetteer)
    resolve_s = perf_counter() - started
    return {
        "articles": len(documents),
        "spacy_s": times.spacy_s,
        "other_stages_s": times.others_s,
        "entities_stage_s": times.stage_s,
        "added": times.added,
        "resolve_s": resolve_s,
        "entities": sum(len(d.entities) for d in documents),
        "mentions": sum(len(e.mentions) for d in documents for e in d.entities),
        "actors": len({a for r in resolved for a in r.values()}),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = header("actors_cost")
    print_header(info, {"data": str(args.data)})
    result = measure(args.data)
    print(
        f"{result['articles']} Wikinews articles: spaCy {result['spacy_s']:.2f} s, the other"
        f" stages {result['other_stages_s']:.2f} s, the entities stage"
        f" {result['entities_stage_s']:.2f} s: it adds {100 * result['added']:.1f} %"
        f" (fastest of {ROUNDS} rounds each)"
    )
    print(
        f"cross-document resolution: {result['entities']} entities ({result['mentions']}"
        f" mentions) into {result['actors']} actors in {result['resolve_s']:.2f} s"
    )
    if args.json:
        write_json(args.json, {**info, "command": command_line(), **result})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
