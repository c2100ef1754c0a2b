"""The Python API's entry points."""

from __future__ import annotations

from storyline.config import Settings
from storyline.corpus import Corpus, open_corpus
from storyline.ingest.metadata import parse_date, split_byline
from storyline.model import Article, Document
from storyline.nlp.pipeline import Analyzer

__all__ = ["analyze", "open_corpus", "Corpus"]


def analyze(
    text: str,
    published: str | None = None,
    *,
    title: str | None = None,
    byline: str | list[str] | None = None,
    outlet: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyse one article's text (``published``: its ISO date, which dates relative times)."""
    date = parse_date(published) if published else None
    if published and date is None:
        raise ValueError(f"published must be a date such as 2024-07-17, not {published!r}")
    article = Article(
        body=text,
        title=title,
        byline=split_byline(byline),
        outlet=outlet,
        url=url,
        published=date,
        published_source="argument" if date else None,
    )
    return Analyzer(settings).analyze(article)
