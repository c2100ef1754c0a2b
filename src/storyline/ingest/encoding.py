"""Bytes to text: detect the encoding, replace what cannot be decoded, and say so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from storyline.errors import BinaryInputError, EmptyInputError

FLAG_REPLACED = "replaced-undecodable-bytes"
# Share of control characters (other than whitespace) above which bytes are "binary".
BINARY_CONTROL_SHARE = 0.05
# UTF-8 text with at most this share of broken bytes is UTF-8 with damage, not another charset.
MOSTLY_UTF8_BAD_SHARE = 0.01
# The single-byte charset to prefer when detection ties: English news is Western European.
PREFERRED_LEGACY = "cp1252"
_SNIFF_BYTES = 8192
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Input quoted in an error message is cut to this many characters.
MESSAGE_EXCERPT_CHARS = 80
# Lone surrogates cannot be encoded as UTF-8 (a valid pair is one code point in a str) ...
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# ... and NUL, like the other C0 controls but tab, LF and CR, breaks PostgreSQL and XML.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Decoded:
    """Text decoded from bytes, with the encoding used and whether bytes were replaced."""

    text: str
    encoding: str
    replaced: bool

    @property
    def flags(self) -> list[str]:
        """Flags to carry onto the article."""
        return [FLAG_REPLACED] if self.replaced else []


def looks_binary(raw: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes, control codes)."""
    head = raw[:_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > BINARY_CONTROL_SHARE


def decode(raw: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode ``raw``: BOM, then UTF-8, then the declared charset, then detection."""
    if not raw.strip():
        raise EmptyInputError(source, "empty input: no text to read")
    if looks_binary(raw):
        raise BinaryInputError(source, "binary data, not text (is this the right file?)")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _decode_with(raw, name)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", replaced=False)
    except UnicodeDecodeError:
        mostly = raw.decode("utf-8", errors="replace")
        bad = mostly.count("\ufffd")
        # Without one well-formed multi-byte character, a few stray high bytes are far more
        # likely a single-byte charset (cp1252 "café") than damaged UTF-8.
        valid_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in mostly)
        if valid_multibyte and bad <= len(raw) * MOSTLY_UTF8_BAD_SHARE:
            return Decoded(mostly, "utf-8", replaced=True)
    if declared:
        try:
            return Decoded(raw.decode(declared), declared.lower(), replaced=False)
        except (UnicodeDecodeError, LookupError):
            pass
    matches = from_bytes(raw)
    best = matches.best()
    # charset_normalizer ties cp1250/cp1252 on Western text and may pick cp1250 ("crčme").
    preferred = next((m for m in matches if m.encoding == PREFERRED_LEGACY), None)
    if best is not None and preferred is not None and preferred.chaos <= best.chaos:
        best = preferred
    if best is not None and best.encoding:
        return _decode_with(raw, best.encoding)
    return _decode_with(raw, "utf-8")


def _decode_with(raw: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(raw.decode(encoding), encoding, replaced=False)
    except (UnicodeDecodeError, LookupError):
        text = raw.decode(encoding if _known(encoding) else "utf-8", errors="replace")
        return Decoded(text, encoding, replaced=True)


def _known(encoding: str) -> bool:
    try:
        "".encode(encoding)
    except LookupError:
        return False
    return True


def scrub(text: str) -> tuple[str, bool]:
    """Text with lone surrogates as U+FFFD and C0 controls (but tab, CR, LF) removed; changed?"""
    scrubbed = _CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))
    return scrubbed, scrubbed != text


def printable(value: object, limit: int = MESSAGE_EXCERPT_CHARS) -> str:
    """``str(value)`` as ASCII-only text for a message (escapes for the rest), cut to ``limit``."""
    text = ascii(str(value))[1:-1]
    return text if len(text) <= limit else text[: limit - 3] + "..."
