"""The rule-based segmenter's scan for sentence boundaries, and the trimming of spans.

:class:`~bilateral.extract.RuleSegmenter` and
:func:`~bilateral.extract.split_sentences` (in ``_segment``) are the public face of
segmentation; the loops that read every candidate boundary of a text live here, in
plain functions over strings and ints, so that the native build compiles them (the
public module keeps the :class:`~bilateral.extract.Segmenter` protocol and the
classes users may subclass, which mypyc cannot compile as they are).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, cast

__all__ = ["cut", "rule_spans", "trim", "trimmed_spans"]

# A line break, or sentence punctuation with any closing quotes or brackets before a
# space. (Written to start with one character class, which the regex engine searches
# for quickly.)
_CANDIDATE: Final = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"'’”)\]»]*(?=\s|\Z))")
_NEXT: Final = re.compile(r"\s*([\"'“‘(\[]*)(\S?)(\w*)")
_CLOSERS: Final = "\"'’”)]»"
_NO_BREAK_AFTER: Final = ",;(-–—/&"
"""A line break after one of these continues the sentence (wrapped text)."""


_TOKEN: Final = re.compile(r"[\w.&-]*")


def _token_before(text: str, at: int) -> str:
    """The run of word characters, full stops, ampersands and hyphens ending at ``at``.

    At most 40 characters long.
    """
    floor = at - 40 if at > 40 else 0
    space = text.rfind(" ", floor, at)
    if space != -1 and _TOKEN.fullmatch(text, space + 1, at):
        return text[space + 1 : at]  # the usual case: a word after a space
    back = at
    while back > floor and (text[back - 1].isalnum() or text[back - 1] in "._&-"):
        back -= 1
    return text[back:at]


def rule_spans(
    text: str,
    titles: frozenset[str],
    before_number: frozenset[str],
    other: frozenset[str],
    starters: frozenset[str],
) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, by the rules of English news.

    The rules are :class:`~bilateral.extract.RuleSegmenter`'s; the sets are its
    abbreviation lists and sentence openers.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    # The pattern matches everywhere (every part of it is optional).
    next_word = cast("Callable[[str, int], re.Match[str]]", _NEXT.match)
    # Every line break of one run of spaces sees the same next word; it is read
    # once per run, so a text of many blank lines stays linear.
    run: re.Match[str] | None = None
    last_char = ""  # the last character before the current run of spaces
    last_at = -1  # the line break `last_char` was found for
    for match in _CANDIDATE.finditer(text):
        at, end = match.span()
        punctuation = match.group()
        if punctuation == "\n":
            if run is None or at + 1 > run.start(1):
                run = next_word(text, at + 1)
            following = run.group(2)
            if following and text.find("\n", at + 1, run.start(1)) == -1:
                # The last character before the spaces: scanned back to the line
                # break looked at before, whose answer holds if only spaces follow it.
                floor = last_at + 1 if last_at >= 0 else 0
                back = at
                while back > floor and text[back - 1].isspace():
                    back -= 1
                if back > floor:
                    last_char = text[back - 1]
                elif last_at < 0:
                    last_char = ""
                last_at = at
                # An empty `last_char` (only spaces before) is "in" any string.
                if following.islower() or last_char in _NO_BREAK_AFTER:
                    continue
            end = at
        else:
            nxt = next_word(text, end)
            first = nxt.group(2)
            if first:
                if first.islower():
                    continue
                if punctuation[0] == "." and len(punctuation.rstrip(_CLOSERS)) == 1:
                    token = _token_before(text, at).lstrip("-&")
                    if token and (
                        token in titles
                        or (token in before_number and first.isdigit())
                        or (len(token) == 1 and token.isupper())
                        or (
                            ("." in token or token in other)
                            and not _opens(
                                nxt.group(2) + nxt.group(3), nxt.group(1), starters, titles
                            )
                        )
                    ):
                        continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _opens(word: str, quotes: str, starters: frozenset[str], titles: frozenset[str]) -> bool:
    """Whether a word after an abbreviation opens a new sentence.

    After "U.S." a sentence starts with a common opener, a quotation or a title
    ("Mr."); anything else continues it ("U.S. Treasury").
    """
    return word in starters or word in titles or bool(quotes)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the spaces at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def cut(text: str, start: int, end: int, max_chars: int) -> Iterable[tuple[int, int]]:
    """Cut an over-long span at spaces so no piece exceeds ``max_chars``."""
    while end - start > max_chars:
        limit = start + max_chars
        space = text.rfind(" ", start + max_chars // 2, limit)
        piece_end = space if space > start else limit
        piece = trim(text, start, piece_end)
        if piece[0] < piece[1]:
            yield piece
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def trimmed_spans(text: str, spans: Iterable[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Spans in order, inside the text and without overlaps, trimmed and cut at ``limit``.

    Empty spans are dropped.
    """
    found: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        start, end = span_start, span_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > limit:
            found.extend(cut(text, start, end, limit))
        elif start < end:
            found.append((start, end))
    return found
