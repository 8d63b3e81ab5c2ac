"""Print one digest of what extraction makes of a generated corpus.

The native (mypyc) build must extract exactly what the pure-Python package does; the
gates run this script against both installs and compare the two lines it prints.

Usage::

    python scripts/extraction_digest.py [--mb 2]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_extract  # the corpus generator lives with the benchmarks

import bilateral
from bilateral.extract import extract


def main() -> None:
    """Extract the generated corpus and print one digest of all the datasets made."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    args = parser.parse_args()
    digest = hashlib.sha256()
    documents = claims = 0
    for number, text in enumerate(bench_extract.articles(args.mb)):
        dataset = extract(text, document_id=f"doc-{number:06d}")
        digest.update(dataset.to_json().encode())
        documents += 1
        claims += len(dataset.claims)
    print(f"{documents} documents, {claims} claims, sha256 {digest.hexdigest()}")
    print(f"(bilateral {bilateral.__version__} from {Path(bilateral.__file__).parent})")


if __name__ == "__main__":
    main()
