"""Extraction builds its model objects directly; they must equal validated ones."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral import (
    Agreement,
    AgreementStatus,
    Certainty,
    Claim,
    DataError,
    Dataset,
    Document,
    Polarity,
    Relationship,
    Sector,
    Trend,
    ValidationError,
)
from bilateral._model import _ID
from bilateral.extract import extract
from bilateral.extract._build import _id, agreement, claim, dataset, document, relationship
from bilateral.extract._scan import _FOLD_TABLE, fold

TEXT = "Russia and India signed an arms deal."

FRAGMENTS = [
    "Pakistan and Russia",
    "India's",
    "Putin",
    "the two countries",
    "reportedly",
    "signed a deal on Monday",
    "first proposed in 2013",
    "supplied Japan with radar systems and patrol vessels",
    "for its war in Ukraine",
    ", signing agreements with",
    "officials said",
    "NATO",
    "Western sanctions",
    "the three countries",
    "Egypt is also expected to join the scheme",
    ",",
    ".",
    "\n",
    "İ",
]
news_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map(
    " ".join
)


def claim_fields(**changes):
    fields = {
        "id": "d:x1",
        "document": "d",
        "start": 0,
        "end": len(TEXT),
        "text": TEXT,
        "countries": ("IND", "RUS"),
        "sectors": (Sector.MILITARY,),
        "certainty": Certainty.CERTAIN,
        "polarity": Polarity.AFFIRMED,
        "attribution": None,
        "groups": (),
        "time": None,
    }
    fields.update(changes)
    return fields


def test_built_objects_set_every_field_and_equal_validated_ones():
    built = claim(**claim_fields(groups=("west",), time="today", attribution="officials"))
    assert {f.name for f in attrs.fields(Claim)} == set(attrs.asdict(built))
    assert built == Claim(**claim_fields(groups=("west",), time="today", attribution="officials"))
    deal = agreement(
        id="d:xa1",
        parties=("IND", "RUS"),
        subject="arms deal",
        sector=Sector.MILITARY,
        status=AgreementStatus.SIGNED,
        evidence=("d:x1",),
        supplier="RUS",
        recipient="IND",
    )
    assert deal == Agreement(**attrs.asdict(deal, recurse=False))
    tie = relationship(
        id="d:xr1",
        parties=("IND", "RUS"),
        sector=Sector.MILITARY,
        trend=Trend.UNKNOWN,
        description="x",
        evidence=("d:x1",),
    )
    assert tie == Relationship(**attrs.asdict(tie, recurse=False))
    doc = document("d", TEXT, None)
    assert doc == Document(id="d", text=TEXT)
    data = dataset(doc, [built], [deal], [tie], generation=0)
    assert data == Dataset(documents=[doc], claims=[built], agreements=[deal], relationships=[tie])
    assert [c.code for c in data.countries] == ["IND", "RUS"]


def test_fields_the_checks_reject_go_through_the_validating_constructor():
    # Unsorted codes are sorted by the public constructor, as they would be anyway.
    assert claim(**claim_fields(countries=("RUS", "IND"))).countries == ("IND", "RUS")
    with pytest.raises(DataError):
        claim(**claim_fields(countries=("XX",)))
    with pytest.raises(DataError):
        claim(**claim_fields(attribution="  "))
    with pytest.raises(DataError):
        claim(**claim_fields(text="too short"))
    with pytest.raises(DataError):
        document("has space", TEXT, None)
    with pytest.raises(DataError):
        agreement(
            id="a",
            parties=("IND", "RUS"),
            subject="x",
            sector=Sector.MILITARY,
            status=AgreementStatus.SIGNED,
            evidence=("d:x1",),
            supplier="CHN",
            recipient=None,
        )


def test_a_dataset_whose_quote_differs_from_its_document_is_rejected():
    doc = document("d", TEXT, None)
    wrong = claim(**claim_fields(text="R" * len(TEXT)))
    with pytest.raises(ValidationError):
        dataset(doc, [wrong], [], [], generation=0)
    dangling = relationship(
        id="d:xr1",
        parties=("IND", "RUS"),
        sector=Sector.MILITARY,
        trend=Trend.UNKNOWN,
        description="x",
        evidence=("d:x9",),
    )
    with pytest.raises(ValidationError):
        dataset(doc, [claim(**claim_fields())], [], [dangling], generation=0)


@settings(max_examples=60)
@given(news_like)
def test_extracted_datasets_pass_the_full_validation(text):
    data = extract(text, "doc")
    rebuilt = Dataset(
        documents=data.documents,
        claims=data.claims,
        agreements=data.agreements,
        relationships=data.relationships,
    )
    assert rebuilt == data
    assert rebuilt.countries == data.countries
    assert Dataset.from_json(data.to_json()) == data


@given(news_like)
def test_fold_equals_lower_then_translate(text):
    folded = fold(text)
    assert len(folded) == len(text)
    low = text.lower()
    if len(low) == len(text):
        assert folded == low.translate(_FOLD_TABLE)


@settings(max_examples=500)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.sampled_from(["a", ":", "-", " ", "\n", "\t", "\u00a0", "\u2028"])),
    )
)
def test_the_id_check_accepts_what_the_model_pattern_does(value):
    assert _id(value) == (_ID.match(value) is not None)
