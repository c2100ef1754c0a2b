"""Storage: one narrow interface (:class:`Store`) over SQLite (default) or PostgreSQL."""

from __future__ import annotations

from storyline.store.sql import ArticleSummary, Candidate, Stats, Store, open_store

__all__ = ["ArticleSummary", "Candidate", "Stats", "Store", "open_store"]
