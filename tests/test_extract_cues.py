from __future__ import annotations

import textwrap

import pytest

from bilateral import AgreementStatus, Certainty, Polarity, ValidationError
from bilateral.extract import CueKind, default_lexicon, extract, load_lexicon


def claim(text: str):
    data = extract(text, "t")
    assert data.claims, f"no claim in {text!r}"
    return data.claims[0]


def statuses(text: str) -> list[str]:
    return [a.status.value for a in extract(text, "t").agreements]


# --- hedges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Pakistan and Russia signed a gas deal.", Certainty.CERTAIN),
        ("Pakistan and Russia are reportedly exploring a gas pipeline.", Certainty.POSSIBLE),
        ("Russia could supply Pakistan with gas.", Certainty.POSSIBLE),
        ("Russia may supply Pakistan with gas.", Certainty.POSSIBLE),
        ("Russia and Pakistan signed a gas deal in May.", Certainty.CERTAIN),
        ("A potential gas pipeline between Russia and Pakistan was discussed.", Certainty.POSSIBLE),
        ("The potential of Russia-Pakistan energy trade is huge.", Certainty.CERTAIN),
        ("India and Russia are likely to sign an arms deal.", Certainty.PROBABLE),
        ("India and Russia are expected to sign an arms deal.", Certainty.PROBABLE),
        ("The visit suggests India and Russia have mended ties.", Certainty.PROBABLE),
        ("China is said to have supplied drones to Russia.", Certainty.POSSIBLE),
        ("Relations between Egypt and Turkey appeared to improve.", Certainty.PROBABLE),
        ("It is unclear whether Iran and Saudi Arabia will restore ties.", Certainty.UNKNOWN),
        ("China can pressure Myanmar into a gas deal.", Certainty.POSSIBLE),
        ("The pipeline from Myanmar to China can carry 22 million tonnes.", Certainty.CERTAIN),
        (
            "Chinese investment in Iran is, by most estimates, smaller than in Saudi Arabia.",
            Certainty.PROBABLE,
        ),
        (
            "Brazilian diplomats question whether the deal between Argentina and the United "
            "States is lawful.",
            Certainty.UNKNOWN,
        ),
    ],
)
def test_hedges(text, certainty):
    assert claim(text).certainty is certainty


def test_would_in_reported_plans_is_not_a_hedge():
    found = claim("Russia said it would supply Pakistan with gas.")
    assert found.certainty is Certainty.CERTAIN
    assert found.attribution == "Russia"
    assert claim("The pipeline would link Russia and Pakistan.").certainty is Certainty.POSSIBLE


def test_unlikely_negates_and_hedges():
    found = claim("India is unlikely to buy more Russian oil.")
    assert found.certainty is Certainty.PROBABLE
    assert found.polarity is Polarity.NEGATED


def test_negation():
    assert claim("Japan and China did not sign a trade deal.").polarity is Polarity.NEGATED
    assert claim("Japan and China signed not only a trade deal.").polarity is Polarity.AFFIRMED


def test_clause_with_different_hedging_is_a_separate_claim():
    data = extract(
        "Russia and Pakistan are exploring a gas pipeline, which would ease Pakistan's energy crisis.",
        "t",
    )
    assert [c.certainty for c in data.claims] == [Certainty.CERTAIN, Certainty.POSSIBLE]
    assert data.claims[1].text.startswith("which would")


# --- attribution ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "certainty"),
    [
        ("According to Reuters, China and Russia signed a gas deal.", "Reuters", Certainty.CERTAIN),
        (
            "According to sources, China and Russia signed a gas deal.",
            "sources",
            Certainty.PROBABLE,
        ),
        ("China and Russia signed a gas deal, officials said.", "officials", Certainty.PROBABLE),
        ("Officials say China and Russia signed a gas deal.", "Officials", Certainty.PROBABLE),
        ("Experts say China and Russia are drifting apart.", "Experts", Certainty.PROBABLE),
        (
            "Media reports said China and Russia signed a gas deal.",
            "Media reports",
            Certainty.PROBABLE,
        ),
        (
            "Two sources told Reuters that China and Russia signed a gas deal.",
            "Two sources",
            Certainty.PROBABLE,
        ),
        (
            "Sergei Lavrov said China and Russia signed a gas deal.",
            "Sergei Lavrov",
            Certainty.CERTAIN,
        ),
        (
            "China and Russia signed a gas deal, said Sergei Lavrov.",
            "Sergei Lavrov",
            Certainty.CERTAIN,
        ),
        ("China and Russia reportedly signed a gas deal.", "reports", Certainty.POSSIBLE),
        (
            "Hungarian officials deny that Budapest helps Moscow evade sanctions.",
            "Hungarian officials",
            Certainty.PROBABLE,
        ),
        (
            "Kenya maintains that Uganda owes it for the power it delivered.",
            "Kenya",
            Certainty.CERTAIN,
        ),
        (
            "The Chinese side noted new opportunities for trade with Brazil.",
            "The Chinese side",
            Certainty.CERTAIN,
        ),
        (
            "Pakistani officials accuse India of backing militants in Afghanistan.",
            "Pakistani officials",
            Certainty.PROBABLE,
        ),
        (
            "Lavrov warned Armenia against closer ties with France.",
            "Lavrov",
            Certainty.CERTAIN,
        ),
        (
            "Tanker-tracking firms estimate that China bought Iranian crude last year.",
            "Tanker-tracking firms",
            Certainty.PROBABLE,
        ),
        (
            "Thousands of North Korean workers remain in China, South Korea's intelligence"
            " service estimates.",
            "South Korea's intelligence service",
            Certainty.CERTAIN,
        ),
    ],
)
def test_attribution(text, source, certainty):
    found = claim(text)
    assert found.attribution == source
    assert found.certainty is certainty


def test_a_countrys_view_in_the_articles_voice_is_not_attributed():
    found = claim("Russia sees Pakistan as a partner in South Asia.")
    assert found.attribution is None
    assert found.certainty is Certainty.CERTAIN
    # Not closing the sentence, a country's estimate is still the article's report.
    found = claim("Russia estimates, like Pakistan, that their trade will double.")
    assert found.attribution is None


# --- lifecycle ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Pakistan has offered to send rice to Russia.", AgreementStatus.PROPOSED),
        ("India has shown interest in buying Russian fighter jets.", AgreementStatus.PROPOSED),
        ("India and Russia are in talks on an arms deal.", AgreementStatus.NEGOTIATING),
        ("India and Russia signed an arms deal.", AgreementStatus.SIGNED),
        ("India and Russia are expected to sign an arms deal.", AgreementStatus.NEGOTIATING),
        ("India and Russia have not yet signed the arms deal.", AgreementStatus.NEGOTIATING),
        ("Russia began deliveries of S-400 missile systems to India.", AgreementStatus.IN_FORCE),
        (
            "Construction of the railway between Kenya and Uganda is in its final phase.",
            AgreementStatus.IN_FORCE,
        ),
        ("Uruguay has pushed for a free trade agreement with China.", AgreementStatus.PROPOSED),
        (
            "A new route would feed the pipeline between Chad and Cameroon, which has "
            "carried crude since 2003.",
            AgreementStatus.IN_FORCE,
        ),
        (
            "Construction of the pipeline from Kenya to Uganda is expected to begin next year.",
            AgreementStatus.SIGNED,
        ),
        ("Construction started on the Russia-Turkey gas pipeline.", AgreementStatus.IN_FORCE),
        ("Russia continues to supply India with oil.", AgreementStatus.IN_FORCE),
        ("China and Pakistan held joint naval drills.", AgreementStatus.IN_FORCE),
        ("China and Pakistan held talks on a gas pipeline.", AgreementStatus.NEGOTIATING),
        ("The Iran-Pakistan gas pipeline has been delayed.", AgreementStatus.STALLED),
        (
            "The Iran-Pakistan gas pipeline was signed in 2010 but has been delayed.",
            AgreementStatus.STALLED,
        ),
        (
            "Work on the Iran-Pakistan gas pipeline resumed after it was suspended.",
            AgreementStatus.IN_FORCE,
        ),
        ("Turkey cancelled the Russia fighter jet deal.", AgreementStatus.TERMINATED),
        ("Russia could supply Pakistan with gas.", AgreementStatus.PROPOSED),
        ("Qatar will supply Germany with LNG.", AgreementStatus.SIGNED),
        (
            "Germany and Qatar signed an LNG deal; deliveries are expected to begin in 2026.",
            AgreementStatus.SIGNED,
        ),
        ("North Korea may have supplied Russia with artillery shells.", AgreementStatus.IN_FORCE),
        (
            "Venezuela said it was suspending its energy agreements with Trinidad and Tobago.",
            AgreementStatus.STALLED,
        ),
        ("Caracas freezes energy deals with Port of Spain.", AgreementStatus.STALLED),
        ("Russia cancels its gas contract with Moldova.", AgreementStatus.TERMINATED),
        ("Direct flights between Morocco and Israel have not resumed.", AgreementStatus.STALLED),
        # Talks about an agreement named by its year leave it in force.
        (
            "Ecuador and Peru are negotiating changes to their 1998 border treaty.",
            AgreementStatus.IN_FORCE,
        ),
        # So does agreeing to act on it, and talks on it in a later clause.
        (
            "Australia and China agreed to start a review of their 2015 free trade agreement.",
            AgreementStatus.IN_FORCE,
        ),
        (
            "Australia and China discussed their 2015 free trade agreement; officials said "
            "the first round of talks would be held in Beijing.",
            AgreementStatus.IN_FORCE,
        ),
        # A framework for an agreement leaves the agreement to negotiate.
        (
            "Ecuador and the United States announced a framework for a trade agreement.",
            AgreementStatus.NEGOTIATING,
        ),
        # An agreement that ended something is not ended itself; one that ended is.
        (
            "The 2018 accord between Ethiopia and Eritrea, which ended a decades-long war, "
            "is in force.",
            AgreementStatus.IN_FORCE,
        ),
        (
            "The deal between Iran and Russia, which ended in 2019, was not renewed.",
            AgreementStatus.TERMINATED,
        ),
        # Terms negotiated are terms agreed.
        (
            "The loan from China is being repaid on terms Malaysia negotiated, officials said.",
            AgreementStatus.IN_FORCE,
        ),
        # A cue in an open question gives no status.
        (
            "In March 2022 Algeria suspended its 2002 friendship treaty with Spain. It is "
            "unclear whether the treaty has been reinstated.",
            AgreementStatus.STALLED,
        ),
        # The verb of a time clause about something else gives none either.
        (
            "A gas pipeline from Israel to Turkey has been discussed since the civil war ended.",
            AgreementStatus.NEGOTIATING,
        ),
        (
            "It is the first summit since the entry into force of the treaty that France "
            "and Spain signed in Barcelona in 2023.",
            AgreementStatus.IN_FORCE,
        ),
    ],
)
def test_lifecycle(text, status):
    assert statuses(text) == [status.value]


# --- the lexicon as data --------------------------------------------------------------


def test_every_packaged_cue_kind_is_present():
    lexicon = default_lexicon()
    for kind in CueKind:
        assert lexicon.cues_of(kind), kind
    assert lexicon.triggers
    assert "Mr" in lexicon.titles


def test_user_lexicon_extends(tmp_path):
    text = "Pakistan and Russia are mulling over a pipeline plan, insiders whispered."
    assert claim(text).certainty is Certainty.CERTAIN
    (tmp_path / "hedges.toml").write_text('[possible]\ncues = ["mulling over"]\n', encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    assert claim_with(text, lexicon).certainty is Certainty.POSSIBLE
    assert len(lexicon.cues) == len(default_lexicon().cues) + 1
    assert str(tmp_path / "hedges.toml") in lexicon.sources


def test_a_cue_with_only_after_counts_only_shortly_after_one_of_its_words(tmp_path):
    (tmp_path / "hedges.toml").write_text(
        '[possible]\ncues = [{ text = "mulling", only_after = ["quietly", "still"] }]\n',
        encoding="utf-8",
    )
    lexicon = load_lexicon(tmp_path)
    for text, certainty in [
        ("Pakistan and Russia are quietly mulling a pipeline.", Certainty.POSSIBLE),
        ("Pakistan and Russia are mulling a pipeline.", Certainty.CERTAIN),
        # Too far back, or in the sentence before, the word does not count.
        (
            "They still say that Pakistan and Russia, long partners, are mulling a pipeline.",
            Certainty.CERTAIN,
        ),
    ]:
        found = [c for c in extract(text, "t", lexicon=lexicon).claims if "mulling" in c.text]
        assert found[0].certainty is certainty, text


def claim_with(text, lexicon):
    return extract(text, "t", lexicon=lexicon).claims[0]


def test_user_lexicon_replaces(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'lexicon = "hedges"\n[possible]\nreplace = true\ncues = ["perchance"]\n', encoding="utf-8"
    )
    lexicon = load_lexicon(path)
    hedges = [c.text for c in lexicon.cues_of(CueKind.HEDGE) if c.value == "possible"]
    assert hedges == ["perchance"]
    assert (
        claim_with("Russia could supply Pakistan with gas.", lexicon).certainty is Certainty.CERTAIN
    )


def test_lexicon_errors_name_file_line_and_field(tmp_path):
    path = tmp_path / "hedges.toml"
    path.write_text(
        textwrap.dedent(
            """\
            [possible]
            cues = ["ok", { text = "x", case = "upper" }, 3]
            [nonsense]
            cues = []
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_lexicon(path)
    problems = caught.value.problems
    assert {p.path for p in problems} >= {"possible.cues[1].case", "possible.cues[2]", "nonsense"}
    assert all(p.file == str(path) for p in problems)
    assert any(p.line == 2 for p in problems)


def test_unknown_lexicon_file_is_an_error(tmp_path):
    path = tmp_path / "whatever.toml"
    path.write_text("[x]\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot tell which lexicon"):
        load_lexicon(path)
    with pytest.raises(ValidationError, match="no such lexicon"):
        load_lexicon(tmp_path / "missing.toml")


def test_lexicon_without_packaged_cues(tmp_path):
    (tmp_path / "hedges.toml").write_text('[possible]\ncues = ["maybe"]\n', encoding="utf-8")
    lexicon = load_lexicon(tmp_path, packaged=False)
    assert [c.text for c in lexicon.cues] == ["maybe"]
    data = extract("Russia and China maybe signed a deal.", "t", lexicon=lexicon)
    assert data.documents
