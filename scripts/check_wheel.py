"""Check that a built wheel holds the package, its data and ``py.typed``, and nothing else.

Usage::

    python scripts/check_wheel.py dist/bilateral-*.whl

Exits non-zero, listing every problem, when a required file is missing or an
unexpected one (tests, caches, compiled files, repository clutter) is present.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import PurePosixPath

REQUIRED = (
    "bilateral/__init__.py",
    "bilateral/py.typed",
    "bilateral/data/iso3166.tsv",
    "bilateral/data/aliases.toml",
    "bilateral/data/groups.toml",
    "bilateral/seeds/000_337cd10feb08835e.txt",
    "bilateral/seeds/000_337cd10feb08835e.toml",
)
FORBIDDEN_PARTS = {"tests", "__pycache__", ".pytest_cache", ".mypy_cache", ".hypothesis"}
FORBIDDEN_SUFFIXES = (".pyc", ".pyo", ".orig", ".rej", ".swp")


def problems(names: list[str]) -> list[str]:
    """Return what is wrong with a wheel holding ``names``."""
    found: list[str] = [f"missing {name}" for name in REQUIRED if name not in names]
    for name in names:
        path = PurePosixPath(name)
        top = path.parts[0]
        if top != "bilateral" and not top.endswith(".dist-info"):
            found.append(f"unexpected top-level entry {name}")
        if FORBIDDEN_PARTS & set(path.parts) or name.endswith(FORBIDDEN_SUFFIXES):
            found.append(f"unexpected file {name}")
    if not any(n.startswith("bilateral/seeds/") and n.endswith(".toml") for n in names):
        found.append("no seed annotations")
    return found


def main(argv: list[str]) -> int:
    """Check each wheel named on the command line."""
    status = 0
    for wheel in argv:
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            size = sum(info.file_size for info in archive.infolist())
        wrong = problems(names)
        for line in wrong:
            print(f"{wheel}: {line}")
        if wrong:
            status = 1
        else:
            print(f"{wheel}: ok, {len(names)} files, {size / 1024:.0f} KiB unpacked")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
