from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.extract import RuleSegmenter, Segmenter, Sentence, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and India signed a deal. Talks continue.",
            ["The U.S. and India signed a deal.", "Talks continue."],
        ),
        (
            "Officials from the U.S. Treasury met. They agreed.",
            ["Officials from the U.S. Treasury met.", "They agreed."],
        ),
        (
            "The deal was signed in the U.S. The talks were held in Geneva.",
            ["The deal was signed in the U.S.", "The talks were held in Geneva."],
        ),
        (
            "Mr. Khan met Dr. Lavrov in Moscow. He left.",
            ["Mr. Khan met Dr. Lavrov in Moscow.", "He left."],
        ),
        (
            "Resolution No. 2231 was adopted. It expired.",
            ["Resolution No. 2231 was adopted.", "It expired."],
        ),
        (
            "Growth was 3.5 percent in 2023. It slowed.",
            ["Growth was 3.5 percent in 2023.", "It slowed."],
        ),
        (
            'He said "We will sign." Then he left.',
            ['He said "We will sign."', "Then he left."],
        ),
        ('"Will we sign?" he asked. Nobody knew.', ['"Will we sign?" he asked.', "Nobody knew."]),
        (
            "John F. Kennedy visited Berlin. Crowds cheered.",
            ["John F. Kennedy visited Berlin.", "Crowds cheered."],
        ),
        (
            "It was signed on Jan. 5 in Riyadh. Oil rose.",
            ["It was signed on Jan. 5 in Riyadh.", "Oil rose."],
        ),
        ("Boeing Co. The deal fell through.", ["Boeing Co.", "The deal fell through."]),
        ("Talks stalled! Why? Nobody said.", ["Talks stalled!", "Why?", "Nobody said."]),
        (
            "Pakistan and Russia sign deal\nISLAMABAD - The two countries signed it.",
            ["Pakistan and Russia sign deal", "ISLAMABAD - The two countries signed it."],
        ),
        (
            "Relations between\nthe two countries improved.",
            ["Relations between\nthe two countries improved."],
        ),
        ("First paragraph\n\nSecond paragraph", ["First paragraph", "Second paragraph"]),
    ],
)
def test_boundaries(text, expected):
    assert texts(text) == expected


def test_offsets_are_exact_and_trimmed():
    text = "  One sentence here.   Another one follows.  \n"
    found = split_sentences(text)
    assert [(s.start, s.end) for s in found] == [(2, 20), (23, 43)]
    for s in found:
        assert text[s.start : s.end] == s.text


def test_long_sentence_is_cut_at_spaces():
    text = " ".join(["word"] * 3000)
    found = split_sentences(text, max_chars=500)
    assert all(len(s.text) <= 500 for s in found)
    assert " ".join(s.text for s in found) == text


def test_unbroken_long_text_is_cut_hard():
    text = "x" * 1200
    found = split_sentences(text, max_chars=500)
    assert "".join(s.text for s in found) == text
    assert max(len(s.text) for s in found) == 500


def test_a_plain_function_is_a_segmenter():
    def by_line(text: str):
        start = 0
        for line in text.split("\n"):
            yield start, start + len(line)
            start += len(line) + 1

    assert isinstance(RuleSegmenter(), Segmenter)
    assert texts_with(by_line, "A. B.\nC") == ["A. B.", "C"]


def texts_with(segmenter, text):
    return [s.text for s in split_sentences(text, segmenter=segmenter)]


def test_bad_spans_from_a_segmenter_are_clipped_and_ordered():
    def wild(text: str):
        return [(-5, 3), (2, 7), (5, 10_000), (100, 50)]

    text = "abcdefghij"
    found = split_sentences(text, segmenter=wild)
    assert [s.text for s in found] == ["abc", "defg", "hij"]


@given(st.text())
def test_sentences_are_ordered_exact_and_disjoint(text):
    found = split_sentences(text)
    previous_end = 0
    for sentence in found:
        assert isinstance(sentence, Sentence)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        assert sentence.text.strip() == sentence.text
        assert sentence.text
        previous_end = sentence.end


@given(
    st.lists(
        st.sampled_from(["Mr.", "U.S.", "No.", "3.5", "said.", "Talks", "the", "\n", '"', "?"]),
        max_size=40,
    )
)
def test_abbreviation_soup_keeps_offsets(words):
    text = " ".join(words)
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
