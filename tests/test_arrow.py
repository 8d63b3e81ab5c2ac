from __future__ import annotations

import sys
import tempfile

import pytest
from hypothesis import given, settings

import bilateral
from bilateral import Certainty, DataError, FormatVersionError, Sector, ValidationError
from bilateral import _arrow as arrow
from bilateral.testing import datasets

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@given(datasets())
def test_arrow_tables_round_trip(data):
    assert arrow.from_arrow(data.to_arrow()) == data


@settings(max_examples=30)
@given(datasets())
def test_parquet_round_trip_is_exact(data):
    with tempfile.TemporaryDirectory() as folder:
        bilateral.write_parquet(data, folder)
        again = bilateral.read_parquet(folder)
    assert again == data
    for before, after in zip(data.documents, again.documents, strict=True):
        assert after.published == before.published
        assert type(after.published) is type(before.published)


def test_seed_tables_have_the_documented_schema(seeds):
    tables = seeds.to_arrow()
    assert tuple(tables) == arrow.KINDS
    schemas = arrow.schemas()
    for kind, table in tables.items():
        assert table.schema.equals(schemas[kind], check_metadata=True)
        assert table.schema.metadata[b"bilateral.version"] == b"1"
        assert table.schema.metadata[b"bilateral.kind"] == kind.encode()
    claims = tables["claims"]
    assert claims.num_rows == len(seeds.claims)
    assert claims.column("id").to_pylist() == [c.id for c in seeds.claims]
    assert claims.column("certainty").to_pylist() == [c.certainty.value for c in seeds.claims]
    assert claims.column("sectors").to_pylist() == [
        [s.value for s in c.sectors] for c in seeds.claims
    ]
    certainty = claims.column("certainty").chunk(0)
    assert certainty.dictionary.to_pylist() == list(Certainty.values())
    assert pa.types.is_dictionary(claims.schema.field("polarity").type)
    assert pa.types.is_list(claims.schema.field("countries").type)
    sectors = claims.column("sectors").chunk(0).values
    assert sectors.dictionary.to_pylist() == list(Sector.values())
    assert tables["countries"].column("code").to_pylist() == [c.code for c in seeds.countries]


def test_empty_dataset_round_trips(tmp_path):
    empty = bilateral.Dataset()
    tables = empty.to_arrow()
    assert all(t.num_rows == 0 for t in tables.values())
    bilateral.write_parquet(empty, tmp_path / "empty")
    assert bilateral.read_parquet(tmp_path / "empty") == empty


def test_files_are_written_per_table_and_keep_the_version(seeds, tmp_path):
    paths = bilateral.write_parquet(seeds, tmp_path / "out")
    assert [p.name for p in paths] == [f"{kind}.parquet" for kind in arrow.KINDS]
    metadata = pq.read_schema(paths[2]).metadata
    assert metadata[b"bilateral.format"] == b"bilateral-arrow"
    assert metadata[b"bilateral.version"] == b"1"


def _rewrite(path, table, **metadata):
    merged = {
        **(table.schema.metadata or {}),
        **{k.encode(): v.encode() for k, v in metadata.items()},
    }
    pq.write_table(table.replace_schema_metadata(merged), path)


def test_newer_schema_version_is_refused(seeds, tmp_path):
    bilateral.write_parquet(seeds, tmp_path)
    path = tmp_path / "claims.parquet"
    _rewrite(path, pq.read_table(path), **{"bilateral.version": "99"})
    with pytest.raises(FormatVersionError) as info:
        bilateral.read_parquet(tmp_path)
    assert info.value.found == 99
    assert info.value.file == str(path)


def test_foreign_and_missing_files_are_reported(seeds, tmp_path):
    bilateral.write_parquet(seeds, tmp_path)
    path = tmp_path / "agreements.parquet"
    pq.write_table(pa.table({"id": ["a"]}), path)
    with pytest.raises(DataError, match="not a bilateral agreements table") as info:
        bilateral.read_parquet(tmp_path)
    assert info.value.file == str(path)
    path.unlink()
    with pytest.raises(DataError, match="no agreements table") as missing:
        bilateral.read_parquet(tmp_path)
    assert missing.value.file == str(path)
    (tmp_path / "documents.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(DataError, match="cannot read"):
        bilateral.read_parquet(tmp_path)


def test_bad_rows_are_reported_with_their_path(seeds, tmp_path):
    bilateral.write_parquet(seeds, tmp_path)
    path = tmp_path / "claims.parquet"
    table = pq.read_table(path)
    certainty = table.column("certainty").to_pylist()
    certainty[3] = "sure"
    column = pa.array(certainty).dictionary_encode()
    table = table.set_column(
        table.schema.get_field_index("certainty"), pa.field("certainty", column.type), column
    )
    _rewrite(path, table)
    with pytest.raises(ValidationError) as info:
        bilateral.read_parquet(tmp_path)
    assert [p.path for p in info.value.problems] == ["claims[3].certainty"]
    assert info.value.problems[0].file == str(tmp_path)


def test_a_missing_column_is_reported(seeds):
    tables = seeds.to_arrow()
    tables["relationships"] = tables["relationships"].drop_columns(["trend"])
    del tables["agreements"]
    with pytest.raises(ValidationError) as info:
        arrow.from_arrow(tables)
    assert {p.path for p in info.value.problems} == {"agreements", "relationships.trend"}


def test_dataframes_come_from_the_tables(seeds):
    pandas = pytest.importorskip("pandas")
    frame = seeds.to_arrow()["claims"].to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["id"]) == [c.id for c in seeds.claims]


def test_duckdb_answers_sql_over_the_files(seeds, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    bilateral.write_parquet(seeds, tmp_path)
    query = """
        SELECT parties[1] AS a, parties[2] AS b, status, count(*) AS n
        FROM read_parquet($path)
        GROUP BY ALL ORDER BY ALL
    """
    rows = duckdb.execute(query, {"path": str(tmp_path / "agreements.parquet")}).fetchall()
    expected: dict[tuple[str, str, str], int] = {}
    for deal in seeds.agreements:
        key = (deal.parties[0], deal.parties[1], deal.status.value)
        expected[key] = expected.get(key, 0) + 1
    assert rows == sorted((*key, n) for key, n in expected.items())


def test_without_pyarrow_the_error_says_what_to_install(seeds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"bilateral\[arrow\]"):
        seeds.to_arrow()
    with pytest.raises(ImportError, match=r"bilateral\[arrow\]"):
        bilateral.read_parquet("anywhere")
