"""Extraction is total: any text gives a valid dataset whose spans quote the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.extract import evaluate, extract, find_mentions, split_sentences

FRAGMENTS = [
    "Pakistan and Russia",
    "India’s",
    "the U.S.",
    "Islamabad-Moscow",
    "Sino-US",
    "reportedly",
    "could",
    "May",
    "potential",
    "signed a deal",
    "began deliveries of",
    "gas pipeline",
    "officials said",
    "according to sources,",
    "the two countries",
    "South China Sea",
    "US$",
    "Michael Jordan",
    "MOSCOW (Reuters) -",
    "Western sanctions",
    "NATO",
    "not",
    "held joint military exercises with",
    "Korea",
    ",",
    ".",
    "; which would",
    "\n",
    "\n\n",
    '"',
    "Mr.",
    "No. 5",
    "3.5",
    "\x00",
    "\u200b",
    "İstanbul",
    "ﬁ",
]

news_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(
    " ".join
)


def check(text: str) -> None:
    data = extract(text, "doc")
    sentences = split_sentences(text)
    assert [d.id for d in data.documents] == ["doc"]
    for claim in data.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text
        assert any(s.start <= claim.start and claim.end <= s.end for s in sentences)
    claim_ids = {c.id for c in data.claims}
    for item in (*data.agreements, *data.relationships):
        assert set(item.evidence) <= claim_ids


@given(st.text())
def test_arbitrary_text_never_raises_and_quotes_exactly(text):
    check(text)


@given(news_like)
def test_news_like_text_never_raises_and_quotes_exactly(text):
    check(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_control_characters_and_any_code_point(text):
    check(text)


@given(news_like)
def test_mention_spans_match_the_text(text):
    for mention in find_mentions(text):
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=30)
@given(news_like)
def test_a_dataset_scores_perfectly_against_itself(text):
    data = extract(text, "doc")
    report = evaluate(data, data)
    for score in report.scores:
        assert score.precision == score.recall == 1.0
    assert report.agreement_status.value == 1.0


def test_huge_text_is_linear_enough_to_finish():
    unit = (
        "Pakistan and Russia reportedly signed a gas pipeline deal, officials said. "
        "The weather was fine. "
    )
    text = unit * 2000
    data = extract(text, "big")
    assert len(data.claims) == 2000
    assert text[data.claims[-1].start : data.claims[-1].end] == data.claims[-1].text


def test_one_enormous_sentence():
    text = ("Russia and India " * 5000) + "signed a deal."
    data = extract(text, "big")
    for claim in data.claims:
        assert text[claim.start : claim.end] == claim.text
