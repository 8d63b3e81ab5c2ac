"""Reading and writing files: the one place bilateral touches the file system for data.

Paths are ``str`` or :class:`os.PathLike`; text is UTF-8. Writers produce the formats
of :mod:`bilateral._convert`; readers report problems with the file name and line.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, TextIO

from ._convert import (
    Record,
    build_dataset,
    bytes_encoder,
    check_header,
    dataset_records,
    decode_exact,
    decode_fast,
    dumps_dataset,
    encoder,
    jsonl_header,
    loads_dataset,
    reads_bytes,
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
        with Path(target).open("wb") as handle:
            return _write_lines(records, handle)
    return _write_lines(records, target)


_BATCH: Final = 1024
"""Lines encoded before one write: few system calls, and memory bounded all the same."""


def _write_lines(records: Iterable[Record], handle: IO[Any]) -> int:
    """Write the header and the records, a batch at a time, to a text or binary file."""
    binary = isinstance(handle, io.BufferedIOBase | io.RawIOBase)
    header = jsonl_header() + "\n"
    handle.write(header.encode() if binary else header)
    encoders = _Encoders()
    count = 0
    source = iter(records)
    while batch := list(itertools.islice(source, _BATCH)):
        data: str | bytes | None = _bytes_batch(batch) if binary else None
        if data is None:
            lines = [encoders[type(record)](record) for record in batch]
            lines.append("")
            text = "\n".join(lines)
            data = text.encode() if binary else text
        handle.write(data)
        count += len(batch)
    return count


class _Encoders(dict[type[Any], Callable[[Any], str]]):
    """The line encoder of each record type met so far."""

    def __missing__(self, cls: type[Any]) -> Callable[[Any], str]:
        self[cls] = found = encoder(cls)
        return found


class _BytesEncoders(dict[type[Any], Callable[[Any], bytes]]):
    """The UTF-8 line encoder of each record type; KeyError where there is none."""

    def __missing__(self, cls: type[Any]) -> Callable[[Any], bytes]:
        found = bytes_encoder(cls)
        if found is None:
            raise KeyError(cls)
        self[cls] = found
        return found


_BYTES: Final = _BytesEncoders()


def _bytes_batch(batch: list[Record]) -> bytes | None:
    """The batch as UTF-8 lines, or None to leave it to the text encoders.

    The text encoders are the reference: any record the bytes encoders cannot write
    (no orjson, or a string UTF-8 cannot hold) is left to them, which then report it.
    """
    try:
        lines = [_BYTES[type(record)](record) for record in batch]
    except Exception:  # the text encoders decide, and raise what they raise
        return None
    lines.append(b"")
    return b"\n".join(lines)


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
            handle = _open_lines(source)
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror}", file=name) from None
        with handle:
            yield from _iter_lines(handle, name)
    else:
        yield from _iter_lines(source, name)


def _open_lines(path: StrPath) -> IO[Any]:
    """Open a JSON Lines file: as bytes when the parser reads UTF-8 itself, else as text."""
    if reads_bytes():
        return Path(path).open("rb")
    return Path(path).open(encoding="utf-8")


def _iter_lines(
    handle: IO[Any], name: str | None, errors: list[BilateralError] | None = None
) -> Iterator[Record]:
    """Decode lines; raise at the first bad one, or collect into ``errors`` and go on."""
    try:
        first = handle.readline()
        check_header(first.decode("utf-8") if isinstance(first, bytes) else first, file=name)
        fast = decode_fast
        for number, line in enumerate(handle, start=2):
            if line.isspace():
                continue
            record = fast(line)
            if record is not None:
                yield record
                continue
            try:
                yield decode_exact(line.decode("utf-8") if isinstance(line, bytes) else line)
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
            with _open_lines(source) as handle:
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
