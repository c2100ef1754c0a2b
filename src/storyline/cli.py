"""The command line: each command parses its options and calls one library function.

Exit codes: 0 success; 1 partial (some inputs failed, the rest was stored); 2 usage error;
3 failure (nothing could be read, or the database or model could not be used).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from storyline.config import Settings
from storyline.corpus import EXIT_FAILED, EXIT_INTERRUPTED, Corpus, IngestReport, open_corpus
from storyline.errors import InputError, StorylineError
from storyline.gazetteer import Office, load_gazetteer
from storyline.gazetteer.imports import import_file
from storyline.ingest import read as read_inputs
from storyline.ingest.metadata import parse_date
from storyline.ingest.sources import expand
from storyline.model import QUOTE_KINDS, Document
from storyline.nlp.eventing.lexicon import EVENT_TYPES
from storyline.nlp.pipeline import PIPELINE_VERSION, Analyzer
from storyline.query import export, views
from storyline.query.quotes import date_bound, words
from storyline.query.relations import NoDatedEventsError, plot_relation, relation_table
from storyline.query.timeline import actor_names, events_csv, events_table, timeline_table
from storyline.store.actors import ActorSummary

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    envvar="STORYLINE_DB",
    default=None,
    help="Database: a file path (SQLite) or a URL such as postgresql://user@host/db."
    "  [default: storyline.db, or $STORYLINE_DB]",
)


def table_or_json(default: str = "table") -> Callable[[F], F]:
    """The ``--format table|json`` option."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _corpus(db: str | None) -> Corpus:
    return open_corpus(db, Settings.from_env())


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


class Main(click.Group):
    """Turns storyline's own errors into a clear message and exit code 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("interrupted: every article stored so far is complete", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=Main)
@click.version_option(
    package_name="storyline", message=f"storyline %(version)s ({PIPELINE_VERSION})"
)
def main() -> None:
    """storyline: news articles in, a sourced and dated record of who said and did what out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db: str | None, quiet: bool) -> None:
    """Read, analyse and store articles from files, folders, globs or - (stdin).

    Formats: text (.txt .md), HTML (.html .htm, .gz), JSONL/JSON, CSV/TSV, RSS/Atom, WARC.
    Exact copies are not stored twice; syndicated copies are linked to the earliest copy.
    """
    sources = list(expand(paths))
    with _corpus(db) as corpus:
        show = not quiet and sys.stderr.isatty()
        with click.progressbar(
            length=len(sources), label="ingesting", file=sys.stderr, hidden=not show
        ) as bar:
            report = corpus.ingest(sources, progress=lambda _name: bar.update(1))
    _print_report(report)
    sys.exit(report.exit_code)


def _print_report(report: IngestReport) -> None:
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"{report.sources} inputs, {report.read} articles read: {len(report.stored)} stored,"
        f" {len(report.duplicates)} duplicates, {len(report.syndicated)} syndicated copies,"
        f" {len(report.errors)} errors"
    )
    for dup in report.duplicates:
        click.echo(f"  duplicate: {dup.location} is a copy of {dup.of} (not stored)")
    for syn in report.syndicated:
        click.echo(
            f"  syndicated: {syn.id} is a copy of {syn.of} (similarity {syn.similarity:.2f})"
        )


@main.command()
@click.argument("file")
@click.option("--published", help="Publication date (e.g. 2024-07-17); overrides the file's.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: one document (an array when the file holds several); jsonl: one per line.",
)
def analyze(file: str, published: str | None, fmt: str) -> None:
    """Analyse the article(s) in FILE (any ingest format, or - for stdin) without storing."""
    date = parse_date(published) if published else None
    if published and date is None:
        raise click.BadParameter(f"not a date: {published!r}", param_hint="--published")
    settings = Settings.from_env()
    documents: list[Document] = []
    failed = False
    analyzer: Analyzer | None = None
    for item in read_inputs([file], settings):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            failed = True
            continue
        if date:
            item.published, item.published_source = date, "argument"
        analyzer = analyzer or Analyzer(settings)
        documents.append(analyzer.analyze(item))
    if documents:
        _print_documents(documents, fmt)
    if failed:
        sys.exit(1 if documents else EXIT_FAILED)


def _print_documents(documents: list[Document], fmt: str) -> None:
    if fmt == "jsonl":
        export.write_jsonl(documents, sys.stdout)
    elif fmt == "json":
        data: Any = [d.to_dict() for d in documents]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
    else:
        for document in documents:
            click.echo(views.document_text(document))


@main.command()
@db_option
@click.option("--limit", type=int, default=None, help="At most this many articles.")
@table_or_json()
def articles(db: str | None, limit: int | None, fmt: str) -> None:
    """List stored articles in publication order."""
    with _corpus(db) as corpus:
        rows = corpus.store.list_articles(limit=limit)
    if fmt == "json":
        click.echo(json.dumps([vars(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        click.echo(views.articles_table(rows))


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
def show(article_id: str, db: str | None, fmt: str) -> None:
    """Show one stored article (an id or a unique prefix of one) with its analysis."""
    with _corpus(db) as corpus:
        ids = corpus.store.resolve_id(article_id)
        document = corpus.store.get_document(ids[0]) if len(ids) == 1 else None
    if len(ids) > 1:
        _fail(f"{article_id!r} starts more than one article id: give more of it")
    if document is None:
        _fail(f"no article with id {article_id!r} (see `storyline articles`)")
        return
    _print_documents([document], fmt)


@main.command()
@db_option
@table_or_json()
def stats(db: str | None, fmt: str) -> None:
    """Counts: articles, syndicated copies, analyses, annotations, outlets."""
    with _corpus(db) as corpus:
        result = corpus.store.stats(PIPELINE_VERSION)
    if fmt == "json":
        click.echo(json.dumps(vars(result), indent=2))
    else:
        click.echo(views.stats_text(result))


@main.command(name="export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    required=True,
    help="jsonl: one contract document per line; csv: flat tables in a folder.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="jsonl: a file (default stdout); csv: a folder (default ./export).",
)
def export_(db: str | None, fmt: str, output: Path | None) -> None:  # fmt: skip
    """Export every stored article with its analysis."""
    with _corpus(db) as corpus:
        if fmt == "csv":
            folder = output or Path("export")
            counts = export.write_csv(corpus.documents(), folder)
            summary = ", ".join(f"{n} {name}" for name, n in counts.items())
            click.echo(f"wrote {folder}/: {summary}", err=True)
        elif output is None:
            export.write_jsonl(corpus.documents(), sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                count = export.write_jsonl(corpus.documents(), handle)
            click.echo(f"wrote {count} documents to {output}", err=True)


@main.command()
@db_option
@click.option(
    "--all", "everything", is_flag=True, help="Redo every article, not only outdated ones."
)
def reanalyze(db: str | None, everything: bool) -> None:
    """Re-run the analysis on articles analysed by an older pipeline (no re-ingest)."""
    with _corpus(db) as corpus:
        ids = corpus.reanalyze(everything=everything)
    click.echo(f"reanalysed {len(ids)} articles with pipeline {PIPELINE_VERSION}")


def _date_option(name: str, end: bool, help: str) -> Callable[[F], F]:
    """``--from``/``--to``: a date, or a year or month standing for its first or last day."""

    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
        try:
            return date_bound(value, end=end)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option(name, f"date_{name[2:]}", metavar="DATE", callback=parse, help=help)


def _name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not words(value):
        raise click.BadParameter(f"not a name: {value!r}")
    return value


@main.command()
@db_option
@click.option(
    "--speaker",
    metavar="NAME",
    callback=_name,
    help="Said by NAME: full name or surname, any case or accents, whole words.",
)
@click.option(
    "--about",
    metavar="NAME",
    callback=_name,
    help="Mentioning NAME in the quotation or as its addressee.",
)
@_date_option("--from", False, "Said on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@_date_option("--to", True, "Said on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option(
    "--kind",
    "kinds",
    metavar="KIND",
    multiple=True,
    help="Only these kinds (direct, partial, indirect, headline, mention); repeat or"
    " separate with commas.  [default: all but mention]",
)
@click.option(
    "--copies/--no-copies",
    default=True,
    show_default=True,
    help="Include the quotations of syndicated copies.",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@table_or_json()
def quotes(
    db: str | None,
    speaker: str | None,
    about: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    kinds: tuple[str, ...],
    copies: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """Quotations across the corpus: who said what, when, and where it was reported.

    A quotation is dated by the time its text gives it; without one, by its article's
    publication date (dated_by: publication), as it was said on or before that day.
    """
    if date_from and date_to and date_from > date_to:
        raise click.UsageError(f"--from {date_from} is after --to {date_to}")
    wanted = {k.strip().lower() for arg in kinds for k in arg.split(",") if k.strip()} or None
    unknown = sorted((wanted or set()) - set(QUOTE_KINDS))
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} (kinds are {', '.join(QUOTE_KINDS)})", param_hint="'--kind'"
        )
    with _corpus(db) as corpus:
        rows = corpus.quotes(
            speaker=speaker,
            about=about,
            date_from=date_from,
            date_to=date_to,
            kinds=wanted,
            copies=copies,
            limit=limit,
        )
        if fmt == "json":
            _echo_json_array(dataclasses.asdict(r) for r in rows)
        else:
            click.echo(views.quotes_table(rows))


def _echo_json_array(items: Iterable[dict[str, Any]]) -> None:
    """A JSON array written one element at a time (a listing may be long)."""
    first = True
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        click.echo(("[\n  " if first else ",\n  ") + body, nl=False)
        first = False
    click.echo("[]" if first else "\n]")


@main.command()
@db_option
@click.option(
    "--type", "kind", type=click.Choice(["person", "organisation", "country", "group", "place"]),
    help="Only actors of this type.",
)  # fmt: skip
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@table_or_json()
def actors(db: str | None, kind: str | None, limit: int | None, fmt: str) -> None:
    """Every actor of the corpus, the most written about first: id, name, type, country,
    sector, Wikidata id, articles (syndicated copies not counted), mentions, aliases."""
    with _corpus(db) as corpus:
        rows = corpus.actors(kind, limit)
    if fmt == "json":
        _echo_json_array(dataclasses.asdict(r) for r in rows)
    else:
        click.echo(views.actors_table(rows))


@main.command()
@click.argument("name")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
def actor(name: str, db: str | None, fmt: str) -> None:
    """One actor by id, name or alias ("Erdogan", "AMLO", "country:tr"): its aliases,
    offices, articles, and the quotations by and about it."""
    with _corpus(db) as corpus:
        found = corpus.actor(name)
        known = load_gazetteer(corpus.settings.gazetteer_dir)
    if not found:
        _fail(f"no actor is called {name!r} (storyline actors lists them)")
    offices: dict[str, list[Office]] = {}
    for detail in found:
        entry = known.get(detail.actor.gazetteer or "")
        offices[detail.actor.id] = entry.offices if entry is not None else []
    if fmt == "json":
        _echo_json_array(
            {**dataclasses.asdict(d), "offices": [_office(o) for o in offices[d.actor.id]]}
            for d in found
        )
    else:
        click.echo("\n\n".join(views.actor_text(d, offices[d.actor.id]) for d in found))


def _office(office: Office) -> dict[str, Any]:
    data = dataclasses.asdict(office)
    data["start"] = office.start.isoformat() if office.start else None
    data["end"] = office.end.isoformat() if office.end else None
    return data


def _event_types(kinds: tuple[str, ...]) -> set[str]:
    wanted = {k.strip().upper() for arg in kinds for k in arg.split(",") if k.strip()}
    unknown = sorted(wanted - set(EVENT_TYPES))
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)} (types are {', '.join(EVENT_TYPES)})", param_hint="'--type'"
        )
    return wanted


@main.command()
@db_option
@click.option("--actor", metavar="NAME", callback=_name, help="Done by NAME (name, alias or id).")
@click.option("--recipient", metavar="NAME", callback=_name, help="Done to NAME.")
@click.option("--type", "kinds", metavar="TYPE", multiple=True,
              help="Only these types (ACCUSE, CONSULT ..., STATEMENT, OTHER); repeat or"
              " separate with commas.")  # fmt: skip
@_date_option("--from", False, "Happened on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@_date_option("--to", True, "Happened on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")  # fmt: skip
def events(
    db: str | None,
    actor: str | None,
    recipient: str | None,
    kinds: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Events across the corpus, one per real-world event with all its reports, ordered by
    the day they happened (undated ones last, with the date they happened before)."""
    types = _event_types(kinds)
    with _corpus(db) as corpus:
        try:
            found = corpus.events(
                actor=actor, recipient=recipient, types=types, date_from=date_from,
                date_to=date_to, limit=limit,
            )  # fmt: skip
        except LookupError as exc:
            _fail(str(exc.args[0]))
        names = actor_names(corpus.store, (a for e in found for a in (*e.actor, *e.recipient)))
    if fmt == "json":
        _echo_json_array(
            {**e.to_dict(), "actor_names": [names.get(a, a) for a in e.actor],
             "recipient_names": [names.get(a, a) for a in e.recipient]}
            for e in found
        )  # fmt: skip
    elif fmt == "csv":
        click.echo(events_csv(found, names), nl=False)
    else:
        click.echo(events_table(found, names))


def _one_actor(corpus: Corpus, name: str) -> ActorSummary:
    found = corpus.find_actor(name)
    if found is None:
        _fail(f"no actor is called {name!r} (storyline actors lists them)")
        raise AssertionError  # _fail exits
    return found


@main.command(name="timeline")
@click.argument("actor_name", metavar="ACTOR")
@click.option("--with", "other", metavar="ACTOR2", callback=_name,
              help="Only what passed between ACTOR and ACTOR2.")  # fmt: skip
@db_option
@_date_option("--from", False, "On or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@_date_option("--to", True, "On or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@table_or_json()
def timeline_(
    actor_name: str,
    other: str | None,
    db: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    fmt: str,
) -> None:
    """The events and quotations of ACTOR (or between ACTOR and ACTOR2), ordered by their
    own date, each with its type, intensity, modality, a one-line summary and its reports."""
    with _corpus(db) as corpus:
        first = _one_actor(corpus, actor_name)
        second = _one_actor(corpus, other) if other is not None else None
        items = corpus.timeline(first, second, date_from, date_to)
    if fmt == "json":
        _echo_json_array(i.to_dict() for i in items)
    else:
        title = first.name + (f" and {second.name}" if second is not None else "")
        click.echo(f"Timeline of {title}\n")
        click.echo(timeline_table(items))


@main.command(name="relation")
@click.argument("a_name", metavar="A")
@click.argument("b_name", metavar="B")
@db_option
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month",
              show_default=True, help="Period of the series.")  # fmt: skip
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the relation as a PNG chart at FILE.png.")  # fmt: skip
@table_or_json()
def relation_(a_name: str, b_name: str, db: str | None, by: str, plot: Path | None,
              fmt: str) -> None:  # fmt: skip
    """The directed relation between A and B in both directions: events, counts, mean and
    sum of intensity per period and a smoothed relation index; optionally a chart."""
    with _corpus(db) as corpus:
        a, b = _one_actor(corpus, a_name), _one_actor(corpus, b_name)
        if a.id == b.id:
            _fail(f"{a_name!r} and {b_name!r} are the same actor ({a.id})")
        rel = corpus.relation(a, b, by)
    if fmt == "json":
        click.echo(json.dumps({**rel.to_dict(), "names": [a.name, b.name]}, ensure_ascii=False,
                              indent=2))  # fmt: skip
    else:
        click.echo(relation_table(rel, (a.name, b.name)))
    if plot is not None:
        try:
            plot_relation(rel, plot, (a.name, b.name))
        except NoDatedEventsError as exc:
            _fail(f"no chart written: {exc}")
        except OSError as exc:
            _fail(f"cannot write the chart {plot}: {exc.strerror or exc}")
        click.echo(f"chart written to {plot}", err=True)


@main.group()
def gazetteer() -> None:
    """The gazetteer of known actors (docs/gazetteer.md)."""


@gazetteer.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "kind", type=click.Choice(["auto", "wikidata", "csv"]), default="auto",
    show_default=True, help="A Wikidata JSON dump, or a CSV of qid,name,aliases,type,country.",
)  # fmt: skip
@click.option(
    "--into", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="The gazetteer folder.  [default: STORYLINE_GAZETTEER]",
)  # fmt: skip
def gazetteer_import(file: Path, kind: str, into: Path | None) -> None:
    """Add the entries of FILE to your gazetteer; re-analyse (reanalyze --all) to apply."""
    settings = Settings.from_env()
    folder = into or settings.gazetteer_dir
    if folder is None:
        raise click.UsageError("no gazetteer folder: set STORYLINE_GAZETTEER or use --into")
    report = import_file(file, folder, load_gazetteer(settings.gazetteer_dir), kind)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"imported {report.entries} entries and {report.offices} office terms into {folder}"
        + "".join(f"\n  wrote {p}" for p in report.written)
    )
    if report.errors:
        sys.exit(1 if report.entries else 3)
