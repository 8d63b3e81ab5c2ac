"""Country and group mentions: names found by the scan, minus the traps.

The scan proposes every alias it sees; this module keeps the ones that refer to a
state. A hit is dropped when a longer trap phrase covers it ("South China Sea"), when
it sits in a dateline ("MOSCOW (Reuters) -"), when it is part of an organisation's
name ("Bank of China", "China Daily"), when a name that is also a personal name has a
capitalised neighbour ("Michael Jordan"), when a combining form has no hyphen after it
("Franco" alone), when a capital is a mere place ("London-based"), and when a former
state's adjective is used ("Soviet-era"). Ambiguous names ("Korea") are resolved from
the other mentions in the text, or dropped.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import attrs

from bilateral._enums import AliasKind

from ._lexicon import Lexicon, default_lexicon
from ._scan import (
    ALIAS,
    AMBIGUOUS,
    GROUP,
    Compiled,
    NameHit,
    Scan,
    compiled,
    fold,
    is_preceded,
    scan_names,
)

__all__ = ["CountryMention", "GroupMention", "Mentions", "find_mentions", "resolve_mentions"]


@attrs.frozen
class CountryMention:
    """A reference to a country in a text, with its exact span.

    Attributes:
        start: Offset of the first character.
        end: Offset just past the last character.
        text: ``text[start:end]`` of the document.
        code: The country's code.
        kind: Whether it is a name, abbreviation, demonym or metonym.
        venue: True for a country named as a meeting place ("talks in Geneva"), a
            transit country ("via Bulgaria") or a voice of commentary ("Thai
            commentators") rather than as a party.
    """

    start: int
    end: int
    text: str
    code: str
    kind: AliasKind
    venue: bool = False


@attrs.frozen
class GroupMention:
    """A reference to a group of countries ("the West", "NATO") in a text.

    Attributes:
        start: Offset of the first character.
        end: Offset just past the last character.
        text: ``text[start:end]`` of the document.
        group: The group's id.
    """

    start: int
    end: int
    text: str
    group: str


class Mentions(NamedTuple):
    """The mentions of one text, in order, and the spans where none may be."""

    countries: list[CountryMention]
    groups: list[GroupMention]
    traps: list[tuple[int, int, str]]


_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:"
    r"[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,3}"
    r"(?:,[ \t]*[A-Za-z][A-Za-z.]*(?:[ \t]+[A-Za-z][A-Za-z.]*){0,2})?"
    r"(?:[ \t]+\d{1,2})?[ \t]*(?:\([^()\n]{1,40}\))?"
    r"|"
    r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
    r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})?"
    r"[ \t]*\([^()\n]{1,40}\)"
    r")[ \t]*[-–—:][ \t]"
)
_NEXT_WORD = re.compile(r"[ ]{1,2}([A-Za-z][\w.&'’-]*)")
_PREV_WORD = re.compile(r"([A-Za-z][\w.&'’-]*)[ ]{1,2}$")
_SENTENCE_OPENERS = frozenset('.!?\n"“”(:;')


class _Datelines:
    """Whether a position lies in a dateline, looking only at the lines asked about.

    Positions must be asked in increasing order; each line is read at most once.
    """

    __slots__ = ("end", "line", "scanned", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.scanned = 0  # no line break before `pos` lies after this offset
        self.line = -1  # the line whose dateline ends at `end`
        self.end = -1

    def covers(self, pos: int) -> bool:
        text = self.text
        line = self.line if self.line >= 0 else 0
        while True:
            found = text.find("\n", self.scanned, pos)
            if found == -1:
                break
            line = self.scanned = found + 1
        self.scanned = max(self.scanned, pos)
        if line != self.line:
            self.line = line
            self.end = line
            match = _DATELINE.match(text, line)
            if match is not None:
                head = match.group()
                # A real dateline has a capitalised place or an agency in brackets; a
                # line such as "I - " is not one.
                if "(" in head or sum(ch.isupper() for ch in head) >= 3:
                    self.end = match.end()
        return pos < self.end


def _prev_word(text: str, start: int) -> tuple[str, int] | None:
    window_start = max(0, start - 40)
    match = _PREV_WORD.search(text, window_start, start)
    if match is None or match.end() != start:
        return None
    return match.group(1), match.start(1)


def _next_word(text: str, end: int) -> tuple[str, int] | None:
    match = _NEXT_WORD.match(text, end)
    if match is None:
        return None
    return match.group(1).rstrip(".’'"), match.start(1)


_NAME_WORDS = 5
"""How many words after a country an organisation's head may stand."""
_NAME_JOINERS = frozenset({"of", "for", "and", "&"})


_PLACE_CHAIN = re.compile(r"(?:[-–][A-Z][\w'’]*)+")
"""Hyphenated places after a capital: "-Tbilisi-Ceyhan" in a pipeline's name."""


def _sentence_initial(text: str, pos: int) -> bool:
    before = pos
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    return before == 0 or text[before - 1] in _SENTENCE_OPENERS


def _after_title(text: str, pos: int, titles: frozenset[str]) -> bool:
    """Whether the word at ``pos`` follows a title's abbreviation: "Sen. Ben"."""
    title = _prev_word(text, pos)
    return title is not None and title[0].endswith(".") and title[0][:-1] in titles


class _Filter:
    """The context checks, for one text."""

    def __init__(self, text: str, found: Scan, machine: Compiled, hit_starts: set[int]) -> None:
        lexicon = machine.lexicon
        self.text = text
        self.folded = found.folded
        self.lexicon = lexicon
        self.hit_starts = hit_starts
        self.place_re = machine.place_re
        self.organisation_re = machine.organisation_re
        self.venue_words = machine.venue_words
        self.venue_before = machine.venue_before
        self.meeting_venue_before = machine.meeting_venue_before
        self.commentator_re = machine.commentator_re
        self.speech_after = machine.speech_after
        self.official_before = machine.official_before
        # The words before a name are matched on the text read backwards.
        self.backwards = self.folded[::-1]

    def capitalised_neighbour(self, start: int, end: int) -> bool:
        """True when a capitalised word that is not a country stands beside the span."""
        lex = self.lexicon
        prev = _prev_word(self.text, start)
        if prev is not None:
            word, at = prev
            if (
                word[:1].isupper()
                and at not in self.hit_starts
                and not (_sentence_initial(self.text, at) and word in lex.starters)
            ):
                return True
        nxt = _next_word(self.text, end)
        if nxt is not None:
            word, at = nxt
            if word[:1].isupper() and at not in self.hit_starts and word not in lex.allowed_next:
                return True
        return False

    def organisation(self, start: int, end: int) -> bool:
        """True inside a name built on a country.

        "Bank of China", "China Daily", "Gulf of Oman".
        """
        heads = self.lexicon.organisation_heads
        if self.organisation_re.match(self.text, end):
            return True
        # A head further on, after capitalised words that are no country ("Stockholm
        # International Peace Research Institute").
        text = self.text
        after = end
        while after < len(text) and text[after] == " ":
            after += 1
        if not text[after : after + 1].isupper():
            return self._head_before(start, heads)  # the usual case: no capital follows
        pos = end
        for _ in range(_NAME_WORDS):
            nxt = _next_word(text, pos)
            if nxt is None:
                break
            word, at = nxt
            if word in heads:
                return pos > end
            if not (
                (word[:1].isupper() and not word.isupper() and at not in self.hit_starts)
                or word in _NAME_JOINERS
            ):
                break
            pos = at + len(word)
        return self._head_before(start, heads)

    def _head_before(self, start: int, heads: frozenset[str]) -> bool:
        """True after "<Head> of": "Bank of China", "Gulf of Oman"."""
        folded = self.folded
        for joint in (" of the ", " of "):
            if folded.endswith(joint, 0, start):
                prev = _prev_word(self.text, start - len(joint) + 1)
                if prev is not None and (prev[0] in heads or prev[0] in self.lexicon.place_heads):
                    return True
        return False

    def place(self, end: int) -> bool:
        """True for a capital used as a place: "London-based", "Washington state".

        The words may come after a chain of places: "the Baku-Tbilisi-Ceyhan pipeline".
        """
        if self.place_re.match(self.folded, end) is not None:
            return True
        chain = _PLACE_CHAIN.match(self.text, end)
        return chain is not None and self.place_re.match(self.folded, chain.end()) is not None

    def venue(self, start: int) -> bool:
        """True for a capital after "in", "at" ...: unless officials are there.

        "talks in Geneva" is a venue; "lawmakers in Washington" are the government.
        """
        if self.text.endswith("The ", 0, start):
            start -= 4  # "in The Hague": the name's own article, not "at the Kremlin"
        if not is_preceded(self.venue_before, self.backwards, start):
            return False
        # The venue word is the last of them before the capital.
        folded = self.folded
        at = max(folded.rfind(word, 0, start) for word in self.venue_words)
        backwards = self.backwards
        official = self.official_before.match(backwards, len(backwards) - at)
        if official is None:
            return True
        # "Turkish and Israeli officials in Baku" are foreigners who are there.
        prev = _prev_word(self.text, len(backwards) - official.end())
        return prev is not None and prev[1] in self.hit_starts

    def after_given_name(self, start: int) -> bool:
        """True after a capitalised word that opens no sentence: "Sipho Jordan".

        A title's abbreviation before the given name opens none: "Sen. Ben Jordan".
        """
        prev = _prev_word(self.text, start)
        return (
            prev is not None
            and prev[0][:1].isupper()
            and prev[1] not in self.hit_starts
            and (
                not _sentence_initial(self.text, prev[1])
                or _after_title(self.text, prev[1], self.lexicon.titles)
            )
        )

    def titled(self, start: int) -> bool:
        """True after a title and a given name: "Professor Tom Ireland", "Col. Ana Chile"."""
        text = self.text
        # Most names follow a lower-case word; that settles it without a pattern.
        if start < 2 or text[start - 1] != " ":
            return False
        low = max(0, start - 40)
        word_start = max(text.rfind(" ", low, start - 1), text.rfind("\n", low, start - 1)) + 1
        if not text[word_start : word_start + 1].isupper():
            return False
        given = _prev_word(text, start)
        if given is None or not given[0][:1].isupper() or given[1] in self.hit_starts:
            return False
        title = _prev_word(text, given[1])
        if title is None:
            return False
        word = title[0]
        return word in self.lexicon.person_titles or word.rstrip(".") in self.lexicon.titles

    def speaks(self, end: int) -> bool:
        """True before a speech verb: "Jordan said"."""
        return self.speech_after.match(self.folded, end) is not None

    def commentator(self, end: int) -> bool:
        """True for a demonym that qualifies commentary: "Thai commentators"."""
        return self.commentator_re.match(self.folded, end) is not None

    def meeting_venue(self, start: int) -> bool:
        """True for a country named as where a meeting happens: "talks in Qatar"."""
        return is_preceded(self.meeting_venue_before, self.backwards, start)


def _select(names: list[NameHit]) -> list[NameHit]:
    """Leftmost-longest: keep the longest hit at each start, skipping overlapped ones."""
    kept: list[NameHit] = []
    last_end = -1
    span = (-1, -1)
    for hit in names:
        if (hit.start, hit.end) == span:
            kept.append(hit)
            continue
        if hit.start < last_end:
            continue
        kept.append(hit)
        span = (hit.start, hit.end)
        last_end = hit.end
    return kept


def resolve_mentions(text: str, found: Scan, machine: Compiled) -> Mentions:
    """Turn the scan's name hits into the text's country and group mentions."""
    lexicon = machine.lexicon
    kept = _select(found.names)
    hit_starts = {h.start for h in kept if not h.trap}
    check = _Filter(text, found, machine, hit_starts)
    datelines = _Datelines(text) if lexicon.datelines else None
    countries: list[CountryMention] = []
    ambiguous: list[tuple[int, NameHit]] = []
    groups: list[GroupMention] = []
    traps: list[tuple[int, int, str]] = []
    # A trap spelled exactly like a name overrides it ("Western Sahara" is a place).
    trapped = {(h.start, h.end) for h in kept if h.trap}
    surnames: set[str] = set()  # personal names used as a surname so far
    for hit in kept:
        start, end = hit.start, hit.end
        if hit.trap:
            traps.append((start, end, hit.trap))
            continue
        if trapped and (start, end) in trapped:
            continue
        if datelines is not None and datelines.covers(start):
            continue
        original = text[start:end]
        if hit.etype == GROUP:
            groups.append(GroupMention(start, end, original, hit.code))
            continue
        kind = hit.kind or AliasKind.NAME
        if (
            hit.etype == ALIAS
            and hit.code in machine.former
            and not (lexicon.former_demonyms_count or kind is not AliasKind.DEMONYM)
        ):
            continue
        if original in lexicon.combining_forms and not found.folded.startswith("-", end):
            continue
        if kind is AliasKind.NAME and check.titled(start):
            surnames.add(original)  # "Professor Tom Ireland" and, later, "Ireland said"
            continue
        if original in lexicon.person_names and check.capitalised_neighbour(start, end):
            if check.after_given_name(start):
                surnames.add(original)  # "Mr Sipho Jordan"
            continue
        if surnames and original in surnames and check.speaks(end):
            continue  # '"...," Jordan said': the person named before
        if check.organisation(start, end):
            continue
        venue = False
        if kind is AliasKind.METONYM:
            if check.place(end):
                continue
            venue = check.venue(start)
        if not venue and hit.etype != AMBIGUOUS:
            venue = (
                check.meeting_venue(start)
                or (kind is AliasKind.DEMONYM and check.commentator(end))
                or _listed_after_venue(text, countries, start)
            )
        if hit.etype == AMBIGUOUS:
            ambiguous.append((len(countries), hit))
            countries.append(CountryMention(start, end, original, "", kind))
            continue
        countries.append(CountryMention(start, end, original, hit.code, kind, venue))
    if ambiguous:
        countries = _resolve_ambiguous(countries, ambiguous)
    return Mentions(countries, groups, traps)


_LIST_JOINS = frozenset({",", "and", "or"})


def _listed_after_venue(text: str, countries: list[CountryMention], start: int) -> bool:
    """True for the next country of a list of venues: "via Bulgaria, Serbia and Hungary".

    A country after a capital and a comma is where the capital is ("in Doha, Qatar"),
    which the caller judges on its own.
    """
    if not countries or not countries[-1].venue:
        return False
    join = text[countries[-1].end : start].strip()
    if join == "," and countries[-1].kind is AliasKind.METONYM:
        return False
    return join in _LIST_JOINS


def _resolve_ambiguous(
    countries: list[CountryMention], ambiguous: list[tuple[int, NameHit]]
) -> list[CountryMention]:
    """Settle "Korea" or "Congo" by the unambiguous mentions around it, or drop it."""
    known = [(m.start, m.code) for m in countries if m.code]
    present = {code for _, code in known}
    resolved = list(countries)
    for index, hit in ambiguous:
        candidates = [c for c in hit.codes if c in present]
        choice = ""
        if len(candidates) == 1:
            choice = candidates[0]
        elif candidates:
            nearest = min((abs(pos - hit.start), code) for pos, code in known if code in candidates)
            choice = nearest[1]
        if choice:
            resolved[index] = attrs.evolve(resolved[index], code=choice)
    return [m for m in resolved if m.code]


def find_mentions(text: str, *, lexicon: Lexicon | None = None) -> tuple[CountryMention, ...]:
    """Return the country mentions in a text, with their exact spans, in order.

    Use it when you need the countries a text names without building claims: it
    applies the same alias table, traps and context rules as :func:`extract`.

    >>> [m.code for m in find_mentions("Islamabad-Moscow ties, not the South China Sea.")]
    ['PAK', 'RUS']

    Args:
        text: Any text.
        lexicon: The lexicon whose traps and settings apply (the packaged one by
            default).
    """
    return tuple(_mentions(text, lexicon).countries)


def find_groups(text: str, *, lexicon: Lexicon | None = None) -> tuple[GroupMention, ...]:
    """Return the mentions of groups of countries ("the West", "NATO") in a text."""
    return tuple(_mentions(text, lexicon).groups)


def _mentions(text: str, lexicon: Lexicon | None) -> Mentions:
    machine = compiled(lexicon or default_lexicon())
    folded = fold(text)
    return resolve_mentions(text, Scan(folded, scan_names(text, folded, machine), []), machine)
