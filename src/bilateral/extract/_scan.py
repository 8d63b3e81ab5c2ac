"""Finding every country, group, trap and cue in a text, in linear time.

The phrases extraction looks for go into two Aho–Corasick automata (pyahocorasick),
so a text is scanned in time linear in its length and in the number of hits, however
many phrases there are: one holds the names (country aliases, leaders, group names
and trap phrases), which every text is searched for; the other the cues of every
lexicon, which only the sentences that may relate countries need. Both run over a
*folded* copy of the text (lower case, one kind of apostrophe, one kind of dash) that
has exactly the same length, so every offset found in the copy is an offset in the
original; each hit is then checked against the original for case ("US" is not "us",
"May" is not "may") and for word boundaries.

The automata are built on first use and cached per lexicon; they are rebuilt when
the user registers new aliases.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from bilateral._countries import (
    _alias_generation,
    all_aliases,
    all_countries,
    ambiguous_names,
    lookup_country,
)
from bilateral._enums import AliasKind
from bilateral._groups import all_groups

from ._lexicon import Cue, CueKind, Lexicon

__all__ = [
    "Compiled",
    "CueHit",
    "NameHit",
    "Scan",
    "compiled",
    "fold",
    "is_preceded",
    "preceded_pattern",
    "scan",
    "scan_cues",
    "scan_names",
]

_FOLD_TABLE = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
    }
)


def fold(text: str) -> str:
    """Return ``text`` in lower case with apostrophes and dashes unified, same length."""
    low = text.lower()
    if len(low) != len(text):
        # A few characters grow under lower() ("İ"); keep those as they are.
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii():
        # Of the characters folded, only these two are ASCII.
        if "`" in low:
            low = low.replace("`", "'")
        if "\t" in low:
            low = low.replace("\t", " ")
        return low
    # str.translate looks every character up; replacing the few present is faster.
    for char, replacement in _FOLD_PAIRS:
        if char in low:
            low = low.replace(char, replacement)
    return low


_FOLD_PAIRS = tuple((chr(code), str(value)) for code, value in _FOLD_TABLE.items())


def _without_accents(text: str) -> str:
    """``text`` with its accents dropped: "Côte d'Ivoire" → "Cote d'Ivoire"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- automaton entries ----------------------------------------------------------------

ALIAS, AMBIGUOUS, GROUP, CUE = 0, 1, 2, 3

# How the original text must be written for a hit to count.
ANY_CASE, LOWER_CASE, EXACT_CASE, PROPER_CASE = 0, 1, 2, 3


class _Entry(NamedTuple):
    etype: int
    text: str
    case: int
    code: str
    kind: AliasKind | None
    codes: tuple[str, ...]
    cue: Cue | None


class NameHit(NamedTuple):
    """A country, group or trap phrase found in the text (before filtering)."""

    start: int
    end: int
    etype: int
    code: str
    kind: AliasKind | None
    codes: tuple[str, ...]
    trap: str


class CueHit(NamedTuple):
    """A cue found in the text."""

    start: int
    end: int
    cue: Cue


class Compiled:
    """Two automata built from the aliases, groups and one lexicon's cues.

    ``names`` finds countries, groups and traps: the few phrases every text is
    searched for. ``cues`` finds the lexicon's cues, which only the sentences that
    name countries need, so extraction runs it over those alone.
    """

    __slots__ = (
        "commentator_re",
        "cues",
        "determiner_re",
        "former",
        "generation",
        "lexicon",
        "link_re",
        "meeting_venue_before",
        "metonym_not_before",
        "names",
        "official_before",
        "organisation_re",
        "place_re",
        "possessive_re",
        "speech_after",
        "topic_re",
        "venue_before",
        "venue_words",
    )

    def __init__(self, lexicon: Lexicon, generation: int) -> None:
        self.lexicon = lexicon
        self.generation = generation
        self.former = frozenset(c.code for c in all_countries(include_former=True) if c.former)
        names: dict[str, list[_Entry]] = {}
        cues: dict[str, list[_Entry]] = {}

        def add(table: dict[str, list[_Entry]], text: str, entry: _Entry) -> None:
            key = fold(text)
            if not key.strip():
                return
            bucket = table.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

        ambiguous = ambiguous_names()
        aliases = [a for a in all_aliases() if "," not in a.text and "(" not in a.text]
        # ISO forms such as "Korea, Republic of" are not running text.
        spelled = {fold(a.text) for a in aliases}
        for alias in aliases:
            if fold(alias.text) in ambiguous:
                continue  # "Congo", an ISO name too, is settled by the mentions around it
            exact = alias.kind is AliasKind.ABBREVIATION or alias.text.isupper()
            # News often drops the accents of a country's name: "Cote d'Ivoire",
            # "Curacao". Not of a capital: "Male" is no Malé.
            texts = [alias.text]
            plain = _without_accents(alias.text)
            if (
                alias.kind is AliasKind.NAME
                and plain != alias.text
                and fold(plain) not in spelled
                and fold(plain) not in ambiguous
            ):
                texts.append(plain)
            for text in texts:
                add(
                    names,
                    text,
                    _Entry(
                        ALIAS,
                        text,
                        EXACT_CASE if exact else PROPER_CASE,
                        alias.country,
                        alias.kind,
                        (),
                        None,
                    ),
                )
        for key, codes in ambiguous.items():
            add(names, key, _Entry(AMBIGUOUS, key, PROPER_CASE, "", AliasKind.NAME, codes, None))
        for group in all_groups():
            for name in (group.name, *group.aliases):
                bare = name[4:] if name.startswith("the ") else name
                exact = bare.isupper() or any(ch.isdigit() for ch in bare)
                add(
                    names,
                    bare,
                    _Entry(
                        GROUP, bare, EXACT_CASE if exact else PROPER_CASE, group.id, None, (), None
                    ),
                )
        cases = {"any": ANY_CASE, "lower": LOWER_CASE, "exact": EXACT_CASE}
        for cue in lexicon.cues:
            if cue.kind is CueKind.LEADER:
                # A head of state or government stands for the country, as its capital
                # does: written as a name is, "Putin" but not "putin".
                entry = _Entry(ALIAS, cue.text, PROPER_CASE, cue.value, AliasKind.METONYM, (), None)
                add(names, cue.text, entry)
                continue
            if cue.kind in _BY_PATTERN:
                continue
            entry = _Entry(CUE, cue.text, cases[cue.case], "", None, (), cue)
            add(names if cue.kind is CueKind.TRAP else cues, cue.text, entry)
        # Function words ("with", "the", "in") would flood the automaton with hits; they
        # are only ever looked for in a few characters around other hits, by pattern.
        self.link_re = _words_pattern(lexicon.cues_of(CueKind.LINK))
        self.topic_re = _topic_pattern(lexicon.cues_of(CueKind.TOPIC))
        self.determiner_re = _words_pattern(lexicon.cues_of(CueKind.DETERMINER))
        self.possessive_re = _words_pattern(lexicon.cues_of(CueKind.POSSESSIVE))
        self.venue_words = tuple(fold(c.text) for c in lexicon.cues_of(CueKind.VENUE))
        # Every name is checked for a meeting word before it, and every capital for a
        # venue word: one match each on the reversed text, not a loop over the words.
        self.venue_before = preceded_pattern(self.venue_words)
        self.meeting_venue_before = preceded_pattern(
            fold(c.text) for c in lexicon.cues_of(CueKind.MEETING_VENUE)
        )
        self.official_before = preceded_pattern(
            fold(c.text) for c in lexicon.cues_of(CueKind.OFFICIAL)
        )
        self.commentator_re = followed_pattern(
            fold(c.text) for c in lexicon.cues_of(CueKind.COMMENTATOR)
        )
        self.speech_after = followed_pattern(
            fold(c.text) for c in lexicon.cues_of(CueKind.SPEECH_VERB)
        )
        self.metonym_not_before = tuple(fold(w) for w in lexicon.metonym_not_before)
        self.place_re = followed_pattern(self.metonym_not_before)
        # The next word is an organisation's head ("China Daily"): a word of letters
        # and the like after one or two spaces, its closing stops and quotes aside.
        heads = sorted(
            (h for h in lexicon.organisation_heads if _HEAD.fullmatch(h)), key=len, reverse=True
        )
        self.organisation_re = re.compile(
            "[ ]{1,2}(?:" + "|".join(re.escape(h) for h in heads) + ")[.’']*(?![\\w.&'’-])"
            if heads
            else "(?!)"
        )

        self.names = ahocorasick.Automaton()
        for key, entries in names.items():
            self.names.add_word(
                key, (len(key), key[0].isalnum(), key[-1].isalnum(), tuple(entries))
            )
        self.names.make_automaton()
        # A cue key stores the cues that need no check of case apart from the others,
        # so most hits are taken without looking at the original text.
        self.cues = ahocorasick.Automaton()
        for key, entries in cues.items():
            free = tuple(e.cue for e in entries if e.case == ANY_CASE and e.cue is not None)
            checked = tuple(e for e in entries if e.case != ANY_CASE)
            self.cues.add_word(key, (len(key), key[0].isalnum(), key[-1].isalnum(), free, checked))
        self.cues.make_automaton()


_HEAD = re.compile(r"[A-Za-z][\w.&'’-]*")


def followed_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern that matches at ``pos`` exactly when ``followed_by(folded, pos, phrases)``."""

    def alternatives(words: list[str]) -> str:
        return "|".join(
            re.escape(w) + ("(?![^\\W_])" if w[-1:].isalnum() else "")
            for w in sorted(words, key=len, reverse=True)
        )

    words = {p for p in phrases if p}
    parts = []
    other = [w for w in words if not w[:1].isalnum()]
    alnum = [w for w in words if w[:1].isalnum()]
    if other:
        parts.append(f"(?:{alternatives(other)})")
    if alnum:
        parts.append(f"[ ]{{0,4}}(?:{alternatives(alnum)})")
    return re.compile("|".join(parts) if parts else "(?!)")


def preceded_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern for ``preceded_by(folded, pos, phrases)`` on the text read backwards.

    It matches ``folded[::-1]`` at ``len(folded) - pos`` exactly when ``preceded_by``
    holds (see :func:`is_preceded`): at most four spaces, taken all (the possessive
    quantifier gives none back, as ``preceded_by`` strips them all), then one of the
    phrases reversed, not run on into a word when the phrase begins with one.
    """
    words = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(
        re.escape(w[::-1]) + ("(?![^\\W_])" if w[:1].isalnum() else "") for w in words
    )
    return re.compile(f"[ ]{{0,4}}+(?:{alternatives})" if words else "(?!)")


def is_preceded(pattern: re.Pattern[str], backwards: str, pos: int) -> bool:
    """Whether ``pattern`` (from :func:`preceded_pattern`) finds its phrase before ``pos``.

    ``backwards`` is the folded text reversed.
    """
    return pattern.match(backwards, len(backwards) - pos) is not None


_BY_PATTERN = frozenset(
    {
        CueKind.LINK,
        CueKind.DETERMINER,
        CueKind.VENUE,
        CueKind.MEETING_VENUE,
        CueKind.TOPIC,
        CueKind.POSSESSIVE,
        CueKind.COMMENTATOR,
        CueKind.OFFICIAL,
    }
)


def _topic_pattern(cues: Iterable[Cue]) -> re.Pattern[str]:
    """A pattern for the end of a gap that makes the next country a topic.

    One of the nouns, up to two words, then "on" or "about": "talks on", "a three-way
    mechanism on". It is matched against the gap between two mentions, stripped and in
    lower case.
    """
    alternatives = _alternation(cues)
    if alternatives is None:
        return re.compile(r"(?!)")
    return re.compile(
        rf"(?<![\w])(?:{alternatives})\s+(?:[\w-]+\s+){{0,2}}?(?:on|about)(?:\s+the)?\Z"
    )


def _alternation(cues: Iterable[Cue]) -> str | None:
    """The cues, folded and escaped, longest first, as a regex alternation (None if none)."""
    words = sorted({fold(c.text) for c in cues}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) if words else None


def _words_pattern(cues: Iterable[Cue]) -> re.Pattern[str]:
    """A pattern finding any of the cues, as whole words, in folded text."""
    alternatives = _alternation(cues)
    if alternatives is None:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


_lock = threading.Lock()
_cache: dict[int, Compiled] = {}


def compiled(lexicon: Lexicon) -> Compiled:
    """Return the automaton for ``lexicon``, building it on first use.

    It is rebuilt when aliases are registered or loaded at run time.
    """
    generation = _alias_generation()
    found = _cache.get(id(lexicon))
    if found is not None and found.lexicon is lexicon and found.generation == generation:
        return found
    with _lock:
        found = _cache.get(id(lexicon))
        if found is None or found.lexicon is not lexicon or found.generation != generation:
            if len(_cache) > 8:
                _cache.clear()
            found = Compiled(lexicon, generation)
            _cache[id(lexicon)] = found
    return found


# --- scanning -------------------------------------------------------------------------


class Scan(NamedTuple):
    """Everything one pass over a text found, sorted by start offset."""

    folded: str
    names: list[NameHit]
    cues: list[CueHit]


def _all_caps_context(text: str, start: int, end: int) -> bool:
    """True when the words around a span are written in capitals (a headline)."""
    window = text[max(0, start - 40) : end + 40]
    return not any(ch.islower() for ch in window)


def _case_ok(entry: _Entry, original: str, text: str, start: int, end: int) -> bool:
    case = entry.case
    if case == ANY_CASE:
        return True
    if case == EXACT_CASE:
        return original == entry.text
    if case == LOWER_CASE:
        return not any(ch.isupper() for ch in original)
    # PROPER_CASE: capitalised as a name is ("Russia", "Russia's", "South Korea"), or
    # in capitals inside a capitalised headline ("RUSSIA, PAKISTAN SIGN DEAL").
    if not original[:1].isupper():
        return False
    if original.isupper() and len(original) > 1 and not entry.text.isupper():
        return _all_caps_context(text, start, end)
    return True


def scan_names(text: str, folded: str, machine: Compiled) -> list[NameHit]:
    """Find every country, group and trap name in ``text``, by start, longest first."""
    names: list[NameHit] = []
    append = names.append
    n = len(folded)
    new = tuple.__new__  # a NamedTuple without the Python-level constructor call
    hit_type = NameHit
    for last, (length, first_alnum, last_alnum, entries) in machine.names.iter(folded):
        start = last - length + 1
        end = last + 1
        if first_alnum and start > 0 and folded[start - 1].isalnum():
            continue
        if last_alnum and end < n and folded[end].isalnum():
            continue
        original = text[start:end]
        for entry in entries:
            if entry.case != ANY_CASE and not _case_ok(entry, original, text, start, end):
                continue
            cue = entry.cue
            if cue is not None:
                # A trap's own context guards, as any cue's ("Brazilian real", not
                # "Brazilian real estate"); the few traps that have them are folded here.
                if cue.not_before and followed_by(folded, end, folded_words(cue.not_before)):
                    continue
                if cue.not_after and preceded_by(folded, start, folded_words(cue.not_after)):
                    continue
                append(new(hit_type, (start, end, entry.etype, "", None, (), cue.value)))
            else:
                append(
                    new(
                        hit_type,
                        (start, end, entry.etype, entry.code, entry.kind, entry.codes, ""),
                    )
                )
    # Order by start, the longest first: two stable sorts on plain fields, in C.
    names.sort(key=_END, reverse=True)
    names.sort(key=_START)
    return names


def scan_cues(
    text: str, folded: str, machine: Compiled, start: int = 0, end: int | None = None
) -> list[CueHit]:
    """Find every cue in ``text[start:end]``, by start, longest first."""
    cues: list[CueHit] = []
    append = cues.append
    n = len(folded)
    stop = n if end is None else end
    new = tuple.__new__  # a NamedTuple without the Python-level constructor call
    hit_type = CueHit
    # The automaton reads a slice: given the whole text and bounds, it would convert
    # the whole text on every call, and a text read sentence by sentence would cost
    # time quadratic in its length.
    part = folded if start == 0 and stop == n else folded[start:stop]
    for last, (length, first_alnum, last_alnum, free, checked) in machine.cues.iter(part):
        e = last + 1 + start
        s = e - length
        if first_alnum and s > 0 and folded[s - 1].isalnum():
            continue
        if last_alnum and e < n and folded[e].isalnum():
            continue
        for cue in free:
            append(new(hit_type, (s, e, cue)))
        if checked:
            original = text[s:e]
            for entry in checked:
                if _case_ok(entry, original, text, s, e):
                    append(new(hit_type, (s, e, entry.cue)))
    cues.sort(key=_END, reverse=True)
    cues.sort(key=_START)
    return cues


def scan(text: str, machine: Compiled) -> Scan:
    """Find every name and cue in ``text`` (before the context filters are applied)."""
    folded = fold(text)
    return Scan(folded, scan_names(text, folded, machine), scan_cues(text, folded, machine))


_START = operator.itemgetter(0)
_END = operator.itemgetter(1)


# --- small text helpers shared by the extraction steps ----------------------------------

_WORD_AFTER = re.compile(r"[ \t]*([\w'\-.$&]+|[^\w\s])")


_folded_cache: dict[tuple[str, ...], tuple[str, ...]] = {}


def folded_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` folded as the text is, cached: a cue's context words, once per cue."""
    found = _folded_cache.get(words)
    if found is None:
        found = tuple(fold(w) for w in words)
        if len(_folded_cache) < 4096:
            _folded_cache[words] = found
    return found


def followed_by(folded: str, pos: int, phrases: Iterable[str]) -> bool:
    """True when one of ``phrases`` (folded) starts at ``pos`` or after spaces there."""
    after = pos
    limit = min(len(folded), pos + 4)
    while after < limit and folded[after] == " ":
        after += 1
    for phrase in phrases:
        at = pos if not phrase[:1].isalnum() else after
        if folded.startswith(phrase, at):
            tail = at + len(phrase)
            if not phrase[-1:].isalnum() or tail >= len(folded) or not folded[tail].isalnum():
                return True
    return False


def preceded_by(folded: str, pos: int, phrases: Iterable[str]) -> bool:
    """True when one of ``phrases`` (folded) ends at ``pos`` or before spaces there."""
    before = pos
    limit = max(0, pos - 4)
    while before > limit and folded[before - 1] == " ":
        before -= 1
    for phrase in phrases:
        if folded.endswith(phrase, 0, before):
            head = before - len(phrase)
            if not phrase[:1].isalnum() or head <= 0 or not folded[head - 1].isalnum():
                return True
    return False


@functools.lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """The display name of a country code."""
    return lookup_country(code).name
