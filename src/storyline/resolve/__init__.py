"""Cross-document resolution: actors (and, later, events) across the corpus."""
