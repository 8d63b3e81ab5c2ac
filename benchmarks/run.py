"""Run every bilateral benchmark and print its tables: the one command.

    python benchmarks/run.py            # the full sizes (a few minutes)
    python benchmarks/run.py --quick    # smaller inputs, for a first look
    python benchmarks/run.py --output report.txt
    python benchmarks/run.py --only formats --only duckdb

Prints the versions of Python and every package involved, then, each measured next to
its reference in the same run and reported as a ratio:

1. start-up: ``import bilateral`` in a fresh interpreter (and which heavy modules it
   pulls in: none), and ``load_seeds()``;
2. JSON Lines read and write against msgspec, pydantic v2 and cattrs, and memory per
   claim (``bench_formats.py``);
3. queries against a brute-force scan (``bench_query.py``) and against DuckDB
   (``bench_duckdb.py``);
4. extraction throughput and the country matcher (``bench_extract.py``);
5. many documents: one process against :func:`bilateral.extract_many`.

Install the reference libraries first: ``pip install -e ".[bench]"``. Benchmarks
are not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGES = (
    "bilateral",
    "attrs",
    "cattrs",
    "orjson",
    "pyahocorasick",
    "pyarrow",
    "duckdb",
    "dask",
    "msgspec",
    "pydantic",
)
HEAVY = ("pyarrow", "duckdb", "dask", "numpy", "pandas", "orjson", "ahocorasick", "hypothesis")
"""Modules that ``import bilateral`` must not load (each is loaded when first needed)."""


class Report:
    """Prints to standard output, and keeps a copy for ``--output``."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


def versions(out: Report) -> None:
    out(f"Python {sys.version.split()[0]} ({platform.python_implementation()}) on")
    out(f"  {platform.platform()}, {os.cpu_count()} CPUs, {platform.machine()}")
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    out("  " + ", ".join(found))


def fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter and return what it printed."""
    done = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def startup(out: Report, runs: int) -> None:
    out("\n== Start-up =========================================================")
    probe = (
        "import sys, time; t = time.perf_counter(); import bilateral;"
        " print(time.perf_counter() - t);"
        f" print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    seeds = (
        "import time, bilateral; t = time.perf_counter(); bilateral.load_seeds();"
        " first = time.perf_counter() - t; t = time.perf_counter(); bilateral.load_seeds();"
        " print(first, time.perf_counter() - t)"
    )
    base = "import time; t = time.perf_counter(); import json, re; print(time.perf_counter() - t)"
    imports: list[float] = []
    loads: list[float] = []
    again: list[float] = []
    baseline: list[float] = []
    loaded: set[str] = set()
    for _ in range(runs):
        printed = [*fresh(probe).splitlines(), ""]
        imports.append(float(printed[0]))
        loaded.update(m for m in printed[1].split(",") if m)
        first, cached = fresh(seeds).split()
        loads.append(float(first))
        again.append(float(cached))
        baseline.append(float(fresh(base)))
    out(f"  {'':<40} {'median':>10} {'best':>10}")
    out(
        f"  {'import bilateral (fresh interpreter)':<40} {_ms(imports):>10} {_ms(imports, min):>10}"
    )
    out(f"  {'  for scale: import json, re':<40} {_ms(baseline):>10} {_ms(baseline, min):>10}")
    out(f"  {'load_seeds(), first call':<40} {_ms(loads):>10} {_ms(loads, min):>10}")
    out(f"  {'load_seeds(), cached':<40} {_ms(again):>10} {_ms(again, min):>10}")
    heavy = ", ".join(sorted(loaded)) or "none"
    out(f"  heavy modules loaded by 'import bilateral': {heavy}")


def _ms(values: list[float], pick: Callable[[list[float]], float] = statistics.median) -> str:
    return f"{pick(values) * 1000:.1f} ms"


def script(out: Report, title: str, name: str, args: list[str]) -> bool:
    """Run one benchmark script, echoing its tables; return whether it succeeded."""
    out(f"\n== {title} {'=' * max(3, 66 - len(title))}")
    path = HERE / name
    if not path.exists():
        out(f"  ({name} is not in this checkout)")
        return True
    out(f"  $ python benchmarks/{name} {' '.join(args)}".rstrip())
    started = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 - this interpreter, our own scripts
        [sys.executable, str(path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as child:
        assert child.stdout is not None  # noqa: S101 - stdout was piped
        for line in child.stdout:
            out(line.rstrip("\n"))
    if child.returncode:
        out(f"  ({name} exited with status {child.returncode})")
    out(f"  ({time.perf_counter() - started:.0f} s)")
    return child.returncode == 0


def scaling(out: Report, megabytes: float) -> None:
    """One process against extract_many, on the corpus bench_extract.py generates."""
    out("\n== Many documents: one process, then extract_many ===================")
    try:
        import bilateral
        from bilateral.extract import extract
    except ImportError as exc:
        out(f"  skipped: {exc}")
        return
    sys.path.insert(0, str(HERE))
    try:
        from bench_extract import articles
    except ImportError:

        def articles(megabytes: float, seed: int = 7) -> Iterator[str]:
            text = bilateral.load_seeds().documents[0].text
            yield from [text] * max(1, int(megabytes * 1e6 / len(text.encode())))

    texts = list(articles(megabytes))
    items = [(f"a{n:06d}", text) for n, text in enumerate(texts)]
    size = sum(len(t.encode()) for t in texts) / 1e6
    workers = os.cpu_count() or 1
    out(f"  {len(texts):,} generated articles, {size:.1f} MB; {workers} CPUs; best of 2 runs")
    out(f"  {'':<44} {'seconds':>8} {'docs/s':>9} {'MB/s':>7} {'vs one process':>15}")

    def timed(run: Callable[[], object]) -> float:
        """The better of two runs: other processes on the machine slow one run or another."""
        times = []
        for _ in range(2):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    def many(**options: object) -> Callable[[], object]:
        return lambda: list(bilateral.extract_many(items, progress=False, **options))  # type: ignore[arg-type]

    one = timed(lambda: [extract(t, document_id=i) for i, t in items])
    rows = [("one process, extract() in a loop", one)]
    rows.append(("extract_many(workers=1)", timed(many(workers=1))))
    if workers > 1:
        rows.append((f"extract_many(workers={workers})", timed(many(workers=workers))))
        rows.append(
            ("  … one document per task (chunksize=1)", timed(many(workers=workers, chunksize=1)))
        )
    with tempfile.TemporaryDirectory() as folder:
        # Import pyarrow before timing: its import is not the work being measured.
        bilateral.write_parquet(bilateral.Dataset(), Path(folder) / "warm-up")
        for label, target in (("JSON Lines", "out.jsonl"), ("Parquet", "parquet")):
            path = Path(folder) / target

            def stream(path: Path = path) -> object:
                results = bilateral.extract_many(items, workers=workers, progress=False)
                return bilateral.write_extraction(results, path)

            rows.append((f"  … streamed to {label}", timed(stream)))
    for name, seconds in rows:
        out(
            f"  {name:<44} {seconds:>8.2f} {len(texts) / seconds:>9,.0f}"
            f" {size / seconds:>7.2f} {one / seconds:>14.2f}x"
        )


SECTIONS = ("startup", "formats", "query", "duckdb", "extract", "many")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, a first look")
    parser.add_argument("--output", metavar="PATH", help="also write the report to this file")
    parser.add_argument(
        "--only",
        metavar="SECTION",
        action="append",
        choices=SECTIONS,
        help=f"run only these sections (repeatable): {', '.join(SECTIONS)}",
    )
    args = parser.parse_args(argv)
    chosen = set(args.only or SECTIONS)
    out = Report()
    started = time.perf_counter()
    out(f"bilateral benchmarks ({'quick' if args.quick else 'full'} run)")
    versions(out)
    if args.quick:
        formats = ["--claims", "50000", "--repeat", "3"]
        query = ["--claims", "100000", "--budget", "0.5"]
        extract = ["--mb", "2"]
        many = 2.0
    else:
        formats, query, extract, many = [], [], [], 5.0
    failed = False
    if "startup" in chosen:
        startup(out, runs=3 if args.quick else 7)
    for section, title, name, options in (
        ("formats", "JSON Lines and memory per claim", "bench_formats.py", formats),
        ("query", "Queries against a brute-force scan", "bench_query.py", query),
        ("duckdb", "Queries against DuckDB", "bench_duckdb.py", query),
        ("extract", "Extraction", "bench_extract.py", extract),
    ):
        if section in chosen:
            failed |= not script(out, title, name, options)
    if "many" in chosen:
        try:
            scaling(out, many)
        except Exception as exc:  # one broken section must not hide the others' tables
            out(f"  (failed: {type(exc).__name__}: {exc})")
            failed = True
    out(f"\n(all benchmarks: {time.perf_counter() - started:.0f} s)")
    if args.output:
        Path(args.output).write_text("\n".join(out.lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
