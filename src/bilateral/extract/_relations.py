"""Which countries a sentence relates to each other, and the relationships that follow.

Co-mention is not relation: "talks in Geneva", "countries such as China, Russia and
Iran", or two countries at opposite ends of a long sentence say nothing about the
relations between them. Two mentions are *linked* when they are next to each other
in the sentence (no other country between them), in the same clause, and either joined
tightly ("Pakistan and Russia", "Pakistan-Russia", "India, Pakistan's neighbour"), or
a few words apart with a relational word between them ("Russia's partnership with
India", "Moscow continues to supply India"). A short coordinated list acting together
("Russia, China and Iran held drills") links all its members; an enumeration (a longer
list, or one opened by "such as", "including", "led by") links none.

Links only ever join neighbours in a sentence, so finding them is linear in the number
of mentions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from bilateral._enums import Sector, Trend

from ._cues import SentenceCues
from ._lexicon import CueKind, Lexicon
from ._mentions import CountryMention, GroupMention
from ._scan import CueHit

__all__ = ["Link", "find_links", "pair_sectors", "trend_of"]


class Link(NamedTuple):
    """Countries a sentence relates to each other, and where it does so."""

    codes: tuple[str, ...]
    start: int
    end: int
    tight: bool
    strength: float = 1.0
    """1.0 for a link the sentence states; less for a pair carried from context."""
    apposition: bool = False
    """Whether the pair is an apposition ("X, Y's main supplier"), an aside that
    describes a standing relation rather than what the sentence reports."""
    route: bool = False
    """Whether the countries are the stops of one route ("through Bulgaria and
    Serbia"): parties to what runs through them, not related to each other."""

    @property
    def carried(self) -> bool:
        """Whether the pair is carried from context rather than stated."""
        return self.strength < 1.0


class Actor(NamedTuple):
    """A country mention, or a phrase standing for a pair ("the two countries")."""

    start: int
    end: int
    codes: tuple[str, ...]


_POSSESSIVE = re.compile(r"^['’]s?\b")
_APOSTROPHES = ("'", "’")
_PARENTHETICAL = re.compile(r",[^,;:()]{1,60},")
_RELATIVE = re.compile(r"\s*,\s*(?:which|who|whose)\b", re.IGNORECASE)
_MAIN_AFTER_RELATIVE = re.compile(
    r",\s*(?:which|who|whose)\b[^,;:()\[\]]{1,160},\s*(?:[\w'’-]+\s+){0,3}[\w'’-]+\Z"
)
"""A gap of a relative clause set off by commas and the verb after it: the verb's
subject is the actor before the relative clause."""
_NEW_CLAUSE = re.compile(
    r"\s*(?:and|but|or|while|whereas|as|although|though|because|since|if|when|where"
    r"|the|a|an|its|their|his|her|this|these|those|according)\b"
)
"""Words that open something other than the main verb after a relative clause."""
_TIGHT_GAPS = frozenset({"", "-", "/", "and", ", and", "&", "and the", "vs", "versus", "vs."})
_LIST_GAPS = frozenset({",", "and", ", and", "and the", ", and the", "or", ", or"})
_CLAUSE_AND = frozenset({", and", ", and the"})
_OR_GAPS = frozenset({"or", ", or", "or the", ", or the"})
_ROUTE_GAP = re.compile(r"\s+(?:the\s+)?")
"""Between a transit word and the first stop of its route: "through the"."""
_CLAUSE_CHARS = frozenset(";:()[]")
_AND_OFFICE_OF = re.compile(r"(?:,\s*)?and\s+(?:the\s+)?(?:[a-z]+\s+){1,3}(?:of|from)(?:\s+the)?")
"""A gap that adds one more office holder to a coordination: "the presidents of X and Y
and the head of Z's council" joins Z to the run."""
_OBJECT_OF = re.compile(
    r"(?<!\w)(?:with|to|from|against|on|for|by|into|toward|towards|over|like|beyond|than"
    r"|alongside|besides|unlike)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r",\s*(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}(?:of|to|for)$")
"""A gap that makes the second actor part of an apposition to the first."""
_BETWEEN = re.compile(r"(?<!\w)between\s+(?:the\s+)?$", re.IGNORECASE)
"""Before a run, "between" makes its members the parties ("a pact between X and Y")."""


def _gap(text: str, a: Actor, b: Actor) -> str:
    gap = text[a.end : b.start]
    if gap[:1] in _APOSTROPHES:  # the pattern cannot match otherwise
        gap = _POSSESSIVE.sub("", gap)
    gap = gap.strip().lower()
    if gap == ", the":  # "the United States, the United Kingdom and France": a list
        return ","
    return gap.replace("–", "-").replace("—", "-")


def _joined_only_by(text: str, a: Actor, b: Actor, hits: Sequence[CueHit]) -> bool:
    """Whether one of ``hits`` is all that stands between ``a`` and ``b`` (bar "the")."""
    for hit in hits:
        if a.end <= hit.start and hit.end <= b.start:
            rest = f"{text[a.end : hit.start]} {text[hit.end : b.start]}".strip(" ,").lower()
            return rest in ("", "the")
    return False


def _co_actor(text: str, a: Actor, b: Actor, cues: SentenceCues) -> bool:
    """True for "X, together with Y": a co-actor phrase is all that stands between."""
    return _joined_only_by(text, a, b, cues.of(CueKind.CO_ACTOR))


_JOINED_IN = re.compile(
    r"(?:(?:,\s*|,?\s+and\s+)(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})*"
    r"\s+in\s+[a-z]+ing\b"
)
"""After the first country joined: the rest of the list, then "in" and a verb in -ing."""


def _joins_in(text: str, a: Actor, b: Actor, cues: SentenceCues) -> bool:
    """Whether ``a`` joins ``b`` (and those listed with it) in an act."""
    return (
        _joined_only_by(text, a, b, cues.of(CueKind.JOIN))
        and _JOINED_IN.match(text, b.end) is not None
    )


def _leading_co_actor(
    text: str, first: Actor, cues: SentenceCues, clauses: Sequence[tuple[int, int]]
) -> bool:
    """Whether a co-actor phrase opens the clause of ``first``, right before it."""
    for hit in cues.of(CueKind.CO_ACTOR):
        if hit.end > first.start:
            break
        if text[hit.end : first.start].strip().lower() not in ("", "the"):
            continue
        start = next((s for s, e in clauses if s <= hit.start < e), hit.start)
        if not text[start : hit.start].strip(" \"'“‘(\n"):
            return True
    return False


def _apposition(text: str, b: Actor, cues: SentenceCues) -> bool:
    """True for "X, Y's neighbour" and "X, Y ties": Y and a relational noun after it."""
    window_end = b.end + 40
    for kind in (CueKind.GENERAL, CueKind.RELATIONAL):
        for hit in cues.of(kind):
            if b.end <= hit.start <= window_end:
                between = text[b.end : hit.start]
                if len(between.split()) <= 3 and not any(ch in between for ch in ",;:."):
                    return between.startswith(("'", "’")) or kind is CueKind.GENERAL
    return False


def _gap_kind(
    text: str, a: Actor, b: Actor, gap: str, *, after: str | None, cues: SentenceCues
) -> str:
    """How two neighbouring actors are joined.

    "tight", "apposition", "relative" (b is in a relative clause about a), "aside" (a
    relative clause about a comes between them), "loose" or "broken".

    ``gap`` is what stands between them (see ``_gap``), ``after`` the gap between
    ``b`` and the actor after it, if any. A bare comma joins tightly only in a list
    ("X, Y and Z") or an apposition ("India, Pakistan's neighbour", "Pakistan, Russia
    ties"); a relative clause ("X, which signed a treaty with Y") joins loosely.
    """
    if gap in _TIGHT_GAPS or _AND_OFFICE_OF.fullmatch(gap) or _co_actor(text, a, b, cues):
        return "tight"
    if gap == ",":
        if after is not None and after in _LIST_GAPS:
            return "tight"
        return "apposition" if _apposition(text, b, cues) else "broken"
    if _APPOSITIVE.match(gap) and any(
        a.end < hit.start < b.start
        for kind in (CueKind.GENERAL, CueKind.RELATIONAL)
        for hit in cues.of(kind)
    ):
        return "apposition"  # "the United States, a treaty ally of Thailand"
    if _RELATIVE.match(text, a.end) and not any(ch in gap[1:] for ch in ",;:()"):
        return "relative"
    if _MAIN_AFTER_RELATIVE.match(gap) and not _NEW_CLAUSE.match(gap, gap.rindex(",") + 1):
        # "India, which extended credit lines in 2022, has pressed Colombo": the
        # relative clause is an aside; the subject's own verb comes after it.
        return "aside"
    # A short aside between commas does not break the clause ("Russia, on the
    # other hand, sees Pakistan as a partner").
    gap = _PARENTHETICAL.sub(" ", f" {gap} ").strip()
    if not _CLAUSE_CHARS.isdisjoint(gap) or "," in gap or " - " in f" {gap} ":
        return "broken"
    return "loose"


def actors_of(
    mentions: Sequence[CountryMention],
    anaphors: Sequence[tuple[int, int]],
    topic: tuple[str, ...] | None,
) -> list[Actor]:
    """The sentence's actors in order.

    Its non-venue mentions, and each phrase that stands for the pair the article is
    about ("the two countries").
    """
    actors = [Actor(m.start, m.end, (m.code,)) for m in mentions if not m.venue]
    if topic is not None and len(topic) >= 2:
        actors.extend(Actor(a, b, topic) for a, b in anaphors)
        actors.sort(key=lambda actor: actor.start)
    return actors


def find_links(
    text: str,
    actors: Sequence[Actor],
    cues: SentenceCues,
    clauses: Sequence[tuple[int, int]],
    lexicon: Lexicon,
    *,
    groups: Sequence[GroupMention] = (),
    link_words: re.Pattern[str] | None = None,
    topic_words: re.Pattern[str] | None = None,
) -> list[Link]:
    """The links between the actors of one sentence, in text order.

    Tightly joined actors form a run ("Pakistan and Russia", "X, Y and Z"); a run
    linked loosely to another actor links each of its members to it ("Poland, Hungary
    and Slovakia banned imports of Ukrainian grain"), and a short run that links to
    nothing else links its members to each other ("Russia, China and Iran held
    drills"). A run after "between" relates its members whatever else it links to ("Z
    criticised a pact between X and Y"). Enumerations ("such as X, Y and Z") link
    nothing; a longer list links none of its own members to each other, but each of
    them to what it acts on ("X, Y, Z and W cut ties with Q").
    """
    merged: list[Actor] = []
    for actor in actors:
        if (
            merged
            and merged[-1].codes == actor.codes
            and not text[merged[-1].end : actor.start].strip(" -–—/'’s")
        ):
            merged[-1] = Actor(merged[-1].start, actor.end, actor.codes)
            continue
        merged.append(actor)
    if len(merged) < 2 and not (merged and len(merged[0].codes) >= 2):
        return []
    gaps = [_gap(text, a, b) for a, b in itertools.pairwise(merged)]
    # The positions the test of a loose link needs, gathered on its first use.
    positions: tuple[list[int], list[int], list[int], list[int], list[int], list[int]] | None = None

    links: list[Link] = []
    runs: list[list[Actor]] = [[merged[0]]]
    loose: list[tuple[int, int]] = []  # (left run index, right run index) loosely linked
    compounds: set[int] = set()  # runs that are compounds or appositions, not lists
    appositions: set[int] = set()
    alternatives: set[int] = set()  # runs of "X or Y", or of "X joined Y in doing"
    leading = _leading_co_actor(text, merged[0], cues, clauses)
    if leading:
        compounds.add(0)  # "Together with Japan and Korea, Australia and ..." act as one
    for i, (a, b) in enumerate(itertools.pairwise(merged)):
        if leading and len(runs) == 1 and gaps[i] == ",":
            # "Along with Japan, Australia financed a cable": the comma closes the
            # co-actor phrase, and the subject after it acts with them.
            runs[-1].append(b)
            continue
        if topic_words is not None and topic_words.search(gaps[i]):
            # "held talks on Syria", "a three-way mechanism on Libya": what the talks
            # are about, no party to them.
            runs.append([b])
            continue
        if len(runs[-1]) == 1 and _joins_in(text, a, b, cues):
            # "Egypt joined Saudi Arabia and Bahrain in cutting ties with Qatar": all
            # three act on Qatar, and none thereby with the others.
            runs[-1].append(b)
            alternatives.add(len(runs) - 1)
            continue
        after = gaps[i + 1] if i + 1 < len(gaps) else None
        kind = _gap_kind(text, a, b, gaps[i], after=after, cues=cues)
        if gaps[i] in _OR_GAPS and kind == "loose":
            # "through Laos or Vietnam", "trade with Turkey or Russia": alternatives,
            # each related to what they stand with but not to each other.
            kind = "tight"
            alternatives.add(len(runs) - 1)
        if kind == "tight" and gaps[i] in _CLAUSE_AND and len(runs[-1]) == 1:
            # "X, and Y" with no list before it joins clauses ("second only to Chile,
            # and China buys ..."); only a list has a comma before its "and".
            kind = "broken"
        if kind in ("tight", "apposition") and not set(a.codes) & set(b.codes):
            runs[-1].append(b)
            if gaps[i] not in _LIST_GAPS or kind == "apposition":
                compounds.add(len(runs) - 1)  # "US-India", "India, Pakistan's neighbour"
            if kind == "apposition":
                appositions.add(len(runs) - 1)
            continue
        runs.append([b])
        if kind == "broken" and len(runs) == 2 and a.codes != b.codes:
            if _participle_link(text, a, b, cues, lexicon):
                loose.append((0, 1))
            continue
        if (
            kind == "broken"
            and len(runs) > 2
            and b.codes != runs[0][0].codes
            and _verb_after_aside(text, runs[0][0], b)
        ):
            # "Egypt, at odds with Ethiopia over its dam, signed a pact with Eritrea":
            # the phrase between commas is an aside; the verb after it is the subject's.
            loose.append((0, len(runs) - 1))
            continue
        if kind == "broken" and len(runs) > 2 and _second_verb_of_subject(text, a, b):
            # "X signed a memorandum with Y in 2012, and in 2016 agreed with Z": the
            # sentence's subject has a second verb, and its own object.
            loose.append((0, len(runs) - 1))
            continue
        if kind == "broken" or (a.codes == b.codes):
            continue
        if positions is None:
            positions = _link_positions(cues, clauses, groups)
        clause_starts, breaks, group_starts, comparisons, joiners, triggers = positions
        if kind == "aside":
            # Only the main clause after the relative clause counts.
            if not _any_between(comparisons, text.rindex(",", a.end, b.start), b.start):
                loose.append((len(runs) - 2, len(runs) - 1))
            continue
        if _any_between(comparisons, a.end, b.start):
            # "on a par with X", "overtook X as Y's supplier", "X, whose economy is
            # smaller than that of Y": compared, not related.
            continue
        if kind == "relative":
            loose.append((len(runs) - 2, len(runs) - 1))
            continue
        if not _same_clause(clause_starts, a.start, b.start):
            continue
        if _any_between(breaks, a.end, b.start) or _any_between(group_starts, a.end, b.start):
            continue
        words = len(text[a.end : b.start].split())
        if (
            words <= lexicon.short_link_words
            or (
                words <= lexicon.max_link_words
                and (
                    _any_between(joiners, a.end, b.start)
                    or (
                        link_words is not None
                        and link_words.search(text[a.end : b.start].lower()) is not None
                    )
                )
            )
            or (
                words <= lexicon.agreement_link_words
                and _any_between(triggers, a.end, b.start)
                and _PARTY_PREPOSITION.search(text, a.end, b.start) is not None
            )
        ):
            left = len(runs) - 2
            # a, already the object of the subject's verb after an aside
            after_aside = (0, left) in loose
            second_verb = (
                _AND_VERB_WITH.search(text, a.end, b.start) is not None
                or _PARTICIPLE_AFTER.search(text, a.end, b.start) is not None
            ) and (
                _OBJECT_OF.search(text, max(0, a.start - 12), a.start) is not None or after_aside
            )
            if second_verb and left == 0:
                # "It signed a pact with Germany and sends workers to Britain": both
                # objects are the unnamed subject's, not each other's.
                continue
            if (
                left > 0
                and (
                    _SHARED_SUBJECT.match(text, a.end)
                    or second_verb
                    or (
                        _AND_PREPOSITION.search(text, a.end, b.start) is not None
                        and _ROUTE_OF.search(text, max(0, a.start - 12), a.start) is not None
                    )
                )
                and (after_aside or _same_clause(clause_starts, runs[0][0].start, b.start))
            ):
                # "Manila has a pact with X and is negotiating one with Y"; "ships
                # exercised with the French navy and train with the navies of Y"; "goods
                # arrive through X's ports and overland from Y".
                left = 0
            loose.append((left, len(runs) - 1))

    transits = cues.of(CueKind.TRANSIT)
    # "on through Bulgaria and Serbia": the stops of a route, each related to what
    # passes through it but not to each other. Their run still names the parties of
    # the route's agreement.
    routes = (
        {
            index
            for index, run in enumerate(runs)
            if len(run) > 1
            and index not in compounds  # "through the Chad-Cameroon pipeline"
            and any(_ROUTE_GAP.fullmatch(text, h.end, run[0].start) for h in transits)
        }
        if transits
        else set()
    )
    introducers = cues.of(CueKind.LIST_INTRODUCER)
    introduced = [
        bool(introducers) and any(0 <= run[0].start - h.end <= 24 for h in introducers)
        for run in runs
    ]
    enumerated = [
        introduced[i]
        or i in alternatives
        or (
            len({c for actor in run for c in actor.codes}) > lexicon.max_clique
            and not (leading and i == 0)
        )
        for i, run in enumerate(runs)
    ]
    signers = _signers(text, runs, cues, lexicon)
    # A run linked only to its own members again ("Turkey, Sweden and Finland signed a
    # memorandum on Turkish concerns") still relates its members to each other.
    run_codes = [{c for actor in run for c in actor.codes} for run in runs]
    linked_runs = {
        i
        for left, right in loose
        for i, other in ((left, right), (right, left))
        if not run_codes[other] <= run_codes[i]
    }
    for index, run in enumerate(runs):
        codes = tuple(dict.fromkeys(c for actor in run for c in actor.codes))
        if len(codes) < 2 or enumerated[index]:
            continue
        # A coordination related to a third party relates each member to it, not the
        # members to each other ("trade with Beijing and Moscow"); one actor standing
        # for a pair ("the two countries") is the pair itself.
        if (
            len(run) > 1
            and index not in compounds
            and index not in signers
            and _OBJECT_OF.search(text, max(0, run[0].start - 12), run[0].start)
        ):
            continue  # "a border with Afghanistan and Iran": a list of objects
        between = _BETWEEN.search(text, max(0, run[0].start - 12), run[0].start)
        if between is not None:
            # The link begins at "between", so "a security pact between X and Y" is near it.
            links.append(Link(tuple(sorted(codes)), between.start(), run[-1].end, tight=True))
        elif index not in linked_runs or len(run) == 1 or index in compounds or index in signers:
            links.append(
                Link(
                    tuple(sorted(codes)),
                    run[0].start,
                    run[-1].end,
                    tight=True,
                    apposition=index in appositions,
                    route=index in routes,
                )
            )
    for left, right in loose:
        if enumerated[left] and enumerated[right]:
            continue
        left_codes = _run_codes(runs[left], introduced[left], last=True)
        right_codes = _run_codes(runs[right], introduced[right], last=False)
        start, end = runs[left][-1].start, runs[right][0].end
        links.extend(
            Link(_pair(x, y), start, end, tight=False)
            for x in left_codes
            for y in right_codes
            if x != y
        )
    links.sort(key=lambda link: link.start)
    return _unique(links)


_AND_VERB_WITH = re.compile(
    r"\sand\s+(?:[\w-]+\s+){1,4}(?:with|to|from|against|on|upon)\s", re.IGNORECASE
)
"""After an object, a second verb of the subject and its own object: "exercised with X
in March and regularly train with Y"."""
_SUBJECTS_PARTICIPLE = r"\b(?:after|before|by|while|when|without|since|in)\s+[a-z]+ing"
_PARTICIPLE_AFTER = re.compile(_SUBJECTS_PARTICIPLE + r"\s", re.IGNORECASE)
"""After an object, a participle whose subject is the sentence's: "turned to Russia after
renouncing its accords with France"."""
SUBJECTS_PARTICIPLE_BEFORE = re.compile(_SUBJECTS_PARTICIPLE + r"\s+\Z", re.IGNORECASE)
"""The same participle just before a possessive, which is then the subject's: "after
renouncing its"."""
_SIGNED_BY = re.compile(r"\s+by\s+(?:the\s+)?\Z", re.IGNORECASE)
"""Between a lifecycle cue or agreement word and the countries behind it: " by the "."""


def _signers(
    text: str, runs: Sequence[Sequence[Actor]], cues: SentenceCues, lexicon: Lexicon
) -> set[int]:
    """The runs of countries that sign or build something together.

    A coordination after a lifecycle cue or an agreement word and "by" ("the treaty
    signed by Papua New Guinea and Australia", "a corridor launched by Spain, Portugal
    and France", "a 2013 plan by Kenya, Uganda and Rwanda") names co-signatories, not a
    list of objects ("a border with Afghanistan and Iran").
    """
    signing = [
        *cues.of(CueKind.LIFECYCLE),
        *(
            hit
            for hit in cues.of(CueKind.TRIGGER)
            # "gas imported by Spain and Italy": each buys on its own.
            if (spec := lexicon.triggers.get(hit.cue.value)) is not None
            and spec.role not in ("supply", "acquire")
        ),
    ]
    found: set[int] = set()
    if not signing:
        return found
    for index, run in enumerate(runs):
        if len(run) < 2:
            continue
        first = run[0].start
        for hit in signing:
            if hit.end <= first and _SIGNED_BY.match(text[hit.end : first]):
                found.add(index)
                break
    return found


_ASIDE_VERB_WITH = re.compile(
    r",\s*(?:has\s+|have\s+|had\s+)?[a-z]+ed\s+"
    r"(?:(?:[\w-]+\s+){0,4}?(?:with|to|from|against)\s+)?(?:the\s+|a\s+|an\s+)?\Z"
)
"""The end of a gap that closes an aside and gives the subject's own verb and object:
", signed a security pact with ", ", dropped " (its direct object: "dropped Chinese
contractor CHEC")."""


def _verb_after_aside(text: str, subject: Actor, b: Actor) -> bool:
    """Whether ``b`` is the object of the verb after an aside about ``subject``.

    ``subject`` must be followed by a comma that opens the aside, and one more comma
    must close it, right before the verb ("Egypt, at odds with Ethiopia over its dam,
    signed a pact with Eritrea").
    """
    between = text[subject.end : b.start]
    if not between.startswith(","):
        return False
    close = between.rfind(",")
    if close <= 0 or any(ch in between for ch in ";:()") or "," in between[1:close]:
        return False
    return _ASIDE_VERB_WITH.search(between, close) is not None


_CLAUSE_AND_VERB_WITH = re.compile(
    r",\s+and\s+(?:[\w-]+\s+){1,3}(?:with|to|from|against)\s+(?:the\s+)?\Z", re.IGNORECASE
)
"""The end of a gap that starts a second clause of the same subject: ", and in 2016
agreed with"."""


def _second_verb_of_subject(text: str, a: Actor, b: Actor) -> bool:
    """Whether ``b`` is the object of a second verb of the sentence's subject.

    ``a`` must itself be an object ("a memorandum with Kenya"), and nothing but the
    ", and" clause break may stand between them.
    """
    gap = text[a.end : b.start]
    comma = gap.rfind(", and")
    return (
        comma != -1
        and not any(ch in gap for ch in ";:()")
        and "," not in gap[:comma]
        and _CLAUSE_AND_VERB_WITH.search(gap) is not None
        and _OBJECT_OF.search(text, max(0, a.start - 12), a.start) is not None
    )


_AND_PREPOSITION = re.compile(
    r"\sand\s+(?:[\w-]+\s+){0,3}(?:from|through|via|across|into|to|with)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
"""A gap that ends in a second object of the same verb: "... and overland from"."""
_ROUTE_OF = re.compile(
    r"(?<!\w)(?:with|to|from|through|via|across|into|by)\s+(?:the\s+)?\Z", re.IGNORECASE
)
"""A preposition that makes the country after it the object of a verb of movement."""

_SHARED_SUBJECT = re.compile(
    r"\s*,?\s*and\s+(?:also\s+)?(?:is|are|was|were|has|have|had|will|would|could|can|may"
    r"|might|plans|planned|wants|wanted|hopes|said|says)\b",
    re.IGNORECASE,
)
"""After a mention, a second verb of the sentence's subject, not of that country."""


def _same_clause(clause_starts: Sequence[int], a: int, b: int) -> bool:
    return bisect.bisect_right(clause_starts, a) == bisect.bisect_right(clause_starts, b)


_PARTY_PREPOSITION = re.compile(r"\b(?:with|from|to|by)\s+(?:the\s+)?\Z", re.IGNORECASE)
"""A preposition that makes the country after it a party: "... fighters from Turkey"."""

_CLAUSE_COMMA = re.compile(r",(?!\d)")
"""A comma that is not inside a number ("5,600")."""


def _participle_link(text: str, a: Actor, b: Actor, cues: SentenceCues, lexicon: Lexicon) -> bool:
    """Whether ``b`` is named in a participle clause whose subject is ``a``.

    "Morocco and Nigeria moved closer to a pipeline on Thursday, signing agreements
    with Mauritania and Senegal": the countries that open the sentence sign with the
    ones the clause after the comma names. The participle must follow the clause's
    last comma, and ``b`` come a few words after it.
    """
    for hit in cues.of(CueKind.PARTICIPLE):
        if not a.end < hit.start < b.start:
            continue
        comma = text.rfind(",", a.end, hit.start)
        if comma == -1 or text[comma + 1 : hit.start].strip():
            continue
        between = text[hit.end : b.start]
        if any(ch in between for ch in ",;:()") or _CLAUSE_COMMA.search(text, a.end, comma):
            return False
        return len(between.split()) <= lexicon.max_link_words
    return False


_JOINERS = (CueKind.RELATIONAL, CueKind.TRIGGER, CueKind.GENERAL, CueKind.SPEECH_VERB)


def _link_positions(
    cues: SentenceCues, clauses: Sequence[tuple[int, int]], groups: Sequence[GroupMention]
) -> tuple[list[int], list[int], list[int], list[int], list[int], list[int]]:
    """What may stand between two actors a loose link joins.

    Clause starts, then the sorted starts of clause breaks, groups, comparisons,
    relational words and agreement words. The cues of one kind are already in text
    order (see ``SentenceCues``); the joiners, of several kinds, need sorting.
    """
    return (
        [s for s, _ in clauses],
        [h.start for h in cues.of(CueKind.CLAUSE_BREAK)],
        sorted([g.start for g in groups]),
        [h.start for h in cues.of(CueKind.COMPARISON)],
        sorted([h.start for kind in _JOINERS for h in cues.of(kind)]),
        [h.start for h in cues.of(CueKind.TRIGGER)],
    )


def _run_codes(run: list[Actor], enumerated: bool, *, last: bool) -> tuple[str, ...]:
    """The codes of a run that take part in a loose link.

    All the members of a coordination, or only the adjacent member of an enumeration.
    """
    if enumerated:
        return run[-1].codes if last else run[0].codes
    return tuple(dict.fromkeys(c for actor in run for c in actor.codes))


def _unique(links: list[Link]) -> list[Link]:
    seen: set[tuple[tuple[str, ...], int]] = set()
    kept: list[Link] = []
    for link in links:
        key = (link.codes, link.start)
        if key not in seen:
            seen.add(key)
            kept.append(link)
    return kept


def _any_between(positions: Sequence[int], start: int, end: int) -> bool:
    at = bisect.bisect_left(positions, start)
    return at < len(positions) and positions[at] < end


def _pair(a: str, b: str) -> tuple[str, ...]:
    return (a, b) if a < b else (b, a)


def _other_between(mentions: Sequence[tuple[int, str]], link: Link, pos: int) -> bool:
    """Whether a country outside the link is named between its end and ``pos``."""
    at = bisect.bisect_left(mentions, (link.end, ""))
    while at < len(mentions) and mentions[at][0] < pos:
        if mentions[at][1] not in link.codes:
            return True
        at += 1
    return False


def pairs_of(link: Link) -> list[tuple[str, str]]:
    """The pairs a link relates (every pair of a coordinated list)."""
    codes = link.codes
    return [(codes[i], codes[j]) for i in range(len(codes)) for j in range(i + 1, len(codes))]


_BEFORE_WORDS = 2
_AFTER_WORDS = 4
"""A sector cue this close to a link (in words, before or after it) is about the
linked pair itself: "trade between X and Y", "X-Y relations in energy"."""

_CLAUSE_WORDS = 12
"""How far after a link a cue in a clause about that pair alone still counts in full."""

_PERIPHERAL = 0.4
"""The weight of a sector cue further from the link it goes to."""


def _distance(pos: int, link: Link) -> int:
    if pos < link.start:
        return link.start - pos
    if pos >= link.end:
        return pos - link.end + 1
    return 0


_RELATIVE_GAP = re.compile(
    r"\A\S*\s*,\s*(?:for|under|in|by|through|with|to)?\s*(?:which|whom)\s+\Z"
)
"""From a noun to the relative clause about it whose subject is the link."""


def _near(text: str, pos: int, link: Link) -> bool:
    if link.start <= pos < link.end:
        return True
    if pos < link.start:
        gap = text[pos : link.start]
        if _RELATIVE_GAP.search(gap):
            return True  # "the Trans-Afghan railway, for which X, Y and Z signed"
        return len(gap.split()) <= _BEFORE_WORDS
    return len(text[link.end : pos].split()) <= _AFTER_WORDS


def pair_sectors(
    text: str,
    links: Sequence[Link],
    sectors: Sequence[tuple[int, Sector, float]],
    clauses: Sequence[tuple[int, int]],
    mentions: Sequence[tuple[int, str]] = (),
    *,
    fallback: Callable[[Link], Sector] | None = None,
) -> list[dict[Sector, float]]:
    """How much each link's sentence says about each sector of its pair.

    Each sector cue goes to the link nearest it (and to a tight link it stands within
    a few words of: "a security pact between X and Y", and to a link whose country it
    directly follows: "the French navy"), with its full weight when it stands
    within a few words of the linked mentions, after them in a clause about that pair
    alone (before another country is named), or anywhere in a sentence that names no
    other country, and with a fraction of it otherwise; cues of one sector add up to
    the weight of one plain cue. A pair carried from context weighs what its link's
    strength says. A link left without a cue gets the nearest
    one at the lower weight, or, in a sentence that names no sector, the sector
    ``fallback`` gives for it (diplomatic without one).
    """
    assigned: list[dict[Sector, float]] = [{} for _ in links]
    if not links:
        return assigned
    starts = [s for s, _ in clauses]

    def clause(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    # The pairs each clause links, gathered on first use (a sentence about one pair
    # alone never needs them).
    pairs_in_clause: dict[int, set[tuple[str, ...]]] | None = None

    def clause_pairs(pos: int) -> set[tuple[str, ...]] | None:
        nonlocal pairs_in_clause
        if pairs_in_clause is None:
            pairs_in_clause = {}
            for link in links:
                if not link.carried:
                    for c in range(clause(link.start), clause(max(link.start, link.end - 1)) + 1):
                        pairs_in_clause.setdefault(c, set()).add(link.codes)
        return pairs_in_clause.get(clause(pos))

    mentions = sorted(mentions)
    single = len(links) == 1
    # A sentence about one pair and no other country: all its sectors are the pair's.
    alone = single and all(code in links[0].codes for _, code in mentions)
    for pos, sector, weight in sectors:
        best = 0 if single else min(_distance(pos, link) for link in links)
        for i, link in enumerate(links):
            if (
                not single
                and _distance(pos, link) != best
                and not (link.tight and _near(text, pos, link))
                # "exercised with the French navy": the word right after a country
                # speaks of its own link, however long another link is.
                and not (pos >= link.end and not text[link.end : pos].strip())
            ):
                continue
            if link.carried:
                factor = link.strength
            elif (
                alone
                or _near(text, pos, link)
                or (
                    link.start <= pos
                    and clause_pairs(pos) == {link.codes}
                    and len(text[link.end : pos].split()) <= _CLAUSE_WORDS
                    and not _other_between(mentions, link, pos)
                )
            ):
                factor = 1.0
            else:
                factor = _PERIPHERAL
            # Several cues of one sector add up, to what one stated cue is worth.
            bucket = assigned[i]
            bucket[sector] = min(link.strength, bucket.get(sector, 0.0) + weight * factor)
    for i, link in enumerate(links):
        if assigned[i]:
            continue
        if sectors:
            pos, sector, weight = min(sectors, key=lambda item: _distance(item[0], link))
            assigned[i][sector] = weight * _PERIPHERAL
        else:
            # Relations with no sector named ("X and Y signed a deal"): the fallback's
            # sector for the pair, diplomatic without one.
            assigned[i][fallback(link) if fallback else Sector.DIPLOMATIC] = link.strength
    return assigned


_TREND_WEIGHT = {
    Trend.IMPROVING.value: 1.0,
    Trend.DETERIORATING.value: 1.0,
    Trend.STABLE.value: 0.5,
}


def trend_of(votes: Sequence[str]) -> Trend:
    """The trend the cues point to most; unknown when there are none or they tie.

    A cue of change (improving, deteriorating) outweighs one of continuity.
    """
    if not votes:
        return Trend.UNKNOWN
    counts: dict[str, float] = {}
    for vote in votes:
        counts[vote] = counts.get(vote, 0.0) + _TREND_WEIGHT.get(vote, 0.5)
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Trend.UNKNOWN
    return Trend(ranked[0][0])
