"""The ``bilateral extract`` and ``bilateral evaluate`` commands.

``extract_main`` and ``evaluate_main`` each take an argument list and return an exit
status, so they can run on their own. To make them sub-commands of another parser,
give a sub-parser the options with ``configure_*_command`` and run the parsed
arguments with ``run_*_command``; :func:`add_commands` does both for the two
commands, setting the parsed namespace's ``run`` attribute.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bilateral._dataset import Dataset
from bilateral._errors import BilateralError
from bilateral._io import read_json, read_jsonl, write_json, write_jsonl
from bilateral._seeds import load_seed_dir, load_seeds

from ._evaluate import evaluate
from ._lexicon import Lexicon, load_lexicon
from ._pipeline import extract

__all__ = [
    "add_commands",
    "configure_evaluate_command",
    "configure_extract_command",
    "evaluate_main",
    "extract_main",
    "run_evaluate_command",
    "run_extract_command",
]

_BAD_ID = re.compile(r"\s+")


def _lexicon(paths: Sequence[str] | None) -> Lexicon | None:
    return load_lexicon(*paths) if paths else None


def configure_extract_command(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``bilateral extract FILE...`` to ``parser``."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files to extract from")
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write the dataset here (.json or .jsonl) instead of to standard output",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print a readable list of the claims, agreements and relationships instead of JSON",
    )
    parser.add_argument(
        "--lexicon",
        action="append",
        metavar="PATH",
        help="a lexicon file or folder extending the packaged cues (repeatable)",
    )


def configure_evaluate_command(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``bilateral evaluate`` to ``parser``."""
    parser.add_argument(
        "--gold",
        metavar="PATH",
        help="the annotation to compare with: a seed folder (NAME.txt + NAME.toml) or a "
        "dataset (.json, .jsonl); default: the packaged seeds",
    )
    parser.add_argument(
        "--predicted",
        metavar="PATH",
        help="the dataset to judge (.json, .jsonl); default: extract the gold documents' texts",
    )
    parser.add_argument(
        "--lexicon",
        action="append",
        metavar="PATH",
        help="a lexicon file or folder extending the packaged cues (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _read_dataset(path: str, *, annotated_only: bool) -> Dataset:
    target = Path(path)
    if target.is_dir():
        return load_seed_dir(target, extract_missing=not annotated_only)
    if target.suffix == ".jsonl":
        return read_jsonl(target)
    return read_json(target)


def _write(data: Dataset, output: str | None) -> None:
    if output is None:
        sys.stdout.write(data.to_json(indent=2) + "\n")
        return
    if output.endswith(".jsonl"):
        write_jsonl(data, output)
    else:
        write_json(data, output)


def _summary(data: Dataset) -> str:
    lines: list[str] = []
    for claim in data.claims:
        source = f" [{claim.attribution}]" if claim.attribution else ""
        lines.append(
            f"{claim.id}  {'/'.join(claim.countries)}  {claim.certainty.value}{source}"
            f"  {', '.join(s.value for s in claim.sectors)}\n    {claim.text}"
        )
    if data.agreements:
        lines.append("")
        lines.append("Agreements:")
        lines.extend(
            f"  {'/'.join(agreement.parties)}  {agreement.sector.value:<10}"
            f" {agreement.status.value:<11} {agreement.subject}"
            for agreement in data.agreements
        )
    if data.relationships:
        lines.append("")
        lines.append("Relationships:")
        lines.extend(
            f"  {'/'.join(rel.parties)}  {rel.sector.value:<10} {rel.trend.value}"
            for rel in data.relationships
        )
    return "\n".join(lines)


def run_extract_command(args: argparse.Namespace) -> int:
    """Run ``bilateral extract`` on parsed arguments; return the exit status.

    Raises:
        BilateralError: A lexicon file is invalid.
    """
    lexicon = _lexicon(args.lexicon)
    parts: list[Dataset] = []
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"bilateral extract: cannot read {name}: {exc}", file=sys.stderr)  # noqa: T201
            return 2
        document_id = _BAD_ID.sub("_", path.stem) or "document"
        parts.append(extract(text, document_id=document_id, lexicon=lexicon))
    data = Dataset.concat(parts)
    if args.summary:
        print(_summary(data))  # noqa: T201 - the command's output
    else:
        _write(data, args.output)
    return 0


def run_evaluate_command(args: argparse.Namespace) -> int:
    """Run ``bilateral evaluate`` on parsed arguments and print the report.

    Returns:
        0 once the report is printed.

    Raises:
        BilateralError: The gold or predicted data, or a lexicon, cannot be read.
    """
    lexicon = _lexicon(args.lexicon)
    gold = load_seeds() if args.gold is None else _read_dataset(args.gold, annotated_only=True)
    if args.predicted is not None:
        predicted = _read_dataset(args.predicted, annotated_only=False)
    else:
        predicted = Dataset.concat(
            extract(doc.text, document_id=doc.id, lexicon=lexicon) for doc in gold.documents
        )
    report = evaluate(predicted, gold)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))  # noqa: T201 - the command's output
    else:
        print(report.render())  # noqa: T201 - the command's output
    return 0


def _main(
    argv: Sequence[str] | None,
    prog: str,
    description: str,
    configure: Any,
    run: Any,
) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    configure(parser)
    args = parser.parse_args(argv)
    try:
        return int(run(args))
    except BilateralError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)  # noqa: T201
        return 2


_EXTRACT_HELP = "extract claims, agreements and relationships from text files"
_EVALUATE_HELP = "compare extraction (or a dataset) with an annotation"


def extract_main(argv: Sequence[str] | None = None) -> int:
    """Run ``bilateral extract FILE...`` and return its exit status.

    Prints the extracted dataset as JSON (or writes it with ``--output``), or a
    readable summary with ``--summary``. Each file's stem is its document id.
    """
    return _main(
        argv, "bilateral extract", _EXTRACT_HELP, configure_extract_command, run_extract_command
    )


def evaluate_main(argv: Sequence[str] | None = None) -> int:
    """Run ``bilateral evaluate [--gold PATH] [--predicted PATH]``; return the status.

    With no options it extracts the packaged seed texts and compares the result with
    their curated annotation, printing precision, recall and F1 per measure.
    """
    return _main(
        argv, "bilateral evaluate", _EVALUATE_HELP, configure_evaluate_command, run_evaluate_command
    )


def add_commands(subparsers: Any) -> None:
    """Add the ``extract`` and ``evaluate`` sub-commands to an argparse sub-parser set.

    Each sub-parser sets ``run`` (a function of the parsed namespace returning the
    exit status), so the caller can do ``return args.run(args)``. Errors derived from
    :class:`~bilateral.BilateralError` are left to the caller to report.
    """
    parser = subparsers.add_parser("extract", help=_EXTRACT_HELP, description=_EXTRACT_HELP)
    configure_extract_command(parser)
    parser.set_defaults(run=run_extract_command)
    parser = subparsers.add_parser("evaluate", help=_EVALUATE_HELP, description=_EVALUATE_HELP)
    configure_evaluate_command(parser)
    parser.set_defaults(run=run_evaluate_command)
