"""Agreements: deals, projects, supply arrangements and exercises, with their status.

A trigger cue (``agreements.toml``) in a clause that relates two or more countries
proposes an agreement between them. Its status comes from the lifecycle cues near the
trigger in the same clause (``lifecycle.toml``): the cue of highest priority wins,
after a negation or a modal just before it has turned it back ("not yet signed",
"could supply"); with no cue, a hedge before the trigger in its clause gives the hedged
status, and otherwise the trigger has its default. Mentions of the same agreement
across the article (same parties, sector and kind, or "the deal" referring back) merge,
and the merged status is the highest-priority one any of its evidence states.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from bilateral._enums import AgreementStatus, Sector

from ._cues import SentenceCues, has_year
from ._lexicon import CueKind, Lexicon, TriggerSpec
from ._mentions import CountryMention
from ._relations import Link
from ._scan import CueHit

__all__ = ["Draft", "mediators_of", "merge_drafts", "sentence_drafts"]

_LIFECYCLE_WINDOW = 20
"""A lifecycle cue counts for a trigger at most this many words away in its clause."""

_MODIFIER_WINDOW = 30
"""A negation or modal turns a lifecycle cue back from at most this many characters."""

_OBJECT_WORDS = 6
_WORD = re.compile(r"[\w][\w'’\-.]*")
_STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "potential",
        "possible",
        "proposed",
        "planned",
        "new",
        "any",
        "some",
        "such",
        "with",
        "to",
        "from",
        "for",
        "by",
        "in",
        "at",
        "of",
        "on",
        "under",
        "over",
        "amid",
        "amidst",
        "as",
        "which",
        "who",
        "and",
        "or",
        "but",
        "also",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "could",
        "may",
        "might",
        "can",
        "including",
        "between",
        "into",
        "while",
    }
)
_OBJECT_SKIP = frozenset(
    {
        "with",
        "the",
        "a",
        "an",
        "its",
        "their",
        "more",
        "additional",
        "of",
        "than",
        "less",
        "about",
        "around",
        "some",
        "over",
        "up",
        "to",
        "nearly",
        "almost",
        "at",
        "least",
        "most",
        "much",
        "many",
        "all",
        "part",
        "million",
        "billion",
        "thousand",
        "hundred",
        "tonnes",
        "tons",
        "barrels",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "further",
        "new",
        "several",
        "extra",
        "large",
        "cheap",
        "cheaper",
        "per",
        "day",
        "year",
        "month",
        "week",
        "annually",
        "daily",
        "monthly",
        "yearly",
    }
)
_VERB_BEFORE = frozenset(
    {
        "to",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "must",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "not",
        "also",
        "continues",
        "continue",
        "continued",
        "agreed",
        "in",
        "it",
        "they",
        "which",
        "that",
        "who",
        "began",
        "started",
        "stop",
        "stopped",
        "resumed",
        "already",
        "still",
        "currently",
        "now",
        "reportedly",
        "allegedly",
    }
)
_PREPOSITIONS = frozenset(
    {
        "through",
        "via",
        "across",
        "under",
        "worth",
        "per",
        "every",
        "each",
        "since",
        "until",
        "after",
        "before",
        "during",
        "within",
        "without",
        "against",
        "toward",
        "towards",
        "because",
        "despite",
        "amid",
        "amidst",
        "into",
        "onto",
        "from",
        "by",
        "in",
        "at",
        "on",
        "for",
        "to",
        "as",
        "than",
        "while",
        "when",
        "where",
        "if",
    }
)
_BOUNDARY = re.compile(r",(?!\d)|[;:()\"“”]")


class Draft:
    """An agreement as seen so far: merged across claims before it is frozen.

    A plain slotted class rather than an attrs one: drafts are made for every trigger
    of every sentence, and the class compiles to a native one under mypyc.
    """

    __slots__ = (
        "anaphoric",
        "carried",
        "cited",
        "dated",
        "default",
        "evidence",
        "has_object",
        "hedged",
        "indefinite",
        "needs_home",
        "object_span",
        "parties",
        "recipient",
        "sector",
        "spec",
        "statuses",
        "subject",
        "supplier",
        "trigger_start",
    )

    def __init__(
        self,
        *,
        parties: tuple[str, ...],
        sector: Sector | None,
        spec: TriggerSpec,
        subject: str,
        statuses: list[tuple[int, int, AgreementStatus]],
        hedged: bool,
        evidence: list[str],
        supplier: str | None = None,
        recipient: str | None = None,
        anaphoric: bool = False,
        needs_home: bool = False,
        indefinite: bool = False,
        has_object: bool = False,
        trigger_start: int = 0,
        object_span: tuple[int, int] = (0, 0),
        default: AgreementStatus | None = None,
        carried: bool = False,
        dated: bool = False,
    ) -> None:
        self.parties = parties
        self.sector = sector
        self.spec = spec
        self.subject = subject
        self.statuses = statuses
        """(era, priority, status) of each lifecycle cue; see ``_era``."""
        self.hedged = hedged
        self.evidence = evidence
        self.supplier = supplier
        self.recipient = recipient
        self.anaphoric = anaphoric
        self.needs_home = needs_home
        self.indefinite = indefinite
        self.has_object = has_object
        self.trigger_start = trigger_start
        self.object_span = object_span
        self.default = default
        self.carried = carried
        """Whether its parties come from context, not from the sentence ("the treaty")."""
        self.dated = dated
        """Whether it is named by a past year ("the 2015 free trade agreement"): it exists."""
        self.cited = set(evidence)
        """The claim ids in ``evidence``, for quick lookup."""

    def status(self, lexicon: Lexicon) -> AgreementStatus:
        """The status its evidence supports, never further along than stated."""
        if self.statuses:
            # The latest news first, then the furthest stage: "signed on Sunday" beats
            # "has been repeatedly delayed", which beats "first proposed in 2013".
            return max(self.statuses, key=lambda item: (item[0], item[1]))[2]
        if self.hedged:
            return lexicon.hedged_status
        return self.default or self.spec.status


def _words_between(text: str, a: int, b: int) -> int:
    if a > b:
        a, b = b, a
    return len(text[a:b].split())


_INDEFINITE = re.compile(r"(?<!\w)(?:a|an|another)(?!\w)")
_OF = re.compile(r"\s+of\s", re.IGNORECASE)
_EPISTEMIC = re.compile(r"\s*have\b", re.IGNORECASE)


def _turned(
    text: str,
    hit: CueHit,
    modifiers: Sequence[CueHit],
    table: Mapping[AgreementStatus, AgreementStatus],
    status: AgreementStatus,
    *,
    after: bool = False,
) -> AgreementStatus | None:
    """The status a negation or modal next to ``hit`` turns it into, if any.

    A modifier counts just before the cue, or with ``after`` also just after it.
    """
    for other in modifiers:
        if other.end <= hit.start and hit.start - other.end <= _MODIFIER_WINDOW:
            gap = (other.end, hit.start)
        elif after and other.start >= hit.end and other.start - hit.end <= _MODIFIER_WINDOW:
            gap = (hit.end, other.start)
        else:
            continue
        if _BOUNDARY.search(text, gap[0], gap[1]) or "." in text[gap[0] : gap[1]]:
            continue
        if not after and _EPISTEMIC.match(text, other.end):
            continue  # "may have supplied" hedges a past fact; it is not a plan
        return table[status]
    return None


def _status_votes(
    text: str,
    cues: SentenceCues,
    clause: tuple[int, int],
    trigger: CueHit,
    *,
    others: Sequence[CueHit],
    spec: TriggerSpec,
    lexicon: Lexicon,
    dated: bool = False,
) -> list[tuple[int, int, AgreementStatus]]:
    """The statuses the lifecycle cues of a trigger's clause give it.

    A cue counts for the trigger nearest to it ("owes ... loans, and is seeking to
    roll over" gives the loans one status and the rollover another). Each comes with
    the era of its clause and its priority.
    """
    votes: list[tuple[int, int, AgreementStatus]] = []
    if spec.role in ("supply", "acquire") and _gone_on_since(text, clause, trigger.start):
        # "North Korea has shipped 12 million shells to Russia since August 2023": a
        # flow that has gone on since a year goes on.
        in_force = AgreementStatus.IN_FORCE
        votes.append((_PLAIN_ERA, lexicon.status_priority[in_force], in_force))
    if CueKind.LIFECYCLE not in cues.by_kind:
        return votes
    lifecycle = cues.within(CueKind.LIFECYCLE, *clause)
    if not lifecycle:
        return votes
    era, years = _era(text, cues, clause, trigger)
    negations = cues.within(CueKind.NEGATION, *clause)
    modals = cues.within(CueKind.MODAL, *clause)
    futures = cues.within(CueKind.FUTURE, *clause)
    # The other triggers of the clause, which may be nearer a lifecycle cue: found once
    # for all its cues (usually there are none).
    rivals = [o for o in others if o.start != trigger.start and clause[0] <= o.start < clause[1]]
    for hit in lifecycle:
        cue = hit.cue
        if cue.only_for and spec.kind not in cue.only_for:
            continue
        if cue.not_in_future and (futures or modals):
            continue
        distance = _words_between(text, hit.start, trigger.start)
        if distance > _LIFECYCLE_WINDOW:
            continue
        if rivals and any(
            _words_between(text, hit.start, o.start) < distance
            # "warships held joint drills": "held" can only speak of the drills.
            and (not cue.only_for or _kind_of(o, lexicon) in cue.only_for)
            # A cue that is itself another trigger ("talks") still speaks of its object.
            and not (o.start == hit.start and o.end == hit.end)
            for o in rivals
        ):
            continue
        if _earlier_clause(text, hit, trigger) or _temporal_clause(text, hit, trigger):
            continue
        if _open_question(text, max(clause[0], hit.start - 80), hit.start):
            continue  # "it is unclear whether the treaty has been reinstated": not said
        status = _STATUSES[cue.value]
        if status in _ENDINGS and (
            _agent_of(text, trigger, hit) or _OUTCOME.fullmatch(text, hit.end, trigger.start)
        ):
            continue
        priority = cue.priority
        turned = _turned(text, hit, negations, lexicon.negated_status, status)
        if turned is None:
            turned = _turned(text, hit, modals, lexicon.modal_status, status)
        if turned is None:
            turned = _turned(text, hit, futures, lexicon.future_status, status, after=True)
        if turned is not None and turned is not status:
            status, priority = turned, lexicon.status_priority[turned]
        if status is AgreementStatus.SIGNED and _gone_on_since(text, clause, hit.start):
            # "Mali has bought Turkish drones since 2022": buying that has gone on since
            # a year is an arrangement in force, not one purchase signed.
            status, priority = (
                AgreementStatus.IN_FORCE,
                lexicon.status_priority[AgreementStatus.IN_FORCE],
            )
        if dated and (status in _OPEN or (status is AgreementStatus.SIGNED and _to_do(text, hit))):
            # "would invoke the 1951 treaty", "talks to review the 2015 trade
            # agreement", "agreed to review the 2015 trade agreement": an act planned,
            # talked of or agreed on one that exists.
            continue
        cap = spec.max_status
        if cap is not None and status in _LADDER and _LADDER.index(status) > _LADDER.index(cap):
            status, priority = cap, lexicon.status_priority[cap]
        hit_era = era
        if (
            years
            and status is AgreementStatus.IN_FORCE
            and not any(hit.end <= start <= hit.end + _DATED_GAP for start, _ in years)
        ):
            # "signed in 2019 and in force since July 2020": only "signed" is dated,
            # and the agreement is in force now.
            hit_era = _PLAIN_ERA
        # "a long-delayed railway", "the stalled project": the state before the news,
        # which any other cue of the clause overrides.
        votes.append((_PAST_ERA if _prenominal(text, hit, trigger) else hit_era, priority, status))
    return votes


_INFINITIVE = re.compile(r"\s+(?!(?:the|a|an|its|their|this|that)\b)[a-z]+\b")


def _to_do(text: str, hit: CueHit) -> bool:
    """Whether an infinitive follows a cue: "agreed to review" agrees on an act."""
    end = hit.end
    if not text[hit.start : end].lower().endswith(" to"):
        if text[end : end + 4].lower() != " to ":
            return False
        end += 3
    return _INFINITIVE.match(text, end) is not None


_OPEN_QUESTION = re.compile(r"(?<!\w)(?<!regardless of )whether(?!\w)[^,;:]*\Z", re.IGNORECASE)


def _open_question(text: str, start: int, end: int) -> bool:
    """Whether ``end`` is in a question left open ("unclear whether it was revived").

    Only within the question's own phrase: an aside after it ("weighing whether to
    join the Accords, the deals Israel signed") states what it says.
    """
    return _OPEN_QUESTION.search(text, start, end) is not None


_TEMPORAL = re.compile(
    r"(?<!\w)(?:since|after|before|when|until|once)\s+(?:the|a|its|their)\s+"
    r"(?:(?!and\s|or\s)[^\s,;:()]+\s+){1,5}\Z",
    re.IGNORECASE,
)


def _temporal_clause(text: str, hit: CueHit, trigger: CueHit) -> bool:
    """Whether ``hit`` is the verb of a time clause about something else.

    "Direct flights have not resumed since the war began": the war began, not the
    flights. Only a clause that opens after the agreement word, on a noun phrase of
    its own, counts.
    """
    if hit.start <= trigger.end:
        return False
    return _TEMPORAL.search(text, max(trigger.end, hit.start - 56), hit.start) is not None


_COORDINATED = re.compile(r",\s+(?:and|but|yet|while|whereas)\s", re.IGNORECASE)
_OWN_SUBJECT = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?"
    r"|(?:the|that|this|these|those|its|their)\s+)\Z",
    re.IGNORECASE,
)
"""Before a cue that has a subject of its own: a passive's auxiliary ("has been
shelved"), or the determiner of a noun that is one ("that plan")."""


def _earlier_clause(text: str, hit: CueHit, trigger: CueHit) -> bool:
    """Whether the cue ``hit`` belongs to an earlier coordinated clause than ``trigger``.

    In "That plan has been shelved, and gas now goes to Egypt under contracts", neither
    "plan" nor "shelved" speaks of the contracts: each has its own subject before it,
    and ", and" starts a clause of its own; so has "stalled" in "That plan has
    stalled, and ...". Without one ("signed a deal with Russia, and
    a contract with China") the cue still speaks of both.
    """
    if hit.end > trigger.start or _COORDINATED.search(text, hit.end, trigger.start) is None:
        return False
    if _OWN_SUBJECT.search(text, max(0, hit.start - 24), hit.start) is not None:
        return True
    # "That plan has stalled, and ...": a perfect with no object.
    return (
        _HAS_BEFORE.search(text, max(0, hit.start - 24), hit.start) is not None
        and text[hit.end : hit.end + 1] == ","
    )


def _kind_of(hit: CueHit, lexicon: Lexicon) -> str:
    spec = lexicon.triggers.get(hit.cue.value)
    return spec.kind if spec is not None else ""


def _prenominal(text: str, hit: CueHit, trigger: CueHit) -> bool:
    gap = text[hit.end : trigger.start]
    return (
        hit.end <= trigger.start
        and len(gap) <= 16
        and len(gap.split()) <= 1
        and gap.strip().lower() not in _STOP_WORDS
        and text[hit.start : hit.end].lower().endswith("ed")
        and not any(ch in gap for ch in ",;:.")
    )


_ENDINGS = frozenset({AgreementStatus.STALLED, AgreementStatus.TERMINATED})

_ACTIVE_GAP = re.compile(r"\s*(?:[\w-]+\s+)?\Z")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|got|get|gets)\b", re.IGNORECASE)
_DIRECT_OBJECT = re.compile(
    r"\s+(?!the\s+(?:same|following|next|previous|last)\b)"
    r"(?:a|an|the|its|their|his|her|this|these|those|decades|years|all|any)\b",
    re.IGNORECASE,
)


_RELATIVE_SUBJECT = re.compile(
    r"(?:\s+[\w'’-]+){0,5}\s*,\s*(?:which|that)\s+(?:[\w-]+\s+)?\Z", re.IGNORECASE
)
"""An agreement as the subject of a relative clause: "the protocol of 1934, which ended"."""


def _agent_of(text: str, trigger: CueHit, hit: CueHit) -> bool:
    """Whether an agreement is the subject of an ending verb with an object of its own.

    "The 2018 accord ended a decades-long dispute" and "the protocol of 1934, which
    ended a brief war" end the dispute and the war, not the agreements;
    "the deal was suspended" and "the deal ended in 2019" still end the deal.
    """
    if hit.start < trigger.end or hit.start - trigger.end > 48:
        return False
    gap = text[trigger.end : hit.start]
    subject = _ACTIVE_GAP.match(gap) is not None or _RELATIVE_SUBJECT.match(gap) is not None
    if not subject or _PASSIVE.search(gap):
        return False
    return _DIRECT_OBJECT.match(text, hit.end) is not None


_OUTCOME = re.compile(r"\s+(?:in|with)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}")
"""Between an ending and the agreement it ended in: "the war ended in a ceasefire"."""

_NEWS_ERA, _PLAIN_ERA, _PAST_ERA = 2, 1, 0
_PAST_YEAR = re.compile(
    r"\b(?:in|during|until|by)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?"
    r"(?:19|20)\d\d\b"
)
_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d\s+(?:[\w-]+\s+)?$")
_NAMED_BY_YEAR = re.compile(
    r"\b(?:the|a|an|its|their|this|that)\s+(?:19|20)\d\d\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""A determiner and a year before an agreement word: "the 1951 mutual defense treaty"."""


_DATED_GAP = 16
"""How far after a lifecycle cue a year may stand to date it ("signed in June 2019")."""


def _dated_as_a_whole(
    text: str, cues: SentenceCues, clause: tuple[int, int], trigger: CueHit
) -> bool:
    """Whether a history cue or a year before the agreement word dates the clause."""
    if CueKind.HISTORY in cues.by_kind and cues.within(CueKind.HISTORY, *clause):
        return True
    window = max(clause[0], trigger.start - 30)
    return (
        has_year(text, window, trigger.start)
        and _YEAR_BEFORE.search(text, window, trigger.start) is not None
    )


def _era(
    text: str, cues: SentenceCues, clause: tuple[int, int], trigger: CueHit
) -> tuple[int, list[tuple[int, int]] | None]:
    """When a clause says what it says of an agreement, and the past years it names.

    The era is the news itself (dated "on Sunday", "this week"), the past (dated by a
    year, "first proposed in 2013", "the 2020 ceasefire"), or neither. The years are
    where a past clause dates something, when only years date it; ``None`` when a
    history cue or a year before the agreement word ("the 2018 accord") dates the
    whole clause, or the clause is not of the past. One look at the clause gives both.
    """
    if CueKind.NEWS in cues.by_kind and cues.within(CueKind.NEWS, *clause):
        return _NEWS_ERA, None
    if _dated_as_a_whole(text, cues, clause, trigger):
        return _PAST_ERA, None
    if not has_year(text, *clause):
        return _PLAIN_ERA, None
    years = [m.span() for m in _PAST_YEAR.finditer(text, *clause)]
    return (_PAST_ERA, years) if years else (_PLAIN_ERA, None)


_STATUSES = {s.value: s for s in AgreementStatus}

_LADDER = (
    AgreementStatus.PROPOSED,
    AgreementStatus.NEGOTIATING,
    AgreementStatus.SIGNED,
    AgreementStatus.IN_FORCE,
)
"""The statuses an agreement advances through (stalled and terminated stand apart)."""


_NOT_OBJECTS = (
    CueKind.LIFECYCLE,
    CueKind.HEDGE,
    CueKind.MODAL,
    CueKind.FUTURE,
    CueKind.NEGATION,
    CueKind.TREND,
    CueKind.SPEECH_VERB,
    CueKind.OPINION_VERB,
)
"""Cue kinds that are verbs or adverbs: an object noun phrase ends at them."""

_NOT_MODIFIERS = (
    CueKind.LIFECYCLE,
    CueKind.HEDGE,
    CueKind.MODAL,
    CueKind.NEGATION,
    CueKind.TREND,
    CueKind.SPEECH_VERB,
    CueKind.OPINION_VERB,
    CueKind.RELATIONAL,
    CueKind.DETERMINER,
    CueKind.ANAPHOR,
    CueKind.VENUE,
    CueKind.LINK,
)


def _subject_noun(
    text: str,
    clause_start: int,
    hit: CueHit,
    mentions: Sequence[CountryMention],
    cues: SentenceCues,
) -> str:
    """The trigger with the words that qualify it: "a potential [gas pipeline]"."""
    words = list(_WORD.finditer(text, max(clause_start, hit.start - 80), hit.start))
    taken: list[str] = []
    covered: list[tuple[int, int]] | None = None  # gathered when a word needs them
    expected_end = hit.start
    for match in reversed(words):
        word = match.group()
        gap = text[match.end() : expected_end]
        if gap.strip() or len(taken) >= 3:
            break
        if word.lower() in _STOP_WORDS:
            break
        if covered is None:
            covered = [(m.start, m.end) for m in mentions]
            by_kind = cues.by_kind
            covered.extend(
                (h.start, h.end)
                for kind in _NOT_MODIFIERS
                if kind in by_kind
                for h in by_kind[kind]
                if h.end <= hit.start
            )
        if any(s <= match.start() < e for s, e in covered):
            break
        if word[:1].isupper() and not any(ch.isdigit() for ch in word) and not word.isupper():
            break
        if word.endswith(("'s", "’s")):
            break
        taken.append(word)
        expected_end = match.start()
    taken.reverse()
    return " ".join([*taken, text[hit.start : hit.end]])


def _object(
    text: str, start: int, end: int, mentions: Sequence[CountryMention], cues: SentenceCues
) -> tuple[str, tuple[int, int]]:
    """The thing a verb of giving or getting is about.

    "supply India with [arms]", "the purchase of [31 drones]".
    """
    stop = _BOUNDARY.search(text, start, end)
    limit = stop.start() if stop else end
    covered = [(m.start, m.end) for m in mentions]
    by_kind = cues.by_kind
    verbs = {
        h.start
        for kind in _NOT_OBJECTS
        if kind in by_kind
        for h in by_kind[kind]
        if start <= h.start < limit
    }
    taken: list[re.Match[str]] = []
    joined = False  # an "and" has joined a second noun to the object
    for match in _WORD.finditer(text, start, limit):
        if taken and match.start() in verbs:
            break  # "acquisition of Russian wheat [continued]"
        word = match.group()
        lower = word.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        in_mention = any(s <= match.start() < e for s, e in covered)
        if not taken:
            if in_mention or lower in _OBJECT_SKIP or lower[:1].isdigit():
                continue
            if lower in _STOP_WORDS or lower in _PREPOSITIONS:
                break
        elif lower == "and" and not joined:
            # "radar systems and patrol vessels": one thing supplied, if a noun follows.
            joined = True
            continue
        elif in_mention or lower in _STOP_WORDS or lower in _PREPOSITIONS:
            break
        taken.append(match)
        if len(taken) >= _OBJECT_WORDS:
            break
    if not taken:
        return "", (start, start)
    span = (taken[0].start(), taken[-1].end())
    return text[span[0] : span[1]].rstrip(".'’"), span


def _sector_modifiers(text: str, hit: CueHit, cues: SentenceCues) -> tuple[str, tuple[int, int]]:
    """The sector words just before a noun such as "supplies": "[natural gas] supplies".

    A run of them counts from its first word: "[power trade] agreement".
    """
    starts = [
        h.start
        for kind in (CueKind.SECTOR, CueKind.TRIGGER)
        for h in cues.of(kind)
        if h.start < hit.start and (hit.start - h.end <= 2 or h.end >= hit.end)
    ]
    if not starts:
        return "", (hit.start, hit.start)
    start = min(starts)
    sector_words = cues.of(CueKind.SECTOR)
    while True:
        before = [h.start for h in sector_words if h.start < start and 0 <= start - h.end <= 2]
        if not before:
            break
        start = min(before)
    return text[start : hit.start].strip(), (start, hit.start)


def _direction(
    text: str,
    trigger: CueHit,
    clause: tuple[int, int],
    *,
    role: str,
    parties: Sequence[str],
    mentions: Sequence[CountryMention],
) -> tuple[str | None, str | None]:
    """Supplier and recipient, where the words around a trigger say who gives what."""
    if len(mentions) < 2:
        return None, None
    inside = [
        m
        for m in mentions
        if clause[0] <= m.start < clause[1] and m.code in parties and not m.venue
    ]
    before = [m for m in inside if m.end <= trigger.start]
    after = [m for m in inside if m.start >= trigger.end]
    if role in ("supply", "acquire"):
        if not before or not after:
            return None, None
        first, second = before[-1].code, after[0].code
        passive = text[trigger.end : after[0].start].strip().lower().startswith("by")
        if role == "acquire" or passive:
            first, second = second, first
        if first == second:
            return None, None
        return first, second
    if len(after) >= 2 and after[0].code != after[1].code:
        between = text[after[0].end : after[1].start].lower()
        if " to " in f" {between} ":
            return after[0].code, after[1].code
    return None, None


_BY_AGENTS = re.compile(
    r"\s+(?:(?:was|were|is|are|has been|have been)\s+)?[a-z]+ed\s+by\s+(?:the\s+)?\Z"
)
"""What stands between an agreement word and its makers: " signed by ", " was launched by "."""


def _agents(text: str, links: Sequence[Link], hit: CueHit) -> Link | None:
    """The link of the countries that made the agreement: "the treaty signed by X and Y"."""
    for link in links:
        if link.tight and link.start >= hit.end and _BY_AGENTS.match(text[hit.end : link.start]):
            return link
    return None


def _nearest_link(links: Sequence[Link], pos: int) -> Link | None:
    """The link nearest ``pos``; of those around it, the narrowest.

    "Mali tore up its defence accords with France and now relies on Russia": the
    accords are Mali's with France, the link inside the subject's longer one.
    """
    best: Link | None = None
    best_key = (-1, -1)
    for link in links:
        if link.start <= pos < link.end:
            key = (0, link.end - link.start)
        else:
            key = (min(abs(pos - link.start), abs(pos - link.end)), 0)
        if best is None or key < best_key:
            best, best_key = link, key
    return best


def _nearest_sector(
    sectors: Sequence[tuple[int, Sector, float]],
    pos: int,
    clause: tuple[int, int],
    *,
    specific: bool = True,
) -> Sector | None:
    pool = [s for s in sectors if clause[0] <= s[0] < clause[1] and s[2] >= 1.0]
    if specific:
        pool = [s for s in pool if s[1] is not Sector.DIPLOMATIC] or pool
    if not pool:
        return None
    return min(pool, key=lambda s: abs(s[0] - pos))[1]


_SINCE_YEAR = re.compile(
    r"\b[Ss]ince\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b"
)
_AUXILIARY = r"\b(?:has|have)\s+(?:(?:[a-z]+ly|also|long|still|even)\s+)?"
"""A perfect's auxiliary and an adverb after it: "has also", "have long"."""
_HAS_BEFORE = re.compile(_AUXILIARY + "$")
"""A perfect's auxiliary right before a participle: "has bought", "have long supplied"."""
_PERFECT = re.compile(_AUXILIARY + r"(?:been\s+)?[a-z]+(?:ed|en|wn|lt|ught|ne|nt|ld)\b")


def _gone_on_since(text: str, clause: tuple[int, int], pos: int) -> bool:
    """Whether the verb at ``pos`` is a perfect that has gone on since a year.

    "Mali has bought Turkish drones since 2022", "has shipped shells to Russia since
    August 2023": an arrangement in force, not one act.
    """
    return (
        _HAS_BEFORE.search(text, max(clause[0], pos - 20), pos) is not None
        and _SINCE_YEAR.search(text, *clause) is not None
    )


def _continuing(text: str, span: tuple[int, int]) -> bool:
    """Whether the words say something has gone on since a year.

    "The programme, which has supported Viet Nam's energy planning since 2013", "Since
    2014 it has exported to Japan": what has been done since then stands.
    """
    if not has_year(text, *span):
        return False
    return _SINCE_YEAR.search(text, *span) is not None and _PERFECT.search(text, *span) is not None


def _default_status(
    text: str,
    cues: SentenceCues,
    clause: tuple[int, int],
    hit: CueHit,
    *,
    spec: TriggerSpec,
    lexicon: Lexicon,
    span: tuple[int, int] | None = None,
) -> AgreementStatus:
    """A trigger's own status when no lifecycle cue speaks.

    Its default, put in the future or the hypothetical by a modal before it ("will
    supply", "could buy"); in force where ``span`` (the clause with its relative
    clause) says it has gone on since a year.
    """
    status = spec.status
    by_kind = cues.by_kind
    if CueKind.MODAL in by_kind:
        modal = _turned(
            text, hit, cues.within(CueKind.MODAL, *clause), lexicon.modal_status, status
        )
        if modal is not None:
            return modal
    if CueKind.FUTURE in by_kind:
        future = _turned(
            text, hit, cues.within(CueKind.FUTURE, *clause), lexicon.future_status, status
        )
        if future is not None:
            return future
    if _continuing(text, span or clause):
        return AgreementStatus.IN_FORCE
    return status


_RELATIVE_START = re.compile(r"(?:which|that|who)\b", re.IGNORECASE)


def _with_relative(
    text: str, clause: tuple[int, int], clauses: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """A clause with the relative clause that follows it, which still speaks of it.

    "a new pipeline, which is still at the feasibility stage".
    """
    for start, end in clauses:
        if start >= clause[1] and _RELATIVE_START.match(text, start):
            return clause[0], end
        if start >= clause[1]:
            break
    return clause


def _verb_reading(text: str, hit: CueHit, mentions: Sequence[CountryMention]) -> bool:
    """Whether a cue such as "supplies" is a verb here rather than a noun.

    "Russia supplies", "to supply" are verbs; "gas supplies" is a noun.
    """
    if (
        text[hit.start : hit.end].lower().endswith("ing")
        and not text[hit.start : hit.end][:1].isupper()
    ):
        return True
    before = text[max(0, hit.start - 40) : hit.start].rstrip()
    if not before or before[-1:] in ",;:(":
        return not text[hit.start : hit.end][:1].isupper()
    if any(
        m.end == len(before) + max(0, hit.start - 40) or 0 <= hit.start - m.end <= 3
        for m in mentions
    ):
        return True
    last = before.split()[-1].lower().rstrip(".,'’")
    return last in _VERB_BEFORE


def _has_sector(
    span: tuple[int, int],
    sectors: Sequence[tuple[int, Sector, float]],
    cues: SentenceCues,
    hit: CueHit,
) -> bool:
    if span[0] >= span[1]:
        return False
    if any(span[0] <= pos < span[1] and weight >= 1.0 for pos, _, weight in sectors):
        return True
    return any(
        span[0] <= t.start < span[1] and t.start != hit.start for t in cues.of(CueKind.TRIGGER)
    )


_NON_SPECIFIC_GAP = 2
"""How many words may stand between "no" or "any" and the agreement noun it negates."""
_NON_SPECIFIC_STOPS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
    | {"new", "further", "more", "additional", "other"}
)
"""Words that start a new noun phrase ("no doubt the deal" speaks of a deal), or that
deny only more of what exists ("no new loans": there are loans)."""


def _non_specific(text: str, cues: SentenceCues, hit: CueHit) -> bool:
    """True when "no", "any" or the like stands just before ``hit`` ("no new loans")."""
    for cue in cues.of(CueKind.NON_SPECIFIC):
        if cue.end > hit.start:
            break
        between = text[cue.end : hit.start]
        words = between.split()
        if (
            len(words) <= _NON_SPECIFIC_GAP
            and all(w[-1:].isalnum() for w in words)
            and not any(w.lower() in _NON_SPECIFIC_STOPS for w in words)
        ):
            return True
    return False


_PLURAL = re.compile(r"(?:[^su\W]s|memoranda)\Z", re.IGNORECASE)
"""A plural noun's ending: "agreements", "contracts", "memoranda"; not "pass" or "bus"."""


def _plural(text: str, hit: CueHit) -> bool:
    """Whether the agreement word at ``hit`` is plural ("the arrangements")."""
    return _PLURAL.search(text, hit.start, hit.end) is not None


def _star(group: Sequence[Link]) -> bool:
    """Whether ``group`` relates one country to each of several others, and no more.

    "Norway has concluded arrangements with Belgium, Denmark and Sweden" links Norway
    to each of the three, and the three to none of each other.
    """
    if len(group) < 2 or any(len(link.codes) != 2 or link.route for link in group):
        return False
    common = set(group[0].codes).intersection(*(link.codes for link in group[1:]))
    return len(common) == 1


def sentence_drafts(
    text: str,
    cues: SentenceCues,
    *,
    links: Sequence[Link],
    clauses: Sequence[tuple[tuple[int, int], bool, str]],
    sectors: Sequence[tuple[int, Sector, float]],
    mentions: Sequence[CountryMention],
    lexicon: Lexicon,
    folded: str,
    determiners: re.Pattern[str],
    mediators: frozenset[str] = frozenset(),
) -> list[Draft]:
    """The agreements one sentence proposes, merged within the sentence.

    ``clauses`` gives each clause span with whether it is hedged and the id of the
    claim that quotes it; ``mediators`` the go-betweens it names (see
    :func:`mediators_of`), who are no parties.
    """
    drafts: list[Draft] = []
    triggers = cues.of(CueKind.TRIGGER)
    everyone = tuple(dict.fromkeys(m.code for m in mentions))
    # "A ceasefire brokered by Qatar and Turkey": the agreement goes to the nearest
    # link of parties, not of go-betweens.
    candidates = [k for k in links if len(set(k.codes) - mediators) >= 2] or links
    spans = [c for c, _, _ in clauses]
    scope = _Scope(
        text,
        cues,
        sectors,
        mentions,
        lexicon,
        folded,
        determiners,
        mediators,
        triggers,
        everyone,
        spans,
    )
    for hit in triggers:
        spec = lexicon.triggers.get(hit.cue.value)
        if spec is None:
            continue
        clause_span, hedged, claim_id = next(
            ((c, h, i) for c, h, i in clauses if c[0] <= hit.start < c[1]), clauses[-1]
        )
        link = _agents(text, candidates, hit) or _nearest_link(candidates, hit.start)
        if link is None:
            continue
        if _non_specific(text, cues, hit):
            continue  # "no such agreement", "any arrangement": none in particular
        group = [
            other
            for other in links
            if (other.start, other.end, other.strength) == (link.start, link.end, link.strength)
            and not set(other.codes).isdisjoint(link.codes)
        ]
        shared = {code for other in group for code in other.codes}
        party_sets = [link.codes]
        if len(shared) > len(link.codes) and spec.role not in ("supply", "acquire"):
            # "X and Y signed a deal with Z": one deal of all three. A flow to "X and
            # Y" is two flows, and so are "agreements" one country signed "with X and
            # Y": a plural names one agreement per partner.
            party_sets = (
                [other.codes for other in group]
                if spec.plural_each and _plural(text, hit) and _star(group)
                else [tuple(sorted(shared))]
            )
        for parties in party_sets:
            drafts.extend(
                _drafts_for(
                    scope,
                    hit,
                    spec,
                    link=link,
                    parties=parties,
                    clause_span=clause_span,
                    hedged=hedged,
                    claim_id=claim_id,
                )
            )
    return _merge_within(text, drafts)


class _Scope(NamedTuple):
    """What :func:`sentence_drafts` knows of the whole sentence, for each trigger."""

    text: str
    cues: SentenceCues
    sectors: Sequence[tuple[int, Sector, float]]
    mentions: Sequence[CountryMention]
    lexicon: Lexicon
    folded: str
    determiners: re.Pattern[str]
    mediators: frozenset[str]
    triggers: Sequence[CueHit]
    everyone: tuple[str, ...]
    spans: Sequence[tuple[int, int]]


def _drafts_for(
    scope: _Scope,
    hit: CueHit,
    spec: TriggerSpec,
    *,
    link: Link,
    parties: tuple[str, ...],
    clause_span: tuple[int, int],
    hedged: bool,
    claim_id: str,
) -> list[Draft]:
    """The draft one trigger of :func:`sentence_drafts` makes for one set of parties."""
    text, cues, sectors, mentions = scope.text, scope.cues, scope.sectors, scope.mentions
    lexicon, folded, determiners = scope.lexicon, scope.folded, scope.determiners
    mediators, triggers, everyone = scope.mediators, scope.triggers, scope.everyone
    if len(everyone) >= 3 and any(
        clause_span[0] <= g.start < clause_span[1] for g in cues.of(CueKind.GROUP_ANAPHOR)
    ):
        parties = tuple(sorted(everyone))  # "the three countries signed a pact"
    if mediators:
        parties = tuple(code for code in parties if code not in mediators)
        if len(parties) < 2:
            return []  # "a ceasefire brokered by Qatar and Turkey": not theirs
    if spec.transit:
        route = _route(text, cues, clause_span, hit, triggers=triggers, mentions=mentions)
        route -= mediators
        if not route.issubset(parties):
            parties = tuple(sorted(route.union(parties)))
    window = max(clause_span[0], hit.start - 24)  # never the previous sentence's words
    anaphoric = determiners.search(folded, window, hit.start) is not None
    indefinite = _INDEFINITE.search(folded, window, hit.start) is not None
    vote_span = _with_relative(text, clause_span, scope.spans)
    # "The 1951 mutual defense treaty", "a 2014 defense pact": an agreement named by
    # its year exists, whatever a hedge or modal around it says of what is done with
    # it ("would invoke", "could expand").
    dated = _NAMED_BY_YEAR.search(text, max(clause_span[0], hit.start - 40), hit.start) is not None
    votes = _status_votes(
        text, cues, vote_span, hit, others=triggers, spec=spec, lexicon=lexicon, dated=dated
    )
    if spec.needs_cue and not votes:
        return []  # "their strategic partnership" names a state, not an agreement
    # A sector word right before the agreement word outweighs the word's own sector:
    # a "hydrogen corridor" is energy, though "corridor" is trade.
    _, modifiers = _sector_modifiers(text, hit, cues)
    sector = (
        _nearest_sector(sectors, modifiers[0], modifiers)
        or spec.sector
        or _nearest_sector(sectors, hit.start, clause_span)
    )
    if spec.role == "talks" and sector in (None, Sector.DIPLOMATIC, Sector.SECURITY):
        if not anaphoric:
            return []
        sector = None
    if spec.role in ("supply", "acquire"):
        if _verb_reading(text, hit, mentions) or _OF.match(text, hit.end):
            obj, span = _object(text, hit.end, clause_span[1], mentions, cues)
        else:
            obj, span = "", (hit.start, hit.start)
        if not obj:
            obj, span = _sector_modifiers(text, hit, cues)
        needs_home = False
        if not _has_sector(span, sectors, cues, hit):
            if not anaphoric:
                return []  # "cheap supplies", "buying soybeans": a flow, not an arrangement
            needs_home = True  # "the purchase": only as a reference to a known deal
        # What is supplied decides the sector: "export natural gas" is energy.
        sector = (
            spec.sector
            or _nearest_sector(sectors, span[0], span)
            or sector
            or _nearest_sector(sectors, hit.start, (0, len(text)))
        )
        if sector is None and not anaphoric:
            return []
        subject = f"{obj} {spec.noun}".strip() if obj else ""
        has_object = bool(obj)
    elif spec.role == "talks":
        subject, span, has_object = (
            f"{sector.value if sector else ''} talks".strip(),
            (0, 0),
            False,
        )
    else:
        subject = _subject_noun(text, clause_span[0], hit, mentions, cues)
        span = (hit.start, hit.end)
        has_object = not spec.generic
    supplier, recipient = _direction(
        text, hit, clause_span, role=spec.role, parties=parties, mentions=mentions
    )
    return [
        Draft(
            parties=parties,
            sector=sector,
            spec=spec,
            subject=subject or (f"{sector.value} {spec.kind}" if sector else spec.kind),
            statuses=votes,
            hedged=hedged and not dated and _hedged_before(cues, clause_span, hit),
            evidence=[claim_id],
            supplier=supplier,
            recipient=recipient,
            anaphoric=anaphoric and not indefinite,
            needs_home=spec.role in ("supply", "acquire") and needs_home,
            indefinite=indefinite,
            has_object=has_object,
            trigger_start=hit.start,
            object_span=span,
            carried=link.carried and not mentions,
            dated=dated,
            # "The 1979 peace treaty", named by the year it was signed, has stood
            # since unless a cue says otherwise.
            default=(
                AgreementStatus.IN_FORCE if spec.status is AgreementStatus.SIGNED else spec.status
            )
            if dated
            else _default_status(
                text, cues, clause_span, hit, spec=spec, lexicon=lexicon, span=vote_span
            ),
        )
    ]


_RUN_GAP = frozenset({"", "the", "and", "and the", "or", "or the"})
"""What may stand between "brokered by" and a country, or between two of its go-betweens."""


def mediators_of(
    text: str, cues: SentenceCues, mentions: Sequence[CountryMention]
) -> frozenset[str]:
    """The countries a sentence names as go-betweens rather than parties.

    Those right after "brokered by" or "mediated by" ("brokered by Qatar and Turkey"),
    and one joined to "brokered" ("the US-brokered deal", "China brokered the truce").
    """
    found: set[str] = set()
    for hit in cues.of(CueKind.MEDIATOR):
        if text[hit.start : hit.end].lower().endswith((" by", " of")):
            at = hit.end
            for mention in mentions:
                if mention.start < at:
                    continue
                if text[at : mention.start].strip(" ,").lower() not in _RUN_GAP:
                    break
                found.add(mention.code)
                at = mention.end
        else:
            found.update(
                m.code for m in mentions if m.end <= hit.start and text[m.end : hit.start] in "- –"
            )
    return frozenset(found)


def _route(
    text: str,
    cues: SentenceCues,
    clause: tuple[int, int],
    hit: CueHit,
    *,
    triggers: Sequence[CueHit],
    mentions: Sequence[CountryMention],
) -> frozenset[str]:
    """The countries the flow named at ``hit`` passes through.

    "Gas delivered through Bulgaria", "across Georgia and Turkey", "through the Syrian
    grid".

    A route belongs to the agreement word nearest it: in "a pipeline ... after
    sanctions disrupted deliveries through Croatia" it is the deliveries'.
    """
    found: set[str] = set()
    for via in cues.within(CueKind.TRANSIT, *clause):
        low, high = sorted((hit.start, via.start))
        if any(low < t.start < high and t is not hit for t in triggers):
            continue
        at = via.end
        for mention in mentions:
            if mention.start < at:
                continue
            if mention.start >= clause[1]:
                break
            if text[at : mention.start].strip(" ,").lower() not in _RUN_GAP:
                break
            found.add(mention.code)
            at = mention.end
    return frozenset(found)


def _hedged_before(cues: SentenceCues, clause: tuple[int, int], hit: CueHit) -> bool:
    """Whether a hedge of the clause comes before the agreement word, and so covers it.

    A hedge reaches forward over its clause: "Russia has reportedly formed a joint
    venture" hedges the venture, while in "handed its grid to a joint venture, and
    economists say Laos may need deferrals" the hedge comes after the venture and is
    about something else.
    """
    return any(h.start < hit.start for h in cues.within(CueKind.HEDGE, *clause))


def _absorb(target: Draft, other: Draft) -> None:
    if target.dated:
        # "a review of the 2015 free trade agreement ... the first round of talks": the
        # talks are about what to change in an agreement that exists.
        target.statuses.extend(vote for vote in other.statuses if vote[2] not in _OPEN)
    else:
        target.statuses.extend(other.statuses)
    target.hedged = target.hedged and other.hedged
    for claim in other.evidence:
        if claim not in target.cited:
            target.cited.add(claim)
            target.evidence.append(claim)
    if target.supplier is None and other.supplier in target.parties:
        target.supplier, target.recipient = other.supplier, other.recipient
    if target.sector is None:
        target.sector = other.sector


def _merge_within(text: str, drafts: list[Draft]) -> list[Draft]:
    """Merge a sentence's drafts that are one agreement ("buy the S-400 system")."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.spec.generic, d.trigger_start)):
        home = None
        for other in kept:
            if set(other.parties) != set(draft.parties):
                continue
            inside = other.object_span[0] <= draft.trigger_start < other.object_span[1]
            same_sector = (
                draft.sector is None or other.sector is None or other.sector == draft.sector
            )
            contrary = (
                (draft.anaphoric and other.indefinite) or (draft.indefinite and other.anaphoric)
            ) and _BOUNDARY.search(
                text,
                min(draft.trigger_start, other.trigger_start),
                max(draft.trigger_start, other.trigger_start),
            )
            if contrary and not inside:
                continue  # "under the agreement, they would revive a pact": two agreements
            if (draft.spec.generic and same_sector) or inside or other.spec.kind == draft.spec.kind:
                home = other
                break
        if home is None:
            kept.append(draft)
        else:
            _absorb(home, draft)
            # "signed a memorandum to revive the project": the memorandum is about an
            # agreement the article already knows.
            if draft.anaphoric and not home.anaphoric:
                home.anaphoric, home.indefinite = True, False
    return kept


_MERGE_WINDOW = 200
"""How many of the article's latest agreements a new mention may merge with.

An article rarely names more; the bound keeps one that names thousands linear."""


def _same_noun(named: Draft, reference: Draft) -> bool:
    """Whether ``reference`` is the bare head word of ``named``'s name ("the treaty")."""
    words = reference.subject.lower().split()
    return len(words) == 1 and words[0] in named.subject.lower().split()


def _concluded(draft: Draft) -> bool:
    """Whether a draft's own cues have it signed or in force, and none has it talked of."""
    statuses = {status for _, _, status in draft.statuses}
    return bool(statuses & _CONCLUDED) and not statuses & _OPEN


_CONCLUDED = frozenset({AgreementStatus.SIGNED, AgreementStatus.IN_FORCE})
_OPEN = frozenset({AgreementStatus.PROPOSED, AgreementStatus.NEGOTIATING})


def merge_drafts(found: list[Draft], new: list[Draft]) -> None:
    """Add a sentence's drafts to the article's, merging mentions of one agreement.

    ``found`` holds the article's drafts so far, in order.
    """
    for draft in new:
        home = None
        if draft.carried and draft.anaphoric and found:
            # "Algeria suspended a 2002 friendship treaty with Madrid. The treaty remains
            # suspended.": the article's latest agreement, if its name repeats the word,
            # is the one meant, whatever pair the article is about.
            latest = found[-1]
            if set(latest.parties) != set(draft.parties) and _same_noun(latest, draft):
                _absorb(latest, draft)
                continue
        for other in reversed(found[-_MERGE_WINDOW:]):
            if set(other.parties) != set(draft.parties):
                continue
            if draft.spec.role == "talks" and other.spec.role != "talks" and _concluded(other):
                # "the revived talks" after "upgraded ties to a partnership in 2023": talks
                # on something new, not on what was concluded.
                continue
            if draft.anaphoric and (
                draft.spec.generic or draft.sector is None or draft.sector == other.sector
            ):
                home = other  # "the deal", "the purchase": the latest one of the pair
                break
            if (
                draft.sector is not None
                and other.sector is not None
                and draft.sector != other.sector
            ):
                continue
            if (other.spec.kind == draft.spec.kind and not draft.spec.generic) or (
                not draft.has_object and not draft.spec.generic
            ):
                home = other
                break
        if home is None:
            if not draft.needs_home:
                found.append(draft)
        else:
            _absorb(home, draft)
