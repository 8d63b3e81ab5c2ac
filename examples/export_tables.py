"""Write claims, agreements and relationships as tables for pandas, R or a spreadsheet.

One CSV file per kind of record, one row per record, with a header row. Lists
(countries, sectors, evidence ids) are joined with ";" and an absent value is an
empty cell. When pyarrow is installed, the whole dataset is also written as Parquet
with ``bilateral.write_parquet``: five typed tables (countries and documents too) in
which integers stay integers and lists stay lists, and which
``bilateral.read_parquet`` reads back into a validated dataset::

    python examples/export_tables.py                    # the seeds, into ./bilateral_tables/
    python examples/export_tables.py OUT_DIR [DATASET]  # DATASET: seed folder, .json, .jsonl

Then, for instance::

    pandas.read_csv("bilateral_tables/claims.csv")          # Python
    pandas.read_parquet("bilateral_tables/claims.parquet")  # Python, with pyarrow
    read.csv("bilateral_tables/claims.csv")                 # R
"""

from __future__ import annotations

import csv
import enum
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import bilateral
from bilateral.cli import load_data

# The columns of each table: every field of the record, in the class's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "claims": (
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
    ),
    "agreements": (
        "id",
        "parties",
        "subject",
        "sector",
        "status",
        "evidence",
        "supplier",
        "recipient",
    ),
    "relationships": ("id", "parties", "sector", "trend", "description", "evidence"),
}


def plain(value: object) -> object:
    """A field value as a table keeps it: strings, numbers, lists of strings, None."""
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, enum.Enum):  # Sector, Certainty, AgreementStatus, ...
        return value.value
    return value


def rows(records: Iterable[object], columns: Sequence[str]) -> list[dict[str, object]]:
    """One dictionary per record, column name to plain value."""
    return [{name: plain(getattr(record, name)) for name in columns} for record in records]


def csv_cell(value: object) -> object:
    """Join lists with ";" and write None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return value


def write_csv(path: Path, columns: Sequence[str], table: list[dict[str, object]]) -> None:
    """Write one table as CSV (UTF-8, with a header row)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in table)


def write_parquet(data: bilateral.Dataset, out: Path) -> list[Path]:
    """Write the dataset's tables as Parquet if pyarrow is installed; return the files."""
    try:
        return bilateral.write_parquet(data, out)
    except ImportError:  # pyarrow is an optional dependency
        return []


def main(argv: list[str]) -> int:
    """Export the dataset named in ``argv`` (or the seeds) into a folder of tables."""
    out = Path(argv[0]) if argv else Path("bilateral_tables")
    try:
        data = load_data(argv[1] if len(argv) > 1 else None)
        out.mkdir(parents=True, exist_ok=True)
        records = {
            "claims": data.claims,
            "agreements": data.agreements,
            "relationships": data.relationships,
        }
        for name, items in records.items():
            table = rows(items, COLUMNS[name])
            write_csv(out / f"{name}.csv", COLUMNS[name], table)
            print(f"{name:14} {len(table):5} rows  -> {out / name}.csv")
        parquet = write_parquet(data, out)
    except (bilateral.BilateralError, OSError) as error:
        print(f"export_tables: {error}", file=sys.stderr)
        return 1
    if parquet:
        print("Parquet:", ", ".join(path.name for path in parquet))
    else:
        print("pyarrow is not installed: CSV only (pip install pyarrow for Parquet).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
