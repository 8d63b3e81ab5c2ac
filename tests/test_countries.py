from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral import AliasKind, AmbiguousCountryError, UnknownCountryError, lookup_country
from bilateral._countries import _registry, ambiguous_names
from bilateral.testing import countries

UN_MEMBERS = [
    "AFG",
    "ALB",
    "DZA",
    "AND",
    "AGO",
    "ATG",
    "ARG",
    "ARM",
    "AUS",
    "AUT",
    "AZE",
    "BHS",
    "BHR",
    "BGD",
    "BRB",
    "BLR",
    "BEL",
    "BLZ",
    "BEN",
    "BTN",
    "BOL",
    "BIH",
    "BWA",
    "BRA",
    "BRN",
    "BGR",
    "BFA",
    "BDI",
    "CPV",
    "KHM",
    "CMR",
    "CAN",
    "CAF",
    "TCD",
    "CHL",
    "CHN",
    "COL",
    "COM",
    "COG",
    "CRI",
    "CIV",
    "HRV",
    "CUB",
    "CYP",
    "CZE",
    "PRK",
    "COD",
    "DNK",
    "DJI",
    "DMA",
    "DOM",
    "ECU",
    "EGY",
    "SLV",
    "GNQ",
    "ERI",
    "EST",
    "SWZ",
    "ETH",
    "FJI",
    "FIN",
    "FRA",
    "GAB",
    "GMB",
    "GEO",
    "DEU",
    "GHA",
    "GRC",
    "GRD",
    "GTM",
    "GIN",
    "GNB",
    "GUY",
    "HTI",
    "HND",
    "HUN",
    "ISL",
    "IND",
    "IDN",
    "IRN",
    "IRQ",
    "IRL",
    "ISR",
    "ITA",
    "JAM",
    "JPN",
    "JOR",
    "KAZ",
    "KEN",
    "KIR",
    "KWT",
    "KGZ",
    "LAO",
    "LVA",
    "LBN",
    "LSO",
    "LBR",
    "LBY",
    "LIE",
    "LTU",
    "LUX",
    "MDG",
    "MWI",
    "MYS",
    "MDV",
    "MLI",
    "MLT",
    "MHL",
    "MRT",
    "MUS",
    "MEX",
    "FSM",
    "MCO",
    "MNG",
    "MNE",
    "MAR",
    "MOZ",
    "MMR",
    "NAM",
    "NRU",
    "NPL",
    "NLD",
    "NZL",
    "NIC",
    "NER",
    "NGA",
    "MKD",
    "NOR",
    "OMN",
    "PAK",
    "PLW",
    "PAN",
    "PNG",
    "PRY",
    "PER",
    "PHL",
    "POL",
    "PRT",
    "QAT",
    "KOR",
    "MDA",
    "ROU",
    "RUS",
    "RWA",
    "KNA",
    "LCA",
    "VCT",
    "WSM",
    "SMR",
    "STP",
    "SAU",
    "SEN",
    "SRB",
    "SYC",
    "SLE",
    "SGP",
    "SVK",
    "SVN",
    "SLB",
    "SOM",
    "ZAF",
    "SSD",
    "ESP",
    "LKA",
    "SDN",
    "SUR",
    "SWE",
    "CHE",
    "SYR",
    "TJK",
    "TZA",
    "THA",
    "TLS",
    "TGO",
    "TON",
    "TTO",
    "TUN",
    "TUR",
    "TKM",
    "TUV",
    "UGA",
    "UKR",
    "ARE",
    "GBR",
    "USA",
    "URY",
    "UZB",
    "VUT",
    "VEN",
    "VNM",
    "YEM",
    "ZMB",
    "ZWE",
]


def test_all_current_iso_countries():
    current = bilateral.all_countries()
    assert len(current) == 249
    assert [c.code for c in current] == sorted(c.code for c in current)
    assert {c.code for c in current} == {c.alpha_3 for c in pycountry.countries}


def test_iso_table_matches_pycountry():
    for record in pycountry.countries:
        country = lookup_country(record.alpha_3)
        assert country.alpha2 == record.alpha_2
        assert country.numeric == record.numeric
        assert country.official_name == getattr(record, "official_name", None)
    former = {c.alpha_4 for c in pycountry.historic_countries}
    assert {c.code for c in bilateral.all_countries(include_former=True) if c.former} == former


def test_un_members_have_demonyms_and_capitals():
    assert len(UN_MEMBERS) == 193
    for code in UN_MEMBERS:
        kinds = {a.kind for a in lookup_country(code).aliases}
        assert AliasKind.NAME in kinds, code
        assert AliasKind.DEMONYM in kinds or code in {"COD", "COG", "DMA", "DOM"}, code
        # Brussels stands for the European Union (groups.toml), not for Belgium.
        assert AliasKind.METONYM in kinds or code in {"SGP", "MDV", "SYC", "BEL"}, code
    assert bilateral.lookup_group("Brussels").id == "eu"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Pakistan", "PAK"),
        ("pakistani", "PAK"),
        ("Islamabad", "PAK"),
        ("Russia", "RUS"),
        ("Russian", "RUS"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Russian Federation", "RUS"),
        ("India", "IND"),
        ("Indian", "IND"),
        ("New Delhi", "IND"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("Washington", "USA"),
        ("the White House", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Swiss", "CHE"),
        ("Sino", "CHN"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("turkiye", "TUR"),
        ("Iran", "IRN"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Georgia", "GEO"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("DR Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Côte d’Ivoire", "CIV"),
        ("cote d'ivoire", "CIV"),
        ("pk", "PAK"),
        ("586", "PAK"),
        ("Soviet Union", "SUHH"),
        ("USSR", "SUHH"),
        ("East Timor", "TLS"),
        ("Burma", "MMR"),
    ],
)
def test_lookup(query, code):
    assert lookup_country(query).code == code


def test_common_names():
    names = {c.code: c.name for c in bilateral.all_countries()}
    assert names["RUS"] == "Russia"
    assert names["IRN"] == "Iran"
    assert names["KOR"] == "South Korea"
    assert names["VNM"] == "Vietnam"
    assert names["TUR"] == "Türkiye"
    assert names["USA"] == "United States"
    assert lookup_country("RUS").official_name != "Russia"


@pytest.mark.parametrize("query", ["Congo", "Korea", "Congolese", "korean"])
def test_ambiguous_names_name_their_candidates(query):
    with pytest.raises(AmbiguousCountryError) as info:
        lookup_country(query)
    assert len(info.value.candidates) >= 2
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, bilateral.BilateralError)


def test_former_states_are_not_today_s():
    soviet = lookup_country("Soviet Union")
    assert soviet.former
    assert soviet != lookup_country("Russia")
    assert lookup_country("Yugoslavia").code == "YUCS"
    assert lookup_country("Czechoslovakia").former


def test_unknown_country_suggests():
    with pytest.raises(UnknownCountryError) as info:
        lookup_country("Pakistn")
    assert "Pakistan" in info.value.suggestions
    assert "Pakistan" in str(info.value)


@pytest.mark.parametrize("group", ["the West", "EU", "NATO", "BRICS"])
def test_groups_are_not_countries(group):
    with pytest.raises(UnknownCountryError):
        lookup_country(group)
    assert bilateral.lookup_group(group).id


def test_every_alias_resolves_to_its_country():
    ambiguous = ambiguous_names()
    for country in bilateral.all_countries(include_former=True):
        for alias in country.aliases:
            key = bilateral.normalize_name(alias.text)
            if key in ambiguous:
                continue
            found = lookup_country(alias.text)
            # A former state's name that a current one uses today resolves to today's.
            assert found.code == country.code or (country.former and not found.former), alias


def test_only_listed_names_are_ambiguous():
    registry = _registry()
    shared = {k for k, v in registry.names.items() if len(v) > 1}
    assert shared <= set(ambiguous_names())


@given(countries(include_former=False))
def test_round_trip_by_codes_and_name(country):
    assert lookup_country(country.code) is country
    assert lookup_country(country.alpha2) is country
    assert lookup_country(country.alpha3.lower()) is country
    assert lookup_country(country.numeric) is country
    assert lookup_country(country.name) is country
    assert lookup_country(country.name.upper()) is country
    assert lookup_country(country) is country


@given(st.text(max_size=40))
def test_lookup_only_raises_unknown_country(text):
    try:
        found = lookup_country(text)
    except UnknownCountryError:
        return
    assert isinstance(found, bilateral.Country)


def test_register_alias_takes_precedence_and_can_be_forgotten():
    with pytest.raises(AmbiguousCountryError):
        lookup_country("Congo")
    bilateral.register_alias("Congo", "COD")
    assert lookup_country("congo").code == "COD"
    bilateral.register_alias("Blighty", "GBR", AliasKind.NAME)
    assert lookup_country("Blighty").code == "GBR"
    assert any(a.text == "Blighty" for a in bilateral.all_aliases())
    bilateral._countries.unregister_aliases()
    with pytest.raises(UnknownCountryError):
        lookup_country("Blighty")


def test_register_alias_for_two_countries_is_ambiguous():
    bilateral.register_alias("The Paper's Neighbour", "IND")
    bilateral.register_alias("The Paper's Neighbour", "CHN")
    with pytest.raises(AmbiguousCountryError):
        lookup_country("the papers neighbour")


def test_register_alias_rejects_empty_and_unknown():
    with pytest.raises(bilateral.DataError):
        bilateral.register_alias("...", "IND")
    with pytest.raises(UnknownCountryError):
        bilateral.register_alias("Ruritanian", "Ruritania")


def test_load_aliases_file(tmp_path):
    path = tmp_path / "house.toml"
    path.write_text(
        '[countries.PAK]\nnames = ["Land of the Pure"]\nmetonyms = ["Aabpara"]\n',
        encoding="utf-8",
    )
    added = bilateral.load_aliases(path)
    assert {a.text for a in added} == {"Land of the Pure", "Aabpara"}
    assert lookup_country("Aabpara").code == "PAK"


def test_load_aliases_reports_every_problem_with_lines(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        "[countries.XXX]\nnames = ['Nowhere']\n\n[countries.PAK]\ndemonyms = 'Pakistani'\n"
        "colour = 'green'\n",
        encoding="utf-8",
    )
    with pytest.raises(bilateral.ValidationError) as info:
        bilateral.load_aliases(path)
    problems = info.value.problems
    assert len(problems) == 3
    by_path = {p.path: p for p in problems}
    assert by_path["countries.XXX"].line == 1
    assert by_path["countries.PAK.demonyms"].line == 5
    assert by_path["countries.PAK.colour"].line == 6
    assert all(p.file == str(path) for p in problems)
    with pytest.raises(UnknownCountryError):
        lookup_country("Nowhere")


def test_lookup_is_indexed_once():
    assert _registry() is _registry()


def test_country_validation():
    with pytest.raises(bilateral.DataError):
        bilateral.Country(code="pak", alpha2="PK", alpha3="PAK", numeric="586", name="P")
