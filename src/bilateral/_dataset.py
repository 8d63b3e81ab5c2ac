"""The :class:`Dataset`: a validated, mergeable collection of model objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from ._countries import Country, lookup_country
from ._errors import (
    BilateralError,
    DataError,
    UnknownCountryError,
    UnknownGroupError,
    ValidationError,
)
from ._groups import lookup_group
from ._model import Agreement, Claim, Document, Relationship
from ._query import Queries

if TYPE_CHECKING:
    from typing import Self

    import pyarrow as pa

__all__ = ["Dataset"]

T = TypeVar("T")


def _items(value: Any, kind: type[T], name: str) -> tuple[T, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = f"must be a list of {kind.__name__}, not {type(value).__name__}"
        raise DataError(msg, path=name)
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            msg = f"must be a {kind.__name__}, not {type(item).__name__}"
            raise DataError(msg, path=f"{name}[{i}]")
    return items


def _documents(value: Any) -> tuple[Document, ...]:
    return _items(value, Document, "documents")


def _claims(value: Any) -> tuple[Claim, ...]:
    return _items(value, Claim, "claims")


def _agreements(value: Any) -> tuple[Agreement, ...]:
    return _items(value, Agreement, "agreements")


def _relationships(value: Any) -> tuple[Relationship, ...]:
    return _items(value, Relationship, "relationships")


def _countries(value: Any) -> tuple[Country, ...]:
    return _items(value, Country, "countries")


@attrs.frozen
class Dataset(Queries):
    """Documents and the claims, agreements and relationships drawn from them.

    A dataset is validated as a whole when it is created: ids are unique within each
    kind, every claim's text equals its document's text at its offsets, every
    evidence id names a claim, and every country code is known. All problems are
    reported together in one :class:`~bilateral.ValidationError`.

    Attributes:
        documents: The source documents.
        claims: The claims, in document order.
        agreements: The agreements.
        relationships: The relationships.
        countries: The countries the data refers to, sorted by code. Computed from
            the other fields when omitted.
    """

    documents: tuple[Document, ...] = attrs.field(default=(), converter=_documents)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    agreements: tuple[Agreement, ...] = attrs.field(default=(), converter=_agreements)
    relationships: tuple[Relationship, ...] = attrs.field(default=(), converter=_relationships)
    countries: tuple[Country, ...] = attrs.field(converter=_countries)
    _cache: dict[str, Any] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False, alias="_cache"
    )

    @countries.default
    def _referenced(self) -> tuple[Country, ...]:
        found: dict[str, Country] = {}
        for code in sorted(self.referenced_codes()):
            try:
                found[code] = lookup_country(code)
            except UnknownCountryError:
                continue  # reported by validation below
        return tuple(found.values())

    def __attrs_post_init__(self) -> None:
        problems = list(self.problems())
        if problems:
            raise ValidationError(problems, what="dataset")

    # --- validation ---------------------------------------------------------------------

    def referenced_codes(self) -> set[str]:
        """Every country code the claims, agreements and relationships mention."""
        codes: set[str] = set()
        for claim in self.claims:
            codes.update(claim.countries)
        for deal in self.agreements:
            codes.update(deal.parties)
        for tie in self.relationships:
            codes.update(tie.parties)
        return codes

    def problems(self) -> Iterator[BilateralError]:
        """Yield every inconsistency in the dataset (nothing when it is valid)."""
        yield from _duplicates("documents", self.documents)
        yield from _duplicates("claims", self.claims)
        yield from _duplicates("agreements", self.agreements)
        yield from _duplicates("relationships", self.relationships)
        docs = {d.id: d for d in self.documents}
        known = {c.code for c in self.countries}
        for code in sorted({c.code for c in self.countries}):
            try:
                lookup_country(code)
            except UnknownCountryError:
                yield DataError(f"unknown country code {code!r}", path="countries")
        for i, claim in enumerate(self.claims):
            path = f"claims[{i}]"
            doc = docs.get(claim.document)
            if doc is None:
                yield DataError(
                    f"no document has the id {claim.document!r}", path=f"{path}.document"
                )
            elif claim.end > len(doc.text) or doc.text[claim.start : claim.end] != claim.text:
                yield DataError(
                    f"text {claim.text!r} is not the document's text at {claim.start}:{claim.end}",
                    path=f"{path}.text",
                )
            for j, code in enumerate(claim.countries):
                if code not in known:
                    yield DataError(
                        f"country {code!r} is not among the dataset's countries",
                        path=f"{path}.countries[{j}]",
                    )
            for j, gid in enumerate(claim.groups):
                try:
                    lookup_group(gid)
                except UnknownGroupError as exc:
                    yield DataError(exc.reason, path=f"{path}.groups[{j}]")
        claim_ids = {c.id for c in self.claims}
        linked: tuple[tuple[str, tuple[Agreement | Relationship, ...]], ...] = (
            ("agreements", self.agreements),
            ("relationships", self.relationships),
        )
        for kind, items in linked:
            for i, item in enumerate(items):
                path = f"{kind}[{i}]"
                for j, code in enumerate(item.parties):
                    if code not in known:
                        yield DataError(
                            f"country {code!r} is not among the dataset's countries",
                            path=f"{path}.parties[{j}]",
                        )
                for j, ref in enumerate(item.evidence):
                    if ref not in claim_ids:
                        yield DataError(
                            f"evidence {ref!r} names no claim", path=f"{path}.evidence[{j}]"
                        )

    # --- access -------------------------------------------------------------------------

    def _by_id(self, kind: str) -> dict[str, Any]:
        key = f"id:{kind}"
        table = self._cache.get(key)
        if table is None:
            table = {item.id: item for item in getattr(self, kind)}
            self._cache[key] = table
        return table

    def get_document(self, document_id: str) -> Document:
        """Return the document with this id.

        Raises:
            DataError: No document has it.
        """
        return cast("Document", self._get("documents", document_id))

    def get_claim(self, claim_id: str) -> Claim:
        """Return the claim with this id.

        Raises:
            DataError: No claim has it.
        """
        return cast("Claim", self._get("claims", claim_id))

    def _get(self, kind: str, item_id: str) -> Any:
        try:
            return self._by_id(kind)[item_id]
        except KeyError:
            raise DataError(f"no {kind[:-1]} has the id {item_id!r}", path=kind) from None

    def __len__(self) -> int:
        """The number of claims."""
        return len(self.claims)

    # --- combining ----------------------------------------------------------------------

    def merge(self, *others: Dataset) -> Dataset:
        """Return one dataset holding this one's objects and the others'.

        Objects equal in every field are kept once, so merging is idempotent and
        associative. Two different objects with the same id are a conflict and raise
        :class:`~bilateral.ValidationError`.
        """
        parts = (self, *others)
        return Dataset(
            documents=_union(p.documents for p in parts),
            claims=_union(p.claims for p in parts),
            agreements=_union(p.agreements for p in parts),
            relationships=_union(p.relationships for p in parts),
        )

    def __or__(self, other: object) -> Dataset:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self.merge(other)

    @classmethod
    def concat(cls, datasets: Iterable[Dataset]) -> Self:
        """Merge any number of datasets (an empty iterable gives an empty dataset)."""
        items = list(datasets)
        if not items:
            return cls()
        return cast("Self", items[0].merge(*items[1:]))

    # --- serialization ------------------------------------------------------------------

    def to_json(self, *, indent: int | None = None) -> str:
        """Serialize to the versioned JSON format (see the format reference)."""
        from ._convert import dumps_dataset

        return dumps_dataset(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Dataset:
        """Read a dataset written by :meth:`to_json`.

        Raises:
            ValidationError: The JSON is malformed or does not describe a valid dataset;
                every problem is listed with its field path.
        """
        from ._convert import loads_dataset

        return loads_dataset(text)

    def to_arrow(self) -> dict[str, pa.Table]:
        """Return one pyarrow Table per kind, for DuckDB, pandas, polars or Parquet.

        Keys are ``countries``, ``documents``, ``claims``, ``agreements`` and
        ``relationships``; the schemas are versioned and documented in the scaling
        guide. Needs pyarrow (``pip install "bilateral[arrow]"``).

        Raises:
            ImportError: pyarrow is not installed.
        """
        from ._arrow import to_arrow

        return to_arrow(self)


def _duplicates(kind: str, items: tuple[Any, ...]) -> Iterator[BilateralError]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            yield DataError(
                f"duplicate id {item.id!r} (first used at {kind}[{seen[item.id]}])",
                path=f"{kind}[{i}].id",
            )
        else:
            seen[item.id] = i


def _union(groups: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    merged: dict[Any, None] = {}
    for group in groups:
        merged.update(dict.fromkeys(group))
    return tuple(merged)
