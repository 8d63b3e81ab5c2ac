from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

import bilateral
from bilateral import AgreementStatus, Certainty, Dataset, Sector, Trend
from bilateral.extract import evaluate, extract

# The seeds as installed with the package, wherever the tests run from.
SEEDS = files("bilateral").joinpath("seeds")
DEV = Path(__file__).resolve().parent / "extraction_dev"


def pairs(data: Dataset) -> set[tuple[str, ...]]:
    return {r.parties for r in data.relationships}


def pair_sectors(data: Dataset) -> set[tuple[tuple[str, ...], str]]:
    return {(r.parties, r.sector.value) for r in data.relationships}


# --- claims ---------------------------------------------------------------------------


def test_empty_and_countryless_texts_give_only_the_document():
    for text in ("", "   \n", "The weather was fine and markets rose."):
        data = extract(text, "d")
        assert len(data.documents) == 1
        assert data.claims == data.agreements == data.relationships == ()


def test_claim_ids_spans_and_fields():
    text = "Pakistan and Russia have strengthened relations in energy and trade."
    data = extract(text, "doc-1")
    (claim,) = data.claims
    assert claim.id == "doc-1:x1"
    assert claim.document == "doc-1"
    assert (claim.start, claim.end) == (0, len(text))
    assert claim.countries == ("PAK", "RUS")
    assert set(claim.sectors) >= {Sector.ENERGY, Sector.TRADE}
    assert claim.certainty is Certainty.CERTAIN


def test_groups_and_time():
    data = extract("Western sanctions have hit Russia's economy since 2022.", "d")
    (claim,) = data.claims
    assert claim.groups == ("west",)
    assert claim.countries == ("RUS",)
    assert claim.time == "since 2022"


def test_a_sentence_naming_no_country_carries_the_pair_from_context():
    text = (
        "Egypt and Turkey restored full diplomatic relations on Monday. "
        "The two countries also agreed to expand trade. "
        "The deal is expected to be signed next month."
    )
    data = extract(text, "d")
    assert [c.countries for c in data.claims] == [("EGY", "TUR")] * 3
    assert (("EGY", "TUR"), "trade") in pair_sectors(data)
    assert [a.status for a in data.agreements] == [AgreementStatus.NEGOTIATING]


def test_a_meeting_venue_is_not_a_party():
    data = extract("Iranian and Saudi officials held talks in Baghdad on their rivalry.", "d")
    assert pairs(data) == {("IRN", "SAU")}
    assert "IRQ" in data.claims[0].countries


def test_an_enumeration_is_not_a_relation():
    data = extract("Countries such as China, Russia and Iran have criticised the summit.", "d")
    assert pairs(data) == set()


def test_countries_far_apart_in_different_clauses_are_not_linked():
    text = (
        "While Brazil exports soybeans to China, Argentina has turned to India for "
        "new wheat markets."
    )
    assert pairs(extract(text, "d")) == {("BRA", "CHN"), ("ARG", "IND")}


def test_a_border_clash_relates_the_pair_in_security():
    data = extract(
        "Relations between India and China have been strained since a border clash.", "d"
    )
    assert {(("CHN", "IND"), "security"), (("CHN", "IND"), "diplomatic")} <= pair_sectors(data)
    assert {r.trend for r in data.relationships} == {Trend.DETERIORATING}


def test_a_relative_clause_relates_its_antecedent():
    text = "Jordan, which signed a peace treaty with Israel in 1994, has been slower to trade."
    data = extract(text, "d")
    assert pairs(data) == {("ISR", "JOR")}
    assert [a.subject for a in data.agreements] == ["peace treaty"]


def test_comparison_and_geography_are_not_relations():
    assert pairs(extract("Pakistan shares a long border with Afghanistan and Iran.", "d")) == set()
    text = "The visit put Washington on a par with Beijing and Moscow in Hanoi's eyes."
    assert pairs(extract(text, "d")) == set()


def test_coordinated_subjects_each_relate_to_the_object():
    data = extract("Poland, Hungary and Slovakia have banned imports of Ukrainian grain.", "d")
    assert pairs(data) == {("POL", "UKR"), ("HUN", "UKR"), ("SVK", "UKR")}


def test_three_party_exercise():
    data = extract("Russia, China and Iran held joint naval drills in the Gulf of Oman.", "d")
    (agreement,) = data.agreements
    assert agreement.parties == ("CHN", "IRN", "RUS")
    assert agreement.sector is Sector.MILITARY
    assert agreement.status is AgreementStatus.IN_FORCE
    assert pairs(data) == {("CHN", "IRN"), ("CHN", "RUS"), ("IRN", "RUS")}


@pytest.mark.parametrize(
    ("text", "subject", "supplier", "recipient"),
    [
        ("Russia agreed to send wheat to Egypt.", "wheat supply", "RUS", "EGY"),
        ("Egypt completed the acquisition of French Rafale jets.", "Rafale jets", "FRA", "EGY"),
        ("India will buy 26 Rafale jets from France.", "Rafale jets purchase", "FRA", "IND"),
        ("Kazakhstan exports uranium to China.", "uranium supply", "KAZ", "CHN"),
    ],
)
def test_supply_arrangements(text, subject, supplier, recipient):
    (agreement,) = extract(text, "d").agreements
    assert subject in agreement.subject
    assert (agreement.supplier, agreement.recipient) == (supplier, recipient)


def test_agreement_evidence_points_to_claims():
    text = (
        "Pakistan and China signed a loan agreement worth $2 billion. "
        "The loan will help Pakistan repay its debts, officials said."
    )
    data = extract(text, "d")
    (agreement,) = data.agreements
    assert agreement.sector is Sector.FINANCE
    assert len(agreement.evidence) == 2
    for ref in agreement.evidence:
        assert data.get_claim(ref)


def test_relationships_need_evidence_and_give_a_trend():
    text = (
        "Japan and Australia have deepened defence cooperation. "
        "The two countries signed a reciprocal access agreement for their troops."
    )
    data = extract(text, "d")
    military = [r for r in data.relationships if r.sector is Sector.MILITARY]
    assert military
    assert military[0].trend is Trend.IMPROVING
    assert all(data.get_claim(ref) for ref in military[0].evidence)


# --- the seeds and the dev set --------------------------------------------------------


def test_seed_extraction_validates_and_scores(seeds):
    document = seeds.documents[0]
    report = evaluate(extract(document.text, document.id), seeds)
    assert report.countries.f1 >= 0.9
    assert report.pairs.f1 >= 0.8
    assert report.hedged.f1 >= 0.8


def test_dev_set_regression_guard():
    gold = bilateral.load_seed_dir(DEV, extract_missing=False)
    predicted = Dataset.concat(extract(d.text, d.id) for d in gold.documents)
    report = evaluate(predicted, gold)
    assert report.countries.f1 >= 0.95
    assert report.pairs.f1 >= 0.8
    assert report.pair_sectors.f1 >= 0.65
    assert report.agreements.f1 >= 0.55
    assert report.agreement_status.value >= 0.7
    assert report.hedged.f1 >= 0.8


def test_seed_folder_loader_extracts_unannotated_texts(tmp_path):
    for suffix in ("txt", "toml"):
        source = SEEDS.joinpath(f"000_337cd10feb08835e.{suffix}")
        (tmp_path / f"annotated.{suffix}").write_bytes(source.read_bytes())
    (tmp_path / "fresh.txt").write_text(
        "India and Russia signed a deal on fighter jets, officials said.", encoding="utf-8"
    )
    data = bilateral.load_seed_dir(tmp_path)
    fresh = [c for c in data.claims if c.document == "fresh"]
    assert fresh
    assert fresh[0].id.startswith("fresh:x")
    assert any(a.parties == ("IND", "RUS") for a in data.agreements)
    with pytest.raises(bilateral.ValidationError):
        bilateral.load_seed_dir(tmp_path, extract_missing=False)


def test_top_level_exports():
    assert bilateral.extract is extract
    assert bilateral.evaluate is evaluate
