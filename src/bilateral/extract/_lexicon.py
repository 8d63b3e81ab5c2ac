"""The cue lexicons: every word list extraction uses, loaded from TOML package data.

The packaged lexicons live in ``bilateral/data/lexicons/`` (one file per kind of cue,
each documented in its header). :func:`load_lexicon` reads them, plus any files a user
gives to extend or replace them, into one frozen :class:`Lexicon`. Nothing here is
compiled: the matcher that finds the cues in text is built from a lexicon on first
use (see ``_scan``).
"""

from __future__ import annotations

import enum
import functools
import tomllib
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from bilateral._countries import all_countries
from bilateral._enums import AgreementStatus, Certainty, Sector, Trend
from bilateral._errors import BilateralError, DataError, ValidationError
from bilateral._tomlpos import TomlPositions, error_line

if TYPE_CHECKING:
    from os import PathLike

__all__ = ["Cue", "CueKind", "Lexicon", "TriggerSpec", "default_lexicon", "load_lexicon"]

LEXICON_NAMES = (
    "sectors",
    "hedges",
    "attribution",
    "negation",
    "lifecycle",
    "agreements",
    "trend",
    "relations",
    "traps",
    "segment",
    "time",
    "leaders",
)
"""The packaged lexicon files, by stem."""


class CueKind(enum.StrEnum):
    """What a cue signals; each kind is read by one step of extraction."""

    HEDGE = "hedge"
    NEGATION = "negation"
    SOURCE_ADVERB = "source_adverb"
    SOURCE_INTRODUCER = "source_introducer"
    SPEECH_VERB = "speech_verb"
    OPINION_VERB = "opinion_verb"
    UNNAMED_SOURCE = "unnamed_source"
    LIFECYCLE = "lifecycle"
    MODAL = "modal"
    FUTURE = "future"
    TREND = "trend"
    SECTOR = "sector"
    SECTOR_WEAK = "sector_weak"
    SECTOR_MODIFIER = "sector_modifier"
    RELATIONAL = "relational"
    GENERAL = "general"
    ANAPHOR = "anaphor"
    ANAPHORIC_NOUN = "anaphoric_noun"
    GROUP_ANAPHOR = "group_anaphor"
    DETERMINER = "determiner"
    NON_SPECIFIC = "non_specific"
    MEDIATOR = "mediator"
    TRANSIT = "transit"
    LIST_INTRODUCER = "list_introducer"
    COMPARISON = "comparison"
    CLAUSE_BREAK = "clause_break"
    LEADING_CLAUSE = "leading_clause"
    LINK = "link"
    VENUE = "venue"
    MEETING_VENUE = "meeting_venue"
    TOPIC = "topic"
    COMMENTATOR = "commentator"
    OFFICIAL = "official"
    POSSESSIVE = "possessive"
    PARTICIPLE = "participle"
    CO_ACTOR = "co_actor"
    JOIN = "join"
    TRAP = "trap"
    TRIGGER = "trigger"
    TIME = "time"
    LEADER = "leader"
    NEWS = "news"
    HISTORY = "history"


_CASES = ("any", "lower", "exact")
_ROLES = ("noun", "supply", "acquire", "talks")


@attrs.frozen
class Cue:
    """One cue: a word or phrase, what it signals, and when it does not count.

    Attributes:
        text: The cue as written in the lexicon.
        kind: What it signals.
        value: The kind's value: a certainty for a hedge, a status for a lifecycle
            cue, a trend, a sector, a source name, a trigger kind, a trap kind.
        case: ``"any"``, ``"lower"`` (only when written in lower case) or
            ``"exact"`` (only exactly as written).
        not_before: The cue does not count when the next word is one of these.
        not_after: The cue does not count when the previous word is one of these.
        only_after: When given, the cue counts only when one of these words comes
            shortly before it in its sentence ("hosts" before "French forces").
        not_in_reported_speech: The cue does not count after a speech verb.
        not_in_future: For lifecycle cues: the cue does not count in a clause with a
            future or modal cue ("under the deal, Aramco will supply").
        negates: A hedge that also negates ("unlikely").
        priority: For lifecycle cues: which status wins when several apply.
        only_for: For lifecycle cues: the agreement kinds the cue applies to.
    """

    text: str
    kind: CueKind
    value: str = ""
    case: str = "any"
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    only_after: tuple[str, ...] = ()
    not_in_reported_speech: bool = False
    not_in_future: bool = False
    negates: bool = False
    priority: int = 0
    only_for: tuple[str, ...] = ()


@attrs.frozen
class TriggerSpec:
    """A kind of agreement and how its cues are read (see ``agreements.toml``).

    Attributes:
        kind: The label; mentions of one kind between the same parties merge.
        role: ``"noun"``, ``"supply"``, ``"acquire"`` or ``"talks"``.
        generic: Whether the cue can stand for any agreement ("deal").
        sector: The sector the cue fixes, if any.
        status: The status when no lifecycle cue applies.
        noun: For verbs, the word that names the subject ("supply").
        needs_cue: Whether the cue makes an agreement only where a lifecycle cue
            speaks of it ("upgraded ties to a strategic partnership").
        max_status: The furthest status the cue can have ("talks": negotiating).
        transit: Whether the countries a flow passes through are parties ("gas
            delivered through Bulgaria").
        plural_each: Whether the cue's plural names one agreement per partner
            ("agreements with Senegal and Gambia" are two).
    """

    kind: str
    role: str
    generic: bool
    sector: Sector | None
    status: AgreementStatus
    noun: str
    needs_cue: bool = False
    max_status: AgreementStatus | None = None
    transit: bool = False
    plural_each: bool = False


@attrs.frozen(eq=False)
class Lexicon:
    """Every cue list and setting extraction uses.

    Build one with :func:`load_lexicon`; pass it to :func:`bilateral.extract.extract`
    to extract with your own cues. A lexicon is immutable, and compared by identity:
    the matcher compiled from it is cached for as long as it lives.

    Attributes:
        cues: Every matchable cue.
        triggers: The agreement kinds, by kind.
        status_priority: The priority of each agreement status.
        negated_status: What each status becomes after a negation.
        modal_status: What each status becomes after a hypothetical modal.
        future_status: What each status becomes when put in the future.
        hedged_status: The status of an agreement that only hedged clauses speak of, each
            with its hedge before the agreement word.
        unnamed_certainty: The certainty cap for claims relayed from unnamed sources.
        titles: Abbreviations that never end a sentence.
        before_number: Abbreviations that do not end a sentence before a number.
        other_abbreviations: Abbreviations that end one only before a sentence opener.
        starters: Common sentence openers.
        person_names: Aliases that are also personal or other place names.
        allowed_next: Capitalised words that may follow one of ``person_names``.
        person_titles: Words of address that, with a given name after them, make any
            name that follows a surname ("Professor Tom Ireland").
        combining_forms: Demonyms matched only before a hyphen.
        organisation_heads: Words that make an organisation's name around a country.
        place_heads: Words that make a place name of "<Head> of <Country>".
        metonym_not_before: Words after a capital that make it a mere place.
        former_demonyms_count: Whether adjectives of former states are mentions.
        datelines: Whether mentions in datelines are dropped.
        leaders_as_of: When the list of leaders was last checked (``leaders.toml``).
        max_link_words: How many words may separate two linked mentions.
        short_link_words: Mentions this close are linked with no cue between them.
        agreement_link_words: How many words may separate two mentions an agreement
            joins ("X signed a contract ... for fighters from Y").
        max_clique: The longest coordinated list whose members are all linked.
        sources: The files the lexicon was read from.
    """

    cues: tuple[Cue, ...]
    triggers: Mapping[str, TriggerSpec]
    status_priority: Mapping[AgreementStatus, int]
    negated_status: Mapping[AgreementStatus, AgreementStatus]
    modal_status: Mapping[AgreementStatus, AgreementStatus]
    future_status: Mapping[AgreementStatus, AgreementStatus]
    hedged_status: AgreementStatus
    unnamed_certainty: Certainty
    titles: frozenset[str]
    before_number: frozenset[str]
    other_abbreviations: frozenset[str]
    starters: frozenset[str]
    person_names: frozenset[str]
    allowed_next: frozenset[str]
    person_titles: frozenset[str]
    combining_forms: frozenset[str]
    organisation_heads: frozenset[str]
    place_heads: frozenset[str]
    metonym_not_before: tuple[str, ...]
    former_demonyms_count: bool
    datelines: bool
    leaders_as_of: str
    max_link_words: int
    short_link_words: int
    agreement_link_words: int
    max_clique: int
    sources: tuple[str, ...]

    def cues_of(self, kind: CueKind) -> tuple[Cue, ...]:
        """Return the cues of one kind, in lexicon order."""
        return tuple(c for c in self.cues if c.kind is kind)


# --- reading files ------------------------------------------------------------------------


class _Reader:
    """Parses one lexicon file into raw tables, collecting problems with their lines."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.positions = TomlPositions(text)
        self.problems: list[BilateralError] = []
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.data = {}
            self.problems.append(
                DataError(f"not valid TOML: {exc}", file=source, line=error_line(exc))
            )

    def problem(self, reason: str, path: str) -> None:
        self.problems.append(
            DataError(reason, file=self.source, line=self.positions.line(path), path=path)
        )

    def words(self, value: object, path: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem("must be a list of non-empty strings", path)
            return ()
        return tuple(value)

    def cues(self, value: object, path: str, kind: CueKind, default: str = "") -> list[Cue]:
        if not isinstance(value, list):
            self.problem("must be a list of cues", path)
            return []
        found: list[Cue] = []
        for i, item in enumerate(value):
            cue = self.cue(item, f"{path}[{i}]", kind, default)
            if cue is not None:
                found.append(cue)
        return found

    def cue(self, item: object, path: str, kind: CueKind, default: str) -> Cue | None:
        if isinstance(item, str):
            if not item.strip():
                self.problem("a cue must not be empty", path)
                return None
            return Cue(item, kind, default)
        if not isinstance(item, dict):
            self.problem("a cue must be a string or an inline table", path)
            return None
        allowed = {
            "text",
            "case",
            "not_before",
            "not_after",
            "only_after",
            "not_in_reported_speech",
            "not_in_future",
            "negates",
            "priority",
            "only_for",
            "source",
        }
        for key in sorted(item.keys() - allowed):
            self.problem(f"unknown cue field {key!r}", f"{path}.{key}")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            self.problem("a cue needs a non-empty `text`", path)
            return None
        case = item.get("case", "any")
        if case not in _CASES:
            self.problem(f"case must be one of {', '.join(_CASES)}, not {case!r}", f"{path}.case")
            case = "any"
        value = item.get("source", default)
        if not isinstance(value, str):
            self.problem("must be a string", f"{path}.source")
            value = default
        priority = item.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            self.problem("must be an integer", f"{path}.priority")
            priority = 0
        flags = {}
        for flag in ("not_in_reported_speech", "not_in_future", "negates"):
            flags[flag] = item.get(flag, False)
            if not isinstance(flags[flag], bool):
                self.problem("must be true or false", f"{path}.{flag}")
                flags[flag] = False
        return Cue(
            text=text,
            kind=kind,
            value=value,
            case=case,
            not_before=self.words(item.get("not_before", []), f"{path}.not_before"),
            not_after=self.words(item.get("not_after", []), f"{path}.not_after"),
            only_after=self.words(item.get("only_after", []), f"{path}.only_after"),
            not_in_reported_speech=flags["not_in_reported_speech"],
            not_in_future=flags["not_in_future"],
            negates=flags["negates"],
            priority=priority,
            only_for=self.words(item.get("only_for", []), f"{path}.only_for"),
        )

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.problem("must be a table", name)
            return {}
        return value


# The parsed content of the lexicon files, before they are frozen into a Lexicon: for
# each (file, table) a list of cues or a setting. User files extend or replace these.
_Parts = dict[str, Any]


def _enum_value(reader: _Reader, parse: Any, value: object, path: str) -> Any:
    try:
        return parse(value)
    except (ValueError, TypeError):
        reader.problem(f"{value!r} is not one of {', '.join(parse.__self__.values())}", path)
        return None


_CUE_TABLES: dict[str, dict[str, tuple[CueKind, str | None]]] = {
    "hedges": {
        "possible": (CueKind.HEDGE, Certainty.POSSIBLE.value),
        "probable": (CueKind.HEDGE, Certainty.PROBABLE.value),
        "unknown": (CueKind.HEDGE, Certainty.UNKNOWN.value),
    },
    "attribution": {
        "adverbs": (CueKind.SOURCE_ADVERB, "reports"),
        "introducers": (CueKind.SOURCE_INTRODUCER, ""),
        "speech_verbs": (CueKind.SPEECH_VERB, ""),
        "opinion_verbs": (CueKind.OPINION_VERB, ""),
        "unnamed": (CueKind.UNNAMED_SOURCE, ""),
    },
    "negation": {"negation": (CueKind.NEGATION, "")},
    "trend": {
        t.value: (CueKind.TREND, t.value)
        for t in (Trend.IMPROVING, Trend.DETERIORATING, Trend.STABLE)
    },
    "relations": {
        "relational": (CueKind.RELATIONAL, ""),
        "general": (CueKind.GENERAL, Sector.DIPLOMATIC.value),
        "anaphors": (CueKind.ANAPHOR, ""),
        "anaphoric_nouns": (CueKind.ANAPHORIC_NOUN, ""),
        "determiners": (CueKind.DETERMINER, ""),
        "non_specific": (CueKind.NON_SPECIFIC, ""),
        "mediators": (CueKind.MEDIATOR, ""),
        "transit": (CueKind.TRANSIT, ""),
        "group_anaphors": (CueKind.GROUP_ANAPHOR, ""),
        "list_introducers": (CueKind.LIST_INTRODUCER, ""),
        "comparisons": (CueKind.COMPARISON, ""),
        "clause_breaks": (CueKind.CLAUSE_BREAK, ""),
        "leading_clauses": (CueKind.LEADING_CLAUSE, ""),
        "links": (CueKind.LINK, ""),
        "venues": (CueKind.VENUE, ""),
        "meeting_venues": (CueKind.MEETING_VENUE, ""),
        "topics": (CueKind.TOPIC, ""),
        "commentators": (CueKind.COMMENTATOR, ""),
        "officials": (CueKind.OFFICIAL, ""),
        "possessives": (CueKind.POSSESSIVE, ""),
        "participles": (CueKind.PARTICIPLE, ""),
        "co_actors": (CueKind.CO_ACTOR, ""),
        "joins": (CueKind.JOIN, ""),
    },
    "traps": {
        "places": (CueKind.TRAP, "place"),
        "organisations": (CueKind.TRAP, "organisation"),
        "currencies": (CueKind.TRAP, "currency"),
    },
    "time": {
        "time": (CueKind.TIME, ""),
        "news": (CueKind.NEWS, ""),
        "history": (CueKind.HISTORY, ""),
    },
}
"""Tables that are plain lists of cues, under the key ``cues``: kind and value."""

_EXTRA_KEYS = {("traps", "organisations"): ("heads",), ("traps", "places"): ("heads",)}
"""Keys besides ``cues`` that a cue table may hold (read by a dedicated parser)."""


def _parse_file(text: str, source: str, name: str, parts: _Parts, *, user: bool) -> None:
    """Read one lexicon file into ``parts``, extending or replacing what is there."""
    reader = _Reader(text, source)
    data = reader.data
    if user:
        data = {k: v for k, v in data.items() if k not in ("lexicon", "replace")}
    replace_all = bool(reader.data.get("replace", False)) if user else False

    def put(key: str, items: list[Any], table: Mapping[str, Any]) -> None:
        replace = replace_all or bool(table.get("replace", False))
        if user and not replace:
            parts[key] = [*parts.get(key, []), *items]
        else:
            parts[key] = list(items)

    def check_keys(table_name: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(table.keys() - allowed - {"replace"}):
            reader.problem(f"unknown field {key!r}", f"{table_name}.{key}")

    known_tables: set[str] = set()
    if name in _CUE_TABLES:
        for table_name, (kind, value) in _CUE_TABLES[name].items():
            known_tables.add(table_name)
            if table_name not in data:
                continue
            table = reader.table(table_name)
            check_keys(table_name, table, {"cues", *_EXTRA_KEYS.get((name, table_name), ())})
            cues = reader.cues(table.get("cues", []), f"{table_name}.cues", kind, value or "")
            put(f"{name}.{table_name}", cues, table)
    if name == "sectors":
        for sector in Sector:
            known_tables.add(sector.value)
            if sector.value in data:
                table = reader.table(sector.value)
                check_keys(sector.value, table, {"cues", "weak"})
                put(
                    f"sectors.{sector.value}",
                    reader.cues(
                        table.get("cues", []), f"{sector.value}.cues", CueKind.SECTOR, sector.value
                    ),
                    table,
                )
                put(
                    f"sectors.{sector.value}.weak",
                    reader.cues(
                        table.get("weak", []),
                        f"{sector.value}.weak",
                        CueKind.SECTOR_WEAK,
                        sector.value,
                    ),
                    table,
                )
        known_tables.add("modifiers")
        if "modifiers" in data:
            table = reader.table("modifiers")
            check_keys("modifiers", table, {"cues"})
            put(
                "sectors.modifiers",
                reader.cues(table.get("cues", []), "modifiers.cues", CueKind.SECTOR_MODIFIER),
                table,
            )
    elif name == "lifecycle":
        _parse_lifecycle(
            reader, data, parts, put=put, check_keys=check_keys, known_tables=known_tables
        )
    elif name == "agreements":
        _parse_agreements(
            reader, data, parts, put, known_tables, replace_all=replace_all, user=user
        )
    elif name == "attribution":
        known_tables.add("settings")
        if "settings" in data:
            table = reader.table("settings")
            check_keys("settings", table, {"unnamed_certainty"})
            if "unnamed_certainty" in table:
                level = _enum_value(
                    reader,
                    Certainty.parse,
                    table["unnamed_certainty"],
                    "settings.unnamed_certainty",
                )
                if level is not None:
                    parts["attribution.unnamed_certainty"] = level
    elif name == "relations":
        known_tables.add("settings")
        if "settings" in data:
            table = reader.table("settings")
            keys = {"max_link_words", "short_link_words", "agreement_link_words", "max_clique"}
            check_keys("settings", table, keys)
            for key in keys & table.keys():
                value = table[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    reader.problem("must be a non-negative integer", f"settings.{key}")
                    continue
                parts[f"relations.{key}"] = value
    elif name == "traps":
        _parse_traps(reader, data, parts, put=put, check_keys=check_keys, known_tables=known_tables)
    elif name == "leaders":
        _parse_leaders(reader, data, parts, put=put, known_tables=known_tables)
    elif name == "segment":
        known_tables.update(("abbreviations", "starters"))
        if "abbreviations" in data:
            table = reader.table("abbreviations")
            check_keys("abbreviations", table, {"titles", "before_number", "other"})
            for key in ("titles", "before_number", "other"):
                if key in table:
                    put(
                        f"segment.{key}",
                        list(reader.words(table[key], f"abbreviations.{key}")),
                        table,
                    )
        if "starters" in data:
            table = reader.table("starters")
            check_keys("starters", table, {"words"})
            if "words" in table:
                put("segment.starters", list(reader.words(table["words"], "starters.words")), table)
    for key in sorted(data.keys() - known_tables):
        reader.problem(f"unknown table {key!r} in the {name} lexicon", key)
    if reader.problems:
        raise ValidationError(reader.problems, file=source, what=source)


def _parse_leaders(
    reader: _Reader,
    data: Mapping[str, Any],
    parts: _Parts,
    *,
    put: Any,
    known_tables: set[str],
) -> None:
    known_tables.update(("as_of", "leaders", "bodies"))
    if "as_of" in data:
        if isinstance(data["as_of"], str):
            parts["leaders.as_of"] = data["as_of"]
        else:
            reader.problem("must be a string (a date)", "as_of")
    known = {c.code for c in all_countries(include_former=True)}
    for table_name in ("leaders", "bodies"):
        if table_name not in data:
            continue
        table = reader.table(table_name)
        cues: list[Cue] = []
        for code, names in table.items():
            if code == "replace":
                continue
            if code not in known:
                reader.problem(f"{code!r} is not a country code", f"{table_name}.{code}")
                continue
            cues.extend(
                Cue(name, CueKind.LEADER, code, case="exact")
                for name in reader.words(names, f"{table_name}.{code}")
            )
        put(f"leaders.{table_name}", cues, table)


def _parse_lifecycle(
    reader: _Reader,
    data: Mapping[str, Any],
    parts: _Parts,
    *,
    put: Any,
    check_keys: Any,
    known_tables: set[str],
) -> None:
    for status in AgreementStatus:
        known_tables.add(status.value)
        if status.value not in data:
            continue
        table = reader.table(status.value)
        check_keys(status.value, table, {"cues", "priority"})
        if "priority" in table:
            priority = table["priority"]
            if not isinstance(priority, int) or isinstance(priority, bool):
                reader.problem("must be an integer", f"{status.value}.priority")
            else:
                parts[f"lifecycle.priority.{status.value}"] = priority
        cues = reader.cues(
            table.get("cues", []), f"{status.value}.cues", CueKind.LIFECYCLE, status.value
        )
        put(f"lifecycle.{status.value}", [attrs.evolve(c, value=status.value) for c in cues], table)
    kinds = {"modal": CueKind.MODAL, "future": CueKind.FUTURE}
    for table_name in ("negated", "modal", "future"):
        known_tables.add(table_name)
        if table_name not in data:
            continue
        table = reader.table(table_name)
        mapping = table if table_name == "negated" else table.get("status", {})
        if table_name in kinds:
            check_keys(table_name, table, {"cues", "status"})
            put(
                f"lifecycle.{table_name}",
                reader.cues(table.get("cues", []), f"{table_name}.cues", kinds[table_name]),
                table,
            )
            if not isinstance(mapping, dict):
                reader.problem("must be a table of status = status", f"{table_name}.status")
                continue
        for key, value in mapping.items():
            if key == "replace":
                continue
            path = (
                f"{table_name}.{key}" if table_name == "negated" else f"{table_name}.status.{key}"
            )
            source = _enum_value(reader, AgreementStatus.parse, key, path)
            target = _enum_value(reader, AgreementStatus.parse, value, path)
            if source is not None and target is not None:
                parts[f"lifecycle.{table_name}.{source.value}"] = target
    known_tables.add("default")
    if "default" in data:
        table = reader.table("default")
        check_keys("default", table, {"hedged"})
        if "hedged" in table:
            status = _enum_value(reader, AgreementStatus.parse, table["hedged"], "default.hedged")
            if status is not None:
                parts["lifecycle.hedged"] = status


def _parse_agreements(
    reader: _Reader,
    data: Mapping[str, Any],
    parts: _Parts,
    put: Any,
    known_tables: set[str],
    *,
    replace_all: bool,
    user: bool,
) -> None:
    known_tables.add("triggers")
    if "triggers" not in data:
        return
    tables = data["triggers"]
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        reader.problem("must be an array of tables ([[triggers]])", "triggers")
        return
    specs: dict[str, TriggerSpec] = (
        {} if (replace_all or not user) else dict(parts.get("agreements.specs", {}))
    )
    cues: list[Cue] = [] if (replace_all or not user) else list(parts.get("agreements.cues", []))
    allowed = {
        "kind",
        "role",
        "generic",
        "sector",
        "status",
        "noun",
        "cues",
        "needs_cue",
        "max_status",
        "transit",
        "plural_each",
    }
    for i, table in enumerate(tables):
        path = f"triggers[{i}]"
        for key in sorted(table.keys() - allowed):
            reader.problem(f"unknown field {key!r}", f"{path}.{key}")
        kind = table.get("kind")
        if not isinstance(kind, str) or not kind.strip():
            reader.problem("required: a non-empty `kind`", f"{path}.kind")
            continue
        role = table.get("role", "noun")
        if role not in _ROLES:
            reader.problem(f"role must be one of {', '.join(_ROLES)}, not {role!r}", f"{path}.role")
            continue
        sector = None
        if "sector" in table:
            sector = _enum_value(reader, Sector.parse, table["sector"], f"{path}.sector")
        status = _enum_value(
            reader, AgreementStatus.parse, table.get("status", "signed"), f"{path}.status"
        )
        generic = table.get("generic", False)
        if not isinstance(generic, bool):
            reader.problem("must be true or false", f"{path}.generic")
            generic = False
        needs_cue = table.get("needs_cue", False)
        if not isinstance(needs_cue, bool):
            reader.problem("must be true or false", f"{path}.needs_cue")
            needs_cue = False
        transit = table.get("transit", False)
        if not isinstance(transit, bool):
            reader.problem("must be true or false", f"{path}.transit")
            transit = False
        plural_each = table.get("plural_each", False)
        if not isinstance(plural_each, bool):
            reader.problem("must be true or false", f"{path}.plural_each")
            plural_each = False
        noun = table.get("noun", "")
        if not isinstance(noun, str):
            reader.problem("must be a string", f"{path}.noun")
            noun = ""
        if status is None:
            continue
        max_status = None
        if "max_status" in table:
            max_status = _enum_value(
                reader, AgreementStatus.parse, table["max_status"], f"{path}.max_status"
            )
        specs[kind] = TriggerSpec(
            kind, role, generic, sector, status, noun, needs_cue, max_status, transit, plural_each
        )
        cues.extend(reader.cues(table.get("cues", []), f"{path}.cues", CueKind.TRIGGER, kind))
    parts["agreements.specs"] = specs
    parts["agreements.cues"] = cues


def _parse_traps(
    reader: _Reader,
    data: Mapping[str, Any],
    parts: _Parts,
    *,
    put: Any,
    check_keys: Any,
    known_tables: set[str],
) -> None:
    known_tables.add("places")
    if "places" in data:
        table = reader.table("places")
        if "heads" in table:
            put("traps.place_heads", list(reader.words(table["heads"], "places.heads")), table)
    lists = {
        "organisations": ("heads", "traps.heads"),
        "people": ("names", "traps.people"),
        "combining_forms": ("names", "traps.combining"),
        "metonyms": ("not_before", "traps.metonym_not_before"),
    }
    for table_name, (key, part) in lists.items():
        known_tables.add(table_name)
        if table_name not in data:
            continue
        table = reader.table(table_name)
        allowed = {key} | ({"cues"} if table_name == "organisations" else set())
        if table_name == "people":
            for extra, part_name in (
                ("allowed_next", "traps.allowed_next"),
                ("titles", "traps.person_titles"),
            ):
                allowed.add(extra)
                if extra in table:
                    put(part_name, list(reader.words(table[extra], f"people.{extra}")), table)
        check_keys(table_name, table, allowed)
        if key in table:
            put(part, list(reader.words(table[key], f"{table_name}.{key}")), table)
    for table_name, key in (("former", "demonyms_count"), ("datelines", "enabled")):
        known_tables.add(table_name)
        if table_name not in data:
            continue
        table = reader.table(table_name)
        check_keys(table_name, table, {key})
        if key in table:
            if isinstance(table[key], bool):
                parts[f"traps.{table_name}"] = table[key]
            else:
                reader.problem("must be true or false", f"{table_name}.{key}")


def _freeze(parts: _Parts, sources: Iterable[str]) -> Lexicon:
    cues: list[Cue] = []
    for key, value in parts.items():
        if isinstance(value, list) and value and isinstance(value[0], Cue):
            if key == "agreements.cues":
                continue
            cues.extend(value)
    cues.extend(parts.get("agreements.cues", []))
    priority = {
        status: int(parts.get(f"lifecycle.priority.{status.value}", rank))
        for rank, status in enumerate(AgreementStatus, start=1)
    }
    cues = [
        attrs.evolve(c, priority=c.priority or priority[AgreementStatus(c.value)])
        if c.kind is CueKind.LIFECYCLE
        else c
        for c in cues
    ]
    negated = {s: parts.get(f"lifecycle.negated.{s.value}", s) for s in AgreementStatus}
    modal = {s: parts.get(f"lifecycle.modal.{s.value}", s) for s in AgreementStatus}
    future = {s: parts.get(f"lifecycle.future.{s.value}", s) for s in AgreementStatus}
    return Lexicon(
        cues=tuple(cues),
        triggers=MappingProxyType(dict(parts.get("agreements.specs", {}))),
        status_priority=MappingProxyType(priority),
        negated_status=MappingProxyType(negated),
        modal_status=MappingProxyType(modal),
        future_status=MappingProxyType(future),
        hedged_status=parts.get("lifecycle.hedged", AgreementStatus.PROPOSED),
        unnamed_certainty=parts.get("attribution.unnamed_certainty", Certainty.PROBABLE),
        titles=frozenset(parts.get("segment.titles", ())),
        before_number=frozenset(parts.get("segment.before_number", ())),
        other_abbreviations=frozenset(parts.get("segment.other", ())),
        starters=frozenset(parts.get("segment.starters", ())),
        person_names=frozenset(parts.get("traps.people", ())),
        allowed_next=frozenset(parts.get("traps.allowed_next", ())),
        person_titles=frozenset(parts.get("traps.person_titles", ())),
        combining_forms=frozenset(parts.get("traps.combining", ())),
        organisation_heads=frozenset(parts.get("traps.heads", ())),
        place_heads=frozenset(parts.get("traps.place_heads", ())),
        metonym_not_before=tuple(parts.get("traps.metonym_not_before", ())),
        former_demonyms_count=bool(parts.get("traps.former", False)),
        datelines=bool(parts.get("traps.datelines", True)),
        leaders_as_of=str(parts.get("leaders.as_of", "")),
        max_link_words=int(parts.get("relations.max_link_words", 9)),
        short_link_words=int(parts.get("relations.short_link_words", 3)),
        agreement_link_words=int(parts.get("relations.agreement_link_words", 18)),
        max_clique=int(parts.get("relations.max_clique", 3)),
        sources=tuple(sources),
    )


@functools.cache
def _packaged_parts() -> tuple[tuple[str, Any], ...]:
    parts: _Parts = {}
    folder = files("bilateral").joinpath("data/lexicons")
    for name in LEXICON_NAMES:
        text = folder.joinpath(f"{name}.toml").read_text(encoding="utf-8")
        _parse_file(text, f"bilateral/data/lexicons/{name}.toml", name, parts, user=False)
    return tuple(parts.items())


@functools.cache
def default_lexicon() -> Lexicon:
    """Return the packaged lexicon (read once, then cached)."""
    return _freeze(
        dict(_packaged_parts()), tuple(f"bilateral/data/lexicons/{n}.toml" for n in LEXICON_NAMES)
    )


def _user_files(paths: Iterable[str | PathLike[str]]) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    problems: list[BilateralError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for name in LEXICON_NAMES:
                candidate = path / f"{name}.toml"
                if candidate.is_file():
                    found.append((candidate, name))
            continue
        if not path.is_file():
            problems.append(DataError("no such lexicon file or folder", file=str(path)))
            continue
        found.append((path, ""))
    if problems:
        raise ValidationError(problems, what="lexicon")
    return found


def load_lexicon(*paths: str | PathLike[str], packaged: bool = True) -> Lexicon:
    """Load the cue lexicons, extended or replaced by your own files.

    Call it to adapt extraction to a house style or a domain: add the hedges your
    outlets use, the deals your region signs, the traps of your corpus. Each path is
    a lexicon file or a folder of them. A file is named after the packaged file it
    changes (``hedges.toml``), or names it in a top-level ``lexicon = "hedges"``; its
    tables extend the packaged tables of the same name, or replace them where the
    table (or the whole file) sets ``replace = true``. The format of every file is
    documented in its packaged copy, under ``bilateral/data/lexicons/``.

    Args:
        paths: Lexicon files or folders, applied in order.
        packaged: Start from the packaged lexicons (the default); with False, only
            the given files count, and every list they leave out is empty.

    Returns:
        A new :class:`Lexicon`.

    Raises:
        ValidationError: A file is missing, is not valid TOML, or holds an unknown
            table or field or a bad value; every problem is listed with its file,
            line and field path.
    """
    parts: _Parts = dict(_packaged_parts()) if packaged else {}
    sources = [f"bilateral/data/lexicons/{n}.toml" for n in LEXICON_NAMES] if packaged else []
    problems: list[BilateralError] = []
    for path, stem in _user_files(paths):
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(DataError(f"cannot read: {exc}", file=source))
            continue
        name = stem or path.stem
        try:
            declared = tomllib.loads(text).get("lexicon")
        except tomllib.TOMLDecodeError:
            declared = None
        if isinstance(declared, str):
            name = declared
        if name not in LEXICON_NAMES:
            problems.append(
                DataError(
                    f"cannot tell which lexicon this file changes: name it after one of "
                    f'{", ".join(LEXICON_NAMES)}, or set `lexicon = "..."`',
                    file=source,
                )
            )
            continue
        try:
            _parse_file(text, source, name, parts, user=True)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        sources.append(source)
    if problems:
        raise ValidationError(problems, what="lexicon")
    return _freeze(parts, sources)
