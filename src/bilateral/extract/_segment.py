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

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

import attrs

from ._boundaries import cut, rule_spans, trim, trimmed_spans
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
        return rule_spans(text, self._titles, self._before_number, self._other, self._starters)


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
        return trimmed_spans(text, spans, limit)
    for raw_start, raw_end in spans:
        start = max(floor, min(int(raw_start), length))
        end = max(start, min(int(raw_end), length))
        start, end = trim(text, start, end)
        if end - start <= limit:
            if start < end:
                found.append((start, end))
        else:
            found.extend(cut(text, start, end, limit))
        floor = max(floor, end)
    return found


_default: list[RuleSegmenter] = []


def _default_segmenter() -> RuleSegmenter:
    if not _default:
        _default.append(RuleSegmenter())
    return _default[0]
