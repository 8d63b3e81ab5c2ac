"""The query methods of Dataset, on the packaged seeds and on small hand-built data."""

from __future__ import annotations

from array import array

import pytest

import bilateral
from bilateral import (
    AgreementStatus,
    AmbiguousCountryError,
    Certainty,
    Claim,
    Dataset,
    Document,
    PairProfile,
    QueryError,
    Sector,
    Trend,
    UnknownCountryError,
    UnknownGroupError,
)
from bilateral._index import Condition, Postings, Table

DOC = "000_337cd10feb08835e"


def local(items):
    """The ids of seed objects without their document prefix."""
    return [item.id.split(":", 1)[1] for item in items]


# --- the analysts' questions -----------------------------------------------------------


def test_pakistan_russia_energy_claims(seeds):
    found = seeds.find_claims(between=("Pakistan", "Russia"), sector="energy")
    assert local(found) == ["c01", "c02", "c10", "c12", "c13", "c14", "c15", "c16", "c18", "c19"]
    hedged = [c for c in found if c.hedged]
    assert [c.certainty for c in hedged] == [Certainty.POSSIBLE] * 3
    assert [c.attribution for c in hedged] == ["reports", None, None]


def test_deals_involving_russia_only_proposed(seeds):
    found = seeds.find_agreements(party="Russia", status="proposed")
    assert [a.subject for a in found] == [
        "gas pipeline",
        "petroleum products supply",
        "renewable energy projects",
        "agricultural goods exports",
        "S-350 air defence system",
    ]
    assert all(a.status is AgreementStatus.PROPOSED and "RUS" in a.parties for a in found)


def test_who_claims_pakistan_wants_the_s350(seeds):
    found = seeds.find_claims(text="S-350")
    assert [c.attribution for c in found] == ["some media reports"]
    assert found[0].certainty is Certainty.PROBABLE
    deal = seeds.find_agreements(between=("PAK", "RUS"), sector="military")
    assert [a.subject for a in deal] == ["S-350 air defence system"]
    assert [c.attribution for c in seeds.evidence(deal[0])] == ["some media reports", None]


def test_russias_partners_and_sectors(seeds):
    assert [p.code for p in seeds.partners("Russia")] == ["IND", "PAK", "UKR"]
    assert [p.code for p in seeds.partners("Moscow", sector="military")] == ["IND", "PAK"]
    by_pair = {}
    for r in seeds.find_relationships(country="Russia"):
        by_pair.setdefault(r.pair, []).append(r.sector.value)
    assert by_pair == {
        ("PAK", "RUS"): ["energy", "trade", "military", "diplomatic"],
        ("IND", "RUS"): ["diplomatic", "military"],
        ("RUS", "UKR"): ["security"],
    }


def test_which_sentence_says_so(seeds):
    (energy,) = seeds.find_relationships(between=("PAK", "RUS"), sector="energy")
    quotes = seeds.evidence(energy)
    assert local(quotes) == ["c01", "c02", "c10", "c12", "c13", "c15", "c16", "c18", "c19"]
    document = seeds.get_document(DOC)
    assert all(document.text[c.start : c.end] == c.text for c in quotes)


# --- filter semantics ------------------------------------------------------------------


def test_country_spellings_are_the_same_filter(seeds):
    pakistan = bilateral.lookup_country("PAK")
    expected = seeds.find_claims(country="PAK")
    assert expected
    for spelling in ("Pakistan", "Islamabad", "pk", "586", pakistan, {"Pakistan"}, ["PAK"]):
        assert seeds.find_claims(country=spelling) == expected


def test_between_is_symmetric_and_needs_both(seeds):
    one = seeds.find_claims(between=("Pakistan", "India"))
    assert one == seeds.find_claims(between=("India", "Pakistan"))
    assert one == seeds.find_claims(between={"IND", "PAK"})
    assert all({"IND", "PAK"} <= set(c.countries) for c in one)
    assert local(one) == ["c07", "c08", "c28", "c29", "c31", "c36"]


def test_several_pairs_match_any(seeds):
    found = seeds.find_relationships(between=[("PAK", "USA"), ("IND", "USA")])
    assert local(found) == ["r09", "r10"]


def test_several_values_match_any(seeds):
    energy = set(seeds.find_claims(sector="energy"))
    trade = set(seeds.find_claims(sector="trade"))
    both = seeds.find_claims(sector=("energy", "trade"))
    assert set(both) == energy | trade
    assert len(both) == len(set(both))
    assert both == seeds.find_claims(sector={Sector.TRADE, "Energy"})


def test_filters_combine_with_and(seeds):
    found = seeds.find_claims(country="India", sector="military", min_certainty="certain")
    assert local(found) == ["c34", "c35"]


@pytest.mark.parametrize(
    ("floor", "allowed"),
    [
        ("certain", {Certainty.CERTAIN}),
        ("probable", {Certainty.CERTAIN, Certainty.PROBABLE}),
        (Certainty.POSSIBLE, {Certainty.CERTAIN, Certainty.PROBABLE, Certainty.POSSIBLE}),
        ("unknown", set(Certainty)),
    ],
)
def test_min_certainty_uses_the_certainty_order(seeds, floor, allowed):
    found = seeds.find_claims(min_certainty=floor)
    assert found == tuple(c for c in seeds.claims if c.certainty in allowed)


def test_attributed_splits_the_claims(seeds):
    named = seeds.find_claims(attributed=True)
    own = seeds.find_claims(attributed=False)
    assert {c.attribution for c in named} == {"reports", "some media reports", "experts"}
    assert all(c.attribution is None for c in own)
    assert len(named) + len(own) == len(seeds.claims)


def test_document_and_group_filters(seeds):
    assert seeds.find_claims(document=DOC) == seeds.claims
    assert seeds.find_claims(document=seeds.get_document(DOC)) == seeds.claims
    assert local(seeds.find_claims(group="west")) == ["c04", "c10", "c21"]
    assert seeds.find_claims(group="the West") == seeds.find_claims(group="west")


def test_text_matches_whole_words_ignoring_case(seeds):
    assert local(seeds.find_claims(text="s-350")) == ["c26"]
    assert local(seeds.find_claims(text="GAS PIPELINE")) == ["c13"]
    assert seeds.find_claims(text="Russ") == ()
    assert local(seeds.find_claims(text=("S-350", "gas pipeline"))) == ["c13", "c26"]


def test_a_real_country_the_data_never_mentions_matches_nothing(seeds):
    assert seeds.find_claims(country="France") == ()
    assert seeds.find_agreements(between=("France", "Russia")) == ()
    assert seeds.partners("France") == ()


def test_enum_strings_are_forgiving(seeds):
    assert seeds.find_agreements(status="In force") == seeds.find_agreements(status="in_force")
    assert seeds.find_agreements(status="in-force") == seeds.find_agreements(
        status=AgreementStatus.IN_FORCE
    )
    assert seeds.find_relationships(trend="STABLE") == seeds.find_relationships(trend=Trend.STABLE)


def test_no_filter_returns_everything_in_order(seeds):
    assert seeds.find_claims() == seeds.claims
    assert seeds.find_agreements() == seeds.agreements
    assert seeds.find_relationships() == seeds.relationships


def test_claims_come_in_document_order_whatever_the_dataset_order():
    first = Document(id="b-first", text="Russia and India. Pakistan and Russia.")
    second = Document(id="a-second", text="Russia, Pakistan.")

    def claim(cid, doc, start, end):
        return Claim(
            id=cid,
            document=doc.id,
            start=start,
            end=end,
            text=doc.text[start:end],
            countries=["RUS", "PAK"],
            sectors=["energy"],
            certainty="certain",
        )

    claims = [
        claim("z", second, 0, 6),
        claim("y", first, 18, 38),
        claim("x", first, 0, 17),
        claim("w", first, 0, 17),
    ]
    data = Dataset(documents=[first, second], claims=claims)
    assert [c.id for c in data.find_claims(country="RUS")] == ["w", "x", "y", "z"]
    assert [c.id for c in data.find_claims()] == ["w", "x", "y", "z"]


# --- bad values are errors that name the parameter -------------------------------------


def test_unknown_country_names_the_parameter_and_suggests(seeds):
    with pytest.raises(UnknownCountryError) as caught:
        seeds.find_claims(country="Pakistn")
    assert caught.value.path == "country"
    assert "Pakistan" in caught.value.suggestions
    with pytest.raises(UnknownCountryError) as caught:
        seeds.find_agreements(party=("Russia", "Narnia"))
    assert caught.value.path == "party"


def test_ambiguous_country_is_an_error(seeds):
    with pytest.raises(AmbiguousCountryError) as caught:
        seeds.find_relationships(between=("Congo", "Russia"))
    assert caught.value.path == "between"
    assert set(caught.value.candidates) == {"COD", "COG"}


@pytest.mark.parametrize(
    ("method", "kwargs", "parameter"),
    [
        ("find_claims", {"sector": "enrgy"}, "sector"),
        ("find_claims", {"sector": ("energy", "trad")}, "sector"),
        ("find_claims", {"sector": ()}, "sector"),
        ("find_claims", {"min_certainty": "sure"}, "min_certainty"),
        ("find_claims", {"min_certainty": ("certain", "possible")}, "min_certainty"),
        ("find_claims", {"min_certainty": Trend.UNKNOWN}, "min_certainty"),
        ("find_claims", {"attributed": "yes"}, "attributed"),
        ("find_claims", {"document": "no-such-document"}, "document"),
        ("find_claims", {"text": "--"}, "text"),
        ("find_claims", {"between": "PAK"}, "between"),
        ("find_claims", {"between": ("PAK",)}, "between"),
        ("find_claims", {"between": ("PAK", "RUS", "IND")}, "between"),
        ("find_claims", {"between": ("PAK", "Islamabad")}, "between"),
        ("find_agreements", {"status": "done"}, "status"),
        ("find_agreements", {"sector": 3}, "sector"),
        ("find_relationships", {"trend": "up"}, "trend"),
    ],
)
def test_bad_values_raise_query_error(seeds, method, kwargs, parameter):
    with pytest.raises(QueryError) as caught:
        getattr(seeds, method)(**kwargs)
    assert caught.value.parameter == parameter
    assert caught.value.path == parameter
    assert parameter in str(caught.value)


def test_query_error_lists_the_choices(seeds):
    with pytest.raises(QueryError) as caught:
        seeds.find_claims(sector="enrgy")
    assert caught.value.choices == Sector.values()
    with pytest.raises(QueryError) as caught:
        seeds.find_claims(document="000_337cd10feb08835f")
    assert caught.value.choices == (DOC,)


def test_unknown_group_names_the_parameter(seeds):
    with pytest.raises(UnknownGroupError) as caught:
        seeds.find_claims(group="westt")
    assert caught.value.path == "group"
    assert "west" in caught.value.choices


# --- evidence, country, profile ----------------------------------------------------------


def test_evidence_by_object_or_id_in_document_order(seeds):
    (a06,) = [a for a in seeds.agreements if a.id.endswith(":a06")]
    assert local(seeds.evidence(a06)) == ["c26", "c27"]
    assert seeds.evidence(a06.id) == seeds.evidence(a06)
    reordered = next(r for r in seeds.relationships if r.id.endswith(":r03"))
    assert local(seeds.evidence(reordered)) == ["c01", "c02", "c23", "c25", "c26", "c28", "c31"]


def test_evidence_rejects_what_is_not_in_the_dataset(seeds):
    with pytest.raises(QueryError):
        seeds.evidence("no-such-agreement")
    with pytest.raises(QueryError):
        seeds.evidence(seeds.claims[0])  # type: ignore[arg-type]
    stranger = bilateral.Agreement(
        id="x",
        parties=["PAK", "RUS"],
        subject="s",
        sector="trade",
        status="signed",
        evidence=["not-a-claim"],
    )
    with pytest.raises(QueryError):
        seeds.evidence(stranger)


def test_country_resolves_within_the_dataset(seeds):
    assert seeds.country("Islamabad").code == "PAK"
    assert seeds.country("the Kremlin") is seeds.country("RUS")
    with pytest.raises(QueryError) as caught:
        seeds.country("France")
    assert set(caught.value.choices) == {"IND", "PAK", "RUS", "UKR", "USA"}
    with pytest.raises(UnknownCountryError):
        seeds.country("Narnia")


def test_profile_of_pakistan_and_russia_energy(seeds):
    profile = seeds.profile("Pakistan", "Russia", sector="energy")
    assert isinstance(profile, PairProfile)
    assert profile.codes == ("PAK", "RUS")
    assert profile.sectors == (Sector.ENERGY,)
    assert profile.trend("energy") is Trend.IMPROVING
    assert profile.trend("trade") is None
    assert [s for s, _ in profile.agreements_by_status] == [AgreementStatus.PROPOSED]
    assert [a.subject for a in profile.agreements_with("proposed")] == [
        "gas pipeline",
        "petroleum products supply",
        "renewable energy projects",
    ]
    assert [(c, len(g)) for c, g in profile.claims_by_certainty] == [
        (Certainty.CERTAIN, 7),
        (Certainty.POSSIBLE, 3),
    ]
    assert profile.claims_with("probable") == ()
    text = str(profile)
    assert "Pakistan (PAK) and Russia (RUS)" in text
    assert "[reports] “Both nations are reportedly" in text


def test_profile_is_symmetric_and_covers_the_evidence(seeds):
    profile = seeds.profile("RUS", "PAK")
    assert profile == seeds.profile("Pakistan", "Moscow")
    assert profile.relationships == seeds.find_relationships(between=("PAK", "RUS"))
    assert set(profile.agreements) == set(seeds.find_agreements(between=("PAK", "RUS")))
    cited = {ref for item in (*profile.relationships, *profile.agreements) for ref in item.evidence}
    about = {c.id for c in seeds.find_claims(between=("PAK", "RUS"))}
    assert {c.id for c in profile.claims} == cited | about
    assert hash(profile) == hash(seeds.profile("PAK", "RUS"))


def test_profile_of_one_country_is_an_error(seeds):
    with pytest.raises(QueryError) as caught:
        seeds.profile("Pakistan", "Islamabad")
    assert caught.value.parameter == "b"


# --- the indexes -----------------------------------------------------------------------


def test_indexes_are_built_once(seeds):
    seeds.find_claims(country="PAK")
    table = seeds._cache["query:claims"]
    seeds.find_claims(sector="trade")
    seeds.profile("PAK", "RUS")
    assert seeds._cache["query:claims"] is table


def test_a_selective_query_tests_only_its_candidates():
    items = tuple(range(1000))
    rare = Postings(items, {"rare": array("I", [3, 500, 999])})
    common = Postings(items, {"even": array("I", range(0, 1000, 2))})
    tested = []

    def is_even(x):
        tested.append(x)
        return x % 2 == 0

    table = Table(items, {"rare": rare, "common": common})
    found = table.select(
        [
            Condition("common", frozenset({"even"}), is_even),
            Condition("rare", frozenset({"rare"}), lambda x: x in {3, 500, 999}),
        ]
    )
    assert found == (500,)
    assert sorted(tested) == [3, 500, 999]
