"""Indexed queries of bilateral.Dataset next to DuckDB running the same filters.

Builds the synthetic dataset of ``bench_query.py`` (same generator, same seed, default
1,000,000 claims), exports it with ``Dataset.to_arrow()`` and ``write_parquet()``, and
for each selective query measures, in this one run, the median latency of:

* bilateral's indexed query (the public method);
* a brute-force Python scan over every object;
* DuckDB running the same filter in SQL over the Arrow tables in memory;
* DuckDB running it over the Parquet files on disk.

Each answer is checked against the others (same ids) before it is timed. DuckDB
returns ids as tuples while bilateral returns model objects, so DuckDB is not charged
for building objects. Needs duckdb and pyarrow (``pip install "bilateral[bench]"``).

Run:  python benchmarks/bench_duckdb.py [--claims N] [--seed S] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bilateral
from bilateral import Certainty, Sector

sys.path.insert(0, str(Path(__file__).parent))
from bench_query import fmt_time, median_seconds, synthetic


def run_sql(connection: Any, sql: str) -> Callable[[], Any]:
    return lambda: connection.execute(sql).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="number of claims")
    parser.add_argument("--seed", type=int, default=1, help="random seed (as bench_query.py)")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per measurement")
    args = parser.parse_args(argv)
    try:
        import duckdb
        import pyarrow
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed (pip install 'bilateral[bench]')")
        return 0

    started = time.perf_counter()
    data = synthetic(args.claims, args.seed)
    tables = data.to_arrow()
    folder = Path(tempfile.mkdtemp(prefix="bilateral-duckdb-"))
    bilateral.write_parquet(data, folder)
    print(
        f"bilateral {bilateral.__version__}, duckdb {duckdb.__version__}, pyarrow"
        f" {pyarrow.__version__}, Python {sys.version.split()[0]}: {len(data.claims):,} claims,"
        f" {len(data.agreements):,} agreements (built and exported in"
        f" {time.perf_counter() - started:.1f} s; Parquet"
        f" {sum(p.stat().st_size for p in folder.iterdir()) / 2**20:.0f} MiB)"
    )
    memory = duckdb.connect()
    for kind, table in tables.items():
        memory.register(kind, table)
    files = duckdb.connect()
    for kind in tables:
        path = str(folder / f"{kind}.parquet").replace("'", "''")
        view = f"CREATE VIEW {kind} AS SELECT * FROM read_parquet('{path}')"  # noqa: S608
        files.execute(view)

    claims, agreements = data.claims, data.agreements
    document = data.documents[len(data.documents) // 2].id
    energy = Sector.ENERGY

    # The queries hold only codes and ids this script generated.
    def pair_sector(a: str, b: str) -> str:
        return (
            f"SELECT id FROM claims WHERE list_contains(countries, '{a}')"  # noqa: S608
            f" AND list_contains(countries, '{b}') AND list_contains(sectors, 'energy')"
            " ORDER BY id"
        )

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], str]] = [
        (
            "claims: one pair, one sector (PAK-RUS, energy)",
            lambda: data.find_claims(between=("PAK", "RUS"), sector="energy"),
            lambda: [
                c
                for c in claims
                if "PAK" in c.countries and "RUS" in c.countries and energy in c.sectors
            ],
            pair_sector("PAK", "RUS"),
        ),
        (
            "claims: one pair, one sector (USA-RUS, energy)",
            lambda: data.find_claims(between=("USA", "RUS"), sector="energy"),
            lambda: [
                c
                for c in claims
                if "USA" in c.countries and "RUS" in c.countries and energy in c.sectors
            ],
            pair_sector("USA", "RUS"),
        ),
        (
            "claims: pair, sector, probable+, attributed",
            lambda: data.find_claims(
                between=("PAK", "RUS"), sector="energy", min_certainty="probable", attributed=True
            ),
            lambda: [
                c
                for c in claims
                if "PAK" in c.countries
                and "RUS" in c.countries
                and energy in c.sectors
                and c.certainty >= Certainty.PROBABLE
                and c.attribution is not None
            ],
            pair_sector("PAK", "RUS").replace(
                " ORDER BY id",
                " AND certainty IN ('certain', 'probable') AND attribution IS NOT NULL ORDER BY id",
            ),
        ),
        (
            "claims: one document",
            lambda: data.find_claims(document=document),
            lambda: [c for c in claims if c.document == document],
            f"SELECT id FROM claims WHERE document = '{document}' ORDER BY id",  # noqa: S608
        ),
        (
            "agreements: party + status (RUS, proposed)",
            lambda: data.find_agreements(party="RUS", status="proposed"),
            lambda: [a for a in agreements if "RUS" in a.parties and a.status.value == "proposed"],
            "SELECT id FROM agreements WHERE list_contains(parties, 'RUS')"
            " AND status = 'proposed' ORDER BY id",
        ),
    ]

    print("\nSelective queries (median latency):")
    header = (
        f"  {'query':<46} {'results':>8} {'bilateral':>10} {'scan':>10} {'DuckDB mem':>11}"
        f" {'DuckDB file':>12} {'vs scan':>9} {'vs DuckDB':>10}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, indexed, scan, sql in cases:
        expected = sorted(x.id for x in scan())
        found = sorted(x.id for x in indexed())
        in_memory = [row[0] for row in memory.execute(sql).fetchall()]
        on_disk = [row[0] for row in files.execute(sql).fetchall()]
        if not expected == found == in_memory == on_disk:
            print(f"  {name}: MISMATCH ({len(found)}, {len(expected)}, {len(in_memory)})")
            return 1
        fast = median_seconds(indexed, budget=args.budget, most=1000)
        slow = median_seconds(scan, budget=args.budget, most=7)
        mem = median_seconds(run_sql(memory, sql), budget=args.budget, most=100)
        disk = median_seconds(run_sql(files, sql), budget=args.budget, most=100)
        print(
            f"  {name:<46} {len(found):>8,} {fmt_time(fast):>10} {fmt_time(slow):>10}"
            f" {fmt_time(mem):>11} {fmt_time(disk):>12} {slow / fast:>8,.0f}x"
            f" {min(mem, disk) / fast:>9,.0f}x"
        )
    print(
        "\n  'vs scan' and 'vs DuckDB' are how many times faster bilateral's indexed query is"
        " (DuckDB: the faster of its two runs)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
