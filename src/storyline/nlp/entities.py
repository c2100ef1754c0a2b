"""Entities: one entity per actor within a document, repaired and linked to the gazetteer.

The spaCy model's entities are repaired (:mod:`storyline.nlp.actors.repair`), then grouped
with their partial names, titles, descriptions, demonyms, governments and subject pronouns
into one :class:`~storyline.model.Entity` each (:mod:`storyline.nlp.actors.group`), linked
to the gazetteer where it knows them. Across documents, :mod:`storyline.resolve.actors`
gives each entity its corpus-wide actor.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from storyline.gazetteer import Gazetteer, load_gazetteer
from storyline.model import Document
from storyline.nlp.actors.group import ENTITY_TYPES, build
from storyline.nlp.actors.repair import repair
from storyline.nlp.headline import title_end_of
from storyline.nlp.stages import Stage

__all__ = ["ENTITY_TYPES", "extract"]

if not Doc.has_extension("gazetteer"):
    Doc.set_extension("gazetteer", default=None)  # the Gazetteer the analyser was set up with


def _day(document: Document) -> dt.date | None:
    published = document.published
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str) and published[:10]:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def extract(doc: Doc, document: Document) -> None:
    """Repair the Doc's entities and fill ``document.entities``."""
    gazetteer: Gazetteer = doc._.gazetteer or load_gazetteer()
    links = repair(doc, gazetteer, title_end_of(document))
    document.entities = build(doc, gazetteer, links, _day(document))


STAGE = Stage(name="entities", version="5", extract=extract)
