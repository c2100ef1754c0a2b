"""Answers over a corpus: listings, exports (used by the CLI, the web UI and the API alike)."""
