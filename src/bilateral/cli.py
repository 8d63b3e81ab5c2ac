"""The ``bilateral`` command line: ask a dataset questions from the shell.

Every command reads the seed data that ships with bilateral, or the dataset given
with ``--data PATH`` (a seed folder, a ``.json`` file or a ``.jsonl`` file), and prints
an aligned table for people or, with ``--format json|jsonl|csv``, data for scripts.
Filters mirror :meth:`bilateral.Dataset.find_claims` and its siblings::

    bilateral claims --between Pakistan Russia --sector energy --min-certainty possible
    bilateral agreements --party Russia --status proposed
    bilateral profile Pakistan Russia --format json

Bad input (an unknown country, a misspelt sector, an unreadable file) ends the
command with exit status 2 and one line on standard error; the lookup of an unknown
country suggests close matches.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from ._convert import encode_record, unstructure
from ._dataset import Dataset
from ._enums import AgreementStatus, Certainty, Sector, Trend
from ._errors import (
    BilateralError,
    DataError,
    QueryError,
    UnknownCountryError,
    UnknownGroupError,
    ValidationError,
)
from ._io import read_json, read_jsonl, write_json, write_jsonl
from ._model import Agreement, Claim, Relationship
from ._query import PairProfile
from ._seeds import load_seed_dir, load_seeds

__all__ = ["build_parser", "load_data", "main", "summary"]

FORMATS = ("table", "json", "jsonl", "csv")
TABLES = ("claims", "agreements", "relationships")

_OPTION_OF = {
    "country": "--country",
    "party": "--party",
    "between": "--between",
    "sector": "--sector",
    "min_certainty": "--min-certainty",
    "status": "--status",
    "trend": "--trend",
    "document": "--document",
    "group": "--group",
    "text": "--text",
    "a": "A",
    "b": "B",
}
"""The command-line spelling of each query parameter, for error messages."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class _UsageError(Exception):
    """A problem with the command's own arguments (not raised by the library)."""


# --- loading -------------------------------------------------------------------------------


def load_data(path: str | None) -> Dataset:
    """Load the dataset a command works on.

    Args:
        path: A seed folder, a ``.json`` file or a ``.jsonl`` (or ``.ndjson``) file;
            ``None`` for the seed data packaged with bilateral.

    Raises:
        BilateralError: The path does not exist, has an unknown kind, or holds
            invalid data.
    """
    if path is None:
        return load_seeds()
    target = Path(path)
    if target.is_dir():
        return load_seed_dir(target)
    if not target.exists():
        raise DataError("no such file or folder", file=path)
    suffix = target.suffix.lower()
    if suffix == ".json":
        return read_json(target)
    if suffix in {".jsonl", ".ndjson"}:
        return read_jsonl(target)
    raise DataError("expected a seed folder, a .json file or a .jsonl file", file=path)


# --- output ------------------------------------------------------------------------------


def _width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, wrap_last: bool = True) -> str:
    """Align ``rows`` under ``headers``; the last column wraps to the terminal width."""
    if not rows:
        return ""
    widths = [max(len(str(r[i])) for r in (headers, *rows)) for i in range(len(headers))]
    indent = sum(widths[:-1]) + 2 * (len(headers) - 1)
    room = max(30, _width() - indent)
    lines = []
    numeric = [all(str(r[i]).isdigit() for r in rows) for i in range(len(headers))]
    for row in (headers, *rows):
        cells = [
            str(cell).rjust(widths[i]) if numeric[i] else str(cell).ljust(widths[i])
            for i, cell in enumerate(row[:-1])
        ]
        last = str(row[-1]).rjust(widths[-1]) if numeric[-1] else str(row[-1])
        parts = textwrap.wrap(last, room) if wrap_last and len(last) > room else [last]
        lines.append("  ".join([*cells, parts[0]]).rstrip())
        lines.extend((" " * indent + part).rstrip() for part in parts[1:])
    return "\n".join(lines)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def _codes(codes: Iterable[str]) -> str:
    return " ".join(codes)


def _claim_block(claims: Sequence[Claim]) -> str:
    """Claims as an aligned table, each followed by its quoted text."""
    headers = ("CLAIM", "CERTAINTY", "SOURCE", "COUNTRIES", "SECTORS")
    rows = [
        (
            c.id,
            c.certainty.value + (", negated" if c.polarity.value == "negated" else ""),
            c.attribution or "(own voice)",
            _codes(c.countries) or "-",
            ", ".join(s.value for s in c.sectors),
        )
        for c in claims
    ]
    widths = [max(len(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    width = _width()
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for claim, row in zip(claims, rows, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        lines.extend(
            textwrap.wrap(
                f"“{claim.text}”", width, initial_indent="    ", subsequent_indent="     "
            )
            or ["    “”"]
        )
    return "\n".join(lines)


def _agreement_rows(
    agreements: Sequence[Agreement],
) -> tuple[Sequence[str], list[Sequence[str]]]:
    headers = ("AGREEMENT", "STATUS", "SECTOR", "PARTIES", "FLOW", "SUBJECT")
    rows: list[Sequence[str]] = [
        (
            a.id,
            a.status.value,
            a.sector.value,
            _codes(a.parties),
            f"{a.supplier or '?'} → {a.recipient or '?'}" if a.supplier or a.recipient else "-",
            a.subject,
        )
        for a in agreements
    ]
    return headers, rows


def _relationship_rows(
    relationships: Sequence[Relationship],
) -> tuple[Sequence[str], list[Sequence[str]]]:
    headers = ("RELATIONSHIP", "PARTIES", "SECTOR", "TREND", "DESCRIPTION")
    rows: list[Sequence[str]] = [
        (r.id, _codes(r.parties), r.sector.value, r.trend.value, r.description)
        for r in relationships
    ]
    return headers, rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ";".join(_cell(v) for v in value)
    return str(value)


_CSV_FIELDS: dict[type[Any], tuple[str, ...]] = {
    Claim: (
        "id",
        "document",
        "start",
        "end",
        "certainty",
        "polarity",
        "attribution",
        "countries",
        "sectors",
        "groups",
        "time",
        "text",
    ),
    Agreement: (
        "id",
        "parties",
        "subject",
        "sector",
        "status",
        "supplier",
        "recipient",
        "evidence",
    ),
    Relationship: ("id", "parties", "sector", "trend", "description", "evidence"),
}


def _write_csv(handle: TextIO, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([_cell(v) for v in row] for row in rows)


def _records_csv(handle: TextIO, kind: type[Any], items: Sequence[Any]) -> None:
    fields = _CSV_FIELDS[kind]
    _write_csv(handle, fields, ([getattr(x, f) for f in fields] for x in items))


def _emit(
    out: TextIO,
    fmt: str,
    *,
    table: Callable[[], str],
    value: Callable[[], Any],
    lines: Callable[[], Iterable[str]],
    csv_rows: Callable[[TextIO], None],
) -> None:
    """Write one command's answer in the chosen format."""
    if fmt == "json":
        out.write(json.dumps(value(), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for line in lines():
            out.write(line + "\n")
    elif fmt == "csv":
        csv_rows(out)
    else:
        text = table()
        out.write(text + "\n" if text else "")


def _emit_records(
    out: TextIO, fmt: str, kind: type[Any], items: Sequence[Any], table: Callable[[], str]
) -> None:
    noun = {Claim: "claim", Agreement: "agreement", Relationship: "relationship"}[kind]

    def people() -> str:
        if not items:
            return f"no {noun}s match"
        return table() + "\n\n" + _plural(len(items), noun)

    _emit(
        out,
        fmt,
        table=people,
        value=lambda: [unstructure(x) for x in items],
        lines=lambda: (encode_record(x) for x in items),
        csv_rows=lambda handle: _records_csv(handle, kind, items),
    )


# --- the summary -------------------------------------------------------------------------


def _summary_value(data: Dataset) -> dict[str, Any]:
    certainty = Counter(c.certainty for c in data.claims)
    status = Counter(a.status for a in data.agreements)
    trends = Counter((r.sector, r.trend) for r in data.relationships)
    return {
        "documents": len(data.documents),
        "claims": len(data.claims),
        "agreements": len(data.agreements),
        "relationships": len(data.relationships),
        "countries": [{"code": c.code, "name": c.name} for c in data.countries],
        "relationships_by_sector_and_trend": {
            s.value: {t.value: trends[s, t] for t in Trend if trends[s, t]}
            for s in Sector
            if any(trends[s, t] for t in Trend)
        },
        "agreements_by_status": {s.value: status[s] for s in AgreementStatus if status[s]},
        "claims_by_certainty": {c.value: certainty[c] for c in sorted(Certainty, reverse=True)},
        "hedged_claims": sum(1 for c in data.claims if c.hedged),
        "attributed_claims": sum(1 for c in data.claims if c.attributed),
        "negated_claims": sum(1 for c in data.claims if c.polarity.value == "negated"),
    }


def summary(data: Dataset) -> str:
    """Return a readable summary of a dataset.

    It gives the counts of each kind of object, the countries, relationships by
    sector and trend, agreements by status, and how many claims are hedged or
    attributed to a source: a first look at what a dataset holds.
    """
    value = _summary_value(data)
    lines = [
        f"{_plural(value['documents'], 'document')}, {_plural(value['claims'], 'claim')}, "
        f"{_plural(value['agreements'], 'agreement')}, "
        f"{_plural(value['relationships'], 'relationship')}",
        "",
    ]
    names = ", ".join(f"{c['name']} ({c['code']})" for c in value["countries"])
    lines.extend(
        textwrap.wrap(
            f"Countries ({len(value['countries'])}): {names or 'none'}",
            _width(),
            subsequent_indent="  ",
        )
    )
    by_trend = value["relationships_by_sector_and_trend"]
    if by_trend:
        lines += ["", "Relationships by sector and trend:"]
        headers = ("  SECTOR", *(t.value.upper() for t in Trend), "TOTAL")
        rows = [
            (
                f"  {sector}",
                *(str(counts.get(t.value, 0)) for t in Trend),
                str(sum(counts.values())),
            )
            for sector, counts in by_trend.items()
        ]
        lines.append(_table(headers, rows, wrap_last=False))
    if value["agreements_by_status"]:
        lines += ["", "Agreements by status:"]
        rows = [(f"  {s}", str(n)) for s, n in value["agreements_by_status"].items()]
        lines.append(_table(("  STATUS", "COUNT"), rows, wrap_last=False))
    by_certainty = ", ".join(f"{n} {c}" for c, n in value["claims_by_certainty"].items())
    lines += [
        "",
        f"Claims by certainty: {by_certainty}",
        f"Hedged (less than certain): {value['hedged_claims']}; "
        f"attributed to a source: {value['attributed_claims']}; "
        f"negated: {value['negated_claims']}",
    ]
    return "\n".join(lines)


# --- commands ----------------------------------------------------------------------------


def _cmd_summary(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    value = _summary_value(data)

    def csv_rows(handle: TextIO) -> None:
        rows: list[tuple[str, object]] = [
            (key, value[key]) for key in ("documents", "claims", "agreements", "relationships")
        ]
        rows += [(f"agreements_by_status.{k}", v) for k, v in value["agreements_by_status"].items()]
        rows += [(f"claims_by_certainty.{k}", v) for k, v in value["claims_by_certainty"].items()]
        for sector, counts in value["relationships_by_sector_and_trend"].items():
            rows += [(f"relationships.{sector}.{t}", n) for t, n in counts.items()]
        rows += [
            (key, value[key]) for key in ("hedged_claims", "attributed_claims", "negated_claims")
        ]
        _write_csv(handle, ("metric", "value"), rows)

    _emit(
        out,
        args.format or "table",
        table=lambda: summary(data),
        value=lambda: value,
        lines=lambda: [json.dumps(value, ensure_ascii=False)],
        csv_rows=csv_rows,
    )


def _country_rows(data: Dataset) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "name": c.name,
            "claims": len(data.find_claims(country=c)),
            "agreements": len(data.find_agreements(party=c)),
            "relationships": len(data.find_relationships(country=c)),
            "partners": [p.code for p in data.partners(c)],
        }
        for c in data.countries
    ]


def _cmd_countries(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    rows = _country_rows(data)
    fields = ("code", "name", "claims", "agreements", "relationships", "partners")

    def table() -> str:
        if not rows:
            return "no countries"
        headers = tuple(f.upper() for f in fields)
        cells = [tuple(_cell(r[f]).replace(";", " ") for f in fields) for r in rows]
        return _table(headers, cells) + "\n\n" + _plural(len(rows), "country", "countries")

    _emit(
        out,
        args.format or "table",
        table=table,
        value=lambda: rows,
        lines=lambda: (json.dumps(r, ensure_ascii=False) for r in rows),
        csv_rows=lambda h: _write_csv(h, fields, ([r[f] for f in fields] for r in rows)),
    )


def _between(args: argparse.Namespace) -> list[tuple[str, str]] | None:
    pairs: list[list[str]] | None = args.between
    return None if pairs is None else [(a, b) for a, b in pairs]


def _cmd_claims(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    found = data.find_claims(
        country=args.country,
        between=_between(args),
        sector=args.sector,
        min_certainty=args.min_certainty,
        attributed=args.attributed,
        document=args.document,
        group=args.group,
        text=args.text,
    )
    _emit_records(out, args.format or "table", Claim, found, lambda: _claim_block(found))


def _cmd_agreements(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    found = data.find_agreements(
        party=args.party, between=_between(args), sector=args.sector, status=args.status
    )
    _emit_records(
        out, args.format or "table", Agreement, found, lambda: _table(*_agreement_rows(found))
    )


def _cmd_relationships(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    found = data.find_relationships(
        country=args.country, between=_between(args), sector=args.sector, trend=args.trend
    )
    _emit_records(
        out,
        args.format or "table",
        Relationship,
        found,
        lambda: _table(*_relationship_rows(found)),
    )


def _profile_value(profile: PairProfile) -> dict[str, Any]:
    return {
        "countries": [{"code": c.code, "name": c.name} for c in profile.countries],
        "sectors": [s.value for s in profile.sectors],
        "relationships": [unstructure(r) for r in profile.relationships],
        "agreements_by_status": {
            s.value: [unstructure(a) for a in group] for s, group in profile.agreements_by_status
        },
        "claims_by_certainty": {
            c.value: [unstructure(x) for x in group] for c, group in profile.claims_by_certainty
        },
    }


def _profile_rows(profile: PairProfile) -> list[tuple[str, str, str, str, str]]:
    rows = [
        ("relationship", r.id, r.sector.value, r.trend.value, r.description)
        for r in profile.relationships
    ]
    rows += [
        ("agreement", a.id, a.sector.value, a.status.value, a.subject) for a in profile.agreements
    ]
    rows += [
        ("claim", c.id, ";".join(s.value for s in c.sectors), c.certainty.value, c.text)
        for c in profile.claims
    ]
    return rows


def _cmd_profile(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    profile = data.profile(args.a, args.b, sector=args.sector)
    records: list[Any] = [*profile.relationships, *profile.agreements, *profile.claims]
    _emit(
        out,
        args.format or "table",
        table=lambda: profile.render(_width()),
        value=lambda: _profile_value(profile),
        lines=lambda: (encode_record(x) for x in records),
        csv_rows=lambda h: _write_csv(
            h, ("kind", "id", "sector", "state", "text"), _profile_rows(profile)
        ),
    )


def _cmd_export(data: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    fmt = args.format or "json"
    target: str | None = args.output
    if fmt == "table":
        msg = "export writes json, jsonl or csv, not a table"
        raise _UsageError(f"--format: {msg}")
    if fmt == "json":
        if target is None:
            out.write(data.to_json(indent=2) + "\n")
        else:
            write_json(data, target)
    elif fmt == "jsonl":
        write_jsonl(data, out if target is None else target)
    else:
        _export_csv(data, args.table, target, out)


def _export_csv(data: Dataset, table: str | None, target: str | None, out: TextIO) -> None:
    kinds: dict[str, tuple[type[Any], Sequence[Any]]] = {
        "claims": (Claim, data.claims),
        "agreements": (Agreement, data.agreements),
        "relationships": (Relationship, data.relationships),
    }
    if target is not None and Path(target).is_dir():
        for name in (table,) if table else TABLES:
            kind, items = kinds[name]
            with (Path(target) / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                _records_csv(handle, kind, items)
        return
    kind, items = kinds[table or "claims"]
    if target is None:
        _records_csv(out, kind, items)
        return
    with Path(target).open("w", encoding="utf-8", newline="") as handle:
        _records_csv(handle, kind, items)


# --- the parser --------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On a subcommand, the options default to "not given" so that the same option
    # given before the subcommand still counts.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data",
        metavar="PATH",
        default=default,
        help="read this seed folder, .json or .jsonl file (default: the packaged seeds)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=default,
        help="output format: an aligned table for people (default), or json, jsonl, csv",
    )


_EXAMPLES = {
    "claims": (
        "bilateral claims --between Pakistan Russia --sector energy --min-certainty possible",
        "bilateral claims --text S-350 --attributed",
        "bilateral claims --country Islamabad --format csv > pakistan.csv",
    ),
    "agreements": (
        "bilateral agreements --party Russia --status proposed",
        "bilateral agreements --between Moscow 'New Delhi' --format json",
    ),
    "relationships": (
        "bilateral relationships --country Russia",
        "bilateral relationships --trend improving deteriorating --sector trade",
    ),
    "profile": (
        "bilateral profile Pakistan Russia",
        "bilateral profile PAK RUS --sector energy --format json",
    ),
    "export": (
        "bilateral export -o seeds.json",
        "bilateral export --format jsonl > seeds.jsonl",
        "bilateral export --format csv -o tables/",
    ),
}


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def _place_filters(parser: argparse.ArgumentParser, country: str, what: str) -> None:
    parser.add_argument(
        f"--{country}",
        nargs="+",
        action="extend",
        metavar="COUNTRY",
        help=f"{what} concerning any of these countries (codes or names: PAK, Islamabad)",
    )
    parser.add_argument(
        "--between",
        nargs=2,
        action="append",
        metavar=("A", "B"),
        help=f"{what} concerning both countries; repeat for any of several pairs",
    )
    parser.add_argument(
        "--sector",
        nargs="+",
        action="extend",
        metavar="SECTOR",
        help=f"{what} in any of these sectors: {_choices(Sector.values())}",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the ``bilateral`` command."""
    from . import __version__  # the package imports this module, so import late

    parser = _Parser(
        prog="bilateral",
        description="Query relations between countries, as news analysis describes them. "
        "With no command, print a summary of the dataset.",
        epilog="Run 'bilateral COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"bilateral {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        examples = _EXAMPLES.get(name)
        sub = commands.add_parser(
            name,
            help=text,
            description=text,
            epilog="examples:\n" + "\n".join(f"  {e}" for e in examples) if examples else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _common(sub, top=False)
        return sub

    command(
        "summary",
        "Summarise the dataset: counts, countries, relationships by sector and trend, "
        "agreements by status, hedged and attributed claims.",
    )
    command(
        "countries",
        "List the countries the dataset mentions, with their numbers of claims, "
        "agreements and relationships, and their partners.",
    )

    claims = command(
        "claims",
        "List claims with their certainty, attribution and quoted text, in document order.",
    )
    _place_filters(claims, "country", "claims")
    claims.add_argument(
        "--min-certainty",
        metavar="LEVEL",
        help=f"claims at least this certain: {_choices(Certainty.values())}",
    )
    source = claims.add_mutually_exclusive_group()
    source.add_argument(
        "--attributed",
        action="store_true",
        default=None,
        help="only claims the text puts in a named source's mouth",
    )
    source.add_argument(
        "--unattributed",
        dest="attributed",
        action="store_false",
        help="only claims in the article's own voice",
    )
    claims.add_argument(
        "--document", nargs="+", action="extend", metavar="ID", help="claims from these documents"
    )
    claims.add_argument(
        "--group",
        nargs="+",
        action="extend",
        metavar="GROUP",
        help="claims concerning any of these groups (west, eu, nato, ...)",
    )
    claims.add_argument(
        "--text",
        nargs="+",
        action="extend",
        metavar="PHRASE",
        help="claims whose text contains any of these phrases as whole words, ignoring case",
    )

    agreements = command("agreements", "List agreements, in dataset order.")
    _place_filters(agreements, "party", "agreements")
    agreements.add_argument(
        "--status",
        nargs="+",
        action="extend",
        metavar="STATUS",
        help=f"agreements with any of these statuses: {_choices(AgreementStatus.values())}",
    )

    relationships = command("relationships", "List relationships, in dataset order.")
    _place_filters(relationships, "country", "relationships")
    relationships.add_argument(
        "--trend",
        nargs="+",
        action="extend",
        metavar="TREND",
        help=f"relationships with any of these trends: {_choices(Trend.values())}",
    )

    profile = command(
        "profile",
        "Profile one pair of countries: relationships per sector with trend, agreements "
        "by status, and the claims behind them by certainty.",
    )
    profile.add_argument("a", metavar="A", help="one country (code or name)")
    profile.add_argument("b", metavar="B", help="the other country")
    profile.add_argument(
        "--sector",
        nargs="+",
        action="extend",
        metavar="SECTOR",
        help=f"limit the profile to these sectors: {_choices(Sector.values())}",
    )

    export = command(
        "export",
        "Write the whole dataset as JSON (default), JSON Lines, or CSV tables.",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write here instead of standard output; for csv, a folder receives "
        "claims.csv, agreements.csv and relationships.csv",
    )
    export.add_argument(
        "--table",
        choices=TABLES,
        help="for csv: the table to write (default: claims, or all three into a folder)",
    )
    # Extraction and evaluation read article texts rather than a dataset, so they take
    # their own inputs instead of --data and --format; their modules load on first use.
    from ._many import configure_extract_command
    from .extract._cli import configure_evaluate_command

    extract = commands.add_parser(
        "extract",
        help="Extract claims, agreements and relationships from article texts, in "
        "parallel, streaming JSON Lines or Parquet.",
        description="Extract claims, agreements and relationships from article texts, in "
        "parallel. A document that fails is reported and the others are kept.",
        epilog="examples:\n  bilateral extract articles/ -o extracted.jsonl\n"
        "  bilateral extract feed.jsonl -o parquet/ --workers 2",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    configure_extract_command(extract)
    evaluate = commands.add_parser(
        "evaluate",
        help="Compare extraction (or any dataset) with an annotation: precision, recall "
        "and F1 per measure.",
        description="Compare an extracted dataset with an annotated one. By default, "
        "extract the packaged seed texts and compare with their curated annotation.",
        epilog="examples:\n  bilateral evaluate\n  bilateral evaluate --gold my_seeds/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    configure_evaluate_command(evaluate)
    return parser


_COMMANDS: dict[str, Callable[[Dataset, argparse.Namespace, TextIO], None]] = {
    "summary": _cmd_summary,
    "countries": _cmd_countries,
    "claims": _cmd_claims,
    "agreements": _cmd_agreements,
    "relationships": _cmd_relationships,
    "profile": _cmd_profile,
    "export": _cmd_export,
}


# --- errors ------------------------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    """The error as one line, with the query parameter spelt as its option."""
    if isinstance(exc, ValidationError):
        if not exc.problems:
            return exc.reason.splitlines()[0]
        text = exc.problems[0].message.replace("\n", " ")
        more = len(exc.problems) - 1
        if more:
            text += f" (and {_plural(more, 'more problem')})"
        return text
    if isinstance(exc, QueryError | UnknownCountryError | UnknownGroupError):
        option = _OPTION_OF.get(exc.path or "")
        if option is not None:
            return f"{option}: {exc.reason}"
    if isinstance(exc, BilateralError):
        return exc.message.replace("\n", " ")
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return str(exc).replace("\n", " ")


def _run_text_command(args: argparse.Namespace) -> int:
    """Run ``extract`` or ``evaluate``, which stream their own output."""
    try:
        if args.command == "extract":
            from ._many import run_extract_command

            missing = [path for path in args.inputs if not os.path.exists(path)]
            if missing:
                raise _UsageError(f"{missing[0]}: no such file or folder")

            return run_extract_command(args)
        from .extract._cli import run_evaluate_command

        return run_evaluate_command(args)
    except (BilateralError, OSError, _UsageError) as exc:
        sys.stderr.write(f"bilateral: error: {_one_line(exc)}\n")
        return 2
    except KeyboardInterrupt:
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``bilateral`` command line and return its exit status.

    Exit status 0 on success, 2 for bad arguments or data (with one line on standard
    error), 1 when the output pipe is closed early.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in {"extract", "evaluate"}:
        return _run_text_command(args)
    run = _COMMANDS[args.command or "summary"]
    buffer = io.StringIO()
    try:
        data = load_data(args.data)
        run(data, args, buffer)
    except (BilateralError, OSError, _UsageError) as exc:
        sys.stderr.write(f"bilateral: error: {_one_line(exc)}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    try:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (such as `head`) has gone: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0
