from __future__ import annotations

import io
import json

import pytest
from hypothesis import given

import bilateral
from bilateral import Dataset, FormatVersionError, ValidationError
from bilateral.testing import datasets


@given(datasets())
def test_json_round_trip(data):
    assert Dataset.from_json(data.to_json()) == data


@given(datasets())
def test_json_lines_round_trip(data):
    buffer = io.StringIO()
    bilateral.write_jsonl(data, buffer)
    buffer.seek(0)
    assert bilateral.read_jsonl(buffer) == data


def test_seed_round_trips_through_files(seeds, tmp_path):
    bilateral.write_json(seeds, tmp_path / "seeds.json")
    assert bilateral.read_json(tmp_path / "seeds.json") == seeds
    count = bilateral.write_jsonl(seeds, tmp_path / "seeds.jsonl")
    assert count == sum(
        map(
            len,
            (seeds.countries, seeds.documents, seeds.claims, seeds.agreements, seeds.relationships),
        )
    )
    assert bilateral.read_jsonl(tmp_path / "seeds.jsonl") == seeds
    streamed = list(bilateral.iter_jsonl(tmp_path / "seeds.jsonl"))
    assert len(streamed) == count


def test_json_carries_format_and_version(seeds):
    value = json.loads(seeds.to_json())
    assert value["format"] == "bilateral"
    assert value["version"] == 1
    claim = value["claims"][0]
    assert set(claim) == {
        "id",
        "document",
        "start",
        "end",
        "text",
        "countries",
        "sectors",
        "certainty",
        "polarity",
        "attribution",
        "groups",
        "time",
    }
    assert isinstance(claim["certainty"], str)


def test_jsonl_streams_a_generator(tmp_path):
    data = bilateral.load_seeds()
    count = bilateral.write_jsonl((c for c in data.claims), tmp_path / "claims.jsonl")
    assert count == len(data.claims)
    assert tuple(bilateral.iter_jsonl(tmp_path / "claims.jsonl")) == data.claims


def test_unsupported_version_is_refused(seeds):
    value = json.loads(seeds.to_json())
    value["version"] = 99
    with pytest.raises(FormatVersionError) as info:
        Dataset.from_json(json.dumps(value))
    assert info.value.found == 99
    assert isinstance(info.value, bilateral.BilateralError)


def test_every_problem_in_a_json_file_is_reported(seeds, tmp_path):
    value = json.loads(seeds.to_json())
    value["claims"][2]["certainty"] = "sure"
    value["claims"][5]["sectors"] = ["energy", "farming"]
    value["agreements"][1]["status"] = "done"
    value["relationships"][0]["colour"] = "red"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        bilateral.read_json(path)
    paths = {p.path for p in info.value.problems}
    assert paths == {
        "claims[2].certainty",
        "claims[5].sectors[1]",
        "agreements[1].status",
        "relationships[0].colour",
    }
    assert all(p.file == str(path) for p in info.value.problems)


def test_broken_evidence_is_reported_from_json(seeds):
    value = json.loads(seeds.to_json())
    value["agreements"][0]["evidence"] = ["nowhere"]
    with pytest.raises(ValidationError) as info:
        Dataset.from_json(json.dumps(value))
    assert [p.path for p in info.value.problems] == ["agreements[0].evidence[0]"]


def test_malformed_json_and_jsonl(tmp_path):
    with pytest.raises(ValidationError):
        Dataset.from_json("{not json")
    with pytest.raises(ValidationError):
        Dataset.from_json(json.dumps({"format": "other", "version": 1}))
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"format": "bilateral-jsonl", "version": 1}\n'
        '{"kind": "country", "code": "PAK"}\n'
        '{"kind": "planet", "name": "Mars"}\n'
        "not json\n"
        '{"kind": "country", "code": "Ruritania"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        bilateral.read_jsonl(path)
    assert [p.line for p in info.value.problems] == [3, 4, 5]
    with pytest.raises(ValidationError) as info2:
        list(bilateral.iter_jsonl(path))
    assert info2.value.problems[0].line == 3
    headless = tmp_path / "headless.jsonl"
    headless.write_text('{"kind": "country", "code": "PAK"}\n', encoding="utf-8")
    with pytest.raises(bilateral.DataError) as info3:
        bilateral.read_jsonl(headless)
    assert info3.value.line == 1


def test_converter_is_public_and_reusable():
    converter = bilateral.make_converter()
    country = bilateral.lookup_country("PAK")
    assert converter.unstructure(country) == "PAK"
    assert converter.structure("Islamabad", bilateral.Country) is country
