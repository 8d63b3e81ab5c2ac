"""Query methods of :class:`bilateral.Dataset`: typed, indexed answers for analysts.

Every ``find_*`` method takes keyword filters that combine with AND. A filter given
several values (a tuple, list or set) matches any of them. Countries are accepted as
:class:`~bilateral.Country` objects, codes or any name :func:`~bilateral.lookup_country`
knows ("Islamabad" is Pakistan); enumerations as members or their string values
(case, spaces and hyphens are forgiven: ``"In force"`` is ``in_force``).

A filter value that cannot be right raises before anything is searched: an unknown or
ambiguous country raises :class:`~bilateral.UnknownCountryError` or
:class:`~bilateral.AmbiguousCountryError`, any other bad value
:class:`~bilateral.QueryError`; each names the parameter (in its ``path``) and, where
they form a short list, the valid choices. A valid country that the data never
mentions is not an error: it simply matches nothing.

Results are tuples in a stable order: claims in document order (the document's
position in :attr:`~bilateral.Dataset.documents`, then start offset, end offset and
id); agreements and relationships in the order the dataset holds them.

Queries are answered from indexes built once per dataset, on its first query, so the
first query of a kind pays for the index and later ones cost about as much as the
size of their answer.
"""

from __future__ import annotations

import difflib
import enum
import re
import textwrap
from collections.abc import Callable, Collection, Hashable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from ._countries import Country, _alias_generation, lookup_country
from ._enums import AgreementStatus, Certainty, Sector, Trend
from ._errors import (
    AmbiguousCountryError,
    QueryError,
    UnknownCountryError,
    UnknownGroupError,
)
from ._groups import Group, lookup_group
from ._index import (
    Condition,
    Postings,
    Table,
    agreement_table,
    claim_order_key,
    claim_table,
    relationship_table,
    word_postings,
    words,
)
from ._model import Agreement, Claim, Document, Relationship

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["PairProfile", "Queries"]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

CountryLike = Country | str
"""A :class:`~bilateral.Country`, a code or a name."""

_LISTED_DOCUMENTS = 20
"""Up to this many document ids are listed as the choices of a bad ``document``."""


# --- filter values -----------------------------------------------------------------------


def _values(parameter: str, value: object) -> tuple[object, ...]:
    """One value, or the values of a collection; an empty collection is an error."""
    if isinstance(value, str | bytes | Country | enum.Enum | Document) or not isinstance(
        value, Iterable
    ):
        return (value,)
    items = tuple(value)
    if not items:
        raise QueryError(parameter, value)
    return items


_RESOLVED: dict[tuple[int, str], str] = {}
"""Names already resolved, keyed by the user-alias generation they were resolved in."""
_RESOLVED_MAX = 4096


def _code(parameter: str, value: object) -> str:
    """Resolve one country, naming ``parameter`` in the error."""
    if isinstance(value, Country):
        return value.code
    key = (_alias_generation(), value) if isinstance(value, str) else None
    if key is not None and key in _RESOLVED:
        return _RESOLVED[key]
    try:
        code = lookup_country(cast("CountryLike", value)).code
    except AmbiguousCountryError as exc:
        raise AmbiguousCountryError(exc.query, exc.candidates, path=parameter) from None
    except UnknownCountryError as exc:
        raise UnknownCountryError(exc.query, exc.suggestions, path=parameter) from None
    if key is not None:
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[key] = code
    return code


def _codes(parameter: str, value: object) -> frozenset[str]:
    return frozenset(_code(parameter, v) for v in _values(parameter, value))


def _is_country(value: object) -> bool:
    return isinstance(value, str | Country)


def _pairs(parameter: str, value: object) -> frozenset[tuple[str, str]]:
    """Resolve ``(a, b)``, or a collection of such pairs, to sorted code pairs."""
    if isinstance(value, tuple) and len(value) == 2 and all(_is_country(v) for v in value):
        a, b = _code(parameter, value[0]), _code(parameter, value[1])
        if a == b:
            raise QueryError(parameter, value, ("two different countries",))
        return frozenset({(a, b) if a < b else (b, a)})
    if _is_country(value) or not isinstance(value, Iterable):
        raise QueryError(parameter, value, ("a pair of countries (a, b)",))
    items = tuple(value)
    groups = [items] if len(items) == 2 and all(_is_country(v) for v in items) else items
    if not groups:
        raise QueryError(parameter, value, ("a pair of countries (a, b)",))
    pairs: set[tuple[str, str]] = set()
    for group in groups:
        if _is_country(group) or not isinstance(group, Iterable):
            raise QueryError(parameter, value, ("a pair of countries (a, b)",))
        members = tuple(group)
        if len(members) != 2:
            raise QueryError(parameter, value, ("a pair of countries (a, b)",))
        a, b = sorted(_code(parameter, m) for m in members)
        if a == b:
            raise QueryError(parameter, value, ("two different countries",))
        pairs.add((a, b))
    return frozenset(pairs)


def _member(parameter: str, cls: type[E], value: object) -> E:
    """Parse one enum value, forgiving case, spaces and hyphens."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        exact = cls._value2member_map_.get(value)
        if exact is not None:
            return cast("E", exact)
        key = re.sub(r"[\s-]+", "_", value.strip().lower())
        try:
            return cls(key)
        except ValueError:
            pass
    raise QueryError(parameter, value, tuple(str(m.value) for m in cls))


def _members(parameter: str, cls: type[E], value: object) -> frozenset[E]:
    return frozenset(_member(parameter, cls, v) for v in _values(parameter, value))


_AT_LEAST = {floor: frozenset(c for c in Certainty if c >= floor) for floor in Certainty}


def _at_least(value: object) -> frozenset[Certainty]:
    if not isinstance(value, str | Certainty):
        raise QueryError("min_certainty", value, Certainty.values())
    return _AT_LEAST[_member("min_certainty", Certainty, value)]


def _flag(parameter: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise QueryError(parameter, value, ("True", "False"))
    return value


def _group_ids(value: object) -> frozenset[str]:
    ids: set[str] = set()
    for item in _values("group", value):
        try:
            ids.add(lookup_group(cast("str | Group", item)).id)
        except UnknownGroupError as exc:
            raise UnknownGroupError(exc.query, exc.choices, path="group") from None
        except (TypeError, AttributeError):
            raise QueryError("group", item) from None
    return frozenset(ids)


def _phrase(value: object) -> re.Pattern[str]:
    if not isinstance(value, str) or not words(value):
        raise QueryError("text", value, ("text with at least one letter or digit",))
    return re.compile(r"(?<!\w)" + re.escape(value.strip().casefold()) + r"(?!\w)")


# --- conditions shared by the three kinds ------------------------------------------------


def _has_pair(codes: Collection[str], pairs: frozenset[tuple[str, str]]) -> bool:
    return any(a in codes and b in codes for a, b in pairs)


def _concerning(
    codes: frozenset[str], countries_of: Callable[[T], Collection[str]]
) -> Callable[[T], bool]:
    return lambda x: not codes.isdisjoint(countries_of(x))


def _between(
    pairs: frozenset[tuple[str, str]], countries_of: Callable[[T], Collection[str]]
) -> Callable[[T], bool]:
    return lambda x: _has_pair(countries_of(x), pairs)


def _in_sectors(
    sectors: frozenset[Sector], sectors_of: Callable[[T], Collection[Sector]]
) -> Callable[[T], bool]:
    return lambda x: not sectors.isdisjoint(sectors_of(x))


def _both(first: Callable[[T], bool], second: Callable[[T], bool]) -> Callable[[T], bool]:
    return lambda x: first(x) and second(x)


def _place_conditions(
    codes: frozenset[str] | None,
    pairs: frozenset[tuple[str, str]] | None,
    sectors: frozenset[Sector] | None,
    countries_of: Callable[[T], Collection[str]],
    sectors_of: Callable[[T], Collection[Sector]],
) -> list[Condition[T]]:
    """Conditions for the country, between and sector filters.

    When a sector is asked for together with a pair or a country, the two become one
    condition on the composite index, which lists exactly the objects with both.
    """
    conditions: list[Condition[T]] = []
    keys: frozenset[Hashable]
    if sectors is not None and pairs is not None:
        keys = frozenset((p, s) for p in pairs for s in sectors)
        test = _both(_between(pairs, countries_of), _in_sectors(sectors, sectors_of))
        conditions.append(Condition("pair_sector", keys, test))
        pairs = sectors = None
    elif sectors is not None and codes is not None:
        keys = frozenset((c, s) for c in codes for s in sectors)
        test = _both(_concerning(codes, countries_of), _in_sectors(sectors, sectors_of))
        conditions.append(Condition("country_sector", keys, test))
        codes = sectors = None
    if codes is not None:
        conditions.append(Condition("country", codes, _concerning(codes, countries_of)))
    if pairs is not None:
        conditions.append(Condition("pair", pairs, _between(pairs, countries_of)))
    if sectors is not None:
        conditions.append(Condition("sector", sectors, _in_sectors(sectors, sectors_of)))
    return conditions


def _has_status(statuses: frozenset[AgreementStatus]) -> Callable[[Agreement], bool]:
    return lambda a: a.status in statuses


def _claim_countries(claim: Claim) -> tuple[str, ...]:
    return claim.countries


def _claim_sectors(claim: Claim) -> tuple[Sector, ...]:
    return claim.sectors


def _parties(item: Agreement | Relationship) -> tuple[str, ...]:
    return item.parties


def _one_sector(item: Agreement | Relationship) -> tuple[Sector, ...]:
    return (item.sector,)


# --- the pair profile --------------------------------------------------------------------


def _wrap(text: str, width: int, first: str, rest: str | None = None) -> list[str]:
    """Wrap ``text`` after the prefix ``first``, indenting later lines by ``rest``."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=first + " " if rest is None else rest,
    ) or [first]


@attrs.frozen
class PairProfile:
    """What a dataset says about one pair of countries, and how sure it is.

    Built by :meth:`bilateral.Dataset.profile`; print it (or call :meth:`render`) for a
    readable report.

    Attributes:
        countries: The two countries, sorted by code.
        sectors: The sectors the profile is limited to; empty for every sector.
        relationships: The pair's relationships (one per sector, with its trend),
            in dataset order.
        agreements_by_status: The agreements the two are party to, grouped by
            status, statuses in lifecycle order (proposed first), each group in
            dataset order; only statuses that occur are listed.
        claims_by_certainty: The claims behind the profile, grouped by certainty,
            certain first, each group in document order; only certainties that occur
            are listed. They are every claim concerning both countries (in the
            profile's sectors) and every claim cited as evidence by the profile's
            relationships and agreements.
    """

    countries: tuple[Country, Country]
    sectors: tuple[Sector, ...]
    relationships: tuple[Relationship, ...]
    agreements_by_status: tuple[tuple[AgreementStatus, tuple[Agreement, ...]], ...]
    claims_by_certainty: tuple[tuple[Certainty, tuple[Claim, ...]], ...]

    @property
    def codes(self) -> tuple[str, str]:
        """The two country codes, sorted."""
        return (self.countries[0].code, self.countries[1].code)

    @property
    def agreements(self) -> tuple[Agreement, ...]:
        """Every agreement of the profile, grouped by status."""
        return tuple(a for _, group in self.agreements_by_status for a in group)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of the profile, firmest first."""
        return tuple(c for _, group in self.claims_by_certainty for c in group)

    def trend(self, sector: Sector | str) -> Trend | None:
        """The trend of the pair's relationship in ``sector``, or ``None`` if it has none."""
        wanted = _member("sector", Sector, sector)
        for relationship in self.relationships:
            if relationship.sector is wanted:
                return relationship.trend
        return None

    def agreements_with(self, status: AgreementStatus | str) -> tuple[Agreement, ...]:
        """The agreements with this status."""
        wanted = _member("status", AgreementStatus, status)
        return next((group for s, group in self.agreements_by_status if s is wanted), ())

    def claims_with(self, certainty: Certainty | str) -> tuple[Claim, ...]:
        """The claims stated with this certainty."""
        wanted = _member("certainty", Certainty, certainty)
        return next((group for c, group in self.claims_by_certainty if c is wanted), ())

    def render(self, width: int = 88) -> str:
        """Return the profile as a readable report, wrapped at ``width`` columns."""
        a, b = self.countries
        title = f"{a.name} ({a.code}) and {b.name} ({b.code})"
        if self.sectors:
            title += ": " + ", ".join(s.value for s in self.sectors)
        lines = [title, ""]
        lines.append("Relationships:" if self.relationships else "Relationships: none")
        for r in self.relationships:
            head = f"  {r.sector.value:<11} {r.trend.value:<14}"
            lines.extend(_wrap(r.description, width, head, " " * len(head)))
        lines.append("")
        lines.append("Agreements:" if self.agreements_by_status else "Agreements: none")
        for status, deals in self.agreements_by_status:
            for agreement in deals:
                flow = ""
                if agreement.supplier and agreement.recipient:
                    flow = f", {agreement.supplier} → {agreement.recipient}"
                lines.append(
                    f"  {status.value:<11} {agreement.subject} ({agreement.sector.value}{flow})"
                )
        lines.append("")
        counts = ", ".join(f"{len(g)} {c.value}" for c, g in self.claims_by_certainty)
        attributed = sum(1 for c in self.claims if c.attributed)
        lines.append(
            f"Claims: {counts or 'none'}"
            + (f" ({attributed} attributed to a source)" if attributed else "")
        )
        for certainty, quoted in self.claims_by_certainty:
            lines.append(f"  {certainty.value}:")
            for claim in quoted:
                source = f"[{claim.attribution}] " if claim.attribution else ""
                negated = "[negated] " if claim.polarity.value == "negated" else ""
                lines.extend(_wrap(f"{negated}{source}“{claim.text}”", width, "    "))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


# --- the mixin ---------------------------------------------------------------------------


class Queries:
    """Query methods of :class:`bilateral.Dataset` (the examples use the packaged seeds)."""

    __slots__ = ()

    # --- indexes -------------------------------------------------------------------------

    def _data(self) -> Dataset:
        return cast("Dataset", self)

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        cache = self._data()._cache
        found = cache.get(key)
        if found is None:
            found = cache.setdefault(key, build())
        return found

    def _claim_table(self) -> Table[Claim]:
        data = self._data()
        table: Table[Claim] = self._cached(
            "query:claims", lambda: claim_table(data.documents, data.claims)
        )
        return table

    def _word_postings(self) -> Postings[Claim]:
        # Built on the first text query only: it is the largest index.
        table = self._claim_table()
        postings = table.indexes.get("word")
        if postings is None:
            postings = table.indexes.setdefault("word", word_postings(table.items))
        return postings

    def _agreement_table(self) -> Table[Agreement]:
        data = self._data()
        table: Table[Agreement] = self._cached(
            "query:agreements", lambda: agreement_table(data.agreements)
        )
        return table

    def _relationship_table(self) -> Table[Relationship]:
        data = self._data()
        table: Table[Relationship] = self._cached(
            "query:relationships", lambda: relationship_table(data.relationships)
        )
        return table

    def _document_rank(self) -> dict[str, int]:
        data = self._data()
        rank: dict[str, int] = self._cached(
            "query:document_rank", lambda: {d.id: i for i, d in enumerate(data.documents)}
        )
        return rank

    # --- finding -------------------------------------------------------------------------

    def find_claims(
        self,
        *,
        country: object = None,
        between: object = None,
        sector: object = None,
        min_certainty: Certainty | str | None = None,
        attributed: bool | None = None,
        document: object = None,
        group: object = None,
        text: object = None,
    ) -> tuple[Claim, ...]:
        """Return the claims that pass every filter given, in document order.

        Use it to see exactly what the sources say, how firmly, and who says it.

        Args:
            country: A country (or several): claims concerning it, i.e. with it in
                ``claim.countries``.
            between: A pair of countries ``(a, b)``, or a collection of pairs:
                claims concerning both countries of a pair (possibly others too).
                The pair is unordered.
            sector: A sector (or several): claims with it among ``claim.sectors``.
            min_certainty: Claims at least this certain, in the order certain >
                probable > possible > unknown.
            attributed: ``True`` for claims the text puts in a named source's
                mouth, ``False`` for those in the article's own voice.
            document: A document id (or several, or a :class:`~bilateral.Document`).
            group: A group id or name (or several): claims concerning that bloc or
                organisation ("west", "EU").
            text: A phrase (or several): claims whose quoted text contains it as
                whole words, ignoring case (``"S-350"`` matches "Russia’s S-350
                air defence" but not "S-3500").

        Returns:
            The matching claims, in document order.

        Raises:
            UnknownCountryError: A country filter names no country.
            AmbiguousCountryError: A country filter names several ("Congo").
            UnknownGroupError: ``group`` names no group.
            QueryError: Any other invalid value; the error names the parameter and
                the valid choices.

        Examples:
            What do we know about Pakistan–Russia energy relations, and how sure is it?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> found = data.find_claims(between=("Pakistan", "Russia"), sector="energy")
            >>> [(c.certainty.value, c.attribution) for c in found if c.hedged]
            [('possible', 'reports'), ('possible', None), ('possible', None)]

            Who claims Pakistan wants the S-350?

            >>> [(c.attribution, c.certainty.value) for c in data.find_claims(text="S-350")]
            [('some media reports', 'probable')]

            Firm statements only, from the article's own voice, about Islamabad and India:

            >>> len(data.find_claims(
            ...     between=("Islamabad", "New Delhi"), min_certainty="certain", attributed=False
            ... ))
            4

            A typo is an error that names the parameter, never an empty answer:

            >>> try:
            ...     data.find_claims(sector="enrgy")
            ... except bilateral.QueryError as error:
            ...     print(error.parameter, "|", error.choices[:3])
            sector | ('energy', 'trade', 'military')
        """
        conditions = _place_conditions(
            None if country is None else _codes("country", country),
            None if between is None else _pairs("between", between),
            None if sector is None else _members("sector", Sector, sector),
            _claim_countries,
            _claim_sectors,
        )
        if min_certainty is not None:
            levels = _at_least(min_certainty)
            conditions.append(Condition("certainty", levels, lambda c: c.certainty in levels))
        if attributed is not None:
            flag = _flag("attributed", attributed)
            conditions.append(
                Condition(
                    "attributed", frozenset({flag}), lambda c: (c.attribution is not None) is flag
                )
            )
        if document is not None:
            ids = self._document_ids(document)
            conditions.append(Condition("document", ids, lambda c: c.document in ids))
        if group is not None:
            gids = _group_ids(group)
            conditions.append(Condition("group", gids, lambda c: not gids.isdisjoint(c.groups)))
        if text is not None:
            conditions.append(self._text_condition(text))
        return self._claim_table().select(conditions)

    def _document_ids(self, value: object) -> frozenset[str]:
        known = self._document_rank()
        ids: set[str] = set()
        for item in _values("document", value):
            key = item.id if isinstance(item, Document) else item
            if not isinstance(key, str) or key not in known:
                if len(known) <= _LISTED_DOCUMENTS:
                    choices = tuple(known)
                else:
                    choices = tuple(difflib.get_close_matches(str(key), known, n=5, cutoff=0.6))
                raise QueryError("document", item, choices)
            ids.add(key)
        return frozenset(ids)

    def _text_condition(self, value: object) -> Condition[Claim]:
        phrases = tuple(_phrase(v) for v in _values("text", value))
        postings = self._word_postings()
        # Each phrase is driven by its rarest word: a claim containing the phrase as
        # whole words contains each of its words as a word.
        keys: set[Hashable] = set()
        for item in _values("text", value):
            keys.add(min(sorted(words(str(item))), key=lambda w: len(postings.get(w))))

        def test(claim: Claim) -> bool:
            folded = claim.text.casefold()
            return any(p.search(folded) for p in phrases)

        return Condition("word", frozenset(keys), test, exact=False)

    def find_agreements(
        self,
        *,
        party: object = None,
        between: object = None,
        sector: object = None,
        status: object = None,
    ) -> tuple[Agreement, ...]:
        """Return the agreements that pass every filter given, in dataset order.

        Use it to list deals, projects and arrangements by who is party to them and
        how far along they are.

        Args:
            party: A country (or several): agreements it is party to.
            between: A pair of countries ``(a, b)``, or a collection of pairs:
                agreements both are party to (possibly with others).
            sector: A sector (or several).
            status: A status (or several): proposed, negotiating, signed, in_force,
                stalled, terminated.

        Returns:
            The matching agreements, in dataset order.

        Raises:
            UnknownCountryError: A country filter names no country.
            AmbiguousCountryError: A country filter names several.
            QueryError: Any other invalid value; the error names the parameter and
                the valid choices.

        Examples:
            Which deals involving Russia are only proposed?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> for a in data.find_agreements(party="Russia", status="proposed"):
            ...     print(a.subject)
            gas pipeline
            petroleum products supply
            renewable energy projects
            agricultural goods exports
            S-350 air defence system

            Deals under way between Moscow and New Delhi:

            >>> [a.subject for a in data.find_agreements(
            ...     between=("Moscow", "New Delhi"), status=("signed", "in force")
            ... )]
            ['advanced defence systems supply', 'joint military exercises']
        """
        codes = None if party is None else _codes("party", party)
        pairs = None if between is None else _pairs("between", between)
        sectors = None if sector is None else _members("sector", Sector, sector)
        statuses = None if status is None else _members("status", AgreementStatus, status)
        conditions: list[Condition[Agreement]]
        if codes is not None and statuses is not None and sectors is None:
            # "Which deals of X are only proposed?" is one lookup in the composite index.
            conditions = _place_conditions(None, pairs, None, _parties, _one_sector)
            keys = frozenset((c, s) for c in codes for s in statuses)
            test = _both(_concerning(codes, _parties), _has_status(statuses))
            conditions.append(Condition("country_status", keys, test))
        else:
            conditions = _place_conditions(codes, pairs, sectors, _parties, _one_sector)
            if statuses is not None:
                conditions.append(Condition("status", statuses, _has_status(statuses)))
        return self._agreement_table().select(conditions)

    def find_relationships(
        self,
        *,
        country: object = None,
        between: object = None,
        sector: object = None,
        trend: object = None,
    ) -> tuple[Relationship, ...]:
        """Return the relationships that pass every filter given, in dataset order.

        Use it to see how pairs of countries relate, sector by sector, and which way
        their relations are moving.

        Args:
            country: A country (or several): relationships it is a party to.
            between: A pair of countries ``(a, b)``, or a collection of pairs.
            sector: A sector (or several).
            trend: A trend (or several): improving, stable, deteriorating, unknown.

        Returns:
            The matching relationships, in dataset order.

        Raises:
            UnknownCountryError: A country filter names no country.
            AmbiguousCountryError: A country filter names several.
            QueryError: Any other invalid value; the error names the parameter and
                the valid choices.

        Examples:
            Which countries does Russia have relations with, and in which sectors?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> for r in data.find_relationships(country="Russia"):
            ...     print(" - ".join(r.parties), r.sector.value, r.trend.value)
            PAK - RUS energy improving
            PAK - RUS trade improving
            PAK - RUS military improving
            PAK - RUS diplomatic improving
            IND - RUS diplomatic stable
            IND - RUS military stable
            RUS - UKR security unknown
        """
        conditions: list[Condition[Relationship]] = _place_conditions(
            None if country is None else _codes("country", country),
            None if between is None else _pairs("between", between),
            None if sector is None else _members("sector", Sector, sector),
            _parties,
            _one_sector,
        )
        if trend is not None:
            trends = _members("trend", Trend, trend)
            conditions.append(Condition("trend", trends, lambda r: r.trend in trends))
        return self._relationship_table().select(conditions)

    # --- following links -----------------------------------------------------------------

    def evidence(
        self, agreement_or_relationship: Agreement | Relationship | str
    ) -> tuple[Claim, ...]:
        """Return the claims an agreement or relationship rests on, in document order.

        Use it to get from a summary back to the sentences that support it.

        Args:
            agreement_or_relationship: An agreement or relationship, or the id of one
                in this dataset.

        Raises:
            QueryError: The argument is not an agreement or relationship of this
                dataset, or cites a claim the dataset does not hold.

        Examples:
            Which sentence says so?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> s350 = data.find_agreements(party="Pakistan", sector="military")[0]
            >>> for claim in data.evidence(s350):
            ...     print(claim.certainty.value, claim.attribution, "|", claim.text)
            probable some media reports | Some media reports have highlighted Pakistan’s \
interest in acquiring Russia’s S-350 air defence system
            possible None | a deal that could strengthen Pakistan's defense capabilities
        """
        parameter = "agreement_or_relationship"
        item: object = agreement_or_relationship
        data = self._data()
        if isinstance(item, str):
            found = data._by_id("agreements").get(item)
            if found is None:
                found = data._by_id("relationships").get(item)
            if found is None:
                raise QueryError(parameter, item, ("an agreement or relationship id",))
            item = found
        if not isinstance(item, Agreement | Relationship):
            raise QueryError(parameter, item, ("an Agreement", "a Relationship"))
        claims = data._by_id("claims")
        missing = [ref for ref in item.evidence if ref not in claims]
        if missing:
            raise QueryError(parameter, item.id, ("an agreement or relationship of this dataset",))
        key = claim_order_key(self._document_rank())
        cited = {ref: claims[ref] for ref in item.evidence}
        return tuple(sorted(cited.values(), key=key))

    def partners(self, country: CountryLike, *, sector: object = None) -> tuple[Country, ...]:
        """Return the countries ``country`` has relationships with, sorted by code.

        Only relationships count: a country met only in a claim or an agreement is
        not a partner.

        Args:
            country: The country.
            sector: Only partners with a relationship in this sector (or sectors).

        Examples:
            Which countries does Russia have relations with?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> [p.name for p in data.partners("Russia")]
            ['India', 'Pakistan', 'Ukraine']
            >>> [p.name for p in data.partners("the Kremlin", sector="military")]
            ['India', 'Pakistan']
        """
        code = _code("country", country)
        table = self._partner_table()
        if sector is None:
            codes: Iterable[str] = table.get(code, ())
        else:
            wanted = _members("sector", Sector, sector)
            codes = sorted({p for s in wanted for p in table.get((code, s), ())})
        known = self._countries_by_code()
        return tuple(known[c] for c in codes)

    def _partner_table(self) -> dict[Hashable, tuple[str, ...]]:
        """Partners by country code, and by (code, sector), from the relationship index."""

        def build() -> dict[Hashable, tuple[str, ...]]:
            found: dict[Hashable, set[str]] = {}
            for key in self._relationship_table().indexes["pair_sector"]:
                (a, b), sector = cast("tuple[tuple[str, str], Sector]", key)
                for one, other in ((a, b), (b, a)):
                    found.setdefault(one, set()).add(other)
                    found.setdefault((one, sector), set()).add(other)
            return {key: tuple(sorted(codes)) for key, codes in found.items()}

        table: dict[Hashable, tuple[str, ...]] = self._cached("query:partners", build)
        return table

    def _countries_by_code(self) -> dict[str, Country]:
        data = self._data()
        known: dict[str, Country] = self._cached(
            "query:countries", lambda: {c.code: c for c in data.countries}
        )
        return known

    def country(self, name_or_code: CountryLike) -> Country:
        """Return the dataset's country a name or code stands for.

        Use it to turn what a user typed into the :class:`~bilateral.Country` the data
        refers to, with a clear error for a typo or a country the data never mentions.

        Raises:
            UnknownCountryError: No country has that name or code.
            AmbiguousCountryError: The name stands for several countries.
            QueryError: The country is real but the dataset never mentions it; the
                error lists the dataset's countries.

        Examples:
            Which country does "Islamabad" stand for?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> data.country("Islamabad")
            Country(code='PAK', alpha2='PK', alpha3='PAK', numeric='586', name='Pakistan')
        """
        code = _code("name_or_code", name_or_code)
        known = self._countries_by_code().get(code)
        if known is not None:
            return known
        raise QueryError(
            "name_or_code", name_or_code, tuple(c.code for c in self._data().countries)
        )

    # --- summaries -----------------------------------------------------------------------

    def profile(self, a: CountryLike, b: CountryLike, *, sector: object = None) -> PairProfile:
        """Summarise what the dataset says about one pair of countries.

        The profile gives the pair's relationships (one per sector, with its trend),
        its agreements grouped by status, and the claims behind them grouped by
        certainty: the answer to "what do we know, and how sure is it?".

        Args:
            a: One country.
            b: The other.
            sector: Limit the profile to this sector (or sectors).

        Raises:
            UnknownCountryError: ``a`` or ``b`` names no country.
            QueryError: ``a`` and ``b`` are the same country, or ``sector`` is invalid.

        Examples:
            What do we know about Pakistan–Russia energy relations, and how sure is it?

            >>> import bilateral
            >>> data = bilateral.load_seeds()
            >>> energy = data.profile("Pakistan", "Russia", sector="energy")
            >>> energy.trend("energy")
            <Trend.IMPROVING: 'improving'>
            >>> [(status.value, len(deals)) for status, deals in energy.agreements_by_status]
            [('proposed', 3)]
            >>> [(level.value, len(claims)) for level, claims in energy.claims_by_certainty]
            [('certain', 7), ('possible', 3)]
        """
        code_a, code_b = _code("a", a), _code("b", b)
        if code_a == code_b:
            raise QueryError("b", b, (f"a country other than {code_a}",))
        pair = frozenset({(min(code_a, code_b), max(code_a, code_b))})
        sectors = None if sector is None else _members("sector", Sector, sector)
        relationships = self.find_relationships(between=pair, sector=sectors)
        agreements = self.find_agreements(between=pair, sector=sectors)
        claims = set(self.find_claims(between=pair, sector=sectors))
        table = self._data()._by_id("claims")
        linked: tuple[Agreement | Relationship, ...] = (*relationships, *agreements)
        for item in linked:
            claims.update(table[ref] for ref in item.evidence if ref in table)
        key = claim_order_key(self._document_rank())
        ordered = sorted(claims, key=key)
        by_status = tuple(
            (status, group)
            for status in AgreementStatus
            if (group := tuple(x for x in agreements if x.status is status))
        )
        by_certainty = tuple(
            (level, stated)
            for level in sorted(Certainty, reverse=True)
            if (stated := tuple(c for c in ordered if c.certainty is level))
        )
        known = self._countries_by_code()
        first, second = sorted((code_a, code_b))
        return PairProfile(
            countries=(
                known.get(first) or lookup_country(first),
                known.get(second) or lookup_country(second),
            ),
            sectors=tuple(s for s in Sector if sectors is not None and s in sectors),
            relationships=relationships,
            agreements_by_status=by_status,
            claims_by_certainty=by_certainty,
        )
