"""Sentence segmentation with exact character offsets.

Extraction works sentence by sentence, and every claim must lie inside one sentence,
so the segmenter must keep offsets exact and must not break at the full stops of
"U.S.", "Mr." or "No. 10", at decimals, or inside quotations. :class:`RuleSegmenter`
does this with one linear scan for candidate boundaries (a regular expression with no
nested quantifiers) and a few checks at each candidate, driven by the abbreviation
lists of ``segment.toml``.

Any callable that takes a text and returns ``(start, end)`` spans can stand in for it
(see :class:`Segmenter`), so another segmenter — sentencex, spaCy's sentencizer — can
be plugged into :func:`bilateral.extract.extract`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, cast, runtime_checkable

import attrs

from ._lexicon import Lexicon, default_lexicon

__all__ = [
    "DEFAULT_MAX_CHARS",
    "RuleSegmenter",
    "Segmenter",
    "Sentence",
    "sentence_spans",
    "split_sentences",
]

DEFAULT_MAX_CHARS = 2000
"""Sentences longer than this are cut at a space, so no step works on unbounded input."""


@attrs.frozen
class Sentence:
    """One sentence of a text.

    Attributes:
        start: Offset of its first character (never a space).
        end: Offset just past its last character (never a space).
        text: ``text[start:end]``.
    """

    start: int
    end: int
    text: str


@runtime_checkable
class Segmenter(Protocol):
    r"""Anything that splits a text into sentences, as ``(start, end)`` offsets.

    The spans must be in order and must not overlap; they may include surrounding
    spaces, which are trimmed. A plain function works:

    >>> def by_line(text):
    ...     start = 0
    ...     for line in text.split("\n"):
    ...         yield start, start + len(line)
    ...         start += len(line) + 1
    >>> [s.text for s in split_sentences("One.\nTwo", segmenter=by_line)]
    ['One.', 'Two']
    """

    def __call__(self, text: str) -> Iterable[tuple[int, int]]:
        """Return the sentences of ``text`` as ``(start, end)`` offsets."""
        ...


# A line break, or sentence punctuation with any closing quotes or brackets before a
# space. (Written to start with one character class, which the regex engine searches
# for quickly.)
_CANDIDATE = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"'’”)\]»]*(?=\s|\Z))")
_NEXT = re.compile(r"\s*([\"'“‘(\[]*)(\S?)(\w*)")
_CLOSERS = "\"'’”)]»"
_NO_BREAK_AFTER = ",;(-–—/&"
"""A line break after one of these continues the sentence (wrapped text)."""


_TOKEN = re.compile(r"[\w.&-]*")


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


class RuleSegmenter:
    """The default segmenter: rules for English news, abbreviation lists from a lexicon.

    A full stop, question mark or exclamation mark (with any closing quotes or
    brackets after it) ends a sentence when a space follows and the next word does not
    start in lower case, unless the word before it is a title ("Mr."), a reference
    abbreviation before a number ("No. 10"), an initial ("F."), or an initialism or
    other abbreviation ("U.S.", "Inc.") not followed by a common sentence opener. A
    blank line always ends a sentence; a single line break does too, unless the next
    line starts in lower case (wrapped text).

    Args:
        lexicon: Where the abbreviation lists come from (the packaged lexicon by
            default).
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        lex = lexicon or default_lexicon()
        self._titles = lex.titles
        self._before_number = lex.before_number
        self._other = lex.other_abbreviations
        self._starters = lex.starters

    def __call__(self, text: str) -> list[tuple[int, int]]:
        """Return the sentences of ``text`` as ``(start, end)`` offsets."""
        spans: list[tuple[int, int]] = []
        start = 0
        # The pattern matches everywhere (every part of it is optional).
        next_word = cast("Callable[[str, int], re.Match[str]]", _NEXT.match)
        titles, before_number, other = self._titles, self._before_number, self._other
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
                                and not self._opens(nxt.group(2) + nxt.group(3), nxt.group(1))
                            )
                        ):
                            continue
            spans.append((start, end))
            start = end
        spans.append((start, len(text)))
        return spans

    def _opens(self, word: str, quotes: str) -> bool:
        """Whether a word after an abbreviation opens a new sentence.

        After "U.S." a sentence starts with a common opener, a quotation or a title
        ("Mr."); anything else continues it ("U.S. Treasury").
        """
        return word in self._starters or word in self._titles or bool(quotes)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, start: int, end: int, max_chars: int) -> Iterable[tuple[int, int]]:
    """Cut an over-long span at spaces so no piece exceeds ``max_chars``."""
    while end - start > max_chars:
        limit = start + max_chars
        space = text.rfind(" ", start + max_chars // 2, limit)
        piece_end = space if space > start else limit
        piece = _trim(text, start, piece_end)
        if piece[0] < piece[1]:
            yield piece
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def split_sentences(
    text: str,
    *,
    segmenter: Segmenter | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> tuple[Sentence, ...]:
    """Split a text into sentences with exact offsets.

    Use it to see the units extraction works on, or to check a segmenter of your
    own. Spans from the segmenter are clipped to the text, trimmed of spaces, kept in
    order without overlaps, and cut at a space when longer than ``max_chars``; empty
    ones are dropped. Every returned sentence satisfies
    ``text[s.start:s.end] == s.text``.

    >>> [s.text for s in split_sentences("The U.S. and Mr. Khan met. They agreed.")]
    ['The U.S. and Mr. Khan met.', 'They agreed.']

    Args:
        text: Any text.
        segmenter: A :class:`Segmenter` (the rule-based one by default).
        max_chars: The longest sentence kept whole.
    """
    return tuple(
        Sentence(start, end, text[start:end])
        for start, end in sentence_spans(text, segmenter=segmenter, max_chars=max_chars)
    )


def sentence_spans(
    text: str,
    *,
    segmenter: Segmenter | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets :func:`split_sentences` returns, without the objects."""
    split = segmenter if segmenter is not None else _default_segmenter()
    spans: Sequence[tuple[int, int]] | Iterable[tuple[int, int]] = split(text)
    found: list[tuple[int, int]] = []
    floor = 0
    length = len(text)
    limit = max(1, max_chars)
    if type(split) is RuleSegmenter:
        # Its spans are in order, inside the text and without overlaps: only trim.
        for span_start, span_end in spans:
            start, end = span_start, span_end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start > limit:
                found.extend(_cut(text, start, end, limit))
            elif start < end:
                found.append((start, end))
        return found
    for raw_start, raw_end in spans:
        start = max(floor, min(int(raw_start), length))
        end = max(start, min(int(raw_end), length))
        start, end = _trim(text, start, end)
        if end - start <= limit:
            if start < end:
                found.append((start, end))
        else:
            found.extend(_cut(text, start, end, limit))
        floor = max(floor, end)
    return found


_default: list[RuleSegmenter] = []


def _default_segmenter() -> RuleSegmenter:
    if not _default:
        _default.append(RuleSegmenter())
    return _default[0]
