from __future__ import annotations

import pytest

import bilateral
from bilateral import AliasKind
from bilateral.extract import find_groups, find_mentions


def codes(text: str) -> list[str]:
    return [m.code for m in find_mentions(text)]


def test_names_abbreviations_demonyms_metonyms():
    found = find_mentions("Pakistan, the U.S., Indian officials and the Kremlin met.")
    assert [(m.text, m.code, m.kind) for m in found] == [
        ("Pakistan", "PAK", AliasKind.NAME),
        ("U.S.", "USA", AliasKind.ABBREVIATION),
        ("Indian", "IND", AliasKind.DEMONYM),
        ("Kremlin", "RUS", AliasKind.METONYM),
    ]
    assert codes("Türkiye and Turkiye are both Turkey.") == ["TUR", "TUR", "TUR"]
    # Names without their accents, as news often writes them.
    assert codes("Cote d'Ivoire, Curacao and Sao Tome.") == ["CIV", "CUW", "STP"]


@pytest.mark.parametrize("text", ["Russia’s gas", "Russia's gas", "Russia’ gas"])
def test_possessives_with_straight_and_curly_apostrophes(text):
    found = find_mentions(text)
    assert [(m.text, m.code) for m in found] == [("Russia", "RUS")]
    assert text[found[0].start : found[0].end] == "Russia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistan-Russia relations", ["PAK", "RUS"]),
        ("US-India ties", ["USA", "IND"]),
        ("Islamabad-Moscow relations", ["PAK", "RUS"]),
        ("Sino-US trade", ["CHN", "USA"]),
        ("Pakistan–Russia relations", ["PAK", "RUS"]),
        ("the Indo-Pak border", ["IND"]),
    ],
)
def test_hyphenated_pairs(text, expected):
    assert codes(text) == expected


def test_abbreviations_are_case_sensitive():
    assert codes("Let us talk about the US and the UK.") == ["USA", "GBR"]
    assert codes("us and uk") == []


def test_an_accented_capital_keeps_its_accent():
    assert codes("Malé has since signed a military assistance agreement with China.") == [
        "MDV",
        "CHN",
    ]
    assert codes("Male workers from China.") == ["CHN"]
    assert codes("male and female") == []


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW (Reuters) - Talks began.",
        "ISLAMABAD, Pakistan (AP) — Talks began.",
        "WARSAW, Sept 20 (Reuters) - Talks began.",
        "Islamabad, Pakistan (AFP) - Talks began.",
    ],
)
def test_datelines_are_not_mentions(text):
    assert codes(text) == []


def test_dateline_keeps_the_mentions_after_it():
    assert codes("MOSCOW (Reuters) - Russia and China agreed.") == ["RUS", "CHN"]


@pytest.mark.parametrize(
    "text",
    [
        "Ships sailed the Indian Ocean.",
        "Tensions in the South China Sea rose.",
        "A storm hit New Mexico.",
        "The Development Bank of China lent money.",
        "It cost US$5 billion.",
        "The Korean Peninsula is tense.",
        "Michael Jordan retired.",
        "Chad Smith played drums.",
        "Lake Chad is shrinking.",
        "We ate turkey and chad.",
        "A London-based think tank said so.",
        "Prices are set in US dollars.",
        "China Daily reported it.",
        "The Stockholm International Peace Research Institute counted the sales.",
        "Loans from the China International Capital Corporation arrived.",
        "The London Protocol bans dumping at sea.",
        "Franco ruled for decades.",
        "The West Bank is occupied.",
        "Latin American markets fell.",
        "Barges loaded at Moldova Nouă.",
        "The German Hospital opened a new wing.",
        "Energean, a London-listed company, pumped gas.",
        "The two French-speaking neighbours share a utility.",
        "The plan covers Western Sahara.",
        "Delegates met at the Tokyo International Conference on African Development.",
        "Boats ply the San Juan river.",
        "Buyers paid in UAE dirhams and Turkish lira.",
        "Deputy Defence Minister Omar Sheikh Aden spoke.",
        "Oil flows through the Baku-Tbilisi-Ceyhan pipeline.",
        "The talks will start with Sikkim.",
        "It recognised the Sahrawi Arab Democratic Republic in 1984.",
        "Reunion talks began.",
        "Drones struck the Moscow region overnight.",
        "Wildfires burned in Bohemian Switzerland and Saxon Switzerland.",
    ],
)
def test_traps(text):
    assert codes(text) == []


def test_guinea_bissau_is_not_guinea():
    assert codes("Guinea-Bissau and Guinea") == ["GNB", "GIN"]
    assert codes("Papua New Guinea") == ["PNG"]


def test_former_states_are_not_their_successors():
    assert codes("The Soviet Union collapsed.") == ["SUHH"]
    assert codes("Soviet-era tanks rolled.") == []


def test_person_name_rule_keeps_the_state():
    assert codes("Jordan and Israel signed a treaty.") == ["JOR", "ISR"]
    assert codes("The Israel Defense Forces said.") == ["ISR"]
    assert codes("In Jordan, officials met.") == ["JOR"]


def test_ambiguous_names_are_resolved_from_context_or_dropped():
    assert codes("Korea and Japan met.") == ["JPN"]
    assert codes("South Korea said Korea would respond.") == ["KOR", "KOR"]
    assert codes("North Korea fired missiles; Korea denied it.") == ["PRK", "PRK"]


def test_capitals_as_venues():
    found = find_mentions("Iran and Saudi Arabia met in Beijing.")
    assert [(m.code, m.venue) for m in found] == [("IRN", False), ("SAU", False), ("CHN", True)]


def test_all_caps_headlines():
    assert codes("RUSSIA, PAKISTAN SIGN GAS DEAL") == ["RUS", "PAK"]
    assert codes("Prices in MOSCOW rose.") == []


def test_groups():
    found = find_groups("Western sanctions, NATO allies and the EU; the West Bank; the west.")
    assert [(g.text, g.group) for g in found] == [
        ("Western", "west"),
        ("NATO", "nato"),
        ("EU", "eu"),
    ]


def test_registered_aliases_are_picked_up():
    assert codes("Blighty signed it.") == []
    bilateral.register_alias("Blighty", "GBR")
    assert codes("Blighty signed it.") == ["GBR"]


def test_spans_match_the_text():
    text = "NEW DELHI - India’s and China's envoys met Pakistani and U.S. officials."
    for mention in find_mentions(text):
        assert text[mention.start : mention.end] == mention.text


def test_a_country_before_capitalised_words_without_a_head_is_kept():
    assert codes("Pakistan Signs Fighter Jet Deal With Turkey") == ["PAK", "TUR"]


def test_congo_is_settled_by_the_mentions_around_it_not_by_its_iso_name():
    text = "KINSHASA, Democratic Republic of Congo (AFP) - Congo and Rwanda met."
    assert [m.code for m in find_mentions(text)][:2] == ["COD", "COD"]
    assert codes("Brazzaville said Congo would sign.") == ["COG", "COG"]


def test_the_hague_after_in_is_a_venue():
    found = find_mentions("A tribunal in The Hague ruled against China.")
    assert [(m.code, m.venue) for m in found] == [("NLD", True), ("CHN", False)]


def test_central_banks_stand_for_their_states_and_commercial_banks_do_not():
    text = "The Reserve Bank of India signed a swap with the Bank of Korea."
    assert codes(text) == ["IND", "KOR"]
    assert codes("The Development Bank of China and the Bank of America lent money.") == []


def test_a_personal_name_used_as_a_surname_stays_the_person_when_it_speaks():
    text = (
        "Mr Sipho Jordan asked about permits. \u201cThey see the water leave,\u201d Jordan "
        "said. Lesotho and Jordan signed a deal."
    )
    assert codes(text) == ["LSO", "JOR"]
    assert codes("King Abdullah of Jordan met him. Jordan said it would help.") == [
        "JOR",
        "JOR",
    ]
    # A title's abbreviation opens no sentence: "Ben" is a given name.
    assert codes("Sen. Ben Jordan pressed the witness. Jordan said he was unhappy.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Professor Tom Ireland criticised the plan. Ireland said it would fail.",
        "The spokeswoman, Col. Louella Trinidad, declined to comment.",
        "Dr Anna Chile led the study.",
    ],
)
def test_any_country_name_after_a_title_and_a_given_name_is_a_surname(text):
    assert codes(text) == []


def test_a_title_before_a_leader_or_a_place_keeps_the_country():
    assert codes("President Vladimir Putin met Xi Jinping in Russia.") == ["RUS", "CHN", "RUS"]
    assert codes("Professor Smith of Ireland spoke.") == ["IRL"]


def test_a_traps_context_guards_keep_the_country():
    # "Brazilian real" is a currency, but not in "Brazilian real estate".
    assert codes("Brazilian real estate prices rose.") == ["BRA"]
    assert codes("A South Korean won the contract.") == ["KOR"]
    assert codes("They paid in Brazilian real and South Korean won.") == []
