"""storyline: news articles in, a sourced and dated record of who did and said what to whom out.

The library surface::

    import storyline
    doc = storyline.analyze("Sadat flew to Jerusalem on Saturday.", published="1977-11-21")
    doc.entities, doc.quotes, doc.times, doc.events
"""

from __future__ import annotations

__version__ = "0.1.0"

from storyline.api import analyze, open_corpus  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.model import Article, Document  # noqa: E402

__all__ = ["Article", "Document", "Settings", "__version__", "analyze", "open_corpus"]
