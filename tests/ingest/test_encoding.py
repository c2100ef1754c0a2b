"""Tests for byte decoding (storyline.ingest.encoding)."""

from __future__ import annotations

import pytest

from storyline.errors import BinaryInputError, EmptyInputError, InputError
from storyline.ingest.encoding import FLAG_REPLACED, decode, looks_binary, printable, scrub

# Enough Western European text for a charset detector to settle on a single-byte charset.
ACCENTED = (
    "The caf\u00e9 by the harbour served cr\u00e8me br\u00fbl\u00e9e to na\u00efve visitors. "
    "Fa\u00e7ades along the quay were repainted, and the ma\u00eetre d\u2019 was pleased. "
) * 3
PLAIN = "Most of the rest of this story is plain English without any accented letters. " * 10


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        (b"Plain ASCII text.", "Plain ASCII text.", "utf-8"),
        ("Caf\u00e9 \u201cquotes\u201d".encode(), "Caf\u00e9 \u201cquotes\u201d", "utf-8"),
        (b"\xef\xbb\xbfCaf\xc3\xa9 with a BOM", "Caf\u00e9 with a BOM", "utf-8-sig"),
        ("\ufeffCaf\u00e9 in UTF-16".encode("utf-16-le"), "Caf\u00e9 in UTF-16", "utf-16"),
    ],
)
def test_encoding_decodes_unicode(raw: bytes, text: str, encoding: str) -> None:
    decoded = decode(raw, "in.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.replaced is False
    assert decoded.flags == []


@pytest.mark.parametrize("charset", ["cp1252", "latin-1"])
def test_encoding_detects_single_byte_charset(charset: str) -> None:
    text = (ACCENTED if charset == "cp1252" else ACCENTED.replace("\u2019", "'")) + PLAIN
    decoded = decode(text.encode(charset), "legacy.txt")
    assert decoded.text == text
    assert decoded.replaced is False
    assert decoded.encoding in ("cp1252", "latin_1", "iso8859_15")


def test_encoding_sparse_single_byte_accent_is_not_damaged_utf8() -> None:
    text = "Everyone agreed the caf\u00e9 should stay open late. " + PLAIN
    decoded = decode(text.encode("cp1252"), "legacy.txt")
    assert decoded.text == text
    assert decoded.flags == []


def test_encoding_declared_charset_is_used() -> None:
    raw = "Caf\u00e9".encode("cp1252")
    decoded = decode(raw, "page.html", declared="windows-1252")
    assert decoded.text == "Caf\u00e9"
    assert decoded.encoding == "windows-1252"


def test_encoding_mostly_utf8_with_broken_byte_is_flagged() -> None:
    raw = ACCENTED.encode() + b" one broken \xff byte " + PLAIN.encode()
    decoded = decode(raw, "damaged.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced is True
    assert decoded.flags == [FLAG_REPLACED]
    assert "\ufffd" in decoded.text
    assert "cr\u00e8me br\u00fbl\u00e9e" in decoded.text


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", EmptyInputError),
        (b" \n\t\r\n", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", BinaryInputError),
        (bytes(range(0, 32)) * 10, BinaryInputError),
    ],
)
def test_encoding_rejects_empty_and_binary(raw: bytes, error: type[InputError]) -> None:
    with pytest.raises(error) as caught:
        decode(raw, "odd.bin")
    assert caught.value.source == "odd.bin"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"hello\tworld\r\n\x0c", False),
        (b"\xff\xfeh\x00i\x00", False),
        (b"hello\x00world", True),
        (b"a" * 90 + b"\x01" * 10, True),
        (b"a" * 99 + b"\x01", False),
        (b"", False),
    ],
)
def test_encoding_looks_binary(raw: bytes, expected: bool) -> None:
    assert looks_binary(raw) is expected


@pytest.mark.parametrize(
    ("text", "expected", "changed"),
    [
        ("a\ud800b\udfffc", "a\ufffdb\ufffdc", True),
        ("nul\x00 bell\x07 esc\x1b ff\x0c vt\x0b us\x1f", "nul bell esc ff vt us", True),
        (
            "tab\t lf\n cr\r del\x7f caf\u00e9 \U0001f600",
            "tab\t lf\n cr\r del\x7f caf\u00e9 \U0001f600",
            False,
        ),
    ],
)
def test_encoding_scrub(text: str, expected: str, changed: bool) -> None:
    assert scrub(text) == (expected, changed)


def test_encoding_printable_is_ascii_and_short() -> None:
    assert printable(ValueError("plain words")) == "plain words"
    quoted = printable("\xff\xfe\x00junk\ud800 " * 20)
    assert quoted.isascii() and quoted.isprintable()
    assert len(quoted) == 80 and quoted.endswith("...")
