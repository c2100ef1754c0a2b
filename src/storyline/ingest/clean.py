"""Cleaning rules every reader shares: take boilerplate out of an article body, keep a record.

:func:`clean_body` normalises whitespace (paragraphs are separated by one blank line), then
applies the rules below. Every piece of text a rule removes is kept as a
:class:`~storyline.model.Boilerplate` record named after the rule, never silently dropped.

- ``dateline`` (at the start): a first line that is only a date ("Friday, January 4, 2019");
- ``separator`` (anywhere): lines of dashes, stars or bullets ("* * *", "---", "• • •");
- ``photo-credit`` (anywhere): credit lines ("Photo: AFP/Getty") and short captions ending in one;
- ``email-obfuscation`` (anywhere): "[email protected]" artefacts, the rest of the paragraph kept;
- ``syndication`` (at the end): "This article was originally published by …", "© 2019 …";
- ``bio`` (at the end): "Jane Doe is a reporter at The Daily Planet." (see :func:`parse_bio`);
- ``call-to-action`` (at the end): "Follow us on Twitter", "Sign up for our newsletter";
- ``headline`` (at the start, see :func:`drop_headline`): the headline repeated as the body's
  first paragraph or line, applied by the readers that get the headline apart from the body.

A rule only ever removes a whole line or paragraph that is, as a whole, boilerplate: a
paragraph that merely mentions a photo or copyright stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.ingest.metadata import parse_date
from storyline.model import Boilerplate, normalise_for_hash

RULE_DATELINE = "dateline"
RULE_SEPARATOR = "separator"
RULE_PHOTO_CREDIT = "photo-credit"
RULE_EMAIL = "email-obfuscation"
RULE_SYNDICATION = "syndication"
RULE_BIO = "bio"
RULE_CALL_TO_ACTION = "call-to-action"
RULE_HEADLINE = "headline"

# Boilerplate is short: a paragraph longer than this is prose, whatever it starts with.
MAX_BOILERPLATE_WORDS = 60
# A photo caption that ends in "Image: credit." is at most this long.
MAX_CAPTION_WORDS = 45
# A credit line ("Photo: AFP/Getty", "(Photo by X/Reuters)") is at most this long.
MAX_CREDIT_WORDS = 25
# A call to action ("Follow us on Twitter") is a line or two at most.
MAX_CALL_TO_ACTION_WORDS = 30
# A dateline line ("Friday, January 4, 2019") is at most this many characters.
MAX_DATELINE_CHARS = 40

_BLANK_LINES = re.compile(r"\n{3,}")
_SEPARATOR = re.compile(r"^\s*(?:[-–—*_•·~=#+]\s*){3,}$")
_PHOTO_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:"
    r"(?:photo(?:graph)?|image|picture)s?(?:\s+(?:credit|courtesy))?\s*(?::|\bby\s)"
    r"|(?:photo|image)\s+[\"“'‘].{1,120}?[\"”'’]\s+by\b"
    r"|credit\s*:"
    r")",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(
    r"\(?\s*(?:Image|Photo|Photograph|Picture)(?:\s+credit)?\s*:\s*[^:\n]{1,100}$"
)
_EMAIL_ARTEFACT_TEXT = r"\[email(?:\s|&#160;|&nbsp;|\xa0)*protected\]"
_EMAIL_ARTEFACT = re.compile(
    rf"^{_EMAIL_ARTEFACT_TEXT}[ \t]?|[ \t]?{_EMAIL_ARTEFACT_TEXT}", re.IGNORECASE | re.MULTILINE
)
_PIECE = r"this\s+(?:article|story|piece|post|column|content|report)"
_SYNDICATION = re.compile(
    r"^(?:"
    rf"{_PIECE}\s+(?:was|is|has\s+been)\s+(?:originally|first)\s+(?:published|posted|appeared)"
    rf"|{_PIECE}\s+first\s+(?:published|posted|appeared)"
    rf"|{_PIECE}\s+(?:is|was)\s+(?:published|licensed|distributed|available)\s+under\b"
    r"|this\s+(?:article|story|piece|post|column|content)\s+(?:was|is|has\s+been)\s+"
    r"(?:published|posted|republished|reprinted|licensed|distributed|produced)\s+"
    r"(?:by|with|in\s+partnership|in\s+collaboration|courtesy|under|through)\b"
    r"|(?:originally|first)\s+(?:published|posted|appeared)\s+(?:on|in|by|at)\b"
    r"|(?:republished|reprinted)\s+(?:with|by|from|under|courtesy)\b"
    r"|(?:published|licensed|distributed|available)\s+under\s+(?:a|the)\s+creative\s+commons"
    r"|distributed\s+by\b"
    r"|©"
    r"|\(c\)\s*\d{4}"
    r"|copyright\s*(?:©|\(c\))\s*\S"
    r"|copyright\s+(?:\d{4}|by\b)"
    r"|all\s+rights\s+reserved"
    r")",
    re.IGNORECASE,
)
_SOCIAL = (
    r"(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon"
    r"|telegram|whatsapp|social\s+media)"
)
_CALL_TO_ACTION = re.compile(
    r"^(?:"
    r"(?:follow|like|find|join|connect\s+with)\s+"
    rf"(?:us|me|@\w+|(?-i:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))\s+on\s+{_SOCIAL}\b"
    r"|(?:sign\s+up|subscribe|register)\b.*\b(?:newsletters?|updates|alerts|e-?mails?|inbox"
    r"|podcast|channel|our|us)\b"
    r"|subscribe(?:\s+(?:now|today|here))?\s*[.!]?$"
    r"|click\s+here\b"
    r"|share\s+(?:this|on)\b"
    r"|(?:get|download)\s+(?:our|the)\s+(?:free\s+)?(?:newsletter|app)\b"
    r")",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_OUTLET_WORD = r"(?:[A-Z0-9][\w'’&.-]*|of|the|and|&|de|du|la|le|am)"
_BIO = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s+is\s+(?:a|an|the)\s+"
    r"(?P<role>[\w\s,'’-]*?\b(?:reporter|correspondent|journalist|writer|editor|columnist"
    r"|contributor|producer|photographer|photojournalist|critic|anchor|host|freelancer)s?)\s+"
    r"(?:at|for|with|of)\s+(?:the\s+)?"
    rf"(?P<outlet>(?:The\s+)?[A-Z0-9][\w'’&.-]*(?:\s+{_OUTLET_WORD})*)"
)
_OUTLET_TAIL = re.compile(r"(?:\s+(?:of|the|and|&|de|du|la|le|am))+$")
_SENTENCE_END = re.compile(r"[.!?:\"”’)\]]$")
_EMPHASIS = "*_ "


@dataclass
class Cleaned:
    """An article body after cleaning, with every piece of text the rules removed."""

    body: str
    removed: list[Boilerplate] = field(default_factory=list)

    def texts(self, rule: str) -> list[str]:
        """The texts one rule removed, in the order it removed them."""
        return [item.text for item in self.removed if item.rule == rule]


@dataclass
class Bio:
    """Who wrote an article and for whom, as a trailing bio line tells it."""

    name: str
    outlet: str


def clean_body(text: str) -> Cleaned:
    """Normalise whitespace and remove boilerplate, recording what each rule removed."""
    removed: list[Boilerplate] = []
    paragraphs = split_paragraphs(normalise_whitespace(text))
    paragraphs = _drop_dateline(paragraphs, removed)
    paragraphs = _drop_anywhere(paragraphs, removed)
    paragraphs = [_drop_email_artefacts(p, removed) for p in paragraphs]
    paragraphs = _drop_trailing(paragraphs, removed)
    return Cleaned(body="\n\n".join(p for p in paragraphs if p.strip()), removed=removed)


def drop_headline(cleaned: Cleaned, title: str | None) -> Cleaned:
    """The body without a first paragraph (else first line) that only repeats the title."""
    if not title:
        return cleaned
    for separator in ("\n\n", "\n"):
        first, _, rest = cleaned.body.partition(separator)
        if rest.strip() and normalise_for_hash(first) == normalise_for_hash(title):
            removed = [Boilerplate(RULE_HEADLINE, first.strip()), *cleaned.removed]
            return Cleaned(body=rest.strip("\n"), removed=removed)
    return cleaned


def normalise_whitespace(text: str) -> str:
    """Unix line endings, no trailing spaces, paragraphs separated by exactly one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of whitespace-normalised text (blank-line separated, none empty)."""
    return [p for p in text.split("\n\n") if p.strip()]


def is_dateline(line: str) -> bool:
    """True for a line that is only a full date, such as "Friday, January 4, 2019"."""
    line = line.strip()
    if not line or len(line) > MAX_DATELINE_CHARS or not re.search(r"\b\d{4}\b", line):
        return False
    return parse_date(line) is not None


def is_separator(line: str) -> bool:
    """True for a line made only of separator marks ("* * *", "---", "• • •")."""
    return bool(_SEPARATOR.match(line))


def is_photo_credit(paragraph: str) -> bool:
    """True for a credit line ("Photo: AFP/Getty") or a short caption ending in one."""
    flat = _flatten(paragraph)
    if _PHOTO_CREDIT_LINE.match(flat):
        return _words(flat) <= MAX_CREDIT_WORDS
    return _words(flat) <= MAX_CAPTION_WORDS and bool(_CAPTION_CREDIT.search(flat))


def is_syndication(paragraph: str) -> bool:
    """True for a syndication or licensing note ("Republished with permission", "© 2019 …")."""
    flat = _flatten(paragraph)
    return _words(flat) <= MAX_BOILERPLATE_WORDS and bool(_SYNDICATION.match(flat))


def is_call_to_action(paragraph: str) -> bool:
    """True for a "follow us / sign up / subscribe" line."""
    flat = _flatten(paragraph)
    return _words(flat) <= MAX_CALL_TO_ACTION_WORDS and bool(_CALL_TO_ACTION.match(flat))


def parse_bio(paragraph: str) -> Bio | None:
    """Author and outlet from a bio line ("Jane Doe is a reporter at The Daily Planet.")."""
    flat = _flatten(paragraph).lstrip("-–— ")
    if _words(flat) > MAX_BOILERPLATE_WORDS:
        return None
    match = _BIO.match(flat)
    if match is None:
        return None
    outlet = _OUTLET_TAIL.sub("", match["outlet"]).rstrip(".")
    return Bio(name=match["name"], outlet=outlet)


def _drop_dateline(paragraphs: list[str], removed: list[Boilerplate]) -> list[str]:
    """Remove a first line that is only a date."""
    if not paragraphs:
        return paragraphs
    first, _, rest = paragraphs[0].partition("\n")
    if not is_dateline(first):
        return paragraphs
    removed.append(Boilerplate(RULE_DATELINE, first.strip()))
    return ([rest] if rest.strip() else []) + paragraphs[1:]


def _drop_anywhere(paragraphs: list[str], removed: list[Boilerplate]) -> list[str]:
    """Remove separator lines and photo credits wherever they stand."""
    kept: list[str] = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if is_separator(line):
                removed.append(Boilerplate(RULE_SEPARATOR, line.strip()))
            elif _PHOTO_CREDIT_LINE.match(_flatten(line)) and is_photo_credit(line):
                removed.append(Boilerplate(RULE_PHOTO_CREDIT, line.strip()))
            else:
                lines.append(line)
        rest = "\n".join(lines)
        if is_photo_credit(rest):  # a caption ending in its credit
            removed.append(Boilerplate(RULE_PHOTO_CREDIT, rest))
        elif rest.strip():
            kept.append(rest)
    return kept


def _drop_email_artefacts(paragraph: str, removed: list[Boilerplate]) -> str:
    """Remove "[email protected]" artefacts from a paragraph, keeping the rest of it."""

    def record(match: re.Match[str]) -> str:
        removed.append(Boilerplate(RULE_EMAIL, match.group().strip()))
        return ""

    cleaned = _EMAIL_ARTEFACT.sub(record, paragraph)
    return cleaned if cleaned == paragraph else re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned)


_TRAILING_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (RULE_SYNDICATION, is_syndication),
    (RULE_BIO, lambda text: parse_bio(text) is not None),
    (RULE_CALL_TO_ACTION, is_call_to_action),
    (RULE_PHOTO_CREDIT, is_photo_credit),
)


def _trailing_rule(text: str) -> str | None:
    """The name of the trailing rule ``text`` matches as a whole, if any."""
    return next((name for name, matches in _TRAILING_RULES if matches(text)), None)


def _drop_trailing(paragraphs: list[str], removed: list[Boilerplate]) -> list[str]:
    """Remove trailing boilerplate paragraphs (and lines), from the end while they match."""
    paragraphs = list(paragraphs)
    tail: list[Boilerplate] = []
    while paragraphs:
        last = paragraphs[-1]
        rule = _trailing_rule(last)
        if rule is not None:
            tail.append(Boilerplate(rule, last))
            paragraphs.pop()
            continue
        lines = last.split("\n")
        rule = _trailing_rule(lines[-1]) if len(lines) > 1 else None
        if rule is None or not _ends_unit(lines[-2]):
            break
        tail.append(Boilerplate(rule, lines[-1].strip()))
        paragraphs[-1] = "\n".join(lines[:-1])
    removed.extend(reversed(tail))
    return paragraphs


def _ends_unit(line: str) -> bool:
    """True when a line ends a sentence or is boilerplate itself (so the next line stands alone)."""
    return bool(_SENTENCE_END.search(line.rstrip(_EMPHASIS))) or _trailing_rule(line) is not None


def _flatten(text: str) -> str:
    """One line of text without markdown emphasis around it, for matching."""
    return " ".join(text.split()).strip(_EMPHASIS)


def _words(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())
