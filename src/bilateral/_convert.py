"""The cattrs converter and the versioned JSON and JSON Lines formats.

:func:`make_converter` builds the one converter every format goes through. It
unstructures model objects to plain JSON values (enums as their string values,
dates as ISO strings, tuples as lists, a :class:`~bilateral.Country` as its code) and
structures them back through the classes' own validators, so a file can never
produce an object that could not have been built directly.

Problems found while structuring are flattened to :class:`~bilateral.DataError` s
with field paths (``claims[3].certainty``), collected, and raised together as one
:class:`~bilateral.ValidationError`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError

from ._countries import Country, lookup_country
from ._dataset import Dataset
from ._errors import BilateralError, DataError, FormatVersionError, ValidationError
from ._model import Agreement, Claim, Document, Relationship

__all__ = [
    "FORMAT_VERSION",
    "JSONL_KINDS",
    "SUPPORTED_VERSIONS",
    "decode_record",
    "dumps_dataset",
    "encode_record",
    "loads_dataset",
    "make_converter",
]

FORMAT_VERSION: Final = 1
"""The version written by this release."""
SUPPORTED_VERSIONS: Final = (1,)
"""The versions this release reads."""
FORMAT_NAME: Final = "bilateral"
JSONL_FORMAT_NAME: Final = "bilateral-jsonl"

Record = Country | Document | Claim | Agreement | Relationship
JSONL_KINDS: Final[dict[str, type[Any]]] = {
    "country": Country,
    "document": Document,
    "claim": Claim,
    "agreement": Agreement,
    "relationship": Relationship,
}
_KIND_OF: Final = {cls: kind for kind, cls in JSONL_KINDS.items()}


def make_converter() -> cattrs.Converter:
    """Build the converter behind every bilateral format.

    Returns:
        A :class:`cattrs.Converter` that unstructures model objects to JSON-ready
        values and structures them back with full validation.
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(Country, lambda c: c.code)
    converter.register_structure_hook(Country, lambda v, _t: _country(v))
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    converter.register_structure_hook(dt.date, lambda v, _t: v)
    for cls in (Document, Claim, Agreement, Relationship):
        # The classes' converters parse enums and strings themselves; passing the raw
        # values through keeps validation in one place and avoids doing it twice.
        converter.register_structure_hook(cls, _passthrough(cls))
    return converter


def _country(value: object) -> Country:
    if not isinstance(value, str):
        msg = f"a country is written as its code, not {type(value).__name__}"
        raise DataError(msg)
    return lookup_country(value)


def _passthrough(cls: type[Any]) -> Callable[[Any, Any], Any]:
    fields = {a.name: a.alias for a in attrs.fields(cls) if a.init}

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, dict):
            msg = f"a {cls.__name__} is written as an object, not {type(value).__name__}"
            raise DataError(msg)
        extra = value.keys() - fields.keys()
        if extra:
            key = sorted(extra)[0]
            msg = f"unknown field {key!r}"
            raise DataError(msg, path=key)
        return cls(**{fields[k]: v for k, v in value.items()})

    return structure


_CONVERTER = make_converter()
_UNSTRUCTURE = {cls: _CONVERTER.get_unstructure_hook(cls) for cls in _KIND_OF}
_STRUCTURE = {cls: _CONVERTER.get_structure_hook(cls) for cls in _KIND_OF}


def flatten_error(exc: BaseException, path: str = "") -> list[BilateralError]:
    """Turn an exception raised while structuring into located :class:`DataError` s."""

    def join(prefix: str, part: str) -> str:
        if not part:
            return prefix
        if not prefix:
            return part
        return prefix + part if part.startswith("[") else f"{prefix}.{part}"

    if isinstance(exc, BilateralError):
        inner = exc.problems if isinstance(exc, ValidationError) else (exc,)
        return [DataError(p.reason, path=join(path, p.path or "")) for p in inner]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[BilateralError] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            part = f"[{getattr(note, 'index', '?')}]" if name is None else str(name)
            found.extend(flatten_error(sub, join(path, part)))
        for sub in without:
            found.extend(flatten_error(sub, path))
        return found
    if isinstance(exc, KeyError):
        return [DataError(f"required field {exc.args[0]!r} missing", path=path or None)]
    return [DataError(f"invalid value: {exc}", path=path or None)]


def unstructure(obj: Record) -> dict[str, Any] | str:
    """Return the JSON-ready form of one model object."""
    result: dict[str, Any] | str = _UNSTRUCTURE[type(obj)](obj)
    return result


def structure(value: Any, cls: type[Any]) -> Any:
    """Build one model object of type ``cls`` from its JSON-ready form."""
    return _STRUCTURE[cls](value, cls)


# --- whole datasets as one JSON document -----------------------------------------------


def unstructure_dataset(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON-ready form of a dataset, with its format name and version."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "countries": [c.code for c in dataset.countries],
        "documents": [unstructure(d) for d in dataset.documents],
        "claims": [unstructure(c) for c in dataset.claims],
        "agreements": [unstructure(a) for a in dataset.agreements],
        "relationships": [unstructure(r) for r in dataset.relationships],
    }


def structure_dataset(value: Any, *, file: str | None = None) -> Dataset:
    """Build a dataset from its JSON-ready form, reporting every problem at once."""
    if not isinstance(value, dict):
        raise ValidationError(
            [DataError("a dataset is written as a JSON object", file=file)],
            file=file,
            what=file or "JSON",
        )
    if value.get("format") != FORMAT_NAME:
        reason = (
            f"not a bilateral dataset (format is {value.get('format')!r}, expected {FORMAT_NAME!r})"
        )
        raise ValidationError(
            [DataError(reason, file=file, path="format")], file=file, what=file or "JSON"
        )
    if value.get("version") not in SUPPORTED_VERSIONS:
        raise FormatVersionError(value.get("version"), SUPPORTED_VERSIONS, file=file)
    problems: list[BilateralError] = []
    parts: dict[str, list[Any]] = {}
    kinds = {
        "countries": Country,
        "documents": Document,
        "claims": Claim,
        "agreements": Agreement,
        "relationships": Relationship,
    }
    problems.extend(
        DataError(f"unknown field {key!r}", file=file, path=key)
        for key in value.keys() - {"format", "version", *kinds}
    )
    for key, cls in kinds.items():
        items = value.get(key, [])
        if not isinstance(items, list):
            problems.append(DataError("must be a list", file=file, path=key))
            continue
        built: list[Any] = []
        for i, item in enumerate(items):
            try:
                built.append(structure(item, cls))
            except Exception as exc:
                problems.extend(p.at(file=file) for p in flatten_error(exc, f"{key}[{i}]"))
        parts[key] = built
    if problems:
        raise ValidationError(problems, file=file, what=file or "JSON")
    try:
        return Dataset(**parts)
    except ValidationError as exc:
        raise ValidationError(
            [p.at(file=file) for p in exc.problems], file=file, what=file or "JSON"
        ) from None


def dumps_dataset(dataset: Dataset, *, indent: int | None = None) -> str:
    """Serialize a dataset to a JSON string."""
    return json.dumps(unstructure_dataset(dataset), ensure_ascii=False, indent=indent)


def loads_dataset(text: str | bytes, *, file: str | None = None) -> Dataset:
    """Parse a dataset from a JSON string.

    Raises:
        ValidationError: Malformed JSON or an invalid dataset; every problem listed.
    """
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        problem = DataError(f"not valid JSON: {exc}", file=file, line=line)
        raise ValidationError([problem], file=file, what=file or "JSON") from None
    return structure_dataset(value, file=file)


# --- JSON Lines: one record per line ---------------------------------------------------


def jsonl_header() -> str:
    """The first line of a JSON Lines file."""
    return json.dumps({"format": JSONL_FORMAT_NAME, "version": FORMAT_VERSION})


def encode_record(obj: Record) -> str:
    """Encode one model object as a JSON Lines line (without the newline)."""
    body = unstructure(obj)
    record = (
        {"kind": _KIND_OF[type(obj)], "code": body}
        if isinstance(body, str)
        else {
            "kind": _KIND_OF[type(obj)],
            **body,
        }
    )
    return json.dumps(record, ensure_ascii=False)


def dataset_records(dataset: Dataset) -> Iterator[Record]:
    """Yield a dataset's objects in the order JSON Lines files store them."""
    yield from dataset.countries
    yield from dataset.documents
    yield from dataset.claims
    yield from dataset.agreements
    yield from dataset.relationships


def check_header(line: str, *, file: str | None = None) -> None:
    """Check the first line of a JSON Lines file.

    Raises:
        DataError: It is not a bilateral JSON Lines header.
        FormatVersionError: It declares a version this release cannot read.
    """
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != JSONL_FORMAT_NAME:
        msg = (
            "not a bilateral JSON Lines file"
            f" (the first line must be a {JSONL_FORMAT_NAME!r} header)"
        )
        raise DataError(msg, file=file, line=1)
    if header.get("version") not in SUPPORTED_VERSIONS:
        raise FormatVersionError(header.get("version"), SUPPORTED_VERSIONS, file=file)


def decode_record(line: str) -> Record:
    """Decode one JSON Lines line into a model object.

    Raises:
        ValidationError: The line is not a valid record; every problem listed with its
            field path.
    """
    try:
        value = json.loads(line)
    except ValueError as exc:
        raise ValidationError([DataError(f"not valid JSON: {exc}")], what="line") from None
    if not isinstance(value, dict):
        raise ValidationError([DataError("a record is a JSON object")], what="line")
    kind = value.pop("kind", None)
    cls = JSONL_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        choices = ", ".join(JSONL_KINDS)
        raise ValidationError(
            [DataError(f"kind {kind!r} is not one of {choices}", path="kind")], what="line"
        )
    try:
        result: Record = structure(value["code"] if cls is Country else value, cls)
    except Exception as exc:
        raise ValidationError(flatten_error(exc), what="line") from None
    return result


def build_dataset(records: Iterable[Record]) -> Dataset:
    """Gather decoded records into a dataset."""
    parts: dict[type[Any], list[Any]] = {cls: [] for cls in _KIND_OF}
    for record in records:
        parts[type(record)].append(record)
    return Dataset(
        countries=parts[Country],
        documents=parts[Document],
        claims=parts[Claim],
        agreements=parts[Agreement],
        relationships=parts[Relationship],
    )
