from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral import (
    Agreement,
    AgreementStatus,
    Certainty,
    Claim,
    DataError,
    Dataset,
    Document,
    Relationship,
    Sector,
    ValidationError,
)
from bilateral.testing import datasets

TEXT = "Russia may supply gas to Pakistan. India signed a deal with Russia."


def doc() -> Document:
    return Document(id="d1", text=TEXT, title="Gas")


def claim(cid: str = "c1", start: int = 0, end: int = 34, **kw) -> Claim:
    fields = {
        "id": cid,
        "document": "d1",
        "start": start,
        "end": end,
        "text": TEXT[start:end],
        "countries": ["RUS", "PAK"],
        "sectors": ["energy"],
        "certainty": "possible",
    }
    fields.update(kw)
    return Claim(**fields)


def test_enum_values_are_the_documented_strings():
    assert Sector.values() == (
        "energy",
        "trade",
        "military",
        "diplomatic",
        "sanctions",
        "finance",
        "technology",
        "security",
    )
    assert [s.value for s in AgreementStatus] == [
        "proposed",
        "negotiating",
        "signed",
        "in_force",
        "stalled",
        "terminated",
    ]
    assert bilateral.Trend.values() == ("improving", "stable", "deteriorating", "unknown")


def test_certainty_is_ordered():
    assert Certainty.CERTAIN > Certainty.PROBABLE > Certainty.POSSIBLE > Certainty.UNKNOWN
    assert (
        sorted([Certainty.POSSIBLE, Certainty.CERTAIN, Certainty.UNKNOWN])[-1] is Certainty.CERTAIN
    )
    assert Certainty.PROBABLE >= Certainty.PROBABLE


def test_claim_normalises_fields():
    c = claim()
    assert c.countries == ("PAK", "RUS")
    assert c.sectors == (Sector.ENERGY,)
    assert c.certainty is Certainty.POSSIBLE
    assert c.hedged
    assert not c.attributed
    assert isinstance(c.countries, tuple)


def test_models_are_frozen_and_slotted():
    c = claim()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.text = "x"  # type: ignore[misc]
    for cls in (Document, Claim, Agreement, Relationship, Dataset, bilateral.Country):
        assert "__slots__" in cls.__dict__


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"text": "Russia"}, "text"),
        ({"certainty": "sure"}, "certainty"),
        ({"sectors": ["energy", "farming"]}, "sectors[1]"),
        ({"countries": "PAK"}, "countries"),
        ({"countries": ["pak"]}, "countries"),
        ({"start": -1}, "start"),
        ({"id": "has space"}, "id"),
        ({"attribution": "  "}, "attribution"),
        ({"polarity": "maybe"}, "polarity"),
        ({"groups": ["The West"]}, "groups"),
    ],
)
def test_claim_validators_name_the_field(change, path):
    with pytest.raises(DataError) as info:
        claim(**change)
    assert info.value.path == path


def test_document_hash_is_checked():
    d = doc()
    assert d.sha256 == bilateral._model.sha256_text(TEXT)
    with pytest.raises(DataError) as info:
        Document(id="d1", text=TEXT, sha256="0" * 64)
    assert info.value.path == "sha256"
    with pytest.raises(DataError):
        Document(id="d1", text=TEXT, published="yesterday")


AGREEMENT = {
    "id": "a1",
    "parties": ["RUS", "PAK"],
    "subject": "gas",
    "sector": "energy",
    "status": "proposed",
    "evidence": ["c1"],
}
RELATIONSHIP = {
    "id": "r1",
    "parties": ["RUS", "PAK"],
    "sector": "energy",
    "trend": "improving",
    "description": "closer ties",
    "evidence": ["c1"],
}


def test_agreement_direction():
    ok = Agreement(**AGREEMENT, supplier="RUS", recipient="PAK")
    assert ok.parties == ("PAK", "RUS")
    assert (ok.supplier, ok.recipient) == ("RUS", "PAK")


@pytest.mark.parametrize(
    ("cls", "change", "path"),
    [
        (Agreement, {"parties": ["RUS"]}, "parties"),
        (Agreement, {"supplier": "IND"}, "supplier"),
        (Agreement, {"supplier": "RUS", "recipient": "RUS"}, "recipient"),
        (Agreement, {"status": "done"}, "status"),
        (Agreement, {"subject": " "}, "subject"),
        (Agreement, {"evidence": []}, "evidence"),
        (Relationship, {"parties": ["RUS", "PAK", "IND"]}, "parties"),
        (Relationship, {"parties": ["RUS", "RUS"]}, "parties"),
        (Relationship, {"trend": "up"}, "trend"),
        (Relationship, {"evidence": []}, "evidence"),
        (Relationship, {"evidence": ["has space"]}, "evidence"),
        (Relationship, {"sector": "sport"}, "sector"),
    ],
)
def test_agreement_and_relationship_validation(cls, change, path):
    base = AGREEMENT if cls is Agreement else RELATIONSHIP
    with pytest.raises(DataError) as info:
        cls(**{**base, **change})
    assert info.value.path == path


def test_dataset_computes_countries():
    data = Dataset(documents=[doc()], claims=[claim()])
    assert [c.code for c in data.countries] == ["PAK", "RUS"]


def test_dataset_reports_every_problem():
    bad_span = claim("c2", 35, 40, text=TEXT[35:40], countries=["IND"])
    bad_span = attrs.evolve(bad_span, start=36, end=41, text=TEXT[35:40])
    agreement = Agreement(
        id="a1",
        parties=["RUS", "PAK"],
        subject="gas",
        sector="energy",
        status="proposed",
        evidence=["c9"],
    )
    with pytest.raises(ValidationError) as info:
        Dataset(
            documents=[doc()],
            claims=[claim(), claim(), bad_span, claim("c3", document="nope")],
            agreements=[agreement],
        )
    paths = {p.path for p in info.value.problems}
    assert paths == {
        "claims[1].id",
        "claims[2].text",
        "claims[3].document",
        "agreements[0].evidence[0]",
    }
    assert "4 problems" in str(info.value)


def test_dataset_rejects_unknown_country_codes():
    with pytest.raises(ValidationError) as info:
        Dataset(documents=[doc()], claims=[claim(countries=["XYZ", "PAK"])])
    assert any(p.path == "claims[0].countries[1]" for p in info.value.problems) or any(
        "XYZ" in p.reason for p in info.value.problems
    )


def test_dataset_rejects_wrong_types():
    with pytest.raises(DataError) as info:
        Dataset(claims=["not a claim"])  # type: ignore[list-item]
    assert info.value.path == "claims[0]"


def test_get_by_id():
    data = Dataset(documents=[doc()], claims=[claim()])
    assert data.get_claim("c1").text == TEXT[:34]
    assert data.get_document("d1").title == "Gas"
    with pytest.raises(DataError):
        data.get_claim("c2")


@given(datasets())
def test_generated_spans_match_their_text(data):
    docs = {d.id: d for d in data.documents}
    for c in data.claims:
        assert docs[c.document].text[c.start : c.end] == c.text


@given(datasets(id_prefix="x"), datasets(id_prefix="y"), datasets(id_prefix="z"))
def test_merge_is_associative_and_drops_nothing(a, b, c):
    left = (a | b) | c
    right = a | (b | c)
    assert left == right
    for part in (a, b, c):
        assert set(part.claims) <= set(left.claims)
        assert set(part.agreements) <= set(left.agreements)
        assert set(part.relationships) <= set(left.relationships)
        assert set(part.documents) <= set(left.documents)
    assert len(left.claims) == len(a.claims) + len(b.claims) + len(c.claims)


@given(datasets())
def test_merge_is_idempotent(data):
    assert data | data == data
    assert Dataset.concat([data]) == data
    assert Dataset.concat([]) == Dataset()


def test_merge_conflict_is_an_error():
    a = Dataset(documents=[doc()], claims=[claim()])
    b = Dataset(documents=[doc()], claims=[claim(certainty="certain")])
    with pytest.raises(ValidationError):
        a.merge(b)


@given(st.sampled_from(list(Certainty)), st.sampled_from(list(Certainty)))
def test_certainty_order_matches_rank(a, b):
    assert (a < b) == (a.rank < b.rank)
    assert (a >= b) == (a.rank >= b.rank)
