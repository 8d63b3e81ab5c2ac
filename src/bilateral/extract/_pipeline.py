"""The extraction pipeline: text in, a validated :class:`~bilateral.Dataset` out.

1. One scan finds every country, group and trap name (``_scan``); the context rules
   keep the mentions that refer to states (``_mentions``). A text naming fewer than
   two countries (or one and no group) relates nothing and ends here.
2. The text is split into sentences (``_segment``). Until a sentence links two
   countries there is no pair to carry, so only the sentences that name two (or a
   country and a group) are read; from the first link on, all are. The cues of the
   sentences read are found by a second scan, and each sentence is divided into
   clauses at its clause breaks.
3. A sentence that relates countries — two countries and a relational cue, a country
   and a group, or a reference back to the pair the article is about ("the two
   countries", "the deal") — yields claims: one per run of clauses that share their
   certainty, polarity and source (``_cues``).
4. The sentence's links between countries (``_relations``) give evidence for
   relationships per pair and sector; its trigger cues give agreements
   (``_agreements``).
5. Relationships with enough evidence and all agreements are frozen, with ids and
   evidence claim ids, into one dataset. The objects are built by ``_build``, which
   checks what the model's constructors check and skips their conversions.

Every step is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

from bilateral._dataset import Dataset
from bilateral._enums import AgreementStatus, AliasKind, Certainty, Polarity, Sector
from bilateral._model import Agreement, Claim, Document, Relationship

from . import _build
from ._agreements import Draft, mediators_of, merge_drafts, sentence_drafts
from ._cues import (
    Attribution,
    SentenceCues,
    adverb_source,
    clause_spans,
    filter_cues,
    find_attribution,
    find_time,
    hedging,
    less_certain,
    sector_hits,
)
from ._lexicon import CueKind, Lexicon, default_lexicon
from ._mentions import CountryMention, GroupMention, resolve_mentions
from ._relations import (
    SUBJECTS_PARTICIPLE_BEFORE,
    Actor,
    Link,
    actors_of,
    find_links,
    pair_sectors,
    pairs_of,
    trend_of,
)
from ._scan import CueHit, Scan, compiled, country_name, fold, scan_cues, scan_names
from ._segment import DEFAULT_MAX_CHARS, Segmenter, sentence_spans

__all__ = ["extract"]

_RELATIONAL_KINDS = frozenset(
    {
        CueKind.RELATIONAL,
        CueKind.GENERAL,
        CueKind.TRIGGER,
        CueKind.SECTOR,
        CueKind.ANAPHOR,
    }
)
_REFERRING_KINDS = frozenset({CueKind.ANAPHOR, CueKind.ANAPHORIC_NOUN, CueKind.TRIGGER})
_CARRY_DISTANCE = 2
"""A sentence naming no country continues the pair of the last this many sentences."""

_GROUP_SIZES = {"three": 3, "trio": 3, "four": 4, "five": 5}
"""How many countries "the three countries", "all four" and the like stand for. The
sentence may name that many, or one more (the group and a country it deals with)."""

_WEAK = 0.5
"""How much a sentence naming two countries it does not link says about their pair."""

_REFERENCE = 0.5
"""How much a sentence referring back to the pair ("this cooperation") says about it."""

_IMPLICIT = 0.3
"""How much a sentence naming one of the pair, in its context, says about the pair."""

_RELATIONSHIP_WEIGHT = 1.0
"""Evidence a (pair, sector) needs: one plain sector cue, or two weak ones."""

_SECONDARY_WEIGHT = 0.5
"""Evidence a further sector of a pair needs once the article relates the pair in
another: "By April it had signed a memorandum allowing American troops to rotate
through former US bases" adds military to a pair already related in trade."""

_DESCRIPTION_CHARS = 160

_NO_CODES: frozenset[str] = frozenset()

_SUBJECTS = 2
"""How many countries an article is about: the ones its claims name most."""

_SUBJECT_MIN_CLAIMS = 3
"""How many claims must name a country for the article to be about it: in a text of a
sentence or two, no country is its subject."""

_SUBJECT_CLAIM_COUNTRIES = 4
"""The most countries a claim may name and still relate the article's subjects to
the others it names: a longer list enumerates more often than it relates."""

_ALL_SECTORS = tuple(Sector)
"""The sectors in their declared order (iterating the enum class itself is slower)."""


def _group_size(phrase: str) -> int:
    """The number of countries a group phrase names ("the four countries": 4)."""
    for word, size in _GROUP_SIZES.items():
        if word in phrase:
            return size
    return 3


class _Evidence:
    __slots__ = ("cited", "claims", "linked", "trends", "weight")

    def __init__(self) -> None:
        self.weight = 0.0
        # A sentence links the pair and names this sector, if only further off.
        self.linked = False
        self.claims: list[str] = []
        self.cited: set[str] = set()  # the ids in `claims`, for quick lookup
        self.trends: list[str] = []


class _ClaimPart:
    __slots__ = ("attribution", "certainty", "end", "hedged", "polarity", "start")

    def __init__(
        self,
        start: int,
        end: int,
        certainty: Certainty,
        polarity: Polarity,
        attribution: Attribution | None,
        *,
        hedged: bool,
    ) -> None:
        self.start = start
        self.end = end
        self.certainty = certainty
        self.polarity = polarity
        self.attribution = attribution
        self.hedged = hedged

    def state(self) -> tuple[Certainty, Polarity, str | None]:
        source = self.attribution.source if self.attribution else None
        return self.certainty, self.polarity, source


_IT_SUBJECT = re.compile(
    r"(?:It|(?:(?:Since|In|By|Until|During)\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d"
    r"|(?:Last|This|Earlier|Later)\s+(?:year|month|week|spring|summer|autumn|winter)),?\s+it)"
    r"\s+(?:(?:has|have|had|also|already|now|still|then|later|recently|currently)\s+)*"
    r"(?!(?:is|was|has|had|seems|appears|remains|means|looks|matters|says|said)\b)"
    r"[a-z]+(?:s|ed)\b"
)
"""A sentence opening on "It" and a verb, perhaps after a date ("Since 2022 it has
supplied"): the pronoun is a subject, not "It is unclear"."""

_ITS_SUBJECT = re.compile(r"Its\s+(?:[a-z]+\s+){0,2}[a-z]+s\s+(?:have|had|were|are|was)\b")
"""A sentence opening on what "Its" country has: "Its forces were pushed out of Mali"."""

_LEADING_ASIDE = re.compile(r"\s*,\s*(?:which|who|whose)\b[^,;:()]{1,160},")


def _first_word(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is the sentence's first word, after quotes and perhaps "the"."""
    return text[start:pos].strip(" \"'“‘(").lower() in ("", "the")


def _aside_end(text: str, start: int, first: Actor) -> int:
    """Where a relative clause about the sentence's opening country ends, or -1.

    "Ethiopia, which lost its coastline when Eritrea became independent, sends ...":
    the position after the comma that closes the relative clause.
    """
    if not _first_word(text, start, first.start):
        return -1
    match = _LEADING_ASIDE.match(text, first.end)
    return match.end() if match else -1


_QUOTE_MARK = re.compile('[“”"]')
_QUOTE_SENTENCES = 6
"""The longest quotation, in sentences, whose speaker is carried to all its sentences."""


def _quote_voices(
    text: str,
    sentences: Sequence[tuple[int, int]],
    cues: Sequence[SentenceCues],
    countries: Sequence[Sequence[CountryMention]],
    groups: Sequence[Sequence[GroupMention]],
) -> dict[int, Attribution]:
    """The speaker of each sentence that is part of a quotation over several sentences.

    '"The Indians are serious partners. The Chinese move faster," said a board member':
    the speaker named where the quotation closes (or, failing that, where it opens)
    speaks every sentence of it. Keys are positions in ``sentences``.
    """
    voices: dict[int, Attribution] = {}
    inside = False
    opened = 0
    for i, (start, end) in enumerate(sentences):
        was_inside = inside
        if (
            text.find('"', start, end) != -1
            or text.find("“", start, end) != -1
            or text.find("”", start, end) != -1
        ):  # most sentences hold no quotation mark: no need to run the pattern
            for mark in _QUOTE_MARK.finditer(text, start, end):
                ch = mark.group()
                inside = (ch == "“") if ch != '"' else not inside
        if not was_inside and inside:
            opened = i
        elif was_inside and not inside and 0 < i - opened < _QUOTE_SENTENCES:
            speaker = None
            for at in (i, opened):
                s, e = sentences[at]
                speaker = find_attribution(
                    text, s, e, cues[at], mentions=countries[at], groups=groups[at]
                )
                if speaker is not None:
                    break
            if speaker is not None:
                for at in range(opened, i + 1):
                    voices[at] = speaker
    return voices


def _bucket(starts: Sequence[int], sentence_starts: Sequence[int]) -> list[int]:
    return [bisect.bisect_right(sentence_starts, s) - 1 for s in starts]


def _noun_references(
    cues: SentenceCues, folded: str, determiners: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Where a sentence refers back to something of the pair it continues.

    A relational noun with a determiner shortly before it: "this cooperation", "the
    deal", "the talks".
    """
    return sorted(
        (hit.start, hit.end)
        for hit in cues.of(CueKind.ANAPHORIC_NOUN)
        if determiners.search(folded, max(0, hit.start - 24), hit.start)
    )


def extract(
    text: str,
    document_id: str = "document",
    *,
    title: str | None = None,
    lexicon: Lexicon | None = None,
    segmenter: Segmenter | None = None,
) -> Dataset:
    """Build claims, agreements and relationships from an English news text.

    Use it on articles nobody has annotated. Every claim quotes an exact span of one
    sentence (``text[claim.start:claim.end] == claim.text``), with the certainty its
    words allow, its polarity and its source; every agreement and relationship lists
    the claims it rests on. Extraction never states more certainty than the text
    does, and never raises on any text: an empty text, or one that names no country,
    gives a dataset holding only the document.

    >>> data = extract("Russia reportedly offered to supply Pakistan with gas.", "a1")
    >>> claim = data.claims[0]
    >>> claim.countries, claim.certainty.value, claim.attribution
    (('PAK', 'RUS'), 'possible', 'reports')
    >>> [(a.subject, a.status.value) for a in data.agreements]
    [('gas supply', 'proposed')]

    Args:
        text: The article, exactly as received.
        document_id: The id of the document; claim, agreement and relationship ids
            are built from it (``"a1:x1"``).
        title: The headline, if known, recorded on the document.
        lexicon: The cue lexicon (the packaged one by default; see
            :func:`load_lexicon`).
        segmenter: The sentence splitter (the rule-based one by default).

    Returns:
        A validated dataset with one document.

    Raises:
        DataError: ``document_id`` is not a valid id (it is empty or has spaces).
    """
    lex = lexicon or default_lexicon()
    document = _build.document(document_id, text, title)
    if not text.strip():
        return _build.dataset(document, (), (), (), generation=0)
    return _Extraction(text, document_id, lex, segmenter).run(document)


_TOPIC_MIN = 3.0
"""How much sector evidence an article needs before its leading sector is its topic."""
_TOPIC_LEAD = 1.5
"""How far the topic must lead the next sector."""


class _Extraction:
    """The state of one extraction, sentence by sentence."""

    def __init__(
        self, text: str, document_id: str, lexicon: Lexicon, segmenter: Segmenter | None
    ) -> None:
        self.text = text
        self.document_id = document_id
        self.lexicon = lexicon
        self.segmenter = segmenter
        self.claims: list[Claim] = []
        self.evidence: dict[tuple[tuple[str, str], Sector], _Evidence] = {}
        self.drafts: list[Draft] = []
        self.topic: tuple[str, ...] | None = None
        self.topic_sentence = -10
        self.subject: str | None = None
        self.pair_counts: dict[tuple[str, ...], int] = {}
        self.compared: dict[str, frozenset[str]] = {}
        self.sector_weights: dict[Sector, float] = {}
        self.machine = compiled(lexicon)
        self.former: frozenset[str] = self.machine.former
        self.folded = ""

    def run(self, document: Document) -> Dataset:
        text = self.text
        machine = self.machine
        folded = fold(text)
        self.folded = folded
        mentions = resolve_mentions(
            text, Scan(folded, scan_names(text, folded, machine), []), machine
        )
        if not _may_relate(mentions.countries, bool(mentions.groups)):
            # Fewer than two countries, or one and no group: nothing relates.
            return _build.dataset(document, (), (), (), generation=machine.generation)
        sentences = sentence_spans(text, segmenter=self.segmenter, max_chars=DEFAULT_MAX_CHARS)
        if not sentences:
            return _build.dataset(document, (), (), (), generation=machine.generation)
        starts = [s for s, _ in sentences]
        by_sentence_countries: list[list[CountryMention]] = [[] for _ in sentences]
        for mention, index in zip(
            mentions.countries, _bucket([m.start for m in mentions.countries], starts), strict=True
        ):
            if index >= 0 and mention.end <= sentences[index][1]:
                by_sentence_countries[index].append(mention)
        by_sentence_groups: list[list[GroupMention]] = [[] for _ in sentences]
        for group, index in zip(
            mentions.groups, _bucket([g.start for g in mentions.groups], starts), strict=True
        ):
            if index >= 0 and group.end <= sentences[index][1]:
                by_sentence_groups[index].append(group)
        # A cue inside a name is part of the name ("States" in "United States"); a
        # place trap hides every word in it ("Bank" in "West Bank").
        hidden = sorted(
            [(s, e, True) for s, e, kind in mentions.traps if kind == "place"]
            + [(m.start, m.end, False) for m in mentions.countries]
            + [(g.start, g.end, False) for g in mentions.groups]
        )
        hidden_ends = [e for _, e, _ in hidden]
        # Until a sentence links two countries, the article has no pair to carry, and a
        # sentence that names fewer than two countries (or a country and a group) can
        # say nothing: only the sentences that may relate are read, cues and all. From
        # the first link on, every sentence is.
        count = len(sentences)
        index = 0
        while index < count:
            if self.topic is None:
                if not _may_relate(by_sentence_countries[index], bool(by_sentence_groups[index])):
                    index += 1
                    continue
                span_end = sentences[index][1]
                last = index
            else:
                span_end = len(text)
                last = count - 1
            found = scan_cues(text, folded, machine, sentences[index][0], span_end)
            by_sentence_cues = _by_sentence(
                filter_cues(found, folded),
                sentences,
                index,
                last,
                hidden=hidden,
                hidden_ends=hidden_ends,
            )
            block = [SentenceCues(hits) for hits in by_sentence_cues]
            voices = _quote_voices(
                text,
                sentences[index : last + 1],
                block,
                by_sentence_countries[index : last + 1],
                by_sentence_groups[index : last + 1],
            )
            for at in range(index, last + 1):
                start, end = sentences[at]
                self.sentence(
                    at,
                    start,
                    end,
                    countries=by_sentence_countries[at],
                    groups=by_sentence_groups[at],
                    cues=block[at - index],
                    voice=voices.get(at - index),
                )
            index = last + 1
        return _build.dataset(
            document,
            self.claims,
            self.agreements(),
            self.relationships(),
            generation=machine.generation,
        )

    # --- one sentence -----------------------------------------------------------------

    def sentence(
        self,
        index: int,
        start: int,
        end: int,
        *,
        countries: list[CountryMention],
        groups: list[GroupMention],
        cues: SentenceCues,
        voice: Attribution | None = None,
    ) -> None:
        """Extract one sentence: its claims, relationship evidence and agreements.

        The sentence's countries are linked where it relates them; with no link of its
        own it may continue the article's current pair ("the deal", "the two
        countries", or one of the pair acting again).
        """
        kinds = cues.by_kind.keys()
        # "Ethiopia exports power to Kenya. It also supplies Djibouti": "It" is the
        # country that opened the sentence before.
        it = (
            self.subject
            if _IT_SUBJECT.match(self.text, start) or _ITS_SUBJECT.match(self.text, start)
            else None
        )
        opening = countries[0] if countries else None
        self.subject = (
            opening.code
            if opening is not None
            and not opening.venue
            and _first_word(self.text, start, opening.start)
            else None
        )
        recent = self.topic is not None and index - self.topic_sentence <= _CARRY_DISTANCE
        relational = not kinds.isdisjoint(_RELATIONAL_KINDS)
        # Someone speaking just after the pair was named speaks of the pair: '"The
        # grapes went bad," said a driver at the border.' So does one of the pair,
        # however far on: "Uganda denied any involvement."
        own_country = (
            self.topic is not None
            and len(countries) == 1
            and not countries[0].venue
            and countries[0].code in self.topic
        )
        voiced = (recent or own_country) and (
            voice is not None
            or CueKind.SPEECH_VERB in kinds
            or CueKind.OPINION_VERB in kinds
            or CueKind.HEDGE in kinds
        )
        if not (
            countries
            or groups
            or not kinds.isdisjoint(_REFERRING_KINDS)
            or (recent and (relational or voiced))
        ):
            return  # names no actor and refers to none: nothing to extract
        text, lex = self.text, self.lexicon
        former = self.former
        if (
            not groups
            and (self.topic is None or not (relational or voiced))
            and CueKind.ANAPHOR not in kinds
            and CueKind.ANAPHORIC_NOUN not in kinds
            and len({m.code for m in countries if not m.venue}) <= 1
        ):
            return  # one country at most, and nothing to relate it to
        clauses = clause_spans(text, start, end, cues)
        placed = _placed(text, countries)
        plain = [m for m in countries if not m.venue and m not in placed]
        actors = actors_of(plain, (), None)
        if it is not None and plain and any(m.code != it for m in plain):
            actors = [Actor(start, start + 2, (it,)), *actors]
        if len(actors) >= 2:
            actors = self.with_possessives(actors, start, end)
        explicit_links = find_links(
            text,
            actors,
            cues,
            clauses,
            lex,
            groups=groups,
            link_words=self.machine.link_re,
            topic_words=self.machine.topic_re,
        )
        links = explicit_links
        anaphors = [(h.start, h.end) for h in cues.of(CueKind.ANAPHOR)]
        if anaphors:
            links = self.with_anaphors(
                plain,
                anaphors,
                explicit_links=explicit_links,
                cues=cues,
                clauses=clauses,
                groups=groups,
            )
        linked = {c for link in links for c in link.codes}
        explicit = list(
            dict.fromkeys(m.code for m in plain if m.code not in former or m.code in linked)
        )
        if CueKind.GROUP_ANAPHOR in kinds and (len(explicit) >= 3 or self.topic is not None):
            # "..., and the three countries signed a pact": all of them act together.
            hit = cues.of(CueKind.GROUP_ANAPHOR)[0]
            size = _group_size(self.folded[hit.start : hit.end])
            group: tuple[str, ...] = ()
            if len(explicit) >= 3 and size <= len(explicit) <= size + 1:
                group = tuple(sorted(explicit))
            elif self.topic is not None and explicit and not set(explicit) <= set(self.topic):
                # "They (the pair) ... with Australia ..., launched by the three
                # countries": the pair and the countries the sentence adds to it.
                members = set(explicit) | set(self.topic)
                if len(members) == size:
                    group = tuple(sorted(members))
            if group:
                links = [*links, Link(group, hit.start, hit.end, tight=True)]
        noun_refs = (
            _noun_references(cues, self.folded, self.machine.determiner_re)
            if self.topic is not None and cues.has(CueKind.ANAPHORIC_NOUN)
            else []
        )
        speaker_context: tuple[str, ...] = ()
        joining: list[Link] = []
        if not links and len(explicit) == 2 and relational:
            # Two countries in one relational sentence, too far apart to link: a weak link.
            links = [Link(tuple(sorted(explicit)), start, end, tight=False, strength=_WEAK)]
        elif not links and self.topic is not None:
            topic = self.topic
            inside = set(explicit) <= set(topic)
            if (
                len(explicit) == 1
                and not inside
                and (recent or noun_refs)
                and CueKind.TRIGGER in kinds
                and CueKind.NEGATION not in kinds
                and _opens(text, start, plain[0].start)
            ):
                # A third country acting on the pair's deal or project: "Egypt is also
                # expected to join the scheme", "China opposed the pact". It relates
                # to both; one that "is not part of the project" relates to neither.
                joining = [
                    Link(_pair(explicit[0], other), start, end, tight=False)
                    for other in topic
                    if other != explicit[0]
                ]
                links = joining
            elif noun_refs and (inside or len(explicit) <= 1):
                links = [Link(topic, start, end, tight=False, strength=_REFERENCE)]
            elif recent and relational and inside:
                # "Critical minerals may matter more in the short run", "the deal": a
                # sentence about relations that names no country, or only the pair's,
                # continues the pair's story.
                links = [Link(topic, start, end, tight=False, strength=_IMPLICIT)]
            elif voiced and len(explicit) <= 1:
                speaker_context = topic
        elif links and self.topic is not None and self.topic not in {k.codes for k in links}:
            # "This evolving defence cooperation can alter ..., where India and Pakistan
            # ...": a reference back before the sentence names its own countries.
            first = min((m.start for m in plain), default=end)
            before = [(a, b) for a, b in noun_refs if b <= first]
            if before:
                a, b = before[0]
                links = sorted(
                    [*links, Link(self.topic, a, b, tight=False, strength=_REFERENCE)],
                    key=lambda link: link.start,
                )
        if not (
            links
            or speaker_context
            or (len(explicit) >= 2 and relational)
            or (explicit and groups and relational)
        ):
            return
        go_betweens: frozenset[str] = (
            mediators_of(text, cues, plain) if CueKind.MEDIATOR in kinds else frozenset()
        )
        pair = self.topic
        if (
            recent
            and pair is not None
            and go_betweens
            and CueKind.TRIGGER in kinds
            and set(explicit) <= go_betweens
            and go_betweens.isdisjoint(pair)
        ):
            # "A ceasefire brokered by Qatar and Turkey has held": the go-betweens' deal
            # is the pair's.
            links = [*links, Link(pair, start, end, tight=False, strength=_REFERENCE)]
        codes = tuple(
            sorted(
                {
                    *explicit,
                    *(c for link in links for c in link.codes),
                    *speaker_context,
                    *(m.code for m in placed),
                }
            )
        )
        group_ids = tuple(sorted({g.group for g in groups}))
        sectors = sector_hits(cues)
        for _, sector, weight in sectors:
            self.sector_weights[sector] = self.sector_weights.get(sector, 0.0) + weight
        parts = self.claim_parts(
            start,
            end,
            clauses=clauses,
            cues=cues,
            countries=countries,
            groups=groups,
            voice=voice,
        )
        claim_ids: list[tuple[int, int, str]] = []
        clause_info: list[tuple[tuple[int, int], bool, str]] = []
        sentence_sectors = _claim_sectors(sectors, start, end) or (
            self.topic_sector(links[0]) if links else Sector.DIPLOMATIC,
        )
        compared = _compared(plain, cues, clauses) if CueKind.COMPARISON in kinds else _NO_CODES
        if placed:
            compared = compared | {m.code for m in placed}
        for part in parts:
            claim_id = f"{self.document_id}:x{len(self.claims) + 1}"
            claim_sectors = (
                _claim_sectors(sectors, part.start, part.end) if len(parts) > 1 else None
            ) or sentence_sectors
            self.claims.append(
                _build.claim(
                    id=claim_id,
                    document=self.document_id,
                    start=part.start,
                    end=part.end,
                    text=text[part.start : part.end],
                    countries=codes,
                    sectors=claim_sectors,
                    certainty=part.certainty,
                    polarity=part.polarity,
                    attribution=part.attribution.source if part.attribution else None,
                    groups=group_ids,
                    time=find_time(text, part.start, part.end, cues),
                )
            )
            claim_ids.append((part.start, part.end, claim_id))
            if compared:
                self.compared[claim_id] = compared
            clause_info.extend(
                (clause, part.hedged, claim_id)
                for clause in clauses
                if part.start <= clause[0] < part.end or clause[0] <= part.start < clause[1]
            )
        self.relationship_evidence(
            links,
            sectors=sectors,
            cues=cues,
            claim_ids=claim_ids,
            clauses=clauses,
            mentions=[(m.start, m.code) for m in plain],
        )
        # A pair merely implied by context proposes no new agreement.
        agreement_links = [
            link for link in links if link.strength > _IMPLICIT and link not in joining
        ]
        if cues.has(CueKind.TRIGGER) and agreement_links:
            drafts = sentence_drafts(
                text,
                cues,
                links=agreement_links,
                clauses=clause_info,
                sectors=sectors,
                mentions=plain,
                lexicon=lex,
                folded=self.folded,
                determiners=self.machine.determiner_re,
                mediators=go_betweens,
            )
            merge_drafts(self.drafts, drafts)
        own = [link for link in explicit_links if not link.carried]
        if own:
            # The pair the article is about: the one it has linked most often (the
            # latest of equals), not merely the last one named.
            counts = self.pair_counts
            for link in own:
                counts[link.codes] = counts.get(link.codes, 0) + 1
            latest = own[0].codes
            if self.topic is None or counts[latest] >= counts.get(self.topic, 0):
                self.topic = latest
            self.topic_sentence = index
        elif links:
            self.topic_sentence = index

    def with_possessives(self, actors: list[Actor], start: int, end: int) -> list[Actor]:
        """The actors, with each possessive pronoun standing for the country before it.

        "North Korea supplied Russia with shells for its war in Ukraine": "its" is
        Russia, the nearest country named before it, and is an actor only when a
        country is named after it too.
        """
        found = self.machine.possessive_re
        added: list[Actor] = []
        aside_end = _aside_end(self.text, start, actors[0]) if actors else -1
        at = start
        while True:
            match = found.search(self.folded, at, end)
            if match is None:
                break
            at = match.end()
            before = [a for a in actors if a.end <= match.start()]
            if before and any(a.start >= at for a in actors):
                # After "Ethiopia, which lost its coastline when Eritrea became
                # independent," "its trade" is the subject's again.
                owner: Actor | None = actors[0] if 0 <= aside_end <= match.start() else before[-1]
                if SUBJECTS_PARTICIPLE_BEFORE.search(
                    self.text, max(start, match.start() - 40), match.start()
                ):
                    # "Niger turned to Russia after renouncing its accords with France":
                    # the subject's own act; with no country opening the sentence, no
                    # country is the owner.
                    first = actors[0]
                    owner = first if _first_word(self.text, start, first.start) else None
                if owner is not None:
                    added.append(Actor(match.start(), at, owner.codes))
        if not added:
            return actors
        return sorted([*actors, *added], key=lambda actor: actor.start)

    def with_anaphors(
        self,
        plain: list[CountryMention],
        anaphors: list[tuple[int, int]],
        *,
        explicit_links: list[Link],
        cues: SentenceCues,
        clauses: list[tuple[int, int]],
        groups: list[GroupMention],
    ) -> list[Link]:
        """The sentence's links, with "the two countries" standing for its pair.

        That is the pair the sentence has just linked, or else the two countries it has
        just named ("Eritrea's port, which Ethiopia used before the two countries'
        war"), or else the article's current pair.
        """
        text = self.text
        actors = actors_of(plain, (), None)
        for a, b in anaphors:
            earlier = [
                k for k in explicit_links if k.end <= a and len(k.codes) >= 2 and not k.apposition
            ]
            named = tuple(sorted({m.code for m in plain if m.end <= a}))
            topic: tuple[str, ...] | None
            if earlier:
                topic = earlier[0].codes
            elif len(named) == 2 and not any(k.end <= a for k in explicit_links):
                topic = named  # not an apposition's pair: "X, Y's supplier, urged both sides"
            elif len(named) >= 3:
                # "Turkey, Sweden and Finland signed a memorandum in which the two
                # applicants promised": two of those named, not the article's pair.
                topic = None
            else:
                topic = self.topic
            if topic is not None:
                actors.append(Actor(a, b, topic))
        actors.sort(key=lambda actor: actor.start)
        return find_links(
            text,
            actors,
            cues,
            clauses,
            self.lexicon,
            groups=groups,
            link_words=self.machine.link_re,
            topic_words=self.machine.topic_re,
        )

    def claim_parts(
        self,
        start: int,
        end: int,
        *,
        clauses: list[tuple[int, int]],
        cues: SentenceCues,
        countries: Sequence[CountryMention],
        groups: Sequence[GroupMention],
        voice: Attribution | None = None,
    ) -> list[_ClaimPart]:
        """The claims of a relational sentence.

        One claim per run of clauses that share their certainty, polarity and source.
        ``voice`` is the speaker of a quotation the sentence is part of.
        """
        text, lex = self.text, self.lexicon
        source = (
            find_attribution(text, start, end, cues, mentions=countries, groups=groups) or voice
        )
        parts: list[_ClaimPart] = []
        for clause_start, clause_end in clauses:
            certainty, polarity = hedging(cues, clause_start, clause_end)
            hedged = certainty is not Certainty.CERTAIN
            attribution = source or adverb_source(cues, clause_start, clause_end)
            if attribution is not None and not attribution.named:
                certainty = less_certain(certainty, lex.unnamed_certainty)
            part = _ClaimPart(
                clause_start, clause_end, certainty, polarity, attribution, hedged=hedged
            )
            if parts and parts[-1].state() == part.state():
                parts[-1].end = clause_end
                parts[-1].hedged = parts[-1].hedged or hedged
            else:
                parts.append(part)
        if len(parts) == 1:
            parts[0].start, parts[0].end = start, end
        return parts

    def relationship_evidence(
        self,
        links: list[Link],
        *,
        sectors: list[tuple[int, Sector, float]],
        cues: SentenceCues,
        claim_ids: list[tuple[int, int, str]],
        clauses: list[tuple[int, int]],
        mentions: list[tuple[int, str]],
    ) -> None:
        if not links:
            return
        trends = [h.cue.value for h in cues.of(CueKind.TREND)]
        if any(link.route for link in links):
            links = [link for link in links if not link.route]
        weights_by_link = pair_sectors(
            self.text, links, sectors, clauses, mentions, fallback=self.topic_sector
        )
        evidence = self.evidence
        for link, weights in zip(links, weights_by_link, strict=True):
            claim_id = _claim_at(claim_ids, link.start)
            # A pair the sentence itself links is related, in the sector it names even
            # far from the pair ("France left Mali and Niger, whose military
            # governments were hostile"), as it is in a sentence naming no sector.
            top = (
                None
                if link.carried or link.tight or link.strength < 1.0
                else max(weights.items(), key=lambda item: item[1], default=(None, 0.0))[0]
            )
            for pair in pairs_of(link):
                for sector, weight in weights.items():
                    # Not setdefault, which would build an _Evidence for every call.
                    item = evidence.get((pair, sector))
                    if item is None:
                        item = evidence[pair, sector] = _Evidence()
                    item.weight += weight
                    if sector is top:
                        item.linked = True
                    if claim_id not in item.cited:
                        item.cited.add(claim_id)
                        item.claims.append(claim_id)
                        item.trends.extend(trends)

    def pair_sector_weights(self, pairs: Iterable[tuple[str, str]]) -> dict[Sector, float]:
        """How much relationship evidence the article has so far for ``pairs``, by sector."""
        own: dict[Sector, float] = {}
        for pair in pairs:
            for sector in _ALL_SECTORS:
                item = self.evidence.get((pair, sector))
                if item is not None:
                    own[sector] = own.get(sector, 0.0) + item.weight
        return own

    def topic_sector(self, link: Link) -> Sector:
        """The sector of a sentence that relates a pair but names no sector.

        The sector the pair's own evidence so far weighs most ("Saudi Arabia has not
        joined" in an article on a fighter programme); for a pair not seen before, the
        sector the article has named most, once it clearly leads (named at least
        ``_TOPIC_MIN`` times, ``_TOPIC_LEAD`` times as often as any other); otherwise
        diplomatic.
        """
        own = self.pair_sector_weights(pairs_of(link))
        if own:
            return max(own.items(), key=lambda item: item[1])[0]
        ranked = sorted(self.sector_weights.items(), key=lambda item: item[1], reverse=True)
        if not ranked:
            return Sector.DIPLOMATIC
        top, weight = ranked[0]
        if weight < _TOPIC_MIN or (len(ranked) > 1 and weight < _TOPIC_LEAD * ranked[1][1]):
            return Sector.DIPLOMATIC
        return top

    def agreement_sector(self, parties: Sequence[str]) -> Sector:
        """The sector of an agreement whose clauses name none ("the two signed a treaty").

        The sector the article's evidence on its parties weighs most: a memorandum
        between two countries whose relations the article describes as energy is an
        energy memorandum. Diplomatic when the article relates the parties in no sector.
        """
        codes = sorted(set(parties))
        own = self.pair_sector_weights((a, b) for i, a in enumerate(codes) for b in codes[i + 1 :])
        if not own:
            return Sector.DIPLOMATIC
        return max(own.items(), key=lambda item: item[1])[0]

    # --- the whole text ---------------------------------------------------------------

    def subject_pairs(
        self, related: set[tuple[str, str]]
    ) -> dict[tuple[tuple[str, str], Sector], list[str]]:
        """Pairs a claim relates through the article's subjects, with their evidence.

        An article is about the two countries its claims name most, each named in at
        least ``_SUBJECT_MIN_CLAIMS`` claims. A claim about relations that names one or
        both of them, and up to ``_SUBJECT_CLAIM_COUNTRIES`` countries in all, relates
        each subject it names to each other country, even with no relation word
        between them: "Lawmakers accused the Mexican government of propping up the
        Cuban government" in an article on Cuba; "Burkina Faso, like Mali, is Niger's
        partner in the alliance" in one on Niger; "They agreed on the line after talks
        mediated by Ethiopia" in one on Kenya and Tanzania. It does not relate the
        other countries to each other, nor a country it only compares a subject with
        ("below that of Bhutan"). A pair related only this way is related in the
        claim's leading sector, the first it names. Longer lists enumerate more often
        than they relate: the pairs such a claim links itself are all it relates.
        """
        counts: dict[str, int] = {}
        for claim in self.claims:
            for code in claim.countries:
                counts[code] = counts.get(code, 0) + 1
        ranked = sorted(counts, key=lambda code: -counts[code])  # stable: first named first
        subjects = {code for code in ranked[:_SUBJECTS] if counts[code] >= _SUBJECT_MIN_CLAIMS}
        found: dict[tuple[tuple[str, str], Sector], list[str]] = {}
        for claim in self.claims:
            named = claim.countries
            if not 2 <= len(named) <= _SUBJECT_CLAIM_COUNTRIES or not claim.sectors:
                continue
            own = [code for code in named if code in subjects]
            if not own or len(own) == len(named):
                continue
            compared = self.compared.get(claim.id, _NO_CODES)
            sector = claim.sectors[0]
            for subject in own:
                for other in named:
                    if other in own or other in compared:
                        continue
                    pair = _pair(subject, other)
                    if pair not in related:
                        found.setdefault((pair, sector), []).append(claim.id)
        return found

    def relationships(self) -> tuple[Relationship, ...]:
        built: list[Relationship] = []
        claims = {c.id: c for c in self.claims}
        related = {
            pair
            for (pair, _), item in self.evidence.items()
            if item.linked or item.weight >= _RELATIONSHIP_WEIGHT
        }
        kept = [
            (key, item)
            for key, item in self.evidence.items()
            if item.linked
            or item.weight >= (_SECONDARY_WEIGHT if key[0] in related else _RELATIONSHIP_WEIGHT)
        ]
        shown = {pair for (pair, _), _ in kept}
        for key, ids in self.subject_pairs(shown).items():
            item = _Evidence()
            item.claims = ids
            kept.append((key, item))
        for (pair, sector), item in kept:
            trend = trend_of(item.trends)
            first = claims[item.claims[0]].text
            if len(first) > _DESCRIPTION_CHARS:
                first = first[: _DESCRIPTION_CHARS - 1].rstrip() + "…"
            names = "–".join(country_name(code) for code in pair)
            built.append(
                _build.relationship(
                    id=f"{self.document_id}:xr{len(built) + 1}",
                    parties=pair,
                    sector=sector,
                    trend=trend,
                    description=f"{names} {sector.value} relations ({trend.value}): {first}",
                    evidence=tuple(item.claims),
                )
            )
        return tuple(built)

    def agreements(self) -> tuple[Agreement, ...]:
        built: list[Agreement] = []
        for draft in self.drafts:
            if len(set(draft.parties)) < 2:
                continue
            if draft.sector is None:
                draft.sector = self.agreement_sector(draft.parties)
            status: AgreementStatus = draft.status(self.lexicon)
            supplier, recipient = draft.supplier, draft.recipient
            if (
                supplier not in draft.parties
                or recipient not in draft.parties
                or supplier == recipient
            ):
                supplier = recipient = None
            built.append(
                _build.agreement(
                    id=f"{self.document_id}:xa{len(built) + 1}",
                    parties=draft.parties,
                    subject=draft.subject,
                    sector=draft.sector,
                    status=status,
                    evidence=tuple(draft.evidence),
                    supplier=supplier,
                    recipient=recipient,
                )
            )
        return tuple(built)


def _by_sentence(
    cues: list[CueHit],
    sentences: list[tuple[int, int]],
    first: int,
    last: int,
    *,
    hidden: list[tuple[int, int, bool]],
    hidden_ends: list[int],
) -> list[list[CueHit]]:
    """The cues of sentences ``first`` to ``last``, one list each, but those hidden.

    A cue that runs past the end of its sentence belongs to none. A cue inside one of
    the ``hidden`` spans is dropped: they do not overlap and are in order, and
    ``hidden_ends`` are their ends. A span marked False keeps a cue that covers exactly
    the same characters ("IMF" is a group and a finance cue). One pass over the cues,
    which are in order of start, does both.
    """
    buckets: list[list[CueHit]] = [[] for _ in range(first, last + 1)]
    if not cues:
        return buckets
    count = len(hidden)
    span_at = bisect.bisect_right(hidden_ends, cues[0].start)
    at = first
    start, end = sentences[at]
    for hit in cues:
        hit_start = hit.start
        if hit_start >= end:
            while at < last and hit_start >= sentences[at][1]:
                at += 1
            start, end = sentences[at]
        if hit_start < start or hit.end > end:
            continue
        while span_at < count and hidden[span_at][1] <= hit_start:
            span_at += 1
        probe = span_at
        while probe < count and hidden[probe][0] <= hit_start:
            s, e, everything = hidden[probe]
            if hit_start < e and (everything or (s, e) != (hit_start, hit.end)):
                break
            probe += 1
        else:
            buckets[at - first].append(hit)
    return buckets


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


_OPENING_WORDS = 3
"""A country this many words or fewer into its sentence is its subject."""


def _opens(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is at the opening of the sentence that starts at ``start``.

    Within a few words of its start ("Egypt is ...", "Meanwhile, China's foreign
    ministry ..."), so the country named there is the sentence's subject.
    """
    return pos - start < 60 and len(text[start:pos].split()) <= _OPENING_WORDS


def _may_relate(countries: Sequence[CountryMention], groups: bool) -> bool:
    """Whether mentions can relate anything: two countries, or a country and a group."""
    codes = {m.code for m in countries if not m.venue}
    return len(codes) >= 2 or (bool(codes) and groups)


def _compared(
    mentions: Sequence[CountryMention], cues: SentenceCues, clauses: Sequence[tuple[int, int]]
) -> frozenset[str]:
    """The countries a sentence names only to compare with or to place by.

    "Below that of Bhutan", "unlike Chile", "north of Mali": a comparison word comes
    before them in their clause.
    """
    marks = [h.end for h in cues.of(CueKind.COMPARISON)]
    starts = [s for s, _ in clauses]
    found: set[str] = set()
    for mention in mentions:
        at = bisect.bisect_right(starts, mention.start)
        clause_start = starts[at - 1] if at else 0
        for mark in marks:
            if clause_start <= mark <= mention.start:
                found.add(mention.code)
                break
    return frozenset(found) if found else _NO_CODES


def _placed(text: str, countries: Sequence[CountryMention]) -> list[CountryMention]:
    """The countries named only to say where a meeting place is.

    The country of a venue capital, right after it and a comma ("in Malabo,
    Equatorial Guinea"). The text names them, so their claim does too, but they are
    no party to it.
    """
    found: list[CountryMention] = []
    for before, mention in itertools.pairwise(countries):
        if (
            before.venue
            and before.kind is AliasKind.METONYM
            and before.code == mention.code
            and not mention.venue
            and text[before.end : mention.start].strip() == ","
        ):
            found.append(mention)
    return found


def _claim_sectors(
    sectors: Sequence[tuple[int, Sector, float]], start: int, end: int
) -> tuple[Sector, ...]:
    """The sectors named in ``[start, end)``: those of plain cues, then of weak ones."""
    strong = [s for pos, s, w in sectors if start <= pos < end and w >= 1.0]
    weak = [s for pos, s, w in sectors if start <= pos < end and w < 1.0]
    return tuple(dict.fromkeys([*strong, *weak]))


def _claim_at(claim_ids: list[tuple[int, int, str]], pos: int) -> str:
    for start, end, claim_id in claim_ids:
        if start <= pos < end:
            return claim_id
    return claim_ids[0][2]
