"""The data model: documents, claims, agreements and relationships.

Every class is a frozen, slotted attrs class whose fields are validated on creation
and hold only immutable values (strings, enums, tuples), so a model object can be
shared, hashed and cached freely. The model does no I/O and knows nothing of file
formats; loaders, extraction and serialization build it.

The provenance chain is: a :class:`Claim` quotes an exact span of a
:class:`Document`; an :class:`Agreement` or :class:`Relationship` lists the ids of
the claims that support it in ``evidence``. A :class:`~bilateral.Dataset` checks
that every link resolves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ._enums import AgreementStatus, Certainty, Polarity, Sector, Trend
from ._errors import DataError

__all__ = ["Agreement", "Claim", "Document", "Relationship", "sha256_text"]

T = TypeVar("T")

_ID = re.compile(r"^[^\s]+$")
_COUNTRY_CODE = re.compile(r"^(?:[A-Z]{3}|[A-Z]{4})$")
_GROUP_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def sha256_text(text: str) -> str:
    """Return the hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- validators and converters that raise DataError naming the field -----------------


def _fail(attribute: attrs.Attribute[Any], reason: str) -> DataError:
    return DataError(reason, path=attribute.name)


def _is_id(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise _fail(attribute, f"must be a non-empty id without spaces, not {value!r}")


def _is_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(attribute, f"must be a non-empty string, not {value!r}")


def _is_opt_text(_inst: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None:
        _is_text(_inst, attribute, value)


def _is_str(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _fail(attribute, f"must be a string, not {type(value).__name__}")


def _is_offset(_inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(attribute, f"must be a non-negative integer, not {value!r}")


def _parse_enum(parse: Callable[[Any], T], value: Any, path: str) -> T:
    try:
        return parse(value)
    except (ValueError, TypeError):
        owner = getattr(parse, "__self__", None)
        choices = ", ".join(getattr(owner, "values", tuple)())
        msg = f"{value!r} is not one of {choices}"
        raise DataError(msg, path=path) from None


def _as_tuple(value: Any, path: str) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = f"must be a list, not {type(value).__name__}"
        raise DataError(msg, path=path)
    return tuple(value)


def _sorted_unique(value: Any, path: str) -> tuple[str, ...]:
    return tuple(sorted(set(_as_tuple(value, path)), key=str))


# Named converters, one per field kind, so that an error names its field and
# mypy's attrs plugin can see the converted types.


def _countries(value: Any) -> tuple[str, ...]:
    return _sorted_unique(value, "countries")


def _parties(value: Any) -> tuple[str, ...]:
    return _sorted_unique(value, "parties")


def _groups(value: Any) -> tuple[str, ...]:
    return _sorted_unique(value, "groups")


def _evidence(value: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_as_tuple(value, "evidence")))


def _sectors(value: Any) -> tuple[Sector, ...]:
    items = _as_tuple(value, "sectors")
    parsed = (_parse_enum(Sector.parse, v, f"sectors[{i}]") for i, v in enumerate(items))
    return tuple(dict.fromkeys(parsed))


def _sector(value: Any) -> Sector:
    return _parse_enum(Sector.parse, value, "sector")


def _certainty(value: Any) -> Certainty:
    return _parse_enum(Certainty.parse, value, "certainty")


def _polarity(value: Any) -> Polarity:
    return _parse_enum(Polarity.parse, value, "polarity")


def _status(value: Any) -> AgreementStatus:
    return _parse_enum(AgreementStatus.parse, value, "status")


def _trend(value: Any) -> Trend:
    return _parse_enum(Trend.parse, value, "trend")


def _codes(
    _inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for code in value:
        if not isinstance(code, str) or not _COUNTRY_CODE.match(code):
            raise _fail(attribute, f"{code!r} is not a country code (three or four capitals)")


def _group_ids(
    _inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for gid in value:
        if not isinstance(gid, str) or not _GROUP_ID.match(gid):
            raise _fail(attribute, f"{gid!r} is not a group id")


def _ids(
    _inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        raise _fail(attribute, "must name at least one claim")
    for item in value:
        if not isinstance(item, str) or not _ID.match(item):
            raise _fail(attribute, f"{item!r} is not a claim id")


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    msg = f"must be a date (YYYY-MM-DD), not {value!r}"
    raise DataError(msg, path="published")


# --- the classes -----------------------------------------------------------------------


@attrs.frozen
class Document:
    """A source article.

    Attributes:
        id: Unique id of the document (a file stem, a URL hash, a wire id).
        text: The full text exactly as received; every claim's offsets index into it.
        title: The headline, if known.
        url: Where the article was published, if known.
        publisher: The outlet, if known.
        published: The publication date, if known.
        sha256: SHA-256 of ``text`` (UTF-8); computed when omitted and checked when
            given, so a span can be verified against the exact text it came from.
    """

    id: str = attrs.field(validator=_is_id)
    text: str = attrs.field(validator=_is_str, repr=False)
    title: str | None = attrs.field(default=None, validator=_is_opt_text)
    url: str | None = attrs.field(default=None, validator=_is_opt_text, repr=False)
    publisher: str | None = attrs.field(default=None, validator=_is_opt_text, repr=False)
    published: dt.date | None = attrs.field(
        default=None,
        converter=_date,
        repr=False,
    )
    sha256: str = attrs.field(repr=False)

    @sha256.default
    def _hash(self) -> str:
        return sha256_text(self.text)

    @sha256.validator
    def _check_hash(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value != sha256_text(self.text):
            raise _fail(attribute, "does not match the SHA-256 of the text")

    def span(self, start: int, end: int) -> str:
        """Return ``text[start:end]``, checking the offsets lie inside the text."""
        if not 0 <= start <= end <= len(self.text):
            msg = f"span {start}:{end} lies outside the text ({len(self.text)} characters)"
            raise DataError(msg, path="text")
        return self.text[start:end]


@attrs.frozen
class Claim:
    """One statement a document makes about relations between countries.

    ``text`` is always exactly ``document.text[start:end]``, with offsets counted in
    Unicode code points, end exclusive (as the W3C Web Annotation
    TextPositionSelector counts them). The certainty, polarity and attribution record
    how the text puts the statement, never more firmly than it does.

    Attributes:
        id: Unique id within a dataset.
        document: The id of the :class:`Document` quoted.
        start: Offset of the first character of the quote.
        end: Offset just past the last character.
        text: The quoted text.
        countries: Codes of the countries the claim concerns, sorted.
        sectors: The sectors it speaks to, in order of relevance.
        certainty: How certain the text is (certain, probable, possible, unknown).
        polarity: Whether the text affirms or negates the statement.
        attribution: Who asserts it, as the text names them ("some media reports",
            "experts"); ``None`` when it is the article's own voice.
        groups: Ids of non-country actors it concerns ("west", "eu", "nato").
        time: A time expression as written ("in recent years"), if any.
    """

    id: str = attrs.field(validator=_is_id)
    document: str = attrs.field(validator=_is_id)
    start: int = attrs.field(validator=_is_offset)
    end: int = attrs.field(validator=_is_offset)
    text: str = attrs.field(validator=_is_str)
    countries: tuple[str, ...] = attrs.field(converter=_countries, validator=_codes)
    sectors: tuple[Sector, ...] = attrs.field(converter=_sectors)
    certainty: Certainty = attrs.field(converter=_certainty)
    polarity: Polarity = attrs.field(default=Polarity.AFFIRMED, converter=_polarity)
    attribution: str | None = attrs.field(default=None, validator=_is_opt_text)
    groups: tuple[str, ...] = attrs.field(default=(), converter=_groups, validator=_group_ids)
    time: str | None = attrs.field(default=None, validator=_is_opt_text)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            msg = f"end ({self.end}) is before start ({self.start})"
            raise DataError(msg, path="end")
        if len(self.text) != self.end - self.start:
            msg = (
                f"text has {len(self.text)} characters but the span {self.start}:{self.end}"
                f" has {self.end - self.start}"
            )
            raise DataError(msg, path="text")

    @property
    def hedged(self) -> bool:
        """True when the text states the claim with less than full certainty."""
        return self.certainty < Certainty.CERTAIN

    @property
    def attributed(self) -> bool:
        """True when the claim is put in a named source's mouth."""
        return self.attribution is not None


def _party_count(
    minimum: int, maximum: int | None = None
) -> Callable[[object, attrs.Attribute[tuple[str, ...]], tuple[str, ...]], None]:
    def check(
        inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        _codes(inst, attribute, value)
        if len(value) < minimum or (maximum is not None and len(value) > maximum):
            want = f"exactly {minimum}" if maximum == minimum else f"at least {minimum}"
            msg = f"must name {want} distinct countries, not {len(value)}"
            raise _fail(attribute, msg)

    return check


@attrs.frozen
class Agreement:
    """A deal, project or standing arrangement between two or more countries.

    Attributes:
        id: Unique id within a dataset.
        parties: Codes of the countries party to it, sorted.
        subject: What it is about: ``"gas pipeline"``, ``"S-350 air defence system"``.
        sector: The sector it belongs to.
        status: The lifecycle stage as the evidence states it, never further along.
        evidence: Ids of the claims that support it, at least one.
        supplier: The party that supplies, sends or sells, where the text says.
        recipient: The party that receives or buys, where the text says.
    """

    id: str = attrs.field(validator=_is_id)
    parties: tuple[str, ...] = attrs.field(converter=_parties, validator=_party_count(2))
    subject: str = attrs.field(validator=_is_text)
    sector: Sector = attrs.field(converter=_sector)
    status: AgreementStatus = attrs.field(converter=_status)
    evidence: tuple[str, ...] = attrs.field(converter=_evidence, validator=_ids)
    supplier: str | None = attrs.field(default=None)
    recipient: str | None = attrs.field(default=None)

    @supplier.validator
    @recipient.validator
    def _party(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and value not in self.parties:
            raise _fail(attribute, f"{value!r} is not one of the parties {self.parties}")

    def __attrs_post_init__(self) -> None:
        if self.supplier is not None and self.supplier == self.recipient:
            msg = "supplier and recipient are the same country"
            raise DataError(msg, path="recipient")


@attrs.frozen
class Relationship:
    """The relations of one pair of countries in one sector.

    Attributes:
        id: Unique id within a dataset.
        parties: The two country codes, sorted (the pair is unordered).
        sector: The sector the relations are in.
        trend: Which way they are moving, as the text describes it.
        description: One line saying what the relations are.
        evidence: Ids of the claims that support it, at least one.
    """

    id: str = attrs.field(validator=_is_id)
    parties: tuple[str, ...] = attrs.field(converter=_parties, validator=_party_count(2, 2))
    sector: Sector = attrs.field(converter=_sector)
    trend: Trend = attrs.field(converter=_trend)
    description: str = attrs.field(validator=_is_text)
    evidence: tuple[str, ...] = attrs.field(converter=_evidence, validator=_ids)

    @property
    def pair(self) -> tuple[str, str]:
        """The two codes as a sorted pair."""
        return (self.parties[0], self.parties[1])
