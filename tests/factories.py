"""Small hand-built articles and documents for tests."""

from __future__ import annotations

from storyline.model import (
    Article,
    Boilerplate,
    Document,
    Entity,
    Event,
    Mention,
    Quote,
    Sentence,
    Span,
    TimeExpr,
)

BODY = (
    "The Egyptian president flew to Jerusalem on Saturday.\n\n"
    "“We are ready,” an aide said, according to officials."
)


def article(body: str = BODY, title: str | None = "Visit to Jerusalem", **kw: object) -> Article:
    """An article with metadata."""
    defaults: dict[str, object] = {
        "byline": ["Ada Reporter"],
        "outlet": "The Test Courier",
        "url": "https://courier.example/visit",
        "published": "1977-11-20",
        "published_source": "metadata",
        "boilerplate": [Boilerplate("separator", "– – –")],
        "source": "fixture.txt",
    }
    defaults.update(kw)
    return Article(body=body, title=title, **defaults)  # type: ignore[arg-type]


def document(art: Article | None = None, pipeline: str = "test:1") -> Document:
    """A document with one annotation of every kind, offsets matching the text."""
    art = art or article()
    doc = Document.from_article(art)
    text = doc.text
    jer = text.index("Jerusalem", len(art.title or ""))
    quote = text.index("“We")
    sat = text.index("Saturday")
    flew = text.index("flew")
    said = text.index("said")
    doc.pipeline, doc.model = pipeline, "test-model"
    doc.sentences = [Sentence(0, len(art.title or "")), Sentence(len(art.title or "") + 2, jer)]
    doc.entities = [
        Entity("e1", "Jerusalem", "place", "GPE", "Q1218", [Mention(jer, jer + 9, "Jerusalem")]),
        Entity("e2", "Egyptian president", "person", "PERSON", None, []),
    ]
    doc.quotes = [
        Quote("q1", "direct", quote, quote + 14, text[quote : quote + 14], speaker="e2",
              speaker_kind="anonymous", cue=Span(said, said + 4, "said"),
              via=["officials"], confidence=0.9)
    ]  # fmt: skip
    doc.times = [TimeExpr("t1", sat, sat + 8, "Saturday", "DATE", "1977-11-19", "day", "dct")]
    doc.events = [
        Event("v1", "CONSULT", Span(flew, flew + 4, "flew"), mode="visit", cameo="04",
              intensity=1.0, actor=["e2"], recipient=["e1"], time="t1", date="1977-11-19")
    ]  # fmt: skip
    return doc
