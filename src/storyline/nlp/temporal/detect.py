"""Finding time expressions in text: one regular expression per kind of expression.

Spans follow TIMEX3 conventions: a leading preposition ("on", "in", "since") is left out; a
determiner or modifier that is part of the expression ("the", "last", "early") is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.nlp.temporal.lexicon import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    alternation,
)

_FULL_MONTHS = [k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july")]
_SHORT_MONTHS = [k for k in MONTHS if k not in _FULL_MONTHS]
MONTH = rf"(?P<month>{alternation(_FULL_MONTHS)}|(?:{alternation(_SHORT_MONTHS)})\.?)"
DAYNUM = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d|'\d\d)"
WEEKDAY = rf"(?P<weekday>{alternation(WEEKDAYS)})"
PART = rf"(?P<part>{alternation(PARTS_OF_DAY)})"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
UNIT = rf"(?P<unit>{alternation(UNITS)})s?"
NUMBER = (
    r"(?P<amount>\d+(?:\.\d+)?|"
    + alternation(list(NUMBER_WORDS) + [f"{a}-{b}" for a in ("twenty", "thirty", "forty", "fifty",
                                        "sixty", "seventy", "eighty", "ninety")
                                        for b in ("one", "two", "three", "four", "five", "six",
                                                  "seven", "eight", "nine")])
    + "|" + alternation(VAGUE_QUANTITIES) + ")"
)  # fmt: skip
RELATIVE = (
    r"(?P<rel>last|this|next|past|coming|previous|following|this\s+past|the\s+past|"
    r"the\s+coming|the\s+previous|the\s+following|the\s+next|the\s+last)"
)
EDGE = (
    r"(?P<edge>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
)


@dataclass(frozen=True)
class Rule:
    """One kind of time expression."""

    name: str
    type: str  # DATE | TIME | DURATION | SET
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Candidate:
    """A match of a rule in the text."""

    rule: Rule
    start: int
    end: int
    groups: dict[str, str]

    @property
    def length(self) -> int:
        """Characters covered."""
        return self.end - self.start


def _rule(name: str, type_: str, pattern: str) -> Rule:
    return Rule(name, type_, re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE))


RULES: tuple[Rule, ...] = (
    _rule("iso", "DATE", r"(?P<iso>\d{4}-\d{2}-\d{2})"),
    _rule("weekday_full", "DATE", rf"{WEEKDAY},?\s+{MONTH}\s+{DAYNUM},?\s+{YEAR}"),
    _rule(
        "month_day",
        "DATE",
        rf"(?:{EDGE}\s+)?{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR})?(?!\s*(?:%|percent|million|billion))",
    ),
    _rule("day_month", "DATE", rf"(?:the\s+)?{DAYNUM}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"),
    _rule("numeric", "DATE", r"(?P<n1>\d{1,2})/(?P<n2>\d{1,2})/(?P<n3>\d{4}|\d{2})"),
    _rule("month_year", "DATE", rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{MONTH},?\s+(?:of\s+)?{YEAR}"),
    _rule("month", "DATE", rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{MONTH}"),
    _rule("season", "DATE", rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?"),
    _rule(
        "quarter",
        "DATE",
        r"(?:the\s+)?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|final)"
        rf"(?:\s+fiscal)?\s+quarter(?:\s+of\s+{YEAR})?",
    ),
    _rule("quarter_code", "DATE", rf"(?P<q>Q[1-4])(?:\s+{YEAR})?"),
    _rule("quarter_rel", "DATE", rf"{RELATIVE}\s+(?P<unit>quarter)"),
    _rule(
        "decade",
        "DATE",
        rf"(?:{EDGE}\s+)?(?:the\s+)?(?P<decade>(?:1[5-9]|20)\d0s|'\d0s|"
        rf"{alternation(DECADE_WORDS)})",
    ),
    _rule("century", "DATE", r"(?:the\s+)?(?P<century>\d{1,2})(?:st|nd|rd|th)\s+century"),
    _rule("year", "DATE", rf"(?:{EDGE}\s+)?(?:the\s+year\s+)?(?P<year>1[6-9]\d\d|20\d\d)(?!s)"),
    _rule("weekday", "DATE", rf"(?:{RELATIVE}\s+)?{WEEKDAY}(?:'s)?(?:\s+{PART})?"),
    _rule(
        "deictic",
        "DATE",
        r"(?P<word>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|"
        r"the\s+day\s+after\s+tomorrow)(?:'s)?",
    ),
    _rule("part_of_day", "TIME", rf"(?P<this>this|that|tomorrow|yesterday|last)\s+{PART}"),
    _rule(
        "ref",
        "DATE",
        r"(?P<ref>now|currently|at\s+present|nowadays|presently|recently|lately|"
        r"in\s+the\s+past|in\s+the\s+future|soon|these\s+days|once|formerly|earlier|"
        r"the\s+past|the\s+future|the\s+present)",
    ),
    _rule(
        "unit_rel", "DATE", rf"(?:(?P<within>earlier|later)\s+(?:this|that)\s+|{RELATIVE}\s+){UNIT}"
    ),
    _rule("ago", "DATE", rf"{NUMBER}\s+{UNIT}\s+(?P<dir>ago|earlier|later|before|after|hence)"),
    _rule(
        "anchored",
        "DATE",
        r"(?:the|that|this|a(?=\s+\w+\s+(?:before|after|prior|earlier|later)\b))"
        rf"\s+(?P<same>same\s+)?{UNIT}(?:\s+(?P<dir>before|after|prior|"
        r"earlier|later))?",
    ),
    _rule(
        "anchored_part",
        "TIME",
        rf"(?:the|that)\s+(?P<same>same\s+)?{PART}(?:\s+(?P<dir>before|after))?",
    ),
    _rule(
        "vague_rel",
        "DATE",
        rf"(?P<bare>{alternation(UNITS)})s\s+(?P<dir>later|earlier|before|after|ago)",
    ),
    _rule(
        "span_rel",
        "DURATION",
        rf"(?:the|these|those)\s+(?:last|past|previous|next|coming|following)\s+"
        rf"(?:{NUMBER}\s+)?{UNIT}",
    ),
    _rule(
        "coming", "DATE", rf"(?:the\s+)?(?:coming|next|past|last|recent)\s+(?P<few>few\s+)?{UNIT}"
    ),
    _rule(
        "duration",
        "DURATION",
        rf"(?:(?:more|less|fewer)\s+than\s+|about\s+|nearly\s+|almost\s+|over\s+|up\s+to\s+)?"
        rf"{NUMBER}(?:\s+|-){UNIT}(?:\s+and\s+a\s+half)?(?:-long|-old)?",
    ),
    _rule("bare_units", "DURATION", rf"(?P<bare>{alternation(UNITS)})s(?:-long)?"),
    _rule(
        "set",
        "SET",
        rf"(?P<every>every|each|per)\s+(?:(?P<step>other|two|three)\s+)?"
        rf"(?:{UNIT}|{WEEKDAY}|{MONTH})|(?P<adverb>daily|weekly|monthly|annually|yearly|"
        r"hourly|quarterly|nightly|biannually)",
    ),
    _rule(
        "clock",
        "TIME",
        r"(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
        r"|(?P<hm>(?:[01]?\d|2[0-3]):[0-5]\d)(?:\s+(?P<tz>GMT|UTC|EST|EDT|PST|PDT|CET|BST))?"
        r"|(?P<noon>noon|midnight|midday)",
    ),
)


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlapping ones reduced to the longest (then earliest)."""
    found = [
        Candidate(rule, m.start(), m.end(), {k: v for k, v in m.groupdict().items() if v})
        for rule in RULES
        for m in rule.pattern.finditer(text)
    ]
    found = [c for c in found if _plausible(c)]
    found.sort(key=lambda c: (-c.length, c.start, RULES.index(c.rule)))
    chosen: list[Candidate] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _plausible(candidate: Candidate) -> bool:
    """Drop matches whose form rules them out: a month name must be capitalised ("may")."""
    month_name = candidate.groups.get("month")
    if month_name is None:
        return True
    if candidate.rule.name == "month" and month_name.lower().rstrip(".") in _SHORT_MONTHS:
        return False  # "Dec" or "Mar." alone is too often something else
    return month_name[0].isupper()
