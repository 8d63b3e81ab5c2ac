"""The ``bilateral`` command line."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from ._dataset import Dataset
from ._errors import BilateralError
from ._seeds import load_seeds

__all__ = ["main"]


def summary(data: Dataset) -> str:
    """Return a readable summary of a dataset."""
    lines = [
        f"{len(data.documents)} documents, {len(data.claims)} claims, "
        f"{len(data.agreements)} agreements, {len(data.relationships)} relationships",
        "",
        "Countries: " + ", ".join(f"{c.name} ({c.code})" for c in data.countries),
        "",
        "Relationships:",
    ]
    lines.extend(
        f"  {' - '.join(r.parties):<9} {r.sector.value:<11} {r.trend.value:<13} {r.description}"
        for r in data.relationships
    )
    lines.append("")
    lines.append("Agreements by status:")
    by_status = Counter(a.status.value for a in data.agreements)
    lines.extend(f"  {status:<12} {count}" for status, count in sorted(by_status.items()))
    lines.append("")
    certainty = Counter(c.certainty.value for c in data.claims)
    attributed = sum(1 for c in data.claims if c.attributed)
    lines.append(
        "Claims by certainty: "
        + ", ".join(f"{k} {v}" for k, v in sorted(certainty.items()))
        + f"; attributed to a named source: {attributed}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="bilateral", description=__doc__)
    parser.parse_args(argv)
    try:
        print(summary(load_seeds()))
    except BilateralError as exc:
        print(f"bilateral: error: {exc}", file=sys.stderr)
        return 2
    return 0
