"""The stage contract: how an analysis stage plugs into the pipeline.

A stage adds spaCy components to the pipeline (``setup``) and, after the pipeline has run,
fills its part of the :class:`~storyline.model.Document` from the annotated ``Doc``
(``extract``). Stages run in order, so a later one reads what an earlier one wrote into the
Document (events read entities, quotes and times). Bumping a stage's ``version`` changes
:data:`~storyline.nlp.pipeline.PIPELINE_VERSION`, which makes ``storyline reanalyze`` redo
articles analysed by the older pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from storyline.model import Document


def _no_setup(nlp: Language) -> None:
    """A stage that needs no extra spaCy component."""


@dataclass(frozen=True)
class Stage:
    """One analysis stage."""

    name: str
    version: str
    extract: Callable[[Doc, Document], None]
    setup: Callable[[Language], None] = _no_setup
