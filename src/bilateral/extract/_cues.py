"""Reading cues in context: clauses, certainty, polarity, attribution and time.

The scan finds cue words anywhere; this module decides what they mean where they
stand. Every function here looks only at a bounded window around a cue or at the cues
of one sentence (itself bounded in length), so the work per sentence is linear.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from typing import Final

from bilateral._enums import Certainty, Polarity, Sector

from ._lexicon import CueKind
from ._mentions import CountryMention, GroupMention
from ._scan import CueHit, folded_words, followed_by, preceded_by

__all__ = [
    "Attribution",
    "SentenceCues",
    "clause_spans",
    "filter_cues",
    "find_attribution",
    "find_time",
    "has_year",
    "hedging",
    "less_certain",
    "sector_hits",
]


def filter_cues(cues: Iterable[CueHit], folded: str) -> list[CueHit]:
    """Drop cues whose neighbours rule them out, then keep the longest of overlaps.

    ``not_before`` and ``not_after`` are checked here; overlapping cues of one kind
    are reduced to the leftmost-longest ("expected to sign" over "to sign").
    """
    kept: list[CueHit] = []
    last_end: dict[CueKind, int] = {}
    for hit in cues:
        cue = hit.cue
        if cue.not_before and followed_by(folded, hit.end, folded_words(cue.not_before)):
            continue
        if cue.not_after and preceded_by(folded, hit.start, folded_words(cue.not_after)):
            continue
        if cue.only_after and not _shortly_after(folded, hit.start, folded_words(cue.only_after)):
            continue
        kind = cue.kind
        if hit.start < last_end.get(kind, -1):
            continue
        last_end[kind] = hit.end
        kept.append(hit)
    return kept


_ONLY_AFTER_WORDS = 8
"""How many words before a cue its ``only_after`` words are looked for."""
_ONLY_AFTER_CHARS = 96
_WORD = re.compile(r"[\w'’-]+")
_STOP = re.compile(r"[;!?]|(?<![.\s]\w)(?<!\.\w\w)\.(?=\s)")
"""The end of a sentence or clause: not the dot of "u.s." before a space."""


def _shortly_after(folded: str, pos: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is among the few words before ``pos`` in its sentence."""
    start = max(0, pos - _ONLY_AFTER_CHARS)
    for stop in _STOP.finditer(folded, start, pos):
        start = stop.end()
    before = _WORD.findall(folded, start, pos)[-_ONLY_AFTER_WORDS:]
    return any(word in words for word in before)


class SentenceCues:
    """The cues of one sentence, by kind, in text order.

    ``hits`` must be in order of start, as the scan finds them.
    """

    __slots__ = ("all", "by_kind")

    def __init__(self, hits: Sequence[CueHit]) -> None:
        self.all = hits
        by_kind: dict[CueKind, list[CueHit]] = {}
        for hit in hits:
            # Not setdefault: that would make an empty list for every hit.
            kind = hit.cue.kind
            group = by_kind.get(kind)
            if group is None:
                by_kind[kind] = [hit]
            else:
                group.append(hit)
        self.by_kind = by_kind

    def of(self, kind: CueKind) -> list[CueHit]:
        """The cues of one kind."""
        return self.by_kind.get(kind, [])

    def within(self, kind: CueKind, start: int, end: int) -> list[CueHit]:
        """The cues of one kind that lie inside ``[start, end)``."""
        return [h for h in self.by_kind.get(kind, ()) if h.start >= start and h.end <= end]

    def has(self, kind: CueKind) -> bool:
        """Whether the sentence holds a cue of this kind."""
        return kind in self.by_kind


_SEPARATOR = re.compile(r"[\s,;:\-–—]*")


def clause_spans(text: str, start: int, end: int, cues: SentenceCues) -> list[tuple[int, int]]:
    """Divide a sentence into clauses at its clause breaks (", which", "; ", ...).

    A sentence that opens with a subordinator ("While ...", "Although ...") is also
    cut at its first comma. The separators themselves belong to no clause.
    """
    if (
        not cues.has(CueKind.CLAUSE_BREAK)
        and not cues.has(CueKind.LEADING_CLAUSE)
        and start < end
        and not text[start].isspace()
        and text[start] not in ",;:"
        and not text[end - 1].isspace()
        and text[end - 1] not in ",;:"
    ):
        return [(start, end)]  # one clause: nothing to cut or trim
    cuts: list[tuple[int, int]] = []
    for hit in cues.of(CueKind.CLAUSE_BREAK):
        skip = _SEPARATOR.match(text, hit.start)
        resume = skip.end() if skip else hit.end
        cuts.append((hit.start, max(resume, hit.start)))
    for hit in cues.of(CueKind.LEADING_CLAUSE):
        if text[start : hit.start].strip("\"'“‘( ") == "":
            comma = text.find(",", hit.end, end)
            if comma != -1:
                cuts.append((comma, comma + 1))
            break
    cuts.sort()
    spans: list[tuple[int, int]] = []
    at = start
    for cut_start, resume in cuts:
        if cut_start < at:
            continue
        spans.append((at, cut_start))
        at = resume
    spans.append((at, end))
    trimmed: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        s, e = span_start, span_end
        while s < e and (text[s].isspace() or text[s] in ",;:"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            trimmed.append((s, e))
    return trimmed or [(start, end)]


_LEVELS = {
    Certainty.UNKNOWN.value: Certainty.UNKNOWN,
    Certainty.POSSIBLE.value: Certainty.POSSIBLE,
    Certainty.PROBABLE.value: Certainty.PROBABLE,
}


_RANK: Final = {
    Certainty.UNKNOWN: 0,
    Certainty.POSSIBLE: 1,
    Certainty.PROBABLE: 2,
    Certainty.CERTAIN: 3,
}


def less_certain(a: Certainty, b: Certainty) -> Certainty:
    """The less certain of two certainties: ``min(a, b)``, by rank.

    The same answer as the enum's own ordering, without its comparison methods.
    """
    return b if _RANK[b] < _RANK[a] else a


def reported_before(cues: SentenceCues, pos: int) -> bool:
    """Whether a speech verb or "according to" comes before ``pos`` in the sentence."""
    for kind in (CueKind.SPEECH_VERB, CueKind.SOURCE_INTRODUCER):
        for hit in cues.of(kind):
            if hit.start < pos:
                return True
    return False


def hedging(cues: SentenceCues, start: int, end: int) -> tuple[Certainty, Polarity]:
    """The certainty and polarity of the span ``[start, end)`` from its cues."""
    certainty = Certainty.CERTAIN
    polarity = Polarity.AFFIRMED
    by_kind = cues.by_kind
    if CueKind.HEDGE not in by_kind and CueKind.NEGATION not in by_kind:
        return certainty, polarity
    for hit in cues.within(CueKind.HEDGE, start, end):
        cue = hit.cue
        if cue.not_in_reported_speech and reported_before(cues, hit.start):
            continue
        level = _LEVELS.get(cue.value, Certainty.POSSIBLE)
        certainty = less_certain(certainty, level)
        if cue.negates:
            polarity = Polarity.NEGATED
    if cues.within(CueKind.NEGATION, start, end):
        polarity = Polarity.NEGATED
    return certainty, polarity


# --- attribution ------------------------------------------------------------------------

_WORD = re.compile(r"[^\s,;:()\"“”]+")
_AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "also",
        "will",
        "would",
        "is",
        "was",
        "are",
        "were",
        "did",
        "do",
        "does",
        "recently",
        "previously",
        "earlier",
        "reportedly",
        "further",
        "once",
        "again",
        "publicly",
        "repeatedly",
        "been",
        "not",
        "never",
        "can",
        "could",
        "may",
        "might",
        "later",
        "already",
        "now",
        "then",
        "too",
        "often",
        "widely",
        "privately",
        "separately",
        "last",
        "on",
        "yesterday",
        "today",
    }
)
_CONNECTORS = frozenset(
    {
        "and",
        "but",
        "while",
        "as",
        "that",
        "which",
        "who",
        "however",
        "meanwhile",
        "so",
        "yet",
        "although",
        "though",
        "because",
        "when",
        "if",
        "after",
        "before",
        "since",
        "where",
        "whereas",
        "than",
        "or",
        "nor",
        "what",
        "how",
        "why",
    }
)
_STOP_AFTER = re.compile(r"[,.;:!?()\"“”]")
_MAX_SOURCE_WORDS = 8


class Attribution:
    """Who a sentence or clause is put in the mouth of."""

    __slots__ = ("adverb", "named", "source", "start")

    def __init__(self, source: str, named: bool, start: int, *, adverb: bool = False) -> None:
        self.source = source
        self.named = named
        self.start = start
        self.adverb = adverb


_LAST_CUT = re.compile(r'[\s\S]*[,;:("“”—]')
"""Up to the last punctuation mark that ends a source phrase (one pass, in C)."""


_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})


def _phrase_before(text: str, floor: int, pos: int) -> tuple[tuple[int, int] | None, str]:
    """The subject-like phrase just before ``pos``, not reaching back past ``floor``.

    Returns the span (or None) and what ended the search: ``"connector"`` when a
    conjunction stands just before the verb ("X called ... and said"), ``"comma"``
    when a comma does (", said X"), otherwise ``""``.
    """
    segment_start = max(floor, pos - 200)
    # Stop at punctuation: only words after the last comma, quote or bracket count.
    last = _LAST_CUT.match(text, segment_start, pos)
    cut = last.end() - 1 if last else -1
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, max(cut + 1, segment_start), pos)]
    if words and cut != -1 and text[cut] == "—" and words[0][0] == cut + 1:
        # A dash is part of a word: what follows it continues a word begun before.
        del words[0]
    while words and text[words[-1][0] : words[-1][1]].lower() in _AUXILIARIES:
        words.pop()
    ended = "comma" if cut != -1 and not words else ""
    for i in range(len(words) - 1, -1, -1):
        if text[words[i][0] : words[i][1]].lower() in _CONNECTORS:
            ended = "connector" if i == len(words) - 1 else ""
            words = words[i + 1 :]
            break
    words = words[-_MAX_SOURCE_WORDS:]
    if not words:
        return None, ended
    return (words[0][0], words[-1][1]), ended


_SUBJECT_WORDS = 6


def _clause_subject(text: str, start: int, pos: int, cues: SentenceCues) -> tuple[int, int] | None:
    """The words that open a sentence, up to its first verb.

    They are the subject a later coordinated verb shares: "Seoul called ... and
    said", "Economists were sceptical, noting ...".
    """
    verbs = sorted(
        h.start
        for kind in (CueKind.SPEECH_VERB, CueKind.OPINION_VERB, CueKind.HEDGE, CueKind.TREND)
        for h in cues.of(kind)
    )
    words: list[tuple[int, int]] = []
    for match in _WORD.finditer(text, start, pos):
        word = match.group()
        lower = word.lower()
        if not words and lower in _CONNECTORS | {"however", "meanwhile"}:
            continue
        if (
            lower in _AUXILIARIES
            or (words and lower.endswith("ed"))
            or any(match.start() <= v < match.end() for v in verbs)
            or len(words) >= _SUBJECT_WORDS
        ):
            break
        words.append((match.start(), match.end()))
    if not words:
        return None
    return words[0][0], words[-1][1]


def _phrase_after(text: str, pos: int, ceiling: int) -> tuple[int, int] | None:
    """The phrase just after ``pos``, up to punctuation or a few words."""
    stop = _STOP_AFTER.search(text, pos, ceiling)
    limit = stop.start() if stop else ceiling
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, pos, limit)]
    words = words[:_MAX_SOURCE_WORDS]
    while words and text[words[-1][0] : words[-1][1]].lower() in _CONNECTORS:
        words.pop()
    if not words:
        return None
    return words[0][0], words[-1][1]


def _named(
    text: str,
    span: tuple[int, int],
    cues: SentenceCues,
    mentions: Sequence[CountryMention],
    groups: Sequence[GroupMention],
) -> tuple[bool, bool]:
    """(has an unnamed-source word, has a proper name) for a source phrase."""
    start, end = span
    unnamed = any(start <= h.start and h.end <= end for h in cues.of(CueKind.UNNAMED_SOURCE))
    covered = [(m.start, m.end) for m in mentions if start <= m.start < end]
    covered += [(g.start, g.end) for g in groups if start <= g.start < end]
    proper = False
    first = True
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if not first and word[:1].isupper() and not any(s <= match.start() < e for s, e in covered):
            proper = True
            break
        first = False
    return unnamed, proper


_INVERSION_MARKS = frozenset(",\"”’'—–-:")


def _may_invert(text: str, start: int, hit: CueHit) -> bool:
    """Whether a speech verb can come before its source.

    It can after a quote or a comma ('..., said the minister'), not after its subject
    ("X has said little").
    """
    before = text[start : hit.start].rstrip()
    return not before or before[-1] in _INVERSION_MARKS


_SENTENCE_END = " \t\r\n.!?\"”’'"


def _trails(text: str, start: int, source_start: int, verb_end: int, end: int) -> bool:
    """Whether a source and its verb close the sentence after a comma or a quote.

    "Tens of thousands remain in China, South Korea's intelligence service
    estimates.": a verb of thinking that only tags what came before relays it,
    whoever its subject is, as a verb of saying would.
    """
    before = text[start:source_start].rstrip()
    return (
        bool(before)
        and before[-1] in _INVERSION_MARKS
        and not text[verb_end:end].strip(_SENTENCE_END)
    )


def find_attribution(
    text: str,
    start: int,
    end: int,
    cues: SentenceCues,
    *,
    mentions: Sequence[CountryMention],
    groups: Sequence[GroupMention],
) -> Attribution | None:
    """The source a sentence relays, if its words put it in someone's mouth.

    "according to X" and speech verbs ("X said", "said X", "X told Reuters") name
    their source, whoever it is; opinion verbs ("experts see", "reports have
    highlighted") count only with a source word from the lexicon as their subject,
    or when they and their subject close the sentence after a comma ("..., the
    ministry estimates").
    """
    for hit in cues.of(CueKind.SOURCE_INTRODUCER):
        span = _phrase_after(text, hit.end, end)
        if span is None:
            continue
        unnamed, proper = _named(text, span, cues, mentions, groups)
        return Attribution(text[span[0] : span[1]], proper or not unnamed, hit.start)
    for kind in (CueKind.SPEECH_VERB, CueKind.OPINION_VERB):
        for hit in cues.of(kind):
            span, ended = _phrase_before(text, start, hit.start)
            inverted = False
            participle = text[hit.start : hit.end].lower().endswith("ing")
            if span is None and (ended == "connector" or (ended == "comma" and participle)):
                span = _clause_subject(text, start, hit.start, cues)
            elif span is None and kind is CueKind.SPEECH_VERB and _may_invert(text, start, hit):
                span = _phrase_after(text, hit.end, end)
                inverted = True
            if span is None:
                continue
            unnamed, proper = _named(text, span, cues, mentions, groups)
            if (
                kind is CueKind.OPINION_VERB
                and not unnamed
                and not _trails(text, start, span[0], hit.end, end)
            ):
                continue
            source = text[span[0] : span[1]]
            if inverted and source.split()[0].lower() in ("to", "that", "it", "in", "on"):
                continue
            words = source.split()
            if not inverted and len(words) > 1 and words[-1].lower() in _PRONOUNS:
                # "expelled fifteen diplomats it accused of spying": the verb is in a
                # relative clause, and relays nothing of the sentence.
                continue
            return Attribution(source, proper or not unnamed, span[0])
    return None


def adverb_source(cues: SentenceCues, start: int, end: int) -> Attribution | None:
    """A source carried by a word of the clause itself ("reportedly" = reports)."""
    if CueKind.SOURCE_ADVERB not in cues.by_kind:
        return None
    for hit in cues.within(CueKind.SOURCE_ADVERB, start, end):
        return Attribution(hit.cue.value or "reports", False, hit.start, adverb=True)
    return None


# --- time and sectors -------------------------------------------------------------------

_YEAR = re.compile(
    r"\b(?:in|since|by|until|from|after|before|during|between)\s+(?:early\s+|late\s+|mid-)?"
    r"(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def has_year(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold a year: "19" or "20", before any pattern."""
    return text.find("19", start, end) != -1 or text.find("20", start, end) != -1


def find_time(text: str, start: int, end: int, cues: SentenceCues) -> str | None:
    """The first time expression in ``[start, end)``, as written."""
    best: tuple[int, int] | None = None
    for hit in cues.within(CueKind.TIME, start, end):
        best = (hit.start, hit.end)
        break
    year = _YEAR.search(text, start, end) if has_year(text, start, end) else None
    if year is not None and (best is None or year.start() < best[0]):
        best = (year.start(), year.end())
    if best is None:
        return None
    found = text[best[0] : best[1]].strip()
    return found or None


_SECTORS = {s.value: s for s in Sector}


def _sector(value: str) -> Sector:
    """The sector a cue names: a dict lookup, far cheaper than the enum's constructor."""
    return _SECTORS.get(value) or Sector(value)


def sector_hits(cues: SentenceCues) -> list[tuple[int, Sector, float]]:
    """Every sector signal of a sentence: (position, sector, weight), in text order.

    A general relational noun ("ties", "relations") counts as diplomatic unless a
    sector word stands right before it ("military ties"). Weak cues count (at half
    weight) only in a sentence with no plain one.
    """
    by_kind = cues.by_kind
    found = [(hit.start, _sector(hit.cue.value), 1.0) for hit in by_kind.get(CueKind.SECTOR, ())]
    general = by_kind.get(CueKind.GENERAL)
    if general:
        modifiers = by_kind.get(CueKind.SECTOR_MODIFIER, ())
        found.extend(
            (hit.start, Sector.DIPLOMATIC, 1.0)
            for hit in general
            if not (modifiers and any(0 <= hit.start - m.end <= 2 for m in modifiers))
        )
        # Cues of two kinds, each list in text order: merged, they need sorting.
        found.sort(key=_POSITION)
    if not found:
        found = [
            (hit.start, _sector(hit.cue.value), 0.5) for hit in by_kind.get(CueKind.SECTOR_WEAK, ())
        ]
    return found


_POSITION = operator.itemgetter(0)
