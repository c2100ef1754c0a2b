"""Tests for input sources and format detection (storyline.ingest.sources)."""

from __future__ import annotations

import gc
import gzip
import io
import warnings
from pathlib import Path

import pytest

from storyline.errors import InputError, MalformedInputError, TooLargeError
from storyline.ingest.sources import Source, detect_format, expand, sniff


def make_tree(root: Path) -> None:
    """A small folder tree: nested files, hidden files and a hidden folder."""
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", ".hidden.txt", ".git/e.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"content of {rel}\n")
    (root / "sub" / ".secret.md").write_text("hidden\n")


def names(items: list[Source | InputError], root: Path) -> list[str]:
    """Source names relative to ``root`` (errors as ``!message``)."""
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(f"!{item.message}")
        else:
            out.append(Path(item.name).relative_to(root).as_posix())
    return out


def test_sources_expand_folder_sorted_recursive_without_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(expand([str(tmp_path)]))
    assert names(items, tmp_path) == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl"]
    assert all(isinstance(s, Source) and s.path is not None for s in items)


def test_sources_expand_file_keeps_given_name(tmp_path: Path) -> None:
    make_tree(tmp_path)
    given = str(tmp_path / "b.txt")
    [source] = list(expand([given]))
    assert isinstance(source, Source)
    assert source.name == given
    assert source.read_bytes(1000) == b"content of b.txt\n"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["b.txt"]),
        ("*.md", ["a.md"]),
        ("**/*.html", ["sub/c.html"]),
        ("sub", ["sub/c.html", "sub/deeper/d.jsonl"]),
        ("s*", ["sub/c.html", "sub/deeper/d.jsonl"]),
    ],
)
def test_sources_expand_glob(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    make_tree(tmp_path)
    assert names(list(expand([str(tmp_path / pattern)])), tmp_path) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [("missing.txt", "no such file or folder"), ("*.nothing", "no file matches this pattern")],
)
def test_sources_expand_missing_path_is_input_error(
    tmp_path: Path, given: str, message: str
) -> None:
    [error] = list(expand([str(tmp_path / given)]))
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / given)
    assert error.message == message


def test_sources_expand_keeps_going_after_error(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(expand([str(tmp_path / "nope.txt"), str(tmp_path / "a.md")]))
    assert names(items, tmp_path) == ["!no such file or folder", "a.md"]


def test_sources_expand_stdin() -> None:
    [source] = list(expand(["-"], stdin=io.BytesIO(b"From standard input.\n")))
    assert isinstance(source, Source)
    assert source.name == "-"
    assert source.path is None
    assert source.read_bytes(1000) == b"From standard input.\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.txt", "text"),
        ("story.md", "text"),
        ("STORY.TXT", "text"),
        ("page.html", "html"),
        ("page.htm", "html"),
        ("items.jsonl", "jsonl"),
        ("items.json", "jsonl"),
        ("table.csv", "csv"),
        ("table.tsv", "csv"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("story.txt.gz", "text"),
    ],
)
def test_sources_detect_format_by_extension(name: str, expected: str) -> None:
    # The content says HTML, so only the extension can give the expected answer.
    content = b"<html><body>x</body></html>"
    data = gzip.compress(content) if name.endswith(".gz") else content
    source = Source(name, data=data)
    assert detect_format(source) == expected
    if expected != "html":
        assert sniff(source.decompressed_head()) == "html"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"filedesc://crawl.arc 0.0.0.0", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b"<HTML><HEAD>", "html"),
        (b"<!-- saved page -->", "html"),
        (b'{"title": "Pier to close"}\n', "jsonl"),
        (b"Pier to close\n\nThe pier closed.", "text"),
        (b"", "text"),
    ],
)
def test_sources_detect_format_by_sniffing(head: bytes, expected: str) -> None:
    assert sniff(head) == expected
    assert detect_format(Source("unknown", data=head)) == expected
    assert detect_format(Source("unknown.dat.gz", data=gzip.compress(head))) == expected


def test_sources_gzipped_text_file_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Pier to close\n\nThe pier closed.\n"))
    [source] = list(expand([str(path)]))
    assert isinstance(source, Source)
    assert source.gzipped
    assert source.suffix == ".txt"
    assert detect_format(source) == "text"
    assert source.read_bytes(1000) == b"Pier to close\n\nThe pier closed.\n"


def test_sources_gzip_read_closes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"The pier closed.\n"))
    source = Source(str(path), path=path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert source.read_bytes(1000) == b"The pier closed.\n"
        assert source.decompressed_head() == b"The pier closed.\n"
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_sources_read_bytes_over_limit_is_too_large() -> None:
    with pytest.raises(TooLargeError, match="big.txt"):
        Source("big.txt", data=b"x" * 11).read_bytes(10)
    assert Source("ok.txt", data=b"x" * 10).read_bytes(10) == b"x" * 10


def test_sources_broken_gzip_is_malformed() -> None:
    broken = gzip.compress(b"The pier closed.\n" * 50)[:30]
    source = Source("broken.txt.gz", data=broken)
    with pytest.raises(MalformedInputError, match="broken.txt.gz"):
        source.read_bytes(10_000)
    assert source.decompressed_head() == b""


def test_sources_unopenable_path_is_input_error(tmp_path: Path) -> None:
    source = Source("gone.txt", path=tmp_path / "gone.txt")
    with pytest.raises(InputError, match="gone.txt: cannot open"):
        source.read_bytes(100)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'[{"text": "Pier to close"}]', "jsonl"),
        (b'\n[\n  {\n    "title": "Pier"', "jsonl"),
        (b"[{}]", "jsonl"),
        (b"<div><p>The pier closed.</p></div>", "html"),
        (b"<p>The pier closed.</p>", "html"),
        (b'<ARTICLE class="story"><h1>Pier</h1>', "html"),
        (b"  <section>\n<h2>Pier</h2>", "html"),
        (b"<h1>Pier to close</h1><p>The pier closed.</p>", "html"),
        (b"title,text\nPier,The pier closed.\n", "csv"),
        (b'"id","Title","Body"\r\n1,Pier,"The pier closed."\r\n', "csv"),
        (b"url\tpublished_at\tcontent\nhttps://a.example/\t2020-01-02\tThe pier closed.\n", "csv"),
        (b"title,text\n", "csv"),
        (b"[Updated] Pier to close\n\nThe pier closed.", "text"),
        (b"[{ not json, just odd prose", "text"),
        (b"<person> is not a tag we know, so this is prose.", "text"),
        (b"<p is smaller than q, the proof begins.", "text"),
        (b"Body, mind and spirit\n\nThe retreat opens in May.", "text"),
        (b"Text\n\nThe pier closed.", "text"),
        (b"The text, as agreed, was signed on Monday.\nIt runs to ten pages.", "text"),
    ],
)
def test_sources_sniff_records_fragments_and_prose(head: bytes, expected: str) -> None:
    assert sniff(head) == expected
