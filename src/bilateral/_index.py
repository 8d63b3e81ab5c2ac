"""The indexes behind the query methods of :class:`bilateral.Dataset`.

A :class:`Table` holds one kind of object (claims, agreements or relationships) in
result order, with inverted indexes (:class:`Postings`) from each filterable value to
the ascending positions of the objects that have it. A query is a list of
:class:`Condition` s combined with AND; :meth:`Table.select` reads the candidates of the
most selective indexed condition and tests only those against the others, so a
selective query touches a few postings, never every object.

Beside the single-value indexes (country, pair, sector, ...) each table keeps two
composite indexes, country x sector and pair x sector, so that the commonest analyst
question ("Pakistan-Russia, energy") is a single lookup.

Tables are built once per dataset, on its first query, and cached on it.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from functools import partial
from itertools import combinations, pairwise
from typing import Generic, TypeVar

import attrs

from ._enums import Sector
from ._model import Agreement, Claim, Document, Relationship

__all__ = [
    "Condition",
    "Postings",
    "Table",
    "agreement_table",
    "claim_order_key",
    "claim_table",
    "relationship_table",
    "word_postings",
    "words",
]

T = TypeVar("T")

_WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    """Return the distinct words of ``text``, case-folded (the keys of the word index)."""
    return set(_WORD.findall(text.casefold()))


class Postings(Generic[T]):
    """For each key, the objects that have it, in table order.

    Each list is kept twice: as a tuple of the objects, which a query on one key
    returns as it is (no copy, whatever its length), and as a compact array of their
    positions in the table (four bytes each), which merges lists of several keys in
    table order.
    """

    __slots__ = ("_items", "_positions")

    def __init__(self, items: Sequence[T], lists: dict[Hashable, array[int]]) -> None:
        self._positions: dict[Hashable, array[int]] = lists
        get = items.__getitem__
        self._items: dict[Hashable, tuple[T, ...]] = {
            key: tuple(map(get, positions)) for key, positions in lists.items()
        }

    def __len__(self) -> int:
        """The number of distinct keys."""
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[Hashable]:
        """The keys that at least one object has."""
        return iter(self._items)

    def get(self, key: Hashable) -> tuple[T, ...]:
        """The objects with ``key``, in table order (empty when none has it)."""
        return self._items.get(key, ())

    def count(self, keys: Iterable[Hashable]) -> int:
        """How many objects the keys hold together, counting repeats (an upper bound)."""
        lists = self._items
        return sum(len(lists[key]) for key in keys if key in lists)

    def select(self, keys: Collection[Hashable], items: Sequence[T]) -> tuple[T, ...]:
        """The distinct objects with any of ``keys``, in table order.

        Args:
            keys: The keys.
            items: The table's objects, which the positions index.
        """
        found = [key for key in keys if key in self._items]
        if not found:
            return ()
        if len(found) == 1:
            return self._items[found[0]]
        merged = sorted(set().union(*(self._positions[key] for key in found)))
        return tuple(map(items.__getitem__, merged))

    def entries(self) -> int:
        """The total number of objects listed, over all keys (for size reports)."""
        return sum(len(v) for v in self._items.values())


@attrs.frozen
class Condition(Generic[T]):
    """One filter of a query: objects pass when ``test`` is true for them.

    Attributes:
        index: The name of the :class:`Postings` that lists the objects having any
            of ``keys``, or ``None`` for a condition that can only be tested.
        keys: The index keys of the objects that may satisfy the condition.
        test: The same condition as a predicate on one object, used on the
            candidates another, more selective, condition produced.
        exact: True when every object listed under ``keys`` satisfies the
            condition, so its candidates need no test; False when the index only
            narrows the search (a phrase is looked up by one of its words).
    """

    index: str | None
    keys: frozenset[Hashable]
    test: Callable[[T], bool]
    exact: bool = True


class Table(Generic[T]):
    """Objects of one kind in result order, and the indexes that select them.

    Attributes:
        items: Every object, in the order query results are given in.
        indexes: The inverted indexes by name.
    """

    __slots__ = ("indexes", "items")

    def __init__(self, items: tuple[T, ...], indexes: dict[str, Postings[T]]) -> None:
        self.items = items
        self.indexes = indexes

    def select(self, conditions: Sequence[Condition[T]]) -> tuple[T, ...]:
        """Return the objects that satisfy every condition, in table order.

        The condition whose keys hold the fewest positions drives the query; the
        others are tested on its candidates only. A query with no indexed
        condition scans the table.
        """
        if not conditions:
            return self.items
        best: Condition[T] | None = None
        best_size = 0
        for condition in conditions:
            if condition.index is None:
                continue
            size = self.indexes[condition.index].count(condition.keys)
            if best is None or size < best_size:
                best, best_size = condition, size
        if best is None or best.index is None:
            return tuple(x for x in self.items if all(c.test(x) for c in conditions))
        if best_size == 0:
            return ()
        candidates = self.indexes[best.index].select(best.keys, self.items)
        rest = [c.test for c in conditions if c is not best or not c.exact]
        if not rest:
            return candidates
        if len(rest) == 1:
            return tuple(filter(rest[0], candidates))
        return tuple(x for x in candidates if all(test(x) for test in rest))

    def entries(self) -> int:
        """The total number of positions in all indexes (for size reports)."""
        return sum(p.entries() for p in self.indexes.values())


def _lists() -> defaultdict[Hashable, array[int]]:
    return defaultdict(partial(array, "I"))


def _index_places(
    items: Sequence[T],
    countries_of: Callable[[T], tuple[str, ...]],
    sectors_of: Callable[[T], tuple[Sector, ...]],
) -> dict[str, defaultdict[Hashable, array[int]]]:
    """Build the country, pair, sector and composite indexes shared by every kind."""
    country, pair, sector = _lists(), _lists(), _lists()
    country_sector, pair_sector = _lists(), _lists()
    for position, item in enumerate(items):
        codes = countries_of(item)
        sectors = sectors_of(item)
        for code in codes:
            country[code].append(position)
            for s in sectors:
                country_sector[code, s].append(position)
        for couple in combinations(codes, 2):
            pair[couple].append(position)
            for s in sectors:
                pair_sector[couple, s].append(position)
        for s in sectors:
            sector[s].append(position)
    return {
        "country": country,
        "pair": pair,
        "sector": sector,
        "country_sector": country_sector,
        "pair_sector": pair_sector,
    }


def _freeze(
    items: Sequence[T], lists: dict[str, defaultdict[Hashable, array[int]]]
) -> dict[str, Postings[T]]:
    return {name: Postings(items, dict(table)) for name, table in lists.items()}


def claim_order_key(document_rank: dict[str, int]) -> Callable[[Claim], tuple[int, int, int, str]]:
    """Return the sort key of the documented claim order.

    Claims are ordered by their document's position in the dataset, then start
    offset, end offset and id.
    """

    def key(claim: Claim) -> tuple[int, int, int, str]:
        return (document_rank[claim.document], claim.start, claim.end, claim.id)

    return key


def claim_table(documents: Sequence[Document], claims: tuple[Claim, ...]) -> Table[Claim]:
    """Index claims in document order.

    Indexes: country, pair, sector, country_sector, pair_sector, certainty,
    attributed (``True``/``False``), document, group. The word index is built
    separately, on demand, by :func:`word_postings`.
    """
    rank = {doc.id: i for i, doc in enumerate(documents)}
    key = claim_order_key(rank)
    keys = [key(c) for c in claims]
    if all(a <= b for a, b in pairwise(keys)):
        order = claims
    else:
        order = tuple(c for _, c in sorted(zip(keys, claims, strict=True), key=lambda kc: kc[0]))
    del keys
    lists = _index_places(order, _claim_countries, _claim_sectors)
    certainty, attributed, document, group = _lists(), _lists(), _lists(), _lists()
    for position, claim in enumerate(order):
        certainty[claim.certainty].append(position)
        attributed[claim.attribution is not None].append(position)
        document[claim.document].append(position)
        for gid in claim.groups:
            group[gid].append(position)
    lists.update(certainty=certainty, attributed=attributed, document=document, group=group)
    return Table(order, _freeze(order, lists))


def word_postings(claims: Sequence[Claim]) -> Postings[Claim]:
    """Index claims (in table order) by the case-folded words of their text."""
    table = _lists()
    for position, claim in enumerate(claims):
        for word in words(claim.text):
            table[word].append(position)
    return Postings(claims, dict(table))


def agreement_table(agreements: tuple[Agreement, ...]) -> Table[Agreement]:
    """Index agreements in dataset order.

    Indexes: country (any party), pair, sector, country_sector, pair_sector, status,
    country_status.
    """
    lists = _index_places(agreements, _parties, _one_sector)
    status, country_status = _lists(), _lists()
    for position, agreement in enumerate(agreements):
        status[agreement.status].append(position)
        for code in agreement.parties:
            country_status[code, agreement.status].append(position)
    lists.update(status=status, country_status=country_status)
    return Table(agreements, _freeze(agreements, lists))


def relationship_table(relationships: tuple[Relationship, ...]) -> Table[Relationship]:
    """Index relationships in dataset order.

    Indexes: country (either party), pair, sector, country_sector, pair_sector, trend.
    """
    lists = _index_places(relationships, _parties, _one_sector)
    trend = _lists()
    for position, relationship in enumerate(relationships):
        trend[relationship.trend].append(position)
    lists["trend"] = trend
    return Table(relationships, _freeze(relationships, lists))


def _claim_countries(claim: Claim) -> tuple[str, ...]:
    return claim.countries


def _claim_sectors(claim: Claim) -> tuple[Sector, ...]:
    return claim.sectors


def _parties(item: Agreement | Relationship) -> tuple[str, ...]:
    return item.parties


def _one_sector(item: Agreement | Relationship) -> tuple[Sector, ...]:
    return (item.sector,)
