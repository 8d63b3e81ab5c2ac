"""Which agreements are only proposed, what supports each one, and who asserts it?

A proposed deal is one the text says was offered, explored or is of interest: not
signed, not under negotiation. This script lists every proposed agreement with the
claims it rests on, their certainty and their source, so that a reader can tell a
deal the article asserts from one only "some media reports" mention::

    python examples/proposed_deals.py                 # the packaged seed article
    python examples/proposed_deals.py my_corpus/      # a seed folder, .json or .jsonl
"""

from __future__ import annotations

import sys
import textwrap

import bilateral
from bilateral.cli import load_data


def describe(data: bilateral.Dataset, deal: bilateral.Agreement) -> str:
    """Return a readable account of one agreement and its evidence."""
    parties = " and ".join(data.country(code).name for code in deal.parties)
    lines = [f"{deal.subject} ({deal.sector.value}): {parties}"]
    if deal.supplier and deal.recipient:
        lines[0] += f", {deal.supplier} → {deal.recipient}"
    for claim in data.evidence(deal):
        # No attribution means the article says it in its own voice.
        source = claim.attribution or "the article itself"
        lines.append(f"  {claim.certainty.value}, according to {source}:")
        lines.extend(
            textwrap.wrap(f"“{claim.text}”", 84, initial_indent="    ", subsequent_indent="     ")
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """List the proposed agreements of the dataset named in ``argv`` (or the seeds)."""
    try:
        data = load_data(argv[0] if argv else None)
        proposed = data.find_agreements(status="proposed")
    except bilateral.BilateralError as error:
        print(f"proposed_deals: {error}", file=sys.stderr)
        return 1

    print(f"{len(proposed)} of {len(data.agreements)} agreements are only proposed.\n")
    if not proposed:
        return 0
    for deal in proposed:
        print(describe(data, deal))
        print()

    # Summarise who stands behind the proposals: the article, or someone it quotes.
    sources = sorted(
        {
            claim.attribution
            for deal in proposed
            for claim in data.evidence(deal)
            if claim.attribution is not None
        }
    )
    print("Attributed to:", ", ".join(sources) if sources else "nobody but the article")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
