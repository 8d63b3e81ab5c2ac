"""Hypothesis strategies for bilateral's model, for your own property-based tests.

Requires :mod:`hypothesis` (``pip install "bilateral[testing]"``). Every strategy
draws only valid objects: claims whose text is their document's text at their
offsets, agreements and relationships whose evidence names claims in the same
dataset, country codes from the real ISO table.

>>> from hypothesis import given
>>> from bilateral.testing import datasets
>>> @given(datasets())
... def test_round_trip(data):
...     assert bilateral.Dataset.from_json(data.to_json()) == data
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

from ._countries import Country, all_countries
from ._dataset import Dataset
from ._enums import AgreementStatus, Certainty, Polarity, Sector, Trend
from ._groups import all_groups
from ._model import Agreement, Claim, Document, Relationship

__all__ = [
    "agreements",
    "claims",
    "countries",
    "country_codes",
    "datasets",
    "documents",
    "relationships",
]

_ID_CHARS = string.ascii_letters + string.digits + "_-"
_POOL = ("CHN", "IND", "PAK", "RUS", "UKR", "USA")
_WORDS = (
    "Pakistan",
    "Russia",
    "India",
    "signed",
    "a",
    "deal",
    "on",
    "gas",
    "reportedly",
    "may",
    "the",
    "pipeline",
    "talks",
    "Moscow",
    "Islamabad",
    "’s",
    "defence",
    "trade",
    ".",
    ",",
    "“",
    "”",
    "é",
    "\n",
    "  ",
)


def ids(prefix: str = "") -> st.SearchStrategy[str]:
    """Identifiers without spaces, optionally with a fixed prefix."""
    return st.text(_ID_CHARS, min_size=1, max_size=12).map(lambda s: prefix + s)


def countries(*, include_former: bool = False) -> st.SearchStrategy[Country]:
    """Countries from the packaged ISO table."""
    return st.sampled_from(all_countries(include_former=include_former))


def country_codes(*, include_former: bool = False) -> st.SearchStrategy[str]:
    """Codes of countries from the packaged ISO table."""
    return countries(include_former=include_former).map(lambda c: c.code)


def _texts() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(" ".join)
    return st.one_of(words, st.text(min_size=1, max_size=200))


def documents(doc_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Document]:
    """Documents with arbitrary text (any Unicode) and optional metadata."""
    optional_text = st.none() | st.text(min_size=1, max_size=30).filter(str.strip)
    return st.builds(
        Document,
        id=doc_id if doc_id is not None else ids("doc-"),
        text=_texts(),
        title=optional_text,
        url=st.none() | st.just("https://example.org/news/1"),
        publisher=optional_text,
        published=st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    document: Document,
    claim_id: st.SearchStrategy[str] | None = None,
    codes: st.SearchStrategy[str] | None = None,
) -> Claim:
    """A claim quoting a span of ``document``."""
    start = draw(st.integers(0, len(document.text)))
    end = draw(st.integers(start, len(document.text)))
    code_strategy = codes if codes is not None else country_codes()
    return Claim(
        id=draw(claim_id if claim_id is not None else ids("c-")),
        document=document.id,
        start=start,
        end=end,
        text=document.text[start:end],
        countries=draw(st.lists(code_strategy, max_size=4)),
        sectors=draw(st.lists(st.sampled_from(list(Sector)), min_size=1, max_size=3)),
        certainty=draw(st.sampled_from(list(Certainty))),
        polarity=draw(st.sampled_from(list(Polarity))),
        attribution=draw(st.none() | st.sampled_from(["experts", "media reports", "officials"])),
        groups=draw(st.lists(st.sampled_from([g.id for g in all_groups()]), max_size=2)),
        time=draw(st.none() | st.sampled_from(["in recent years", "last week"])),
    )


@st.composite
def agreements(
    draw: st.DrawFn,
    claim_ids: tuple[str, ...],
    codes: st.SearchStrategy[str] | None = None,
    item_id: st.SearchStrategy[str] | None = None,
) -> Agreement:
    """An agreement whose evidence is drawn from ``claim_ids`` (which must not be empty)."""
    code_strategy = codes if codes is not None else country_codes()
    parties = draw(st.lists(code_strategy, min_size=2, max_size=4, unique=True))
    direction: dict[str, Any] = {}
    if draw(st.booleans()):
        supplier, recipient = draw(st.permutations(parties))[:2]
        direction = {"supplier": supplier, "recipient": recipient}
    return Agreement(
        id=draw(item_id if item_id is not None else ids("a-")),
        parties=parties,
        subject=draw(st.sampled_from(["gas pipeline", "arms sale", "trade deal", "exercise"])),
        sector=draw(st.sampled_from(list(Sector))),
        status=draw(st.sampled_from(list(AgreementStatus))),
        evidence=draw(st.lists(st.sampled_from(claim_ids), min_size=1, max_size=3)),
        **direction,
    )


@st.composite
def relationships(
    draw: st.DrawFn,
    claim_ids: tuple[str, ...],
    codes: st.SearchStrategy[str] | None = None,
    item_id: st.SearchStrategy[str] | None = None,
) -> Relationship:
    """A relationship whose evidence is drawn from ``claim_ids`` (which must not be empty)."""
    code_strategy = codes if codes is not None else country_codes()
    return Relationship(
        id=draw(item_id if item_id is not None else ids("r-")),
        parties=draw(st.lists(code_strategy, min_size=2, max_size=2, unique=True)),
        sector=draw(st.sampled_from(list(Sector))),
        trend=draw(st.sampled_from(list(Trend))),
        description=draw(st.sampled_from(["closer ties", "a long rivalry", "talks on trade"])),
        evidence=draw(st.lists(st.sampled_from(claim_ids), min_size=1, max_size=3)),
    )


@st.composite
def datasets(
    draw: st.DrawFn,
    *,
    max_documents: int = 3,
    max_claims: int = 12,
    max_links: int = 6,
    codes: st.SearchStrategy[str] | None = None,
    id_prefix: str = "",
) -> Dataset:
    """A valid dataset: documents, claims quoting them, and linked agreements/relationships.

    Args:
        draw: Supplied by hypothesis.
        max_documents: At most this many documents.
        max_claims: At most this many claims in all.
        max_links: At most this many agreements, and as many relationships.
        codes: Country codes to draw from; by default a small pool of real codes, so
            that queries find overlaps.
        id_prefix: Put before every id, so that datasets drawn with different prefixes
            merge without clashes.
    """
    pool = codes if codes is not None else st.sampled_from(_POOL)
    doc_ids = draw(st.lists(ids(f"{id_prefix}d"), min_size=0, max_size=max_documents, unique=True))
    docs = [draw(documents(st.just(d))) for d in doc_ids]
    found: list[Claim] = []
    if docs:
        count = draw(st.integers(0, max_claims))
        for n in range(count):
            doc = draw(st.sampled_from(docs))
            found.append(draw(claims(doc, st.just(f"{id_prefix}c{n}"), pool)))
    claim_ids = tuple(c.id for c in found)
    deals: list[Agreement] = []
    ties: list[Relationship] = []
    if claim_ids:
        deals = [
            draw(agreements(claim_ids, pool, st.just(f"{id_prefix}a{n}")))
            for n in range(draw(st.integers(0, max_links)))
        ]
        ties = [
            draw(relationships(claim_ids, pool, st.just(f"{id_prefix}r{n}")))
            for n in range(draw(st.integers(0, max_links)))
        ]
    return Dataset(documents=docs, claims=found, agreements=deals, relationships=ties)
