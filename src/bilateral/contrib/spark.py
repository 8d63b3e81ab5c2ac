"""Extraction inside a Spark job, through ``DataFrame.mapInArrow``.

For teams whose articles already live in Spark. Needs pyarrow on the executors (Spark's
Arrow support brings it) and bilateral installed there; nothing here imports Spark::

    from bilateral.contrib.spark import SPARK_SCHEMAS, extract_batches

    articles = spark.read.json("s3://bucket/articles/")          # columns: id, text
    claims = articles.mapInArrow(
        lambda batches: extract_batches(batches, table="claims"), SPARK_SCHEMAS["claims"]
    )
    claims.write.parquet("s3://bucket/bilateral/claims/")

Each call to :func:`extract_batches` yields the rows of one table; run it once per
table you need (or write ``documents`` and ``claims`` from a cached DataFrame of
articles). Enum columns come as plain strings and the document text as a plain
string, because Spark's Arrow conversion takes neither dictionary nor large types;
otherwise the columns are those of :func:`bilateral.Dataset.to_arrow`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

from bilateral import _arrow
from bilateral._dataset import Dataset
from bilateral._many import ExtractionFailure, Extractor, _run, _task

__all__ = ["SPARK_SCHEMAS", "extract_batches"]

SPARK_SCHEMAS: Final = {
    "documents": (
        "id string, text string, title string, url string, publisher string,"
        " published date, sha256 string"
    ),
    "claims": (
        "id string, document string, start long, end long, text string,"
        " countries array<string>, sectors array<string>, certainty string,"
        " polarity string, attribution string, groups array<string>, time string"
    ),
    "agreements": (
        "id string, parties array<string>, subject string, sector string, status string,"
        " evidence array<string>, supplier string, recipient string"
    ),
    "relationships": (
        "id string, parties array<string>, sector string, trend string,"
        " description string, evidence array<string>"
    ),
    "failures": "document_id string, error string",
}
"""The Spark schema (DDL) of each table :func:`extract_batches` can yield."""


def _plain(pa: Any, table: Any) -> Any:
    """Cast dictionary and large types to the plain ones Spark reads."""
    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_dictionary(kind) or pa.types.is_large_string(kind):
            kind = pa.string()
        elif pa.types.is_list(kind) and pa.types.is_dictionary(kind.value_type):
            kind = pa.list_(pa.string())
        fields.append(pa.field(field.name, kind, field.nullable))
    return table.cast(pa.schema(fields))


def extract_batches(
    batches: Iterable[Any],
    *,
    table: str = "claims",
    id_field: str = "id",
    text_field: str = "text",
    extractor: Extractor | None = None,
) -> Iterator[Any]:
    """Extract the articles in Arrow record batches; yield one table's rows as batches.

    Args:
        batches: ``pyarrow.RecordBatch`` es with a text column and, optionally, an id
            column (without it, ids are the first 16 hex digits of the text's SHA-256).
        table: Which rows to yield: ``documents``, ``claims``, ``agreements``,
            ``relationships``, or ``failures`` (documents whose extraction failed).
        id_field: The id column.
        text_field: The text column.
        extractor: Used instead of :func:`bilateral.extract.extract`.

    Yields:
        One ``pyarrow.RecordBatch`` per input batch, matching ``SPARK_SCHEMAS[table]``.

    Raises:
        KeyError: ``table`` is not one of the names above.
    """
    pa = _arrow._pyarrow()
    if table not in SPARK_SCHEMAS:
        choices = ", ".join(SPARK_SCHEMAS)
        raise KeyError(f"table {table!r} is not one of {choices}")
    for batch in batches:
        columns = batch.schema.names
        texts = batch.column(text_field).to_pylist()
        ids = batch.column(id_field).to_pylist() if id_field in columns else [None] * len(texts)
        results = [
            _run(_task(text if doc_id is None else (str(doc_id), text)), extractor)
            for doc_id, text in zip(ids, texts, strict=True)
        ]
        if table == "failures":
            failed = [r for r in results if isinstance(r, ExtractionFailure)]
            yield pa.record_batch(
                {
                    "document_id": pa.array([f.document_id for f in failed], pa.string()),
                    "error": pa.array([f.error for f in failed], pa.string()),
                }
            )
            continue
        good = [r for r in results if isinstance(r, Dataset)]
        tables = _arrow._tables(
            (),
            [d for data in good for d in data.documents],
            [c for data in good for c in data.claims],
            [a for data in good for a in data.agreements],
            [r for data in good for r in data.relationships],
        )
        plain = _plain(pa, tables[table]).replace_schema_metadata(None).combine_chunks()
        out = plain.to_batches()
        yield out[0] if out else pa.RecordBatch.from_pylist([], schema=plain.schema)
