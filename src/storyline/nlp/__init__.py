"""Per-article analysis: spaCy pipeline assembly and the stages that fill the contract."""

from __future__ import annotations

from storyline.nlp.pipeline import PIPELINE_VERSION, Analyzer, load_nlp

__all__ = ["PIPELINE_VERSION", "Analyzer", "load_nlp"]
