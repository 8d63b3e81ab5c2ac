"""Building an extraction's model objects without validating them twice.

The public constructors of :class:`~bilateral.Claim`, :class:`~bilateral.Agreement`,
:class:`~bilateral.Relationship` and :class:`~bilateral.Dataset` convert and check
every field, which is right for data from outside but costs more than the rest of
extraction for the objects extraction itself has just made from known codes and
enums. The builders here check exactly the invariants those constructors enforce —
with plain comparisons, since the values are already of the right types — and set the
fields directly when every check passes. When one fails, they call the public
constructor instead, which raises the usual error, so nothing invalid is ever built.

The dataset builder checks what :class:`~bilateral.Dataset` checks: unique ids, every
claim's quote equal to its document's text at its offsets, every evidence id naming a
claim, and every country and group known.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from bilateral._countries import Country, all_countries, lookup_country
from bilateral._dataset import Dataset
from bilateral._enums import AgreementStatus, Certainty, Polarity, Sector, Trend
from bilateral._groups import all_groups
from bilateral._model import Agreement, Claim, Document, Relationship, sha256_text

__all__ = ["agreement", "claim", "dataset", "relationship"]

T = TypeVar("T", bound=attrs.AttrsInstance)

_set = object.__setattr__


_FIELDS: dict[type, tuple[str, ...]] = {}


def _make(cls: type[T], values: dict[str, Any]) -> T:
    """An instance of an attrs class with these field values, set without conversion."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls))
    if tuple(values) != names:
        msg = f"{cls.__name__} fields changed: {tuple(values)} != {names}"
        raise AssertionError(msg)
    made = object.__new__(cls)
    for name, value in values.items():
        _set(made, name, value)
    return made


@functools.cache
def _known_codes() -> frozenset[str]:
    return frozenset(c.code for c in all_countries(include_former=True))


@functools.cache
def _known_groups() -> frozenset[str]:
    return frozenset(g.id for g in all_groups())


def _text(value: object) -> bool:
    """A non-empty string that is not only spaces (``None`` is not one)."""
    return isinstance(value, str) and bool(value.strip())


def _id(value: object) -> bool:
    """Whether ``value`` is an id as the model's ``_ID`` pattern accepts one.

    That is a string of at least one character and no spaces, with perhaps one final
    newline (where the pattern's ``$`` also matches), checked without the pattern:
    ``str.split()`` splits at the same spaces as the pattern's class.
    """
    if not isinstance(value, str):
        return False
    body = value[:-1] if value.endswith("\n") else value
    return body.split() == [body]


def _codes(value: object, minimum: int, maximum: int | None = None) -> bool:
    """A sorted tuple of distinct known country codes, of an allowed length."""
    if type(value) is not tuple or len(value) < minimum:
        return False
    if maximum is not None and len(value) > maximum:
        return False
    known = _known_codes()
    previous = ""
    for code in value:
        if type(code) is not str or code <= previous or code not in known:
            return False
        previous = code
    return True


def _ids(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and bool(value)
        and len(set(value)) == len(value)
        and all(_id(v) for v in value)
    )


def claim(
    *,
    id: str,
    document: str,
    start: int,
    end: int,
    text: str,
    countries: tuple[str, ...],
    sectors: tuple[Sector, ...],
    certainty: Certainty,
    polarity: Polarity,
    attribution: str | None,
    groups: tuple[str, ...],
    time: str | None,
) -> Claim:
    """A :class:`~bilateral.Claim`, built directly when its fields are valid as given."""
    if (
        _id(id)
        and _id(document)
        and type(start) is int
        and type(end) is int
        and 0 <= start <= end
        and type(text) is str
        and len(text) == end - start
        and _codes(countries, 0)
        and type(sectors) is tuple
        and all(type(s) is Sector for s in sectors)
        and len(set(sectors)) == len(sectors)
        and type(certainty) is Certainty
        and type(polarity) is Polarity
        and (attribution is None or _text(attribution))
        and (time is None or _text(time))
        and (not groups or _group_ids(groups))
    ):
        made = object.__new__(Claim)
        _set(made, "id", id)
        _set(made, "document", document)
        _set(made, "start", start)
        _set(made, "end", end)
        _set(made, "text", text)
        _set(made, "countries", countries)
        _set(made, "sectors", sectors)
        _set(made, "certainty", certainty)
        _set(made, "polarity", polarity)
        _set(made, "attribution", attribution)
        _set(made, "groups", groups)
        _set(made, "time", time)
        return made
    return Claim(
        id=id,
        document=document,
        start=start,
        end=end,
        text=text,
        countries=countries,
        sectors=sectors,
        certainty=certainty,
        polarity=polarity,
        attribution=attribution,
        groups=groups,
        time=time,
    )


def _group_ids(value: object) -> bool:
    """A sorted tuple of distinct known group ids."""
    if type(value) is not tuple:
        return False
    known = _known_groups()
    previous = ""
    for gid in value:
        if type(gid) is not str or gid <= previous or gid not in known:
            return False
        previous = gid
    return True


def agreement(
    *,
    id: str,
    parties: tuple[str, ...],
    subject: str,
    sector: Sector,
    status: AgreementStatus,
    evidence: tuple[str, ...],
    supplier: str | None,
    recipient: str | None,
) -> Agreement:
    """An :class:`~bilateral.Agreement`, built directly when its fields are valid."""
    values: dict[str, Any] = {
        "id": id,
        "parties": parties,
        "subject": subject,
        "sector": sector,
        "status": status,
        "evidence": evidence,
        "supplier": supplier,
        "recipient": recipient,
    }
    if (
        _id(id)
        and _codes(parties, 2)
        and _text(subject)
        and isinstance(sector, Sector)
        and isinstance(status, AgreementStatus)
        and _ids(evidence)
        and (supplier is None or supplier in parties)
        and (recipient is None or recipient in parties)
        and (supplier is None or supplier != recipient)
    ):
        return _make(Agreement, values)
    return Agreement(**values)


def relationship(
    *,
    id: str,
    parties: tuple[str, ...],
    sector: Sector,
    trend: Trend,
    description: str,
    evidence: tuple[str, ...],
) -> Relationship:
    """A :class:`~bilateral.Relationship`, built directly when its fields are valid."""
    values: dict[str, Any] = {
        "id": id,
        "parties": parties,
        "sector": sector,
        "trend": trend,
        "description": description,
        "evidence": evidence,
    }
    if (
        _id(id)
        and _codes(parties, 2, 2)
        and isinstance(sector, Sector)
        and isinstance(trend, Trend)
        and _text(description)
        and _ids(evidence)
    ):
        return _make(Relationship, values)
    return Relationship(**values)


def document(document_id: str, text: str, title: str | None) -> Document:
    """A :class:`~bilateral.Document` of a text, its SHA-256 computed once."""
    if _id(document_id) and type(text) is str and (title is None or _text(title)):
        values = {
            "id": document_id,
            "text": text,
            "title": title,
            "url": None,
            "publisher": None,
            "published": None,
            "sha256": sha256_text(text),
        }
        return _make(Document, values)
    return Document(id=document_id, text=text, title=title)


_countries_cache: dict[tuple[int, str], Country] = {}


def _country(generation: int, code: str) -> Country | None:
    key = (generation, code)
    found = _countries_cache.get(key)
    if found is None:
        try:
            found = lookup_country(code)
        except LookupError:
            return None
        if len(_countries_cache) > 4096:
            _countries_cache.clear()
        _countries_cache[key] = found
    return found


def dataset(
    document: Document,
    claims: Sequence[Claim],
    agreements: Sequence[Agreement],
    relationships: Sequence[Relationship],
    *,
    generation: int,
) -> Dataset:
    """The :class:`~bilateral.Dataset` of one extracted document.

    Built directly when the whole passes the dataset's own checks, otherwise by the
    validating constructor (which then reports every problem). ``generation`` is the
    alias generation the codes were found under (it keys a cache of countries).
    """
    claims = tuple(claims)
    agreements = tuple(agreements)
    relationships = tuple(relationships)
    text = document.text
    claim_ids = {c.id for c in claims}
    valid = len(claim_ids) == len(claims)
    codes: set[str] = set()
    for c in claims:
        codes.update(c.countries)
        if c.document != document.id or c.end > len(text) or text[c.start : c.end] != c.text:
            valid = False
    for items in (agreements, relationships):
        if len({item.id for item in items}) != len(items):
            valid = False
        for item in items:
            codes.update(item.parties)
            if not claim_ids.issuperset(item.evidence):
                valid = False
    countries: list[Country] = []
    for code in sorted(codes):
        country = _country(generation, code)
        if country is None or country.code != code:
            valid = False
            break
        countries.append(country)
    if not valid:
        return Dataset(
            documents=(document,),
            claims=claims,
            agreements=agreements,
            relationships=relationships,
        )
    return _make(
        Dataset,
        {
            "documents": (document,),
            "claims": claims,
            "agreements": agreements,
            "relationships": relationships,
            "countries": tuple(countries),
            "_cache": {},
        },
    )
