"""Typed use of the public API, checked by ``mypy --strict`` (not collected by pytest).

A signature change that breaks ordinary typed user code fails the type check gate.
"""

from __future__ import annotations

import io

import bilateral
from bilateral import (
    AgreementStatus,
    Certainty,
    Claim,
    Country,
    Dataset,
    Sector,
)


def hedged_energy_claims(data: Dataset) -> list[Claim]:
    """Claims on energy stated with less than full certainty."""
    return [
        c for c in data.claims if Sector.ENERGY in c.sectors and c.certainty < Certainty.CERTAIN
    ]


def proposed_subjects(data: Dataset) -> list[str]:
    """Subjects of agreements that are only proposed."""
    return [a.subject for a in data.agreements if a.status is AgreementStatus.PROPOSED]


def names(codes: tuple[str, ...]) -> list[str]:
    """Country names for codes."""
    found: list[Country] = [bilateral.lookup_country(code) for code in codes]
    return [country.name for country in found]


def round_trip(data: Dataset) -> Dataset:
    """JSON and JSON Lines round trips."""
    again: Dataset = Dataset.from_json(data.to_json())
    buffer = io.StringIO()
    count: int = bilateral.write_jsonl(again, buffer)
    buffer.seek(0)
    assert count >= 0
    return bilateral.read_jsonl(buffer)


def errors() -> str:
    """Errors carry typed fields."""
    try:
        bilateral.lookup_country("Ruritania")
    except bilateral.UnknownCountryError as exc:
        suggestions: tuple[str, ...] = exc.suggestions
        where: str | None = exc.file
        return f"{where}: {suggestions}"
    return ""


def main() -> None:
    """Exercise everything once."""
    data = bilateral.load_seeds()
    hedged_energy_claims(data)
    proposed_subjects(data)
    names(("PAK", "RUS"))
    round_trip(data)
    errors()
    merged: Dataset = data | data
    assert merged == data
