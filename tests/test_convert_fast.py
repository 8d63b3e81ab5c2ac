"""The fast JSON Lines lane gives exactly what the exact lane gives, byte for byte."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bilateral
from bilateral import Claim, ValidationError
from bilateral import _convert as convert
from bilateral.testing import datasets

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["PAK", "RUS", "energy", "certain", "negated", "west", "x y", "", " "]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=6,
)


def reference_line(record) -> str:
    """The line as the converter and ``json.dumps`` write it, without the fast encoder."""
    body = convert.unstructure(record)
    kind = convert._KIND_OF[type(record)]
    value = {"kind": kind, "code": body} if isinstance(body, str) else {"kind": kind, **body}
    return json.dumps(value, ensure_ascii=False)


def exact_decode(line: str, monkeypatch: pytest.MonkeyPatch):
    """Decode ``line`` with the fast lane switched off, returning the record or the error."""
    with monkeypatch.context() as patch:
        patch.setattr(convert, "_FAST_LOADS", _refuse)
        return outcome(convert.decode_record, line)


def _refuse(_line):
    raise ValueError("fast lane switched off")


def outcome(function, *args):
    try:
        return function(*args)
    except ValidationError as exc:
        return [(p.path, p.reason) for p in exc.problems]
    except bilateral.BilateralError as exc:
        return str(exc)


def all_records(data):
    return list(convert.dataset_records(data))


@given(datasets())
def test_encoded_lines_are_the_reference_bytes(data):
    for record in all_records(data):
        assert convert.encode_record(record) == reference_line(record)


@given(datasets())
def test_valid_lines_decode_to_equal_records(data):
    for record in all_records(data):
        decoded = convert.decode_record(reference_line(record))
        assert decoded == record
        assert type(decoded) is type(record)
        if isinstance(record, Claim):
            assert [type(s) for s in decoded.sectors] == [type(s) for s in record.sectors]


@given(datasets(max_documents=1, max_claims=2, max_links=1), st.data())
def test_damaged_records_are_judged_as_the_exact_lane_judges_them(data, draw):
    records = [r for r in all_records(data) if not isinstance(r, bilateral.Country)]
    if not records:
        return
    record = draw.draw(st.sampled_from(records))
    value = json.loads(reference_line(record))
    field = draw.draw(st.sampled_from(sorted(value)))
    action = draw.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        value[field] = draw.draw(JSON_VALUES)
    elif action == "delete":
        del value[field]
    else:
        value[draw.draw(st.text(max_size=6))] = draw.draw(JSON_VALUES)
    line = json.dumps(value, ensure_ascii=False)
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = exact_decode(line, monkeypatch)
    assert outcome(convert.decode_record, line) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", 10**30),  # orjson reads this as a float; json as an integer
        ("start", 1.0),
        ("start", True),
        ("end", -1),
        ("countries", ["PAK", "pak"]),
        ("countries", "PAK"),
        ("sectors", ["energy", "energy", "farming"]),
        ("sectors", [["energy"]]),
        ("certainty", ["certain"]),
        ("id", "two words"),
        ("id", "trailing-newline\n"),
        ("document", ""),
        ("attribution", "  "),
        ("groups", ["West"]),
        ("text", None),
    ],
)
def test_edge_values_match_the_exact_lane(seeds, field, value, monkeypatch):
    value_of = json.loads(reference_line(seeds.claims[0]))
    value_of[field] = value
    line = json.dumps(value_of)
    assert outcome(convert.decode_record, line) == exact_decode(line, monkeypatch)


def test_big_offsets_keep_the_standard_library_reading(monkeypatch):
    line = json.dumps(
        {
            "kind": "claim",
            "id": "c",
            "document": "d",
            "start": 10**30,
            "end": 10**30 + 1,
            "text": "x",
            "countries": [],
            "sectors": [],
            "certainty": "certain",
        }
    )
    claim = convert.decode_record(line)
    assert claim.start == 10**30
    assert exact_decode(line, monkeypatch) == claim


def test_recurring_values_are_shared(seeds):
    lines = [reference_line(c) for c in seeds.claims]
    first = [convert.decode_record(line) for line in lines]
    second = [convert.decode_record(line) for line in lines]
    for a, b in zip(first, second, strict=True):
        assert a == b
        assert a.countries is b.countries
        assert a.sectors is b.sectors
        assert a.document is b.document


def test_converter_structures_through_the_fast_lane_and_reports_as_before(seeds):
    converter = bilateral.make_converter()
    claim = seeds.claims[0]
    value = converter.unstructure(claim)
    assert converter.structure(value, Claim) == claim
    value["certainty"] = "sure"
    with pytest.raises(Exception, match="sure") as info:
        converter.structure(value, Claim)
    assert not isinstance(info.value, convert._Fallback)


@given(datasets())
def test_whole_files_are_the_reference_bytes(data):
    buffer = io.StringIO()
    count = bilateral.write_jsonl(data, buffer)
    lines = buffer.getvalue().split("\n")
    assert lines[0] == convert.jsonl_header()
    assert lines[-1] == ""
    assert lines[1:-1] == [reference_line(r) for r in all_records(data)]
    assert count == len(lines) - 2


def test_batched_writes_count_every_record(seeds, tmp_path):
    claims = list(seeds.claims) * 300  # more than one batch, not a multiple of it
    path = tmp_path / "many.jsonl"
    assert bilateral.write_jsonl(claims, path) == len(claims)
    assert list(bilateral.iter_jsonl(path)) == claims


@given(datasets(max_documents=2, max_claims=4), st.sampled_from(["none", "version", "claim"]))
def test_dataset_json_reads_the_same_with_either_parser(data, damage):
    value = json.loads(data.to_json())
    if damage == "version":
        value["version"] = 10**30
    elif damage == "claim" and value["claims"]:
        value["claims"][0]["start"] = 10**30
    text = json.dumps(value)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(convert, "_FAST_LOADS", json.loads)
        expected = outcome(convert.loads_dataset, text)
    assert outcome(convert.loads_dataset, text) == expected


@pytest.mark.parametrize(
    "cls", [bilateral.Document, Claim, bilateral.Agreement, bilateral.Relationship]
)
def test_every_model_class_has_a_fast_lane(cls):
    assert convert._builder(cls) is not None


@given(datasets())
def test_utf8_lines_are_the_text_lines_encoded(data):
    pytest.importorskip("orjson")
    for record in all_records(data):
        encode = convert.bytes_encoder(type(record))
        assert encode is not None
        assert encode(record) == reference_line(record).encode()


def test_files_are_the_same_bytes_whichever_encoder_writes_them(seeds, tmp_path):
    path = tmp_path / "seeds.jsonl"
    bilateral.write_jsonl(seeds, path)
    buffer = io.StringIO()
    bilateral.write_jsonl(seeds, buffer)
    assert path.read_bytes() == buffer.getvalue().encode()


def test_text_utf8_cannot_hold_is_refused_as_before(tmp_path):
    claim = Claim(
        id="c",
        document="d",
        start=0,
        end=1,
        text="\ud800",
        countries=[],
        sectors=[],
        certainty="certain",
    )
    with pytest.raises(UnicodeEncodeError):
        bilateral.write_jsonl([claim], tmp_path / "bad.jsonl")
