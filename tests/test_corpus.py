"""Corpus runs: ingest with duplicates, syndicated copies, bad input and re-ingestion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.corpus import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    MAX_CONSECUTIVE_STORAGE_FAILURES,
    Corpus,
)
from storyline.errors import ConfigError, StorageError
from storyline.ingest.sources import expand
from storyline.nlp.pipeline import PIPELINE_VERSION
from tests.schema import schema_errors

WIRE = (
    "Egyptian and Israeli negotiators resumed talks in Washington on Thursday after a pause of"
    " three weeks, officials on both sides said. The delegations met for four hours at a hotel"
    " near the White House and agreed to meet again on Monday. American mediators shuttled"
    " between the two rooms for most of the afternoon, carrying drafts of the disputed article"
    " on the link between the treaty and the autonomy talks. An Egyptian official said the gap"
    " had narrowed but that the wording on the West Bank remained the main obstacle. An Israeli"
    " spokesman said the cabinet would review the drafts at its weekly meeting on Sunday."
)


def write(folder: Path, name: str, title: str, body: str, dateline: str | None = None) -> Path:
    """A plain-text article file."""
    lines = [title, ""] + ([dateline, ""] if dateline else []) + [body, ""]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus(db_url: str) -> Iterator[Corpus]:
    """A corpus on each backend (SQLite, PostgreSQL)."""
    with Corpus(Settings(db_url=db_url)) as opened:
        yield opened


def run(corpus: Corpus, *paths: Path | str):  # type: ignore[no-untyped-def]
    return corpus.ingest(expand([str(p) for p in paths]))


def test_corpus_ingest_stores_and_analyses(corpus: Corpus, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Talks resume in Washington", WIRE, "Friday, March 2, 1979")
    report = run(corpus, path)
    assert report.exit_code == EXIT_OK and len(report.stored) == 1
    doc = corpus.store.get_document(report.stored[0])
    assert doc is not None and doc.pipeline == PIPELINE_VERSION
    assert doc.title == "Talks resume in Washington" and doc.published == "1979-03-02"
    assert any(e.name == "Washington" for e in doc.entities)


def test_corpus_exact_copy_is_reported_not_stored(corpus: Corpus, tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", "Talks resume", WIRE)
    copy = write(tmp_path, "b.txt", "TALKS  RESUME", WIRE.upper())
    report = run(corpus, first, copy)
    assert len(report.stored) == 1
    assert [(d.location, d.of) for d in report.duplicates] == [(str(copy), report.stored[0])]
    assert corpus.store.stats().articles == 1


def test_corpus_reingesting_is_idempotent(corpus: Corpus, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Talks resume", WIRE)
    write(tmp_path, "b.txt", "Other news", "Cairo prepared for the visit of the delegation.")
    first = run(corpus, tmp_path)
    again = run(corpus, tmp_path)
    assert len(first.stored) == 2 and again.stored == [] and len(again.duplicates) == 2
    assert corpus.store.stats().articles == 2


def test_corpus_syndicated_copy_is_linked_to_the_earliest(corpus: Corpus, tmp_path: Path) -> None:
    footer = "This story was first published by a wire service and is republished here."
    late = write(tmp_path, "late.txt", "A new headline for the talks", WIRE + "\n\n" + footer,
                 "Saturday, March 3, 1979")  # fmt: skip
    early = write(tmp_path, "early.txt", "Talks resume", WIRE, "Friday, March 2, 1979")
    report = run(corpus, late, early)  # the later copy arrives first
    assert len(report.stored) == 2 and len(report.syndicated) == 1
    by_id = {a.id: a for a in corpus.store.list_articles()}
    originals = [a for a in by_id.values() if a.syndicated_of is None]
    assert [a.published for a in originals] == ["1979-03-02"]
    copies = [a for a in by_id.values() if a.syndicated_of is not None]
    assert [(a.published, a.syndicated_of) for a in copies] == [("1979-03-03", originals[0].id)]


def test_corpus_unrelated_articles_are_not_syndicated(corpus: Corpus, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Talks resume", WIRE)
    other = (
        "Israeli negotiators said on Thursday that the talks in Washington had resumed, and"
        " that Egyptian officials were expected to study new American drafts over the weekend"
        " before the cabinet in Jerusalem meets on Sunday to discuss the West Bank."
    )
    write(tmp_path, "b.txt", "Different story on the same talks", other)
    assert run(corpus, tmp_path).syndicated == []


def test_corpus_bad_inputs_are_reported_and_the_rest_stored(corpus: Corpus, tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Talks resume", WIRE)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    report = run(corpus, tmp_path, tmp_path / "missing.txt")
    assert report.exit_code == EXIT_PARTIAL and len(report.stored) == 1
    messages = sorted(str(e) for e in report.errors)
    assert len(messages) == 3
    assert any("empty.txt" in m for m in messages) and any("image.txt" in m for m in messages)
    assert any("missing.txt: no such file" in m for m in messages)


def test_corpus_nothing_readable_is_a_failure(corpus: Corpus, tmp_path: Path) -> None:
    assert run(corpus, tmp_path / "missing.txt").exit_code == EXIT_FAILED


def test_corpus_reanalyze_redoes_outdated_articles(corpus: Corpus, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Talks resume", WIRE)
    (article_id,) = run(corpus, tmp_path).stored
    doc = corpus.store.get_document(article_id)
    assert doc is not None
    doc.pipeline, doc.entities = "0.0.1:old", []
    corpus.store.save_analysis(doc)
    assert corpus.reanalyze() == [article_id]
    redone = corpus.store.get_document(article_id)
    assert redone is not None and redone.pipeline == PIPELINE_VERSION and redone.entities
    assert corpus.reanalyze() == []


def test_corpus_on_equal_dates_the_copy_is_the_one_with_a_syndication_note(
    corpus: Corpus, tmp_path: Path
) -> None:
    note = "This story was first published by Levant Wire and is republished with permission."
    date = "Friday, March 2, 1979"
    write(tmp_path, "1-copy.txt", "A new headline", WIRE + "\n\n" + note, date)
    write(tmp_path, "2-original.txt", "Talks resume", WIRE, date)
    report = run(corpus, tmp_path)
    (link,) = report.syndicated
    copy = corpus.store.get_article(link.id)
    original = corpus.store.get_article(link.of)
    assert copy is not None and copy.title == "A new headline"
    assert original is not None and original.title == "Talks resume"


def test_corpus_an_article_the_database_refuses_is_reported_and_the_run_goes_on(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.txt", "Talks resume", WIRE)
    write(tmp_path, "b.txt", "Refused", "Cairo prepared for the visit of the delegation.")
    write(tmp_path, "c.txt", "Other news", "Jerusalem waited for the answer from Washington.")
    original = corpus.store.add

    def refuse_b(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.title == "Refused":
            raise StorageError(f"{article.location}: cannot store the article: (DataError) NUL")
        return original(article, *args, **kwargs)

    monkeypatch.setattr(corpus.store, "add", refuse_b)
    report = run(corpus, tmp_path)
    assert len(report.stored) == 2 and report.exit_code == EXIT_PARTIAL
    (error,) = report.errors
    assert str(error) == f"{tmp_path / 'b.txt'}: cannot store the article: (DataError) NUL"


def test_corpus_a_failing_database_stops_the_run(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(MAX_CONSECUTIVE_STORAGE_FAILURES + 2):
        write(tmp_path, f"{i}.txt", f"Story {i}", f"Cairo story number {i} about the talks.")

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("disk I/O error")

    monkeypatch.setattr(corpus.store, "add", broken)
    with pytest.raises(StorageError, match="disk I/O error"):
        run(corpus, tmp_path)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STORYLINE_MAX_BYTES": "-5"}, "must be positive"),
        ({"STORYLINE_SYNDICATION": "2"}, "at most 1"),
        ({"STORYLINE_BATCH_SIZE": "x"}, "whole number"),
    ],
)
def test_corpus_bad_settings_are_clear_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


@pytest.mark.corpus
def test_corpus_wikinews_ingests_analyses_and_stores_every_article(
    shared_data: Path, tmp_path: Path
) -> None:
    """Integration: the 295 Wikinews articles through readers, dedup, analysis and storage."""
    folder = shared_data / "wikinews"
    with Corpus(Settings(db_url=f"sqlite:///{tmp_path / 'wikinews.db'}")) as corpus:
        report = corpus.ingest(sorted(str(p) for p in folder.glob("wikinews_*.csv")))
        assert report.errors == [] and report.read == 295
        assert len(report.stored) + len(report.duplicates) == 295
        stats = corpus.store.stats(PIPELINE_VERSION)
        assert stats.articles == len(report.stored) and stats.outdated == 0
        assert stats.annotations["entities"] > 5000 and stats.annotations["times"] > 1000
        documents = list(corpus.documents())
    assert all(schema_errors(d.to_dict()) == [] for d in documents)
    assert all(d.published and d.published_source == "metadata" for d in documents)
