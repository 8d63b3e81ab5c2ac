"""One pass over a text that finds every country, group, trap and cue.

All the phrases extraction looks for — country aliases, group names, trap phrases and
the cues of every lexicon — go into a single Aho–Corasick automaton (pyahocorasick),
so a text is scanned once, in time linear in its length and in the number of hits,
however many phrases there are. The automaton runs over a *folded* copy of the text
(lower case, one kind of apostrophe, one kind of dash) that has exactly the same
length, so every offset found in the copy is an offset in the original; each hit is
then checked against the original for case ("US" is not "us", "May" is not "may")
and for word boundaries.

The automaton is built on first use and cached per lexicon; it is rebuilt when the
user registers new aliases.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
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

__all__ = ["Compiled", "CueHit", "NameHit", "Scan", "compiled", "fold", "scan"]

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
    return low.translate(_FOLD_TABLE)


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
    """An automaton built from the aliases, groups and one lexicon's cues."""

    __slots__ = (
        "automaton",
        "determiner_re",
        "former",
        "generation",
        "lexicon",
        "link_re",
        "metonym_not_before",
        "venue_words",
    )

    def __init__(self, lexicon: Lexicon, generation: int) -> None:
        self.lexicon = lexicon
        self.generation = generation
        self.former = frozenset(c.code for c in all_countries(include_former=True) if c.former)
        table: dict[str, list[_Entry]] = {}

        def add(text: str, entry: _Entry) -> None:
            key = fold(text)
            if not key.strip():
                return
            bucket = table.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

        for alias in all_aliases():
            if "," in alias.text or "(" in alias.text:
                continue  # ISO forms such as "Korea, Republic of" are not running text
            exact = alias.kind is AliasKind.ABBREVIATION or alias.text.isupper()
            add(
                alias.text,
                _Entry(
                    ALIAS,
                    alias.text,
                    EXACT_CASE if exact else PROPER_CASE,
                    alias.country,
                    alias.kind,
                    (),
                    None,
                ),
            )
        for key, codes in ambiguous_names().items():
            add(key, _Entry(AMBIGUOUS, key, PROPER_CASE, "", AliasKind.NAME, codes, None))
        for group in all_groups():
            for name in (group.name, *group.aliases):
                bare = name[4:] if name.startswith("the ") else name
                exact = bare.isupper() or any(ch.isdigit() for ch in bare)
                add(
                    bare,
                    _Entry(
                        GROUP, bare, EXACT_CASE if exact else PROPER_CASE, group.id, None, (), None
                    ),
                )
        cases = {"any": ANY_CASE, "lower": LOWER_CASE, "exact": EXACT_CASE}
        for cue in lexicon.cues:
            if cue.kind in _BY_PATTERN:
                continue
            add(cue.text, _Entry(CUE, cue.text, cases[cue.case], "", None, (), cue))
        # Function words ("with", "the", "in") would flood the automaton with hits; they
        # are only ever looked for in a few characters around other hits, by pattern.
        self.link_re = _words_pattern(lexicon.cues_of(CueKind.LINK))
        self.determiner_re = _words_pattern(lexicon.cues_of(CueKind.DETERMINER))
        self.venue_words = tuple(fold(c.text) for c in lexicon.cues_of(CueKind.VENUE))
        self.metonym_not_before = tuple(fold(w) for w in lexicon.metonym_not_before)

        automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            automaton.add_word(key, (len(key), key[0].isalnum(), key[-1].isalnum(), tuple(entries)))
        automaton.make_automaton()
        self.automaton = automaton


_BY_PATTERN = frozenset({CueKind.LINK, CueKind.DETERMINER, CueKind.VENUE})


def _words_pattern(cues: Iterable[Cue]) -> re.Pattern[str]:
    """A pattern finding any of the cues, as whole words, in folded text."""
    words = sorted({fold(c.text) for c in cues}, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(w) for w in words)
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


def scan(text: str, machine: Compiled) -> Scan:
    """Find every name and cue in ``text`` (before the context filters are applied)."""
    folded = fold(text)
    names: list[NameHit] = []
    cues: list[CueHit] = []
    n = len(folded)
    new_cue = tuple.__new__  # a NamedTuple without the Python-level constructor call
    trap = CueKind.TRAP
    for last, (length, first_alnum, last_alnum, entries) in machine.automaton.iter(folded):
        start = last - length + 1
        end = last + 1
        if first_alnum and start > 0 and folded[start - 1].isalnum():
            continue
        if last_alnum and end < n and folded[end].isalnum():
            continue
        original = ""
        for entry in entries:
            if entry.case != ANY_CASE:
                original = original or text[start:end]
                if not _case_ok(entry, original, text, start, end):
                    continue
            cue = entry.cue
            if cue is not None and cue.kind is not trap:
                cues.append(new_cue(CueHit, (start, end, cue)))
            elif cue is not None:
                names.append(NameHit(start, end, entry.etype, "", None, (), cue.value))
            else:
                names.append(
                    NameHit(start, end, entry.etype, entry.code, entry.kind, entry.codes, "")
                )
    # Order by start, the longest first: two stable sorts on plain fields, in C.
    names.sort(key=_END, reverse=True)
    names.sort(key=_START)
    cues.sort(key=_END, reverse=True)
    cues.sort(key=_START)
    return Scan(folded, names, cues)


_START = operator.itemgetter(0)
_END = operator.itemgetter(1)


# --- small text helpers shared by the extraction steps ----------------------------------

_WORD_AFTER = re.compile(r"[ \t]*([\w'\-.$&]+|[^\w\s])")


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
