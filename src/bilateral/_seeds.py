"""The seed-folder format: article texts with curated TOML annotations beside them.

A seed folder holds one UTF-8 text file per article (``NAME.txt``) and, beside it, its
annotation (``NAME.toml``). The annotation names each claim by its exact quote; the
loader finds the quote in the text, computes the offsets and checks them, so an
annotator never counts characters. Every problem in a file is reported at once, with
the file, line and field path, and nothing is loaded unless the whole folder is valid.

The format is documented field by field in the docs' "Seed format" page.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import os
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

from ._countries import lookup_country
from ._dataset import Dataset
from ._errors import BilateralError, DataError, ValidationError
from ._groups import lookup_group
from ._model import Agreement, Claim, Document, Relationship
from ._tomlpos import TomlPositions, error_line

__all__ = ["load_seed_dir", "load_seeds", "parse_annotation"]

ANNOTATION_VERSION: Final = 1

_TOP_KEYS = frozenset({"format", "document", "claims", "agreements", "relationships"})
_DOCUMENT_KEYS = frozenset({"title", "url", "publisher", "published"})
_CLAIM_KEYS = frozenset(
    {
        "id",
        "quote",
        "prefix",
        "suffix",
        "countries",
        "groups",
        "sectors",
        "certainty",
        "polarity",
        "attribution",
        "time",
        "note",
    }
)
_AGREEMENT_KEYS = frozenset(
    {"id", "parties", "subject", "sector", "status", "supplier", "recipient", "evidence", "note"}
)
_RELATIONSHIP_KEYS = frozenset(
    {"id", "parties", "sector", "trend", "description", "evidence", "note"}
)

Extractor = Callable[[str, str], Dataset]
"""Builds a dataset from a text and a document id (used for texts without annotation)."""


class _Problems:
    """Collects the problems of one annotation file, located by line and path."""

    def __init__(self, source: str, positions: TomlPositions | None) -> None:
        self.source = source
        self.positions = positions
        self.items: list[BilateralError] = []

    def add(self, reason: str, path: str | None = None) -> None:
        line = self.positions.line(path) if self.positions and path else None
        self.items.append(DataError(reason, file=self.source, line=line, path=path))

    def add_error(self, error: BilateralError, prefix: str) -> None:
        for problem in error.problems if isinstance(error, ValidationError) else (error,):
            located = problem.at(prefix=prefix)
            self.add(located.reason, located.path)


def _read_text(path: Traversable | Path, source: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (invalid byte at offset {exc.start})"
        raise ValidationError([DataError(msg, file=source)], file=source, what=source) from None
    except OSError as exc:
        msg = f"cannot read: {exc.strerror or exc}"
        raise ValidationError([DataError(msg, file=source)], file=source, what=source) from None


def _locate(text: str, quote: str, prefix: str, suffix: str) -> tuple[int, ...]:
    needle = prefix + quote + suffix
    found: list[int] = []
    at = text.find(needle)
    while at != -1:
        found.append(at + len(prefix))
        at = text.find(needle, at + 1)
    return tuple(found)


def parse_annotation(
    text: str,
    annotation: str,
    *,
    document_id: str,
    source: str = "<annotation>",
) -> Dataset:
    """Build a dataset from an article's text and its TOML annotation.

    Claim, agreement and relationship ids are qualified with the document id
    (``"c01"`` in the file becomes ``"<document_id>:c01"``) so that datasets from many
    articles merge without clashes.

    Args:
        text: The article text.
        annotation: The annotation, in TOML.
        document_id: The id to give the document.
        source: The annotation's file name, for error messages.

    Raises:
        ValidationError: Every problem in the annotation, each with its line and path.
    """
    positions = TomlPositions(annotation)
    problems = _Problems(source, positions)
    try:
        data = tomllib.loads(annotation)
    except tomllib.TOMLDecodeError as exc:
        line = error_line(exc)
        error = DataError(f"not valid TOML: {exc}", file=source, line=line)
        raise ValidationError([error], file=source, what=source) from None

    if data.get("format") != ANNOTATION_VERSION:
        problems.add(f"format must be {ANNOTATION_VERSION}, not {data.get('format')!r}", "format")
    for key in sorted(data.keys() - _TOP_KEYS):
        problems.add(f"unknown field {key!r}", key)

    document = _document(text, data.get("document", {}), document_id, problems)
    local_claims: dict[str, str] = {}
    claims = _claims(text, data.get("claims", []), document_id, local_claims, problems)
    agreements = _linked(
        data.get("agreements", []),
        "agreements",
        _AGREEMENT_KEYS,
        Agreement,
        document_id,
        local_claims,
        problems,
    )
    relationships = _linked(
        data.get("relationships", []),
        "relationships",
        _RELATIONSHIP_KEYS,
        Relationship,
        document_id,
        local_claims,
        problems,
    )
    if problems.items:
        raise ValidationError(problems.items, file=source, what=source)
    try:
        return Dataset(
            documents=[document] if document else [],
            claims=claims,
            agreements=agreements,
            relationships=relationships,
        )
    except ValidationError as exc:
        for problem in exc.problems:
            problems.add(problem.reason, problem.path)
        raise ValidationError(problems.items, file=source, what=source) from None


def _document(text: str, table: Any, document_id: str, problems: _Problems) -> Document | None:
    if not isinstance(table, dict):
        problems.add("must be a table", "document")
        return None
    for key in sorted(table.keys() - _DOCUMENT_KEYS):
        problems.add(f"unknown field {key!r}", f"document.{key}")
    try:
        return Document(id=document_id, text=text, **table)
    except BilateralError as exc:
        problems.add_error(exc, "document")
    except TypeError as exc:
        problems.add(str(exc), "document")
    return None


def _table_list(value: Any, path: str, problems: _Problems) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.add(f"must be an array of tables ([[{path}]])", path)
        return []
    return value


def _record_id(
    table: Mapping[str, Any],
    path: str,
    allowed: frozenset[str],
    seen: Collection[str],
    problems: _Problems,
) -> str | None:
    """Check a record's keys and id; return the id, or None when it has none."""
    for key in sorted(table.keys() - allowed):
        problems.add(f"unknown field {key!r}", f"{path}.{key}")
    local = table.get("id")
    if not isinstance(local, str) or not local.strip():
        problems.add("required: an id", f"{path}.id")
        return None
    if local in seen:
        problems.add(f"duplicate id {local!r}", f"{path}.id")
    return local


def _claims(
    text: str,
    value: Any,
    document_id: str,
    local_ids: dict[str, str],
    problems: _Problems,
) -> list[Claim]:
    claims: list[Claim] = []
    for i, table in enumerate(_table_list(value, "claims", problems)):
        path = f"claims[{i}]"
        before = len(problems.items)
        local = _record_id(table, path, _CLAIM_KEYS, local_ids, problems)
        if local is None:
            continue
        local_ids[local] = f"{document_id}:{local}"
        span = _span(text, table, path, problems)
        countries = _resolve(
            table.get("countries", []), f"{path}.countries", lookup_country, problems
        )
        groups = _resolve(table.get("groups", []), f"{path}.groups", lookup_group, problems)
        if len(problems.items) > before or span is None:
            continue
        start, end = span
        fields = {
            k: table[k]
            for k in ("sectors", "certainty", "polarity", "attribution", "time")
            if k in table
        }
        for required in ("sectors", "certainty"):
            if required not in table:
                problems.add(f"required field {required!r} missing", path)
        if len(problems.items) > before:
            continue
        try:
            claims.append(
                Claim(
                    id=local_ids[local],
                    document=document_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    countries=[c.code for c in countries],
                    groups=[g.id for g in groups],
                    **fields,
                )
            )
        except BilateralError as exc:
            problems.add_error(exc, path)
    return claims


def _span(
    text: str, table: Mapping[str, Any], path: str, problems: _Problems
) -> tuple[int, int] | None:
    quote = table.get("quote")
    prefix = table.get("prefix", "")
    suffix = table.get("suffix", "")
    if not isinstance(quote, str) or not quote:
        problems.add("required: the exact quote", f"{path}.quote")
        return None
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        problems.add("prefix and suffix must be strings", f"{path}.prefix")
        return None
    found = _locate(text, quote, prefix, suffix)
    if not found:
        hint = ""
        if _locate(text.replace("’", "'"), quote.replace("’", "'"), prefix, suffix):
            hint = " (it differs from the text only in its apostrophes: ’ vs ')"
        problems.add(f"quote {_short(quote)} not found in the text{hint}", f"{path}.quote")
        return None
    if len(found) > 1:
        problems.add(
            f"quote {_short(quote)} occurs {len(found)} times; add a prefix or suffix",
            f"{path}.quote",
        )
        return None
    return found[0], found[0] + len(quote)


def _short(quote: str) -> str:
    return repr(quote if len(quote) <= 60 else quote[:57] + "...")


def _resolve(
    values: Any, path: str, lookup: Callable[[str], Any], problems: _Problems
) -> list[Any]:
    if not isinstance(values, list):
        problems.add("must be a list", path)
        return []
    resolved: list[Any] = []
    for j, value in enumerate(values):
        try:
            resolved.append(lookup(value))
        except BilateralError as exc:
            problems.add(exc.reason, f"{path}[{j}]")
    return resolved


def _linked(  # noqa: PLR0917 - private; every call site passes them in this order
    value: Any,
    kind: str,
    allowed: frozenset[str],
    cls: type[Agreement] | type[Relationship],
    document_id: str,
    claim_ids: Mapping[str, str],
    problems: _Problems,
) -> list[Any]:
    built: list[Any] = []
    seen: set[str] = set()
    for i, table in enumerate(_table_list(value, kind, problems)):
        path = f"{kind}[{i}]"
        before = len(problems.items)
        local = _record_id(table, path, allowed, seen, problems)
        if local is None:
            continue
        seen.add(local)
        parties = _resolve(table.get("parties", []), f"{path}.parties", lookup_country, problems)
        fields = {
            k: v for k, v in table.items() if k in allowed - {"id", "note", "parties", "evidence"}
        }
        for role in ("supplier", "recipient"):
            if role in fields:
                try:
                    fields[role] = lookup_country(fields[role]).code
                except BilateralError as exc:
                    problems.add(exc.reason, f"{path}.{role}")
        evidence: list[str] = []
        refs = table.get("evidence", [])
        if not isinstance(refs, list):
            problems.add("must be a list of claim ids", f"{path}.evidence")
            refs = []
        for j, ref in enumerate(refs):
            if ref in claim_ids:
                evidence.append(claim_ids[ref])
            else:
                problems.add(
                    f"evidence {ref!r} names no claim in this file", f"{path}.evidence[{j}]"
                )
        if len(problems.items) > before:
            continue
        try:
            built.append(
                cls(
                    id=f"{document_id}:{local}",
                    parties=[p.code for p in parties],
                    evidence=evidence,
                    **fields,
                )
            )
        except BilateralError as exc:
            problems.add_error(exc, path)
        except TypeError as exc:
            problems.add(f"missing field: {exc}", path)
    return built


# --- folders ---------------------------------------------------------------------------


def _entries(folder: Traversable) -> Iterator[tuple[str, Traversable, Traversable | None]]:
    children = {child.name: child for child in folder.iterdir()}
    for name in sorted(children):
        if not name.endswith(".txt") or name.startswith("."):
            continue
        stem = name[: -len(".txt")]
        yield stem, children[name], children.get(f"{stem}.toml")


def _load_folder(folder: Traversable, label: str, *, extract_missing: bool) -> Dataset:
    parts: list[Dataset] = []
    problems: list[BilateralError] = []
    for stem, text_file, note_file in _entries(folder):
        text_source = f"{label}/{text_file.name}"
        try:
            text = _read_text(text_file, text_source)
            if note_file is None:
                extractor = _default_extractor() if extract_missing else None
                if extractor is None:
                    msg = "no annotation beside it, and extraction is turned off"
                    raise ValidationError([DataError(msg, file=text_source)], what=text_source)
                parts.append(extractor(text, stem))
                continue
            note_source = f"{label}/{note_file.name}"
            annotation = _read_text(note_file, note_source)
            parts.append(parse_annotation(text, annotation, document_id=stem, source=note_source))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems, what=label)
    try:
        return Dataset.concat(parts)
    except ValidationError as exc:
        raise ValidationError([p.at(file=label) for p in exc.problems], what=label) from None


def _default_extractor() -> Extractor:
    """The extraction pipeline, imported on first need (it is the heaviest module)."""
    module = importlib.import_module("bilateral.extract")
    extract = module.extract

    def run(text: str, document_id: str) -> Dataset:
        result: Dataset = extract(text, document_id=document_id)
        return result

    return run


def load_seed_dir(path: str | os.PathLike[str], *, extract_missing: bool = True) -> Dataset:
    """Load a folder of articles (``NAME.txt``) with their annotations (``NAME.toml``).

    Args:
        path: The folder.
        extract_missing: Build a dataset by extraction for any text that has no
            annotation beside it; when False such a text is an error.

    Raises:
        ValidationError: Every problem in every file of the folder, each with its file,
            line and field path. Nothing is returned unless the whole folder is valid.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ValidationError([DataError("not a folder", file=str(folder))], what=str(folder))
    return _load_folder(folder, str(folder), extract_missing=extract_missing)


@functools.cache
def load_seeds() -> Dataset:
    """Load the seed articles that ship with bilateral, with their curated annotations.

    The seeds are package data, read through :mod:`importlib.resources`, so they are
    there wherever bilateral is installed. The result is cached: every call returns the
    same (immutable) dataset.
    """
    return _load_folder(_packaged_seeds(), "bilateral/seeds", extract_missing=True)


def _packaged_seeds() -> Traversable:
    """The seed folder installed with the package.

    A wheel puts it inside the package. An editable install leaves the package in the
    source tree and installs the seeds beside it in site-packages, so the
    distribution's own record of its files is asked next.
    """
    inside = files("bilateral").joinpath("seeds")
    if inside.is_dir():
        return inside
    try:
        record = importlib.metadata.distribution("bilateral").locate_file("bilateral/seeds")
    except importlib.metadata.PackageNotFoundError:
        return inside
    installed = Path(str(record))
    return installed if installed.is_dir() else inside
