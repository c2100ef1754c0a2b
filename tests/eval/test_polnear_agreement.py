"""PolNeAR's annotators scored against each other, as the quotation benchmark's ceiling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.eval import benchmark

polnear = benchmark("polnear")

TEXT = "Smith said the plan would fail. Jones said no one came."


def ann(*attributions: tuple[str, str, str]) -> str:
    """A BRAT file: each (source, cue, content) as three text spans and an event."""
    lines, number = [], 0
    for event, (source, cue, content) in enumerate(attributions, 1):
        refs = []
        for role, words in (("Source", source), ("Cue", cue), ("Content", content)):
            number += 1
            start = TEXT.index(words)
            lines.append(f"T{number}\t{role} {start} {start + len(words)}\t{words}")
            refs.append(f"{role}:T{number}")
        lines.append(f"E{event}\tAttribution:T{number - 1} " + " ".join(refs))
    return "\n".join(lines) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    data = tmp_path / "polnear" / "data"
    (data / "train" / "text").mkdir(parents=True)
    (data / "train" / "attributions").mkdir()
    (data / "metadata.tsv").write_text("filename\tpublisher\n")
    (data / "train" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (data / "train" / "text" / "b.txt").write_text(TEXT, encoding="utf-8")
    first = ("Smith", "said", "the plan would fail")
    second = ("Jones", "said no", "one came")
    (data / "train" / "attributions" / "a_x.ann").write_text(ann(first), encoding="utf-8")
    (data / "train" / "attributions" / "a_y.ann").write_text(ann(first, second))
    (data / "train" / "attributions" / "b_x.ann").write_text(ann(first))  # one annotator
    return tmp_path


def test_polnear_agreement_scores_each_ordered_pair_of_annotators(corpus: Path) -> None:
    articles, predictions, count = polnear.annotator_pairs(corpus)
    assert count == 1  # b has one annotator
    assert sorted(predictions) == ["a|x|y", "a|y|x"]
    scores = polnear.score_all(articles, predictions)["all"]["overlap"]
    # x as gold: 1 gold, 2 predicted, 1 matched; y as gold: 2 gold, 1 predicted, 1 matched
    assert (scores["gold"], scores["predicted"], scores["matched"]) == (3, 3, 2)
    speaker = polnear.score_all(articles, predictions)["speaker"]["detected"]
    assert (speaker["correct"], speaker["total"]) == (2, 2)
