"""Extraction on a Dask cluster (or Dask's local scheduler), written as Parquet partitions.

Requires ``pip install "bilateral[dask]"`` (Dask and pyarrow). :func:`extract_to_parquet`
splits the articles into partitions, extracts each partition in one task, and has
that task write its own Parquet part file per table, so nothing but counts travels
back to the client and no machine ever holds more than one partition::

    from bilateral.contrib.dask import extract_to_parquet

    summary = extract_to_parquet("articles.jsonl", "out/")      # local processes
    # or, on a cluster: from dask.distributed import Client; Client("scheduler:8786")

The output is one folder per table (``out/claims/part-00000.parquet``, ...), which
:func:`bilateral.read_parquet`, DuckDB (``read_parquet('out/claims/*.parquet')``),
``dask.dataframe.read_parquet`` and Spark all read. On a cluster, ``output`` must be
storage every worker can write to (a shared file system, or a URI such as
``s3://bucket/out`` that pyarrow's file systems understand).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from bilateral import _arrow
from bilateral._countries import lookup_country
from bilateral._dataset import Dataset
from bilateral._many import (
    ExtractionFailure,
    ExtractionSummary,
    Extractor,
    Source,
    _run,
    _task,
)

__all__ = ["PARTITION_TABLES", "extract_to_parquet"]

PARTITION_TABLES: Final = ("documents", "claims", "agreements", "relationships")
"""The tables each partition writes; ``countries`` is written once, by the client."""

StrPath = str | os.PathLike[str]


def _dask() -> Any:
    try:
        import dask
        import dask.bag
    except ImportError:
        msg = 'the Dask recipe needs Dask: pip install "bilateral[dask]"'
        raise ImportError(msg) from None
    return dask


class _Line(str):
    """A line of a JSON Lines file of articles, parsed in the task that extracts it."""

    __slots__ = ()


def _parse(item: Source | _Line, id_field: str, text_field: str) -> Source | ExtractionFailure:
    if not isinstance(item, _Line):
        return item
    try:
        value = json.loads(item)
        text = value[text_field]
        if not isinstance(text, str):
            raise TypeError(f"the {text_field!r} field is not a string")
        document_id = value.get(id_field)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        error = f"{type(exc).__name__}: {exc} (in the line {item[:60]!r})"
        return ExtractionFailure(document_id="?", error=error)
    return text if document_id is None else (str(document_id), text)


def _bag(
    source: StrPath | Sequence[Source],
    partition_size: int,
    id_field: str,
    text_field: str,
    blocksize: str,
) -> Any:
    """A Dask bag of articles from a folder, a JSON Lines file, or a list."""
    bag = _dask().bag
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            paths = [str(p) for p in sorted(path.glob("*.txt"))]
            return bag.from_sequence([Path(p) for p in paths], partition_size=partition_size)
        lines = bag.read_text(str(path), blocksize=blocksize)
        return lines.filter(str.strip).map(_Line)
    return bag.from_sequence(list(source), partition_size=partition_size)


def _extract_partition(
    articles: Iterable[Source | _Line],
    output: str,
    index: int,
    extractor: Extractor | None,
    fields: tuple[str, str],
) -> dict[str, Any]:
    """Extract one partition and write its part files; return what it wrote."""
    tables = _arrow._tables
    pq = _arrow._parquet()
    results: list[Dataset | ExtractionFailure] = []
    for item in articles:
        article = _parse(item, *fields)
        if isinstance(article, ExtractionFailure):
            results.append(article)
        else:
            results.append(_run(_task(article), extractor))
    good = [r for r in results if isinstance(r, Dataset)]
    failures = [attrs.asdict(r) for r in results if isinstance(r, ExtractionFailure)]
    written = tables(
        (),
        [d for data in good for d in data.documents],
        [c for data in good for c in data.claims],
        [a for data in good for a in data.agreements],
        [r for data in good for r in data.relationships],
    )
    for kind in PARTITION_TABLES:
        folder = Path(output) / kind
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(written[kind], folder / f"part-{index:05d}.parquet")
    return {
        "countries": sorted({c.code for data in good for c in data.countries}),
        "counts": {kind: written[kind].num_rows for kind in PARTITION_TABLES},
        "failures": failures,
    }


def extract_to_parquet(
    source: StrPath | Sequence[Source],
    output: StrPath,
    *,
    partition_size: int = 200,
    blocksize: str = "32MiB",
    extractor: Extractor | None = None,
    scheduler: str | None = None,
    id_field: str = "id",
    text_field: str = "text",
) -> tuple[ExtractionSummary, list[ExtractionFailure]]:
    """Extract every article with Dask and write the results as Parquet partitions.

    Args:
        source: A folder of ``.txt`` files, a JSON Lines file of articles (objects
            with an id and a text; read in blocks, so it may be larger than memory),
            or a list of what :func:`bilateral.extract_many` takes.
        output: The folder receiving one sub-folder of part files per table.
        partition_size: Articles per partition (per task), for a folder or list.
        blocksize: Bytes of a JSON Lines file per partition.
        extractor: Used instead of :func:`bilateral.extract.extract`; must be
            picklable.
        scheduler: Passed to :func:`dask.compute` (``"processes"``, ``"threads"``,
            ``"synchronous"``); by default the active client or Dask's default.
        id_field: The id field of JSON Lines articles.
        text_field: The text field of JSON Lines articles.

    Returns:
        The totals written, and the documents that failed with their errors.

    Raises:
        ImportError: Dask or pyarrow is not installed.
    """
    dask = _dask()
    _arrow._pyarrow()
    started = time.monotonic()
    folder = Path(output)
    bag = _bag(source, partition_size, id_field, text_field, blocksize)
    tasks = [
        dask.delayed(_extract_partition)(
            part, str(folder), index, extractor, (id_field, text_field)
        )
        for index, part in enumerate(bag.to_delayed())
    ]
    reports: Sequence[dict[str, Any]] = dask.compute(*tasks, scheduler=scheduler)
    codes = sorted({code for report in reports for code in report["countries"]})
    countries = _arrow._tables([lookup_country(c) for c in codes], (), (), (), ())
    (folder / "countries").mkdir(parents=True, exist_ok=True)
    _arrow._parquet().write_table(
        countries["countries"], folder / "countries" / "part-00000.parquet"
    )
    failures = [ExtractionFailure(**f) for report in reports for f in report["failures"]]
    total = dict.fromkeys(PARTITION_TABLES, 0)
    for report in reports:
        for kind, count in report["counts"].items():
            total[kind] += count
    summary = ExtractionSummary(
        documents=total["documents"],
        claims=total["claims"],
        agreements=total["agreements"],
        relationships=total["relationships"],
        failed=len(failures),
        seconds=time.monotonic() - started,
    )
    return summary, failures
