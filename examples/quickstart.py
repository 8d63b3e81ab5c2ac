"""Load the seed articles and print what they say about Pakistan and Russia.

The seed corpus ships inside the package, so this runs anywhere bilateral is
installed::

    python examples/quickstart.py

It prints the pair's profile: their relationships sector by sector with the trend,
their agreements by status, and every claim behind them grouped by how certain the
text is, with the source of each attributed claim in brackets.
"""

from __future__ import annotations

import sys

import bilateral


def main() -> int:
    """Print the Pakistan–Russia profile; return the exit status."""
    try:
        data = bilateral.load_seeds()
        # Any name or code works: "Pakistan", "PAK", "Islamabad" are the same country.
        profile = data.profile("Pakistan", "Russia")
    except bilateral.BilateralError as error:
        print(f"quickstart: {error}", file=sys.stderr)
        return 1

    print(profile.render(width=88))
    print()
    # The profile is data as well as a report: count what is only proposed.
    proposed = profile.agreements_with("proposed")
    hedged = [claim for claim in profile.claims if claim.hedged]
    print(
        f"{len(proposed)} of {len(profile.agreements)} agreements are only proposed; "
        f"{len(hedged)} of {len(profile.claims)} claims are stated with less than certainty."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
