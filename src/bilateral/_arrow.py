"""Arrow tables and Parquet files: the columnar form of a dataset.

Requires :mod:`pyarrow` (``pip install "bilateral[arrow]"``). A dataset becomes five
tables, one per kind of object, each with a fixed schema whose version is stored in
the schema metadata (and so in every Parquet file written from it):

``countries``
    ``code``, ``alpha2``, ``alpha3``, ``numeric``, ``name`` (strings),
    ``official_name``, ``withdrawn`` (nullable strings).
``documents``
    ``id``, ``text`` (large string), ``title``, ``url``, ``publisher`` (nullable
    strings), ``published`` (nullable date32), ``sha256``.
``claims``
    ``id``, ``document``, ``start``, ``end`` (int64, code points), ``text``,
    ``countries`` (list of strings), ``sectors`` (list of dictionary strings),
    ``certainty``, ``polarity`` (dictionary strings), ``attribution`` (nullable),
    ``groups`` (list of strings), ``time`` (nullable).
``agreements``
    ``id``, ``parties`` (list of strings), ``subject``, ``sector``, ``status``
    (dictionary strings), ``evidence`` (list of claim ids), ``supplier``,
    ``recipient`` (nullable).
``relationships``
    ``id``, ``parties`` (list of two strings), ``sector``, ``trend`` (dictionary
    strings), ``description``, ``evidence`` (list of claim ids).

Enum columns are dictionary-encoded with the enum's values in definition order as
the dictionary, so the codes mean the same in every file. Rows keep the dataset's
order. Reading builds every object through the same validated path as the JSON
formats, so a Parquet file can never produce a dataset that could not be built
directly, and every problem is reported with its file and row.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ._convert import FORMAT_NAME, FORMAT_VERSION, structure_dataset
from ._countries import Country
from ._dataset import Dataset
from ._enums import AgreementStatus, Certainty, Polarity, Sector, Trend
from ._errors import DataError, FormatVersionError, ValidationError
from ._model import Agreement, Claim, Document, Relationship

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ARROW_SCHEMA_VERSION",
    "KINDS",
    "from_arrow",
    "read_parquet",
    "schemas",
    "to_arrow",
    "write_parquet",
]

ARROW_SCHEMA_VERSION: Final = 1
"""The version of the table schemas written by this release."""
SUPPORTED_ARROW_VERSIONS: Final = (1,)
"""The schema versions this release reads."""
KINDS: Final = ("countries", "documents", "claims", "agreements", "relationships")
"""The tables of a dataset, in the order their objects are built."""

_FORMAT_KEY: Final = b"bilateral.format"
_VERSION_KEY: Final = b"bilateral.version"
_KIND_KEY: Final = b"bilateral.kind"
_FORMAT: Final = b"bilateral-arrow"

StrPath = str | os.PathLike[str]


def _pyarrow() -> Any:
    """Import pyarrow, or explain how to install it."""
    try:
        import pyarrow
    except ImportError:
        msg = (
            "Arrow and Parquet support needs pyarrow: "
            'pip install "bilateral[arrow]" (or pip install pyarrow)'
        )
        raise ImportError(msg) from None
    return pyarrow


def _parquet() -> Any:
    _pyarrow()
    import pyarrow.parquet

    return pyarrow.parquet


def schemas() -> dict[str, pa.Schema]:
    """Return the schema of each table, with its format and version in the metadata.

    Useful to declare the tables elsewhere (a DuckDB view, a Spark schema, a Dask
    ``meta``) before any data is read.
    """
    pa = _pyarrow()
    text = pa.string()

    def enum(_cls: type[Any]) -> Any:
        return pa.dictionary(pa.int8(), pa.string())

    tags = pa.list_(text)
    fields: dict[str, list[Any]] = {
        "countries": [
            pa.field("code", text, nullable=False),
            pa.field("alpha2", text, nullable=False),
            pa.field("alpha3", text, nullable=False),
            pa.field("numeric", text, nullable=False),
            pa.field("name", text, nullable=False),
            pa.field("official_name", text),
            pa.field("withdrawn", text),
        ],
        "documents": [
            pa.field("id", text, nullable=False),
            pa.field("text", pa.large_string(), nullable=False),
            pa.field("title", text),
            pa.field("url", text),
            pa.field("publisher", text),
            pa.field("published", pa.date32()),
            pa.field("sha256", text, nullable=False),
        ],
        "claims": [
            pa.field("id", text, nullable=False),
            pa.field("document", text, nullable=False),
            pa.field("start", pa.int64(), nullable=False),
            pa.field("end", pa.int64(), nullable=False),
            pa.field("text", text, nullable=False),
            pa.field("countries", tags, nullable=False),
            pa.field("sectors", pa.list_(enum(Sector)), nullable=False),
            pa.field("certainty", enum(Certainty), nullable=False),
            pa.field("polarity", enum(Polarity), nullable=False),
            pa.field("attribution", text),
            pa.field("groups", tags, nullable=False),
            pa.field("time", text),
        ],
        "agreements": [
            pa.field("id", text, nullable=False),
            pa.field("parties", tags, nullable=False),
            pa.field("subject", text, nullable=False),
            pa.field("sector", enum(Sector), nullable=False),
            pa.field("status", enum(AgreementStatus), nullable=False),
            pa.field("evidence", tags, nullable=False),
            pa.field("supplier", text),
            pa.field("recipient", text),
        ],
        "relationships": [
            pa.field("id", text, nullable=False),
            pa.field("parties", tags, nullable=False),
            pa.field("sector", enum(Sector), nullable=False),
            pa.field("trend", enum(Trend), nullable=False),
            pa.field("description", text, nullable=False),
            pa.field("evidence", tags, nullable=False),
        ],
    }
    return {
        kind: pa.schema(
            fields[kind],
            metadata={
                _FORMAT_KEY: _FORMAT,
                _VERSION_KEY: str(ARROW_SCHEMA_VERSION).encode(),
                _KIND_KEY: kind.encode(),
            },
        )
        for kind in KINDS
    }


# --- writing -----------------------------------------------------------------------------


def _enum_column(pa: Any, cls: type[enum.StrEnum], values: Iterable[Any]) -> Any:
    """A dictionary array over all of ``cls``'s values, so codes are stable across files."""
    members = list(cls)
    index = {member: i for i, member in enumerate(members)}
    return pa.DictionaryArray.from_arrays(
        pa.array([index[v] for v in values], type=pa.int8()),
        pa.array([m.value for m in members], type=pa.string()),
    )


def _enum_lists(pa: Any, cls: type[enum.StrEnum], rows: Sequence[tuple[Any, ...]]) -> Any:
    offsets = [0]
    flat: list[Any] = []
    for row in rows:
        flat.extend(row)
        offsets.append(len(flat))
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), _enum_column(pa, cls, flat))


def to_arrow(dataset: Dataset) -> dict[str, pa.Table]:
    """Return one pyarrow Table per kind of object (see the module for the schemas).

    The tables are keyed ``countries``, ``documents``, ``claims``, ``agreements`` and
    ``relationships``. Hand them to DuckDB, pandas (``table.to_pandas()``) or polars
    (``polars.from_arrow(table)``) without copying the data through Python again.

    Raises:
        ImportError: pyarrow is not installed.
    """
    return _tables(
        dataset.countries,
        dataset.documents,
        dataset.claims,
        dataset.agreements,
        dataset.relationships,
    )


def _tables(
    countries: Sequence[Country],
    documents: Sequence[Document],
    claims: Sequence[Claim],
    agreements: Sequence[Agreement],
    relationships: Sequence[Relationship],
) -> dict[str, pa.Table]:
    """The five tables of these objects (which need not form a valid dataset)."""
    pa = _pyarrow()
    schema = schemas()
    columns: dict[str, dict[str, Any]] = {}
    columns["countries"] = {
        name: [getattr(c, name) for c in countries]
        for name in ("code", "alpha2", "alpha3", "numeric", "name", "official_name", "withdrawn")
    }
    columns["documents"] = {
        name: [getattr(d, name) for d in documents]
        for name in ("id", "text", "title", "url", "publisher", "published", "sha256")
    }
    columns["claims"] = {
        "id": [c.id for c in claims],
        "document": [c.document for c in claims],
        "start": [c.start for c in claims],
        "end": [c.end for c in claims],
        "text": [c.text for c in claims],
        "countries": [c.countries for c in claims],
        "sectors": _enum_lists(pa, Sector, [c.sectors for c in claims]),
        "certainty": _enum_column(pa, Certainty, (c.certainty for c in claims)),
        "polarity": _enum_column(pa, Polarity, (c.polarity for c in claims)),
        "attribution": [c.attribution for c in claims],
        "groups": [c.groups for c in claims],
        "time": [c.time for c in claims],
    }
    columns["agreements"] = {
        "id": [a.id for a in agreements],
        "parties": [a.parties for a in agreements],
        "subject": [a.subject for a in agreements],
        "sector": _enum_column(pa, Sector, (a.sector for a in agreements)),
        "status": _enum_column(pa, AgreementStatus, (a.status for a in agreements)),
        "evidence": [a.evidence for a in agreements],
        "supplier": [a.supplier for a in agreements],
        "recipient": [a.recipient for a in agreements],
    }
    columns["relationships"] = {
        "id": [r.id for r in relationships],
        "parties": [r.parties for r in relationships],
        "sector": _enum_column(pa, Sector, (r.sector for r in relationships)),
        "trend": _enum_column(pa, Trend, (r.trend for r in relationships)),
        "description": [r.description for r in relationships],
        "evidence": [r.evidence for r in relationships],
    }
    tables: dict[str, Any] = {}
    for kind in KINDS:
        arrays = [
            value if isinstance(value, pa.Array) else pa.array(value, type=field.type)
            for field, value in zip(schema[kind], columns[kind].values(), strict=True)
        ]
        tables[kind] = pa.Table.from_arrays(arrays, schema=schema[kind])
    return tables


def write_parquet(dataset: Dataset, directory: StrPath) -> list[Path]:
    """Write a dataset as five Parquet files, one per table, into ``directory``.

    The directory is created if needed; files of the same names are replaced. Query
    the files with DuckDB, Spark or any Parquet reader, or read them back with
    :func:`read_parquet`.

    Returns:
        The paths written, in the order of :data:`KINDS`.

    Raises:
        ImportError: pyarrow is not installed.
    """
    pq = _parquet()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind, table in to_arrow(dataset).items():
        path = folder / f"{kind}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


# --- reading -----------------------------------------------------------------------------


def _check_metadata(schema: Any, kind: str, file: str) -> None:
    metadata = schema.metadata or {}
    if metadata.get(_FORMAT_KEY) != _FORMAT or metadata.get(_KIND_KEY) != kind.encode():
        msg = f"not a bilateral {kind} table (its schema metadata does not say so)"
        raise DataError(msg, file=file)
    raw = metadata.get(_VERSION_KEY, b"")
    version: object = int(raw) if raw.isdigit() else raw.decode(errors="replace")
    if version not in SUPPORTED_ARROW_VERSIONS:
        raise FormatVersionError(version, SUPPORTED_ARROW_VERSIONS, file=file)


def _rows(table: Any, names: Sequence[str]) -> list[dict[str, Any]]:
    missing = [name for name in names if name not in table.column_names]
    if missing:
        msg = f"column {missing[0]!r} is missing"
        raise DataError(msg, path=missing[0])
    columns = [table.column(name).to_pylist() for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def from_arrow(tables: dict[str, pa.Table], *, file: str | None = None) -> Dataset:
    """Build a dataset from tables shaped like those :func:`to_arrow` returns.

    Raises:
        ValidationError: Every problem in the tables, with its table, row and field.
    """
    schema = schemas()
    value: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    problems: list[DataError] = []
    for kind in KINDS:
        table = tables.get(kind)
        if table is None:
            problems.append(DataError(f"the {kind} table is missing", file=file, path=kind))
            continue
        try:
            rows = _rows(table, schema[kind].names)
        except DataError as exc:
            problems.append(DataError(exc.reason, file=file, path=f"{kind}.{exc.path}"))
            continue
        value[kind] = [row["code"] for row in rows] if kind == "countries" else rows
    if problems:
        raise ValidationError(problems, file=file, what=file or "Arrow tables")
    return structure_dataset(value, file=file)


def read_parquet(directory: StrPath) -> Dataset:
    """Read a dataset written by :func:`write_parquet`.

    Each table is ``NAME.parquet`` in ``directory``, or a folder ``NAME/`` of part
    files (read in file-name order), as a Dask or Spark job writes them.

    Each file's schema version is checked, and the objects are validated as they are
    by the JSON readers: every problem is reported together, with the directory and
    the row's field path (``claims[12].certainty``).

    Raises:
        ImportError: pyarrow is not installed.
        DataError: A file is missing, unreadable or not a bilateral table.
        FormatVersionError: A file has a schema version this release cannot read.
        ValidationError: The tables do not describe a valid dataset.
    """
    pq = _parquet()
    folder = Path(directory)
    tables: dict[str, Any] = {}
    for kind in KINDS:
        path = folder / f"{kind}.parquet"
        if not path.exists() and (folder / kind).is_dir():
            # One folder of part files per table, as a Dask or Spark job writes them.
            path = folder / kind
        try:
            table = pq.read_table(path)
        except FileNotFoundError:
            raise DataError(f"no {kind} table in {folder}", file=str(path)) from None
        except (OSError, ValueError) as exc:
            raise DataError(f"cannot read: {exc}", file=str(path)) from None
        _check_metadata(table.schema, kind, str(path))
        tables[kind] = table
    return from_arrow(tables, file=str(folder))
