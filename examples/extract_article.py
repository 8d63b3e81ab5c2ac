"""Extract claims, agreements and relationships from an article, and show where each came from.

Give it a UTF-8 text file, or run it without arguments to use the short sample
article bundled with the examples (``examples/data/sample_article.txt``)::

    python examples/extract_article.py                  # the bundled sample
    python examples/extract_article.py my_article.txt

For every claim it prints the character span it quotes (``[start:end]``, which always
selects exactly the claim's text), how certain the text is, whether it is denied, who
asserts it, and the countries it concerns; then the agreements and relationships
built from the claims, each with the ids of its evidence. When an annotation in the
seed format sits beside the text (``my_article.toml``, as the sample has), it also
prints how close extraction came to it. Extraction is rule-based and never states
more certainty than the text does; see the docs' "Extraction" page for what it can
and cannot do.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import bilateral

SAMPLE = Path(__file__).resolve().parent / "data" / "sample_article.txt"


def document_id(path: Path) -> str:
    """A document id from a file name: ids may not contain spaces."""
    return re.sub(r"\s+", "_", path.stem) or "article"


def report(data: bilateral.Dataset) -> str:
    """Return a readable account of what extraction found."""
    lines = [
        f"{len(data.claims)} claims, {len(data.agreements)} agreements, "
        f"{len(data.relationships)} relationships; countries: "
        + (", ".join(f"{c.name} ({c.code})" for c in data.countries) or "none"),
        "",
        "Claims:",
    ]
    for claim in data.claims:
        flags = [claim.certainty.value]
        if claim.polarity is bilateral.Polarity.NEGATED:
            flags.append("negated")
        if claim.attribution:
            flags.append(f"according to {claim.attribution}")
        head = f"  {claim.id} [{claim.start}:{claim.end}] {', '.join(flags)}"
        lines.append(f"{head}; {' '.join(claim.countries)}")
        lines.extend(
            textwrap.wrap(f"“{claim.text}”", 84, initial_indent="    ", subsequent_indent="     ")
        )
    lines += ["", "Agreements:" if data.agreements else "Agreements: none"]
    for deal in data.agreements:
        evidence = ", ".join(ref.rsplit(":", 1)[-1] for ref in deal.evidence)
        lines.append(
            f"  {deal.status.value:11} {deal.subject} ({deal.sector.value}; "
            f"{' '.join(deal.parties)}) from {evidence}"
        )
    lines += ["", "Relationships:" if data.relationships else "Relationships: none"]
    for tie in data.relationships:
        evidence = ", ".join(ref.rsplit(":", 1)[-1] for ref in tie.evidence)
        lines.append(
            f"  {' '.join(tie.parties)} {tie.sector.value:10} {tie.trend.value:13} from {evidence}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Extract from the file named in ``argv`` (or the sample) and print the result."""
    path = Path(argv[0]) if argv else SAMPLE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"extract_article: cannot read {path}: {error}", file=sys.stderr)
        return 1
    try:
        data = bilateral.extract(text, document_id=document_id(path))
    except bilateral.BilateralError as error:
        print(f"extract_article: {error}", file=sys.stderr)
        return 1

    # Every claim quotes its document exactly: the span selects the claim's text.
    document = data.documents[0]
    if any(document.text[c.start : c.end] != c.text for c in data.claims):
        print("extract_article: a claim does not match its span", file=sys.stderr)
        return 1

    print(f"{path.name}: {len(text)} characters")
    print(report(data))

    # With an annotation beside the text (as the sample has), measure the extraction
    # against it: precision, recall and F1 of countries, pairs, agreements, hedges.
    annotation = path.with_suffix(".toml")
    if annotation.is_file():
        try:
            gold = bilateral.parse_annotation(
                text,
                annotation.read_text(encoding="utf-8"),
                document_id=document_id(path),
                source=str(annotation),
            )
        except (bilateral.BilateralError, OSError) as error:
            print(f"extract_article: {error}", file=sys.stderr)
            return 1
        print(f"\nCompared with the annotation {annotation.name}:\n")
        print(bilateral.evaluate(data, gold))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
