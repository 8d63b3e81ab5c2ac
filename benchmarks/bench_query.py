"""Benchmark the indexed queries of bilateral.Dataset against brute-force scans.

Builds a synthetic dataset of N claims (default 1,000,000) spread over documents of
100 claims each, with one agreement per ten claims and one relationship per country
pair and sector that the claims mention. Countries are drawn with a Zipf-like skew
(a few countries appear in many claims, most in few), as in real news.

For each query kind it prints the median latency of the indexed query (the public
method, filter validation included) and of a brute-force scan over every object
(with the filter values resolved beforehand, so the scan is given every advantage),
checks that both return the same objects, and prints the time and memory it takes
to build each index.

Run:  python benchmarks/bench_query.py [--claims N] [--seed S]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from itertools import combinations
from typing import Any

import bilateral
from bilateral import Agreement, Certainty, Claim, Dataset, Document, Relationship, Sector

# Sixty countries, most newsworthy first; drawn with a Zipf-like skew.
COUNTRIES = (
    *("USA", "RUS", "CHN", "IND", "PAK", "UKR", "GBR", "FRA", "DEU", "JPN", "IRN", "ISR"),
    *("TUR", "SAU", "BRA", "KOR", "PRK", "EGY", "NGA", "ZAF", "IDN", "AUS", "CAN", "MEX"),
    *("ITA", "ESP", "POL", "AFG", "BGD", "VNM", "THA", "MYS", "PHL", "QAT", "ARE", "IRQ"),
    *("SYR", "KAZ", "UZB", "ETH", "KEN", "ARG", "CHL", "COL", "VEN", "CUB", "NOR", "SWE"),
    *("FIN", "GRC", "SRB", "HUN", "BLR", "AZE", "ARM", "GEO", "MNG", "NPL", "LKA", "MMR"),
)
CLAIMS_PER_DOCUMENT = 100
SOURCES = ("experts", "officials", "media reports", "analysts", "a spokesperson")
VOCABULARY = 5000
"""Distinct words in the synthetic texts, drawn with a Zipf-like skew as in real prose."""


def synthetic(n_claims: int, seed: int) -> Dataset:
    """A valid dataset of ``n_claims`` claims with matching agreements and relationships."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(COUNTRIES))]
    sectors = list(Sector)
    certainties = list(Certainty)
    vocabulary = [f"w{i}" for i in range(VOCABULARY)]
    word_weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
    # A pool of sentences, shared between documents so the texts stay small.
    pool = [
        " ".join(rng.choices(vocabulary, word_weights, k=12)).capitalize() + "."
        for _ in range(20_000)
    ]
    documents: list[Document] = []
    claims: list[Claim] = []
    agreements: list[Agreement] = []
    first_claim: dict[tuple[tuple[str, str], Sector], str] = {}
    n_docs = max(1, -(-n_claims // CLAIMS_PER_DOCUMENT))
    made = 0
    for d in range(n_docs):
        count = min(CLAIMS_PER_DOCUMENT, n_claims - made)
        sentences = [rng.choice(pool) for _ in range(count)]
        doc = Document(id=f"doc{d:06d}", text=" ".join(sentences))
        documents.append(doc)
        offset = 0
        for sentence in sentences:
            size = rng.choices((1, 2, 3), (0.1, 0.7, 0.2))[0]
            codes: set[str] = set()
            while len(codes) < size:
                codes.add(rng.choices(COUNTRIES, weights)[0])
            claim = Claim(
                id=f"c{made:07d}",
                document=doc.id,
                start=offset,
                end=offset + len(sentence),
                text=sentence,
                countries=codes,
                sectors=rng.sample(sectors, rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]),
                certainty=rng.choices(certainties, (0.6, 0.2, 0.15, 0.05))[0],
                attribution=rng.choice(SOURCES) if rng.random() < 0.3 else None,
                groups=("west",) if rng.random() < 0.05 else (),
            )
            claims.append(claim)
            offset += len(sentence) + 1
            made += 1
            for pair in combinations(claim.countries, 2):
                for sector in claim.sectors:
                    first_claim.setdefault((pair, sector), claim.id)
            if made % 10 == 0 and len(claim.countries) >= 2:
                agreements.append(
                    Agreement(
                        id=f"a{len(agreements):06d}",
                        parties=claim.countries,
                        subject=rng.choice(vocabulary[:50]),
                        sector=claim.sectors[0],
                        status=rng.choice(list(bilateral.AgreementStatus)),
                        evidence=(claim.id,),
                    )
                )
    relationships = [
        Relationship(
            id=f"r{i:06d}",
            parties=pair,
            sector=sector,
            trend=rng.choice(list(bilateral.Trend)),
            description=f"{pair[0]}-{pair[1]} relations in {sector.value}",
            evidence=(claim_id,),
        )
        for i, ((pair, sector), claim_id) in enumerate(sorted(first_claim.items()))
    ]
    return Dataset(
        documents=documents, claims=claims, agreements=agreements, relationships=relationships
    )


def peak_rss() -> int:
    """The peak resident memory of this process, in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:
        return 0
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def median_seconds(fn: Callable[[], Any], *, budget: float, most: int) -> float:
    """The median time of ``fn``, run up to ``most`` times or for about ``budget`` seconds."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < most and (len(times) < 3 or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.2f} s "


def measure_builds(data: Dataset) -> list[tuple[str, float, int, int]]:
    """Time each index build, then build it again under tracemalloc for its size."""
    builds: list[tuple[str, Callable[[], Any]]] = [
        ("claims (country, pair, sector, ...)", data._claim_table),
        ("claim words (for text=)", data._word_postings),
        ("agreements", data._agreement_table),
        ("relationships", data._relationship_table),
    ]
    rows = []
    for name, build in builds:
        if name.startswith("claims"):
            data._cache.clear()
        gc.collect()
        t0 = time.perf_counter()
        built = build()
        seconds = time.perf_counter() - t0
        entries = built.entries() if hasattr(built, "entries") else 0
        rows.append((name, seconds, entries))
    # Memory: rebuild everything under tracemalloc, one index at a time.
    sized = []
    for (name, seconds, entries), (_, build) in zip(rows, builds, strict=True):
        if name.startswith("claims"):
            data._cache.clear()
        elif name.startswith("claim words"):
            data._claim_table().indexes.pop("word", None)
        else:
            data._cache.pop("query:" + name, None)
        gc.collect()
        tracemalloc.start()
        build()
        size, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sized.append((name, seconds, entries, size))
    return sized


def queries(data: Dataset) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    """(name, indexed query, equivalent brute-force scan) for each query kind."""
    claims, agreements, relationships = data.claims, data.agreements, data.relationships
    popular = ("USA", "RUS")
    typical = ("PAK", "RUS")
    sector = Sector.ENERGY
    names = {c: bilateral.lookup_country(c).name for c in COUNTRIES}
    document = data.documents[len(data.documents) // 2].id
    first_agreement = agreements[len(agreements) // 2]

    def has_pair(codes: tuple[str, ...], pair: tuple[str, str]) -> bool:
        return pair[0] in codes and pair[1] in codes

    phrase = re.compile(r"(?<!\w)w2 w1(?!\w)")
    rare = re.compile(r"(?<!\w)w1234(?!\w)")
    return [
        (
            f"claims: one pair, one sector ({typical[0]}-{typical[1]}, energy)",
            lambda: data.find_claims(between=(names["PAK"], names["RUS"]), sector="energy"),
            lambda: tuple(
                c for c in claims if has_pair(c.countries, typical) and sector in c.sectors
            ),
        ),
        (
            f"claims: one pair, one sector ({popular[0]}-{popular[1]}, energy)",
            lambda: data.find_claims(between=popular, sector="energy"),
            lambda: tuple(
                c for c in claims if has_pair(c.countries, popular) and sector in c.sectors
            ),
        ),
        (
            "claims: pair, sector, probable+, attributed",
            lambda: data.find_claims(
                between=typical, sector="energy", min_certainty="probable", attributed=True
            ),
            lambda: tuple(
                c
                for c in claims
                if has_pair(c.countries, typical)
                and sector in c.sectors
                and c.certainty >= Certainty.PROBABLE
                and c.attribution is not None
            ),
        ),
        (
            "claims: one country (PAK)",
            lambda: data.find_claims(country="Pakistan"),
            lambda: tuple(c for c in claims if "PAK" in c.countries),
        ),
        (
            "claims: one document",
            lambda: data.find_claims(document=document),
            lambda: tuple(c for c in claims if c.document == document),
        ),
        (
            "claims: text, a rare word ('w1234')",
            lambda: data.find_claims(text="W1234"),
            lambda: tuple(c for c in claims if rare.search(c.text.casefold())),
        ),
        (
            "claims: text, two common words ('w2 w1')",
            lambda: data.find_claims(text="w2 w1"),
            lambda: tuple(c for c in claims if phrase.search(c.text.casefold())),
        ),
        (
            "agreements: party + status (RUS, proposed)",
            lambda: data.find_agreements(party="Russia", status="proposed"),
            lambda: tuple(
                a for a in agreements if "RUS" in a.parties and a.status.value == "proposed"
            ),
        ),
        (
            "agreements: one pair, one sector",
            lambda: data.find_agreements(between=typical, sector="energy"),
            lambda: tuple(
                a for a in agreements if has_pair(a.parties, typical) and a.sector is sector
            ),
        ),
        (
            "relationships: one country (PAK)",
            lambda: data.find_relationships(country="PAK"),
            lambda: tuple(r for r in relationships if "PAK" in r.parties),
        ),
        (
            "relationships: one pair, one sector",
            lambda: data.find_relationships(between=typical, sector="energy"),
            lambda: tuple(r for r in relationships if r.parties == typical and r.sector is sector),
        ),
        (
            "partners (PAK)",
            lambda: data.partners("PAK"),
            lambda: tuple(
                bilateral.lookup_country(p)
                for p in sorted(
                    {p for r in relationships if "PAK" in r.parties for p in r.parties} - {"PAK"}
                )
            ),
        ),
        (
            "evidence (one agreement)",
            lambda: data.evidence(first_agreement),
            lambda: tuple(c for c in claims if c.id in set(first_agreement.evidence)),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="number of claims")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per measurement")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    data = synthetic(args.claims, args.seed)
    built = time.perf_counter() - t0
    gc.collect()
    before = peak_rss()
    print(
        f"bilateral {bilateral.__version__}, Python {sys.version.split()[0]}: "
        f"{len(data.claims):,} claims, {len(data.documents):,} documents, "
        f"{len(data.agreements):,} agreements, {len(data.relationships):,} relationships "
        f"(generated and validated in {built:.1f} s)"
    )

    print("\nIndex build (once per dataset, on the first query of its kind):")
    print(f"  {'index':<38} {'time':>11} {'entries':>12} {'memory':>10}")
    for name, seconds, entries, size in measure_builds(data):
        print(f"  {name:<38} {fmt_time(seconds):>11} {entries:>12,} {size / 2**20:>7.1f} MiB")

    print(
        f"  process peak memory: {before / 2**20:,.0f} MiB with the dataset alone, "
        f"{peak_rss() / 2**20:,.0f} MiB with its indexes (built twice above)"
    )

    print("\nQueries (median latency):")
    header = f"  {'query':<52} {'results':>8} {'indexed':>11} {'scan':>11} {'speed-up':>9}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    worst_selective = None
    for name, indexed, scan in queries(data):
        found = indexed()
        expected = scan()
        if tuple(found) != tuple(expected):
            print(f"  {name}: MISMATCH ({len(found)} indexed vs {len(expected)} scanned)")
            return 1
        fast = median_seconds(indexed, budget=args.budget, most=1000)
        slow = median_seconds(scan, budget=args.budget, most=7)
        ratio = slow / fast
        print(
            f"  {name:<52} {len(found):>8,} {fmt_time(fast):>11} {fmt_time(slow):>11}"
            f" {ratio:>8,.0f}x"
        )
        if "one pair, one sector" in name and name.startswith("claims"):
            worst_selective = ratio if worst_selective is None else min(worst_selective, ratio)
    if worst_selective is not None:
        verdict = "met" if worst_selective >= 1000 else "NOT met"
        print(
            f"\nSelective claim query (one pair, one sector): at least {worst_selective:,.0f}x "
            f"faster than the scan; target 1,000x {verdict}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
