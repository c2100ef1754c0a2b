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


EVENT_ENTITIES = {
    "us": Entity("e1", "United States", "country", country="us", gazetteer="country:us",
                 actor="country:us"),
    "iran": Entity("e2", "Iran", "country", country="ir", gazetteer="country:ir",
                   actor="country:ir"),
    "trump": Entity("e3", "Donald Trump", "person", country="us", sector="government",
                    actor="donald-trump"),
    "iraq": Entity("e4", "Iraq", "country", country="iq", gazetteer="country:iq",
                   actor="country:iq"),
}  # fmt: skip


def event_document(
    ident: str,
    published: str,
    trigger: str,
    kind: str,
    actor: str,
    recipient: str,
    date: str | None = None,
    modality: str = "asserted",
    outlet: str = "Outlet",
) -> Document:
    """A document reporting one event: ``actor`` (a key of EVENT_ENTITIES) did ``trigger``
    to ``recipient``."""
    text = f"{EVENT_ENTITIES[actor].name} {trigger} {EVENT_ENTITIES[recipient].name}."
    start = len(EVENT_ENTITIES[actor].name) + 1
    event = Event(
        id="v1",
        type=kind,
        trigger=Span(start, start + len(trigger), trigger),
        lemma=trigger,
        mode=None if kind != "OTHER" else trigger,
        actor=[EVENT_ENTITIES[actor].id],
        recipient=[EVENT_ENTITIES[recipient].id],
        date=date,
        before=None if date else published,
        modality=modality,
        sentence=0,
    )
    return Document(
        id=ident,
        text=text,
        outlet=outlet,
        published=published,
        sentences=[Sentence(0, len(text))],
        entities=[EVENT_ENTITIES[actor], EVENT_ENTITIES[recipient]],
        events=[event],
    )
