"""Lexicons written as text, shared by the stages."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon written as text."""
    return frozenset(text.split())
