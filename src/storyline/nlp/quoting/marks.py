"""Finding quoted stretches by their quotation marks.

Handles curly, straight, guillemet and low-9 marks; apostrophes that are not closing marks
(they’re, Putin’s, ’90s); quotations running over several paragraphs (an opening mark at each
paragraph, a closing mark only at the end); quotations nested one level inside another; and
unbalanced marks, which never swallow more than the paragraph they open in.
"""

from __future__ import annotations

from dataclasses import dataclass

# Opening mark → the closing marks that end it.
DOUBLE_OPENERS = {"“": '”"', "„": "“”", "«": "»", '"': '"”', "»": "«"}
# The New York Times' ''quote'': two apostrophes as one double mark.
TWO_APOSTROPHES = "''"
SINGLE_OPENERS = {"‘": "’", "‚": "‘’", "‹": "›", "'": "'"}
# Characters after which a quotation may open ("said: “", "(“", "—“").
_OPEN_AFTER = set(" \t\n([{—–-:;,/") | {"“", "‘", "«", "„", '"'}
# Characters before which a quotation may close.
_CLOSE_BEFORE = set(" \t\n)]}.,;:!?—–-/") | {"”", "’", "»", '"', "'", "…"}
PARAGRAPH = "\n\n"


@dataclass
class Marked:
    """A stretch between quotation marks."""

    start: int  # the opening mark
    end: int  # just after the closing mark (or the end of the paragraph when unbalanced)
    level: int  # 0: outermost, 1: nested inside another
    parent: int | None = None  # index of the enclosing stretch in the result list
    balanced: bool = True
    paragraphs: int = 1  # how many paragraphs it spans
    width: int = 1  # characters of each mark (2 for '')

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks."""
        return self.start + self.width, self.end - (self.width if self.balanced else 0)


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "'" and after.isdigit():
        return False  # "the '90s"
    if text[i] == "»" and not after.isalpha():
        return False  # »Guten Tag« opens; "», a dit" closes
    french = text[i] == "«" and after in " \u00a0\u202f"  # « Nous sommes prêts »
    return (before in _OPEN_AFTER or before.isspace()) and (not after.isspace() or french)


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # "… 'African American outreach,' " he said": a space between a closing single mark and
    # the double mark that closes with it
    spaced = before == " " and i > 1 and text[i - 2] in "'’"
    french = text[i] == "»" and before in " \u00a0\u202f"
    return (not before.isspace() or spaced or french) and (
        after in _CLOSE_BEFORE or after.isspace()
    )


def find_marked(text: str) -> list[Marked]:
    """Every quoted stretch in the text, in order of its opening mark."""
    found: list[Marked] = []
    stack: list[tuple[int, str, int]] = []  # (index in found, closing marks, level)
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith(PARAGRAPH, i):
            i = _paragraph_break(text, i, stack, found)
            continue
        if text.startswith(TWO_APOSTROPHES, i) and not text.startswith(TWO_APOSTROPHES + "'", i):
            if stack and stack[-1][1] == TWO_APOSTROPHES and _can_close(text, i + 1):
                index, _, _ = stack.pop()
                found[index].end = i + 2
                i += 2
                continue
            if _can_open(text, i) and text[i + 2 : i + 3].strip() and not stack:
                stack.append((len(found), TWO_APOSTROPHES, 0))
                found.append(Marked(i, i + 2, 0, width=2))
                i += 2
                continue
        closers = stack[-1][1] if stack else ""
        if closers != TWO_APOSTROPHES and ch in closers and _can_close(text, i):
            index, _, _ = stack.pop()
            found[index].end = i + 1
        elif ch in DOUBLE_OPENERS and _can_open(text, i) and not any(s[2] == 0 for s in stack):
            stack.append((len(found), DOUBLE_OPENERS[ch], 0))
            found.append(Marked(i, i + 1, 0))
        elif ch == "”" and not stack and (i == 0 or text[i - 1] == "\n") and _can_open(text, i):
            stack.append((len(found), "”“", 0))  # a paragraph opened with the wrong mark
            found.append(Marked(i, i + 1, 0))
        elif ch in SINGLE_OPENERS and _can_open(text, i) and len(stack) < 2:
            parent = stack[-1][0] if stack else None
            stack.append((len(found), SINGLE_OPENERS[ch], len(stack)))
            found.append(Marked(i, i + 1, len(stack) - 1, parent))
        elif stack and ch in "”»" and not _can_close(text, i) and stack[-1][1] != ch:
            pass  # a stray closing mark inside a quotation: part of the words
        i += 1
    _close_all(text, len(text), stack, found)
    return _kept(text, found)


def _kept(text: str, found: list[Marked]) -> list[Marked]:
    """The stretches worth reporting, their parents renumbered: words inside the marks, and
    no unbalanced single mark (an apostrophe: "the '90s", "Putin's plan")."""
    keep: dict[int, int] = {}
    result: list[Marked] = []
    for index, mark in enumerate(found):
        inner = text[mark.inner[0] : mark.inner[1]]
        single = text[mark.start] in SINGLE_OPENERS
        if any(c.isalnum() for c in inner) and not (single and not mark.balanced):
            if mark.parent is not None and mark.parent not in keep:
                continue  # its enclosing stretch was dropped
            keep[index] = len(result)
            if mark.parent is not None:
                mark.parent = keep[mark.parent]
            result.append(mark)
    return result


def _paragraph_break(text: str, i: int, stack: list[tuple[int, str, int]],
                     found: list[Marked]) -> int:  # fmt: skip
    """At a paragraph break: continue a quotation whose next paragraph reopens, else close."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    outer = [s for s in stack if s[2] == 0]
    reopens = j < len(text) and text[j] in DOUBLE_OPENERS and bool(outer)
    if reopens:
        index = outer[0][0]
        _close_all(text, i, [s for s in stack if s[2] > 0], found)
        del stack[1:]
        found[index].paragraphs += 1
        return j + 1  # skip the reopening mark: the same quotation goes on
    _close_all(text, i, stack, found)
    stack.clear()
    return j


def _close_all(text: str, at: int, stack: list[tuple[int, str, int]],
               found: list[Marked]) -> None:  # fmt: skip
    """Close every open stretch at ``at`` as unbalanced (trailing space left out)."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for index, _, _ in stack:
        found[index].end = end
        found[index].balanced = False
