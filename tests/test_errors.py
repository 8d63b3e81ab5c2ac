from __future__ import annotations

import json
import pickle

import pytest

import bilateral
from bilateral import (
    AmbiguousCountryError,
    BilateralError,
    Certainty,
    DataError,
    Dataset,
    QueryError,
    UnknownCountryError,
    UnknownGroupError,
    ValidationError,
)
from bilateral._convert import decode_record, flatten_error


def test_location_is_built_from_fields():
    assert str(DataError("bad", file="a.toml", line=3, path="claims[0].id")) == (
        "a.toml:3: claims[0].id: bad"
    )
    assert str(DataError("bad", file="a.toml")) == "a.toml: bad"
    assert str(DataError("bad", path="x")) == "x: bad"
    assert str(DataError("bad")) == "bad"
    error = DataError("bad", path="[2].status").at(file="f", line=4, prefix="agreements")
    assert error.path == "agreements[2].status"
    assert (error.file, error.line) == ("f", 4)
    assert DataError("bad", path="status").at(prefix="agreements[2]").path == "agreements[2].status"
    assert DataError("bad").at(prefix="document").path == "document"


def test_every_error_is_a_bilateral_error():
    for cls in (
        DataError,
        ValidationError,
        UnknownCountryError,
        AmbiguousCountryError,
        UnknownGroupError,
        QueryError,
        bilateral.FormatVersionError,
    ):
        assert issubclass(cls, BilateralError)
    assert issubclass(UnknownCountryError, LookupError)
    assert issubclass(DataError, ValueError)
    assert issubclass(QueryError, ValueError)


def test_errors_store_their_fields_and_pickle():
    error = AmbiguousCountryError("Congo", ("COD", "COG"))
    assert error.candidates == ("COD", "COG")
    again = pickle.loads(pickle.dumps(error))
    assert again.candidates == error.candidates
    assert str(again) == str(error)
    unknown = pickle.loads(pickle.dumps(UnknownCountryError("Ruritania", ("Romania",))))
    assert unknown.suggestions == ("Romania",)
    group = pickle.loads(pickle.dumps(UnknownGroupError("Warsaw Pact", ("nato",))))
    assert group.choices == ("nato",)
    problems = ValidationError([DataError("a", file="f", line=2, path="x")], what="f")
    copied = pickle.loads(pickle.dumps(problems))
    assert copied.problems[0].line == 2
    assert str(copied) == str(problems)
    query = QueryError("sector", "enrgy", ("energy", "trade"))
    assert query.parameter == "sector"
    assert "energy, trade" in str(query)


def test_validation_error_lists_every_problem():
    error = ValidationError([DataError("a", path="x"), DataError("b", path="y")], what="f.toml")
    assert str(error).splitlines() == ["2 problems in f.toml", "  x: a", "  y: b"]
    assert str(ValidationError([DataError("a")])).startswith("1 problem in data")


def test_groups():
    west = bilateral.lookup_group("Western partners")
    assert west.id == "west"
    assert bilateral.lookup_group(west) is west
    assert bilateral.lookup_group("nato").members
    assert len(bilateral.all_groups()) >= 10
    assert str(west) == west.name
    with pytest.raises(UnknownGroupError) as info:
        bilateral.lookup_group("Warsaw Pact")
    assert "west" in info.value.choices
    with pytest.raises(DataError):
        bilateral.Group(id="x", name="X", kind="club")
    with pytest.raises(DataError):
        bilateral.Group(id="x", name="X", kind="bloc", aliases="X")


def test_certainty_does_not_compare_with_other_types():
    with pytest.raises(TypeError):
        assert Certainty.CERTAIN < 3  # type: ignore[operator]
    with pytest.raises(TypeError):
        assert Certainty.CERTAIN >= "sure"
    assert Certainty.POSSIBLE < "probable"  # by rank, although "possible" > "probable" as text
    assert Certainty.CERTAIN > "unknown"
    assert Certainty.UNKNOWN <= "unknown"


def test_structuring_problems_are_flattened():
    (problem,) = flatten_error(KeyError("id"), "claims[0]")
    assert problem.path == "claims[0]"
    assert "'id'" in problem.reason
    (other,) = flatten_error(RuntimeError("boom"))
    assert "boom" in other.reason


@pytest.mark.parametrize(
    "line",
    [
        "[1, 2]",
        '{"kind": "planet"}',
        '{"code": "PAK"}',
        '{"kind": "claim", "id": "c1"}',
        '{"kind": "country", "code": 7}',
        '{"kind": "document", "id": "d", "text": "t", "colour": "red"}',
        '{"kind": "document", "id": "d", "text": "t", "published": "soon"}',
    ],
)
def test_bad_records(line):
    with pytest.raises(ValidationError):
        decode_record(line)


@pytest.mark.parametrize(
    "value",
    [
        [],
        {"format": "bilateral", "version": 1, "claims": {}},
        {"format": "bilateral", "version": 1, "documents": ["x"]},
        {"format": "bilateral", "version": 1, "extra": 1},
    ],
)
def test_bad_dataset_documents(value):
    with pytest.raises(ValidationError):
        Dataset.from_json(json.dumps(value))


def test_file_errors(tmp_path):
    with pytest.raises(DataError) as info:
        bilateral.read_json(tmp_path / "missing.json")
    assert info.value.file.endswith("missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"é": 1}'.encode("latin-1"))
    with pytest.raises(DataError) as info2:
        bilateral.read_json(latin)
    assert "UTF-8" in info2.value.reason
    with pytest.raises(DataError):
        list(bilateral.iter_jsonl(tmp_path / "missing.jsonl"))
    with pytest.raises(DataError):
        bilateral.read_jsonl(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"format": "bilateral-jsonl", "version": 1}\n\xff\n')
    with pytest.raises(DataError):
        bilateral.read_jsonl(bad)
    old = tmp_path / "old.jsonl"
    old.write_text('{"format": "bilateral-jsonl", "version": 0}\n', encoding="utf-8")
    with pytest.raises(bilateral.FormatVersionError):
        bilateral.read_jsonl(old)


def test_jsonl_dataset_level_problems_are_located(tmp_path):
    path = tmp_path / "orphan.jsonl"
    path.write_text(
        '{"format": "bilateral-jsonl", "version": 1}\n'
        '{"kind": "claim", "id": "c1", "document": "nowhere", "start": 0, "end": 1, "text": "x",'
        ' "countries": [], "sectors": ["trade"], "certainty": "certain"}\n\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        bilateral.read_jsonl(path)
    (problem,) = info.value.problems
    assert problem.path == "claims[0].document"
    assert problem.file == str(path)
