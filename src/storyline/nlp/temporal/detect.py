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
SINGULAR_UNIT = rf"(?P<unit>{alternation(UNITS)})"
# "the second time", "the minute he arrived": clock units alone are not times referred back to.
CALENDAR_UNIT = rf"(?P<unit>{alternation(u for u in UNITS if not UNITS[u][1])})"
# "before"/"after" end a time expression only where they end the phrase ("the day before."),
# not where they introduce an event ("the day after falling 250 points").
CLAUSE_END = r"(?:before|after)(?=\s*[,.;:!?)\"”’]|\s*$)"
OF_YEAR = r"(?:\s+of\s+(?P<yrel>last|this|next)\s+year)"
# Words that may stand between a number and its unit: "six straight days".
BETWEEN = r"(?:(?:straight|consecutive|successive|full|whole|trading|working|business|more)\s+)?"
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
    trigger: re.Pattern[str]  # every match holds a match of this; the rule runs only near one


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


def _words(words: object) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words)})", re.IGNORECASE)


# The words (or characters) each family of rules needs: a rule is run only in windows of text
# around them, since most of a text holds no time expression and scanning it all with every
# rule is what the stage costs.
DIGIT = re.compile(r"\d{4}|[’']\d\d|\d/\d")  # years, ISO and numeric dates
MONTH_WORD = re.compile(rf"\b(?:{alternation(m.capitalize() for m in MONTHS)})\b")
WEEKDAY_WORD = _words(WEEKDAYS)
SEASON_WORD = _words(SEASONS)
QUARTER_WORD = re.compile(r"quarter|\bQ[1-4]\b", re.IGNORECASE)
DECADE_WORD = re.compile(rf"\d0s\b|\b(?:{alternation(DECADE_WORDS)})", re.IGNORECASE)
DEICTIC_WORD = _words(["today", "tonight", "yesterday", "tomorrow"])
PART_WORD = _words(PARTS_OF_DAY)
UNIT_WORD = _words(UNITS)
REF_WORD = _words(
    [
        "now",
        "currently",
        "present",
        "nowadays",
        "presently",
        "recently",
        "lately",
        "past",
        "future",
        "soon",
        "days",
        "being",
        "term",
        "run",
        "recent",
        "current",
    ]
)
SET_WORD = _words(
    [
        "every",
        "once",
        "twice",
        "times",
        "each",
        "per",
        "daily",
        "weekly",
        "monthly",
        "annually",
        "yearly",
        "hourly",
        "quarterly",
        "nightly",
        "biannually",
        "annual",
    ]
)
ORDINAL_WORD = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b", re.IGNORECASE)
CLOCK_WORD = re.compile(
    r"\d(?::\d\d|\s*[ap]\.?m\b)|\d{4}\s+(?:UTC|GMT)|\b(?:noon|midnight|midday)", re.IGNORECASE
)


def _rule(name: str, type_: str, pattern: str, trigger: re.Pattern[str] = UNIT_WORD) -> Rule:
    regex = re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)
    return Rule(name, type_, regex, trigger)


RULES: tuple[Rule, ...] = (
    _rule("iso", "DATE", r"(?P<iso>\d{4}-\d{2}-\d{2})", DIGIT),
    _rule("weekday_full", "DATE", rf"{WEEKDAY},?\s+{MONTH}\s+{DAYNUM},?\s+{YEAR}", WEEKDAY_WORD),
    _rule(
        "month_day",
        "DATE",
        rf"(?:{EDGE}\s+)?{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR})?(?!\s*(?:%|percent|million|billion))",
        MONTH_WORD,
    ),
    _rule(
        "day_month", "DATE", rf"(?:the\s+)?{DAYNUM}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?", MONTH_WORD
    ),
    _rule("numeric", "DATE", r"(?P<n1>\d{1,2})/(?P<n2>\d{1,2})/(?P<n3>\d{4}|\d{2})", DIGIT),
    _rule(
        "ordinal_day",
        "DATE",
        r"the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
        r"(?=\s*[,.;:!?)]|\s+(?:of\s+(?:the|this|that)\s+month|at|and|when|in)\b)",
        ORDINAL_WORD,
    ),
    _rule(
        "month_year",
        "DATE",
        rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{MONTH},?\s+(?:of\s+)?{YEAR}",
        MONTH_WORD,
    ),
    _rule("month", "DATE", rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{MONTH}(?={OF_YEAR})?", MONTH_WORD),
    _rule(
        "season",
        "DATE",
        rf"(?:{EDGE}\s+|{RELATIVE}\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?",
        SEASON_WORD,
    ),
    _rule(
        "quarter",
        "DATE",
        r"(?:the\s+)?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|final)"
        rf"(?:\s+fiscal)?(?:\s+|-)quarter(?:\s+of\s+{YEAR}|{OF_YEAR})?",
        QUARTER_WORD,
    ),
    _rule("quarter_code", "DATE", rf"(?P<q>Q[1-4])(?:\s+{YEAR})?", QUARTER_WORD),
    _rule("quarter_rel", "DATE", rf"{RELATIVE}\s+(?P<unit>quarter)", QUARTER_WORD),
    _rule(
        "decade",
        "DATE",
        rf"(?:{EDGE}\s+)?(?:the\s+)?(?P<decade>(?:1[5-9]|20)\d0s|[’']?\d0s|"
        rf"{alternation(DECADE_WORDS)})",
        DECADE_WORD,
    ),
    _rule("century", "DATE", r"(?:the\s+)?(?P<century>\d{1,2})(?:st|nd|rd|th)\s+century"),
    _rule(
        "year",
        "DATE",
        rf"(?:{EDGE}\s+|mid-)?(?:the\s+year\s+)?(?P<year>1[6-9]\d\d|20\d\d|[’']\d\d)(?!s)",
        DIGIT,
    ),
    _rule("weekday", "DATE", rf"(?:{RELATIVE}\s+)?{WEEKDAY}(?:\s+{PART})?", WEEKDAY_WORD),
    _rule(
        "deictic",
        "DATE",
        r"(?:(?:earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight|"
        r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)",
        DEICTIC_WORD,
    ),
    _rule(
        "part_of_day", "TIME", rf"(?P<this>this|that|tomorrow|yesterday|last)\s+{PART}", PART_WORD
    ),
    _rule(
        "ref",
        "DATE",
        r"(?:(?:more|most|very|until|only)\s+)?"
        r"(?P<ref>now|currently|at\s+present|nowadays|presently|recently|lately|"
        r"in\s+the\s+past|in\s+the\s+future|soon|these\s+days|the\s+past|the\s+future|"
        r"the\s+present|the\s+time\s+being|the\s+long\s+term|the\s+near\s+term|"
        r"the\s+short\s+term|the\s+long\s+run|recent|current)",
        REF_WORD,
    ),
    _rule("past_unit", "DURATION", rf"the\s+past\s+{SINGULAR_UNIT}"),
    _rule(
        "unit_rel",
        "DATE",
        rf"(?:{EDGE}\s+(?:of\s+)?)?(?:(?P<within>earlier|later)\s+(?:this|that)\s+|{RELATIVE}\s+)"
        rf"{UNIT}",
    ),
    _rule("ago", "DATE", rf"{NUMBER}\s+{UNIT}\s+(?P<dir>ago|earlier|later|hence)"),
    _rule(
        "anchored",
        "DATE",
        rf"(?:{EDGE}\s+(?:of\s+)?)?"
        r"(?:the|that|this|a(?=\s+\w+\s+(?:before|after|prior|earlier|later|previous)\b))"
        rf"\s+(?P<same>(?:same|entire|whole|full)\s+)?{CALENDAR_UNIT}(?:\s+(?P<dir>{CLAUSE_END}|"
        r"prior|earlier|later|previous))?",
    ),
    _rule(
        "anchored_part",
        "TIME",
        rf"(?:the|that)\s+(?P<same>same\s+)?{PART}(?:\s+(?P<dir>{CLAUSE_END}))?",
        PART_WORD,
    ),
    _rule(
        "vague_rel",
        "DATE",
        rf"(?P<bare>{alternation(UNITS)})s\s+(?P<dir>later|earlier|before|after|ago)",
    ),
    _rule(
        "span_rel",
        "DURATION",
        rf"(?:the|these|those)\s+(?:last|past|previous|next|coming|following)\s+{NUMBER}"
        rf"\s+{UNIT}",
    ),
    _rule(
        "coming", "DATE", rf"(?:the\s+)?(?:coming|next|past|last|recent)\s+(?P<few>few\s+)?{UNIT}"
    ),
    _rule(
        "duration",
        "DURATION",
        rf"(?:(?:more|less|fewer)\s+than\s+|about\s+|nearly\s+|almost\s+|over\s+|up\s+to\s+)?"
        rf"{NUMBER}(?P<half>\s+and\s+a\s+half)?(?:\s+|-){BETWEEN}{UNIT}(?:-long|-old)?",
    ),
    _rule("bare_units", "DURATION", rf"(?P<bare>{alternation(UNITS)})s(?:-long)?"),
    _rule(
        "set",
        "SET",
        rf"(?P<every>every|each|per)\s+(?:(?P<step>other|\d+|{alternation(NUMBER_WORDS)})\s+)?"
        rf"(?:{UNIT}|{WEEKDAY}|{MONTH})|(?P<adverb>daily|weekly|monthly|annually|yearly|"
        r"hourly|quarterly|nightly|biannually|annual)"
        rf"|(?P<times>once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?P<per>{alternation(UNITS)})",
        SET_WORD,
    ),
    _rule(
        "clock",
        "TIME",
        r"(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
        r"|(?P<hm>(?:[01]?\d|2[0-3]):?[0-5]\d)\s+(?P<tz>GMT|UTC)"
        r"|(?P<hm2>(?:[01]?\d|2[0-3]):[0-5]\d)"
        r"|(?P<noon>noon|midnight|midday)",
        CLOCK_WORD,
    ),
)


TRIGGERS = tuple({rule.trigger.pattern: rule.trigger for rule in RULES}.values())
WINDOW = 40  # characters a rule may match on either side of its trigger
_WORD_END = re.compile(r"\S*")  # a window ends at the end of the word its end falls in


def windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of text around the trigger's matches, merged, widened to whitespace."""
    spans: list[tuple[int, int]] = []
    for match in trigger.finditer(text):
        start = max(0, match.start() - WINDOW)
        end = min(len(text), match.end() + WINDOW)
        floor = max(0, start - WINDOW)
        start = max(text.rfind(" ", floor, start + 1), text.rfind("\n", floor, start + 1)) + 1
        end = _WORD_END.match(text, end).end()  # type: ignore[union-attr]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlapping ones reduced to the longest (then earliest)."""
    spans = {trigger.pattern: windows(text, trigger) for trigger in TRIGGERS}
    found = [
        Candidate(rule, m.start(), m.end(), {k: v for k, v in m.groupdict().items() if v})
        for rule in RULES
        for start, end in spans[rule.trigger.pattern]
        for m in rule.pattern.finditer(text, start, end)
    ]
    found = [c for c in found if _plausible(c) and "\n\n" not in text[c.start : c.end]]
    found.sort(key=lambda c: (-c.length, c.start, RULES.index(c.rule)))
    chosen: list[Candidate] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _plausible(candidate: Candidate) -> bool:
    """Drop matches whose form rules them out: a month name must be capitalised ("may")."""
    g = candidate.groups
    fraction = g.get("unit", "").lower() in ("second", "quarter") and g.get(
        "amount", ""
    ).lower() in ("a", "an", "one", "three")
    if candidate.rule.name == "duration" and fraction:
        return False  # "a second A380", "about a quarter of its dealers"
    month_name = g.get("month")
    if month_name is None:
        return True
    if candidate.rule.name == "month" and month_name.lower().rstrip(".") in _SHORT_MONTHS:
        return False  # "Dec" or "Mar." alone is too often something else
    return month_name[0].isupper()
