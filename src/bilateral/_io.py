"""Reading and writing files: the one place bilateral touches the file system for data.

Paths are ``str`` or :class:`os.PathLike`; text is UTF-8. Writers produce the formats
of :mod:`bilateral._convert`; readers report problems with the file name and line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ._convert import (
    Record,
    build_dataset,
    check_header,
    dataset_records,
    decode_record,
    dumps_dataset,
    encode_record,
    jsonl_header,
    loads_dataset,
)
from ._dataset import Dataset
from ._errors import BilateralError, DataError, ValidationError

__all__ = ["iter_jsonl", "read_json", "read_jsonl", "write_json", "write_jsonl"]

StrPath = str | os.PathLike[str]


def _read_text(path: StrPath) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start}: {exc.reason})"
        raise DataError(msg, file=str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None


def read_json(path: StrPath) -> Dataset:
    """Read a dataset from a JSON file written by :func:`write_json`.

    Raises:
        ValidationError: The file does not hold a valid dataset; every problem listed.
        DataError: The file cannot be read or is not UTF-8.
    """
    return loads_dataset(_read_text(path), file=str(path))


def write_json(dataset: Dataset, path: StrPath, *, indent: int | None = 2) -> None:
    """Write a dataset to a JSON file."""
    Path(path).write_text(dumps_dataset(dataset, indent=indent) + "\n", encoding="utf-8")


def write_jsonl(data: Dataset | Iterable[Record], target: StrPath | TextIO) -> int:
    """Write a dataset, or any stream of model objects, as JSON Lines.

    Objects are encoded and written one at a time, so a generator of claims is never
    held in memory whole.

    Args:
        data: A :class:`~bilateral.Dataset` or an iterable of countries, documents,
            claims, agreements and relationships.
        target: A path, or a text file opened for writing.

    Returns:
        The number of records written.
    """
    records = dataset_records(data) if isinstance(data, Dataset) else data
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="\n") as handle:
            return _write_lines(records, handle)
    return _write_lines(records, target)


def _write_lines(records: Iterable[Record], handle: TextIO) -> int:
    handle.write(jsonl_header() + "\n")
    count = 0
    for record in records:
        handle.write(encode_record(record) + "\n")
        count += 1
    return count


def iter_jsonl(source: StrPath | TextIO) -> Iterator[Record]:
    """Yield the model objects of a JSON Lines file one at a time.

    Each record is validated on its own; cross-record checks (evidence ids, spans
    against documents) are made by :func:`read_jsonl`, which builds a dataset.

    Raises:
        ValidationError: A line is invalid; the error names the file, line and field.
    """
    name = str(source) if isinstance(source, str | os.PathLike) else getattr(source, "name", None)
    if isinstance(source, str | os.PathLike):
        try:
            handle: TextIO = Path(source).open(encoding="utf-8")  # noqa: SIM115 - a generator
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror}", file=name) from None
        with handle:
            yield from _iter_lines(handle, name)
    else:
        yield from _iter_lines(source, name)


def _iter_lines(
    handle: TextIO, name: str | None, errors: list[BilateralError] | None = None
) -> Iterator[Record]:
    """Decode lines; raise at the first bad one, or collect into ``errors`` and go on."""
    try:
        first = handle.readline()
        check_header(first, file=name)
        for number, line in enumerate(handle, start=2):
            if not line.strip():
                continue
            try:
                yield decode_record(line)
            except ValidationError as exc:
                located = [p.at(file=name, line=number) for p in exc.problems]
                if errors is None:
                    raise ValidationError(located, file=name, what=f"{name}:{number}") from None
                errors.extend(located)
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason})", file=name) from None


def read_jsonl(source: StrPath | TextIO) -> Dataset:
    """Read a whole JSON Lines file into a validated dataset.

    Every invalid line is reported, not just the first; nothing is returned unless the
    whole file is valid.
    """
    name = str(source) if isinstance(source, str | os.PathLike) else getattr(source, "name", None)
    problems: list[BilateralError] = []
    if isinstance(source, str | os.PathLike):
        try:
            with Path(source).open(encoding="utf-8") as handle:
                records = list(_iter_lines(handle, name, problems))
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror}", file=name) from None
    else:
        records = list(_iter_lines(source, name, problems))
    if problems:
        raise ValidationError(problems, file=name, what=name or "JSON Lines")
    try:
        return build_dataset(records)
    except ValidationError as exc:
        located = [p.at(file=name) for p in exc.problems]
        raise ValidationError(located, file=name, what=name or "JSON Lines") from None
