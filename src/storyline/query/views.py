"""Plain-text views for the terminal: tables and summaries."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from storyline.gazetteer import Office
from storyline.model import Document
from storyline.query.quotes import QuoteRow
from storyline.store import ArticleSummary, Stats
from storyline.store.actors import ActorDetail, ActorSummary

TITLE_WIDTH = 60  # characters of a title shown in a listing


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A left-aligned text table."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )
    return "\n".join(lines)


def _short(text: str | None, width: int = TITLE_WIDTH) -> str:
    return textwrap.shorten(text or "", width=width, placeholder="…")


def articles_table(rows: Sequence[ArticleSummary]) -> str:
    """The article listing."""
    return table(
        ["id", "published", "outlet", "title", "copy of"],
        [(r.id, r.published, r.outlet, _short(r.title), r.syndicated_of) for r in rows],
    )


QUOTE_WIDTH = 70  # characters of a quotation shown in a listing


def _circumstances(date: str | None, medium: str | None, setting: str | None) -> str:
    """ "  (2019-03-02; interview; at a rally in Ankara)" for a quotation, or nothing."""
    known = [x for x in (date, medium, f"at {setting}" if setting else None) if x]
    return f"  ({'; '.join(known)})" if known else ""


def quote_date(row: QuoteRow) -> str:
    """A quotation's date for a listing: its own, else "before" the publication date."""
    if row.date:
        return row.date
    return f"before {row.said_before}" if row.said_before else "?"


def quotes_table(rows: Iterable[QuoteRow]) -> str:
    """The quotation listing: date, speaker, kind, quotation, outlet and article."""
    return table(
        ["date", "speaker", "kind", "quotation", "outlet", "article"],
        [
            (
                quote_date(r),
                _short(r.speaker_text or r.speaker_name or "(unknown)", 30),
                r.kind,
                _short(r.text, QUOTE_WIDTH),
                _short(r.outlet, 24),
                r.article_id,
            )
            for r in rows
        ],
    )


def stats_text(stats: Stats) -> str:
    """The corpus summary."""
    lines = [
        f"articles:            {stats.articles}",
        f"syndicated copies:   {stats.syndicated}",
        f"analysed:            {stats.analysed} ({stats.outdated} by an older pipeline or not yet)",
        f"published:           {stats.first_published or '?'} .. {stats.last_published or '?'}",
    ]
    lines += [f"{name + ':':<21}{count}" for name, count in stats.annotations.items()]
    lines.append("outlets:")
    ranked = sorted(stats.outlets.items(), key=lambda kv: (-kv[1], kv[0]))
    lines += [f"  {count:>5}  {outlet}" for outlet, count in ranked]
    return "\n".join(lines)


def document_text(document: Document) -> str:
    """One document as a reader would want to see it: metadata, text, then annotations."""
    head = [
        f"id:         {document.id}",
        f"title:      {document.title or ''}",
        f"byline:     {', '.join(document.byline)}",
        f"outlet:     {document.outlet or ''}",
        f"url:        {document.url or ''}",
        f"published:  {document.published or 'unknown'} ({document.published_source or '-'})",
        f"copy of:    {document.syndicated_of or '-'} (syndicated copy)"
        if document.syndicated_of
        else "copy of:    - (not a known syndicated copy)",
        f"flags:      {', '.join(document.flags) or '-'}",
        f"pipeline:   {document.pipeline or 'not analysed'}",
        "",
        document.text,
        "",
    ]
    if document.boilerplate:
        head.append("removed as boilerplate:")
        head += [f"  [{b.rule}] {_short(b.text, 90)}" for b in document.boilerplate]
        head.append("")
    head.append(f"entities ({len(document.entities)}):")
    head += [f"  {e.id:<5} {e.type:<13} {e.name}  ×{len(e.mentions)}" for e in document.entities]
    head.append(f"times ({len(document.times)}):")
    head += [
        f"  {t.id:<5} {t.type:<9} {t.value or '?':<18} {_short(t.text, 40)!r}"
        + (f"  (relative to {t.anchor})" if t.anchor else "")
        for t in document.times
    ]
    spoken = [q for q in document.quotes if q.kind != "mention"]
    head.append(f"quotes ({len(spoken)}):")
    head += [
        f"  {q.id:<5} {q.kind:<9} {q.speaker_text or '(unknown)'}"
        + (f" [{q.cue.text}]" if q.cue else "")
        + (f" via {', '.join(q.via)}" if q.via else "")
        + f": {_short(q.text, 70)!r}"
        + _circumstances(q.date, q.medium, q.setting)
        for q in spoken
    ]
    names = {e.id: e.name for e in document.entities}
    coded = [e for e in document.events if e.type != "OTHER"]
    head.append(f"events ({len(coded)} coded, {len(document.events) - len(coded)} other):")
    head += [
        f"  {e.id:<5} {e.type:<9} {_signed(e.intensity):>5}  "
        + " ".join(
            part
            for part in (
                ", ".join(names.get(a, a) for a in e.actor),
                f"[{e.trigger.text}]",
                ", ".join(names.get(r, r) for r in e.recipient),
            )
            if part
        )
        + f"  {e.date or 'undated'}"
        + ("" if e.modality == "asserted" else f" ({e.modality})")
        for e in coded
    ]
    head.append(f"sentences: {len(document.sentences)}")
    return "\n".join(head)


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+g}"


ALIASES_SHOWN = 4  # aliases of an actor shown in the listing


def actors_table(rows: Sequence[ActorSummary]) -> str:
    """The actor listing."""
    return table(
        ["id", "name", "type", "country", "sector", "wikidata", "articles", "mentions", "aliases"],
        [
            (r.id, r.name, r.type, r.country, r.sector, r.wikidata, r.articles, r.mentions,
             _short(", ".join(r.aliases[:ALIASES_SHOWN]), 40))
            for r in rows
        ],
    )  # fmt: skip


def actor_text(detail: ActorDetail, offices: Sequence[Office] = ()) -> str:
    """One actor: identity, aliases, offices, articles, and quotations by and about it."""
    a = detail.actor
    known = [x for x in (a.type, a.country, a.sector, a.wikidata) if x]
    lines = [f"{a.name}  [{a.id}]  ({', '.join(known)})"]
    lines.append(f"{a.articles} articles, {a.mentions} mentions")
    if a.aliases:
        lines.append("also: " + ", ".join(a.aliases))
    for office in offices:
        term = f"{office.start or '?'} – {office.end or 'in office'}"
        lines.append(f"office: {office.office}, {term}")
    if detail.articles:
        lines.append("\narticles:")
        lines.extend(
            f"  {r['published'] or '(undated)'}  {r['outlet'] or ''}  {_short(r['title'])}"
            f"  {r['id']}"
            for r in detail.articles
        )
    for relation in ("by", "about"):
        quotes = [q for q in detail.quotes if q.relation == relation]
        if quotes:
            lines.append(f"\nquotations {relation} {a.name}:")
            lines.extend(
                f"  {q.published or '(undated)'}  {q.outlet or ''}  {_short(q.text, QUOTE_WIDTH)}"
                + (f"  — {q.speaker}" if relation == "about" and q.speaker else "")
                for q in quotes
            )
    return "\n".join(lines)
