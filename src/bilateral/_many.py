"""Extraction over many documents: in parallel on one machine, streamed, failure-tolerant.

:func:`extract_many` runs extraction in worker processes (extraction is CPU-bound, so
threads would wait on one another) and yields one result per document as soon as it
is ready, keeping only a bounded number of documents in flight, so a corpus of any
size goes through in constant memory. A document whose extraction fails becomes an
:class:`ExtractionFailure` naming it and the error; the others carry on.
:func:`write_extraction` streams the results to JSON Lines or Parquet.

The command-line form is :func:`run_extract_command`, configured by
:func:`configure_extract_command`.
"""

from __future__ import annotations

import collections
import functools
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TextIO

import attrs

from ._convert import encode_record, jsonl_header
from ._countries import Country, lookup_country
from ._dataset import Dataset
from ._errors import DataError
from ._model import sha256_text

if TYPE_CHECKING:
    import argparse
    import concurrent.futures as cf
    from typing import Protocol

    class Extractor(Protocol):
        """A function building a dataset from one text, like ``bilateral.extract.extract``."""

        def __call__(self, text: str, *, document_id: str) -> Dataset: ...

else:
    Extractor = Callable[..., Dataset]

__all__ = [
    "ExtractionFailure",
    "ExtractionSummary",
    "LexiconExtractor",
    "configure_extract_command",
    "extract_many",
    "read_articles",
    "run_extract_command",
    "write_extraction",
]

StrPath = str | os.PathLike[str]
Source = str | os.PathLike[str] | tuple[str, str]
"""One input of :func:`extract_many`: a text, a path to a UTF-8 file, or ``(id, text)``."""

_UNSAFE_ID: Final = re.compile(r"\s+")
_PARQUET_BATCH: Final = 256
"""Documents gathered into one Parquet row group: big enough to compress well."""


@attrs.frozen
class ExtractionFailure:
    """A document whose extraction failed, and why.

    Attributes:
        document_id: The id the document would have had.
        error: The exception's type and message (``"ValueError: ..."``).
        source: The file it came from, when it came from a file.
        details: The formatted traceback, for a bug report.
    """

    document_id: str
    error: str
    source: str | None = None
    details: str | None = attrs.field(default=None, repr=False)

    def to_json(self) -> str:
        """Return the failure as one JSON object (a line of an errors file)."""
        return json.dumps(attrs.asdict(self), ensure_ascii=False)


@attrs.frozen
class ExtractionSummary:
    """What :func:`write_extraction` wrote.

    Attributes:
        documents: Documents extracted and written.
        claims: Claims written.
        agreements: Agreements written.
        relationships: Relationships written.
        failed: Documents whose extraction failed.
        seconds: Wall-clock time taken.
    """

    documents: int
    claims: int
    agreements: int
    relationships: int
    failed: int
    seconds: float


@attrs.frozen
class _Task:
    document_id: str
    text: str | None
    path: str | None


def _task(item: Source) -> _Task:
    if isinstance(item, tuple):
        document_id, text = item
        return _Task(str(document_id), text, None)
    if isinstance(item, str):
        return _Task(sha256_text(item)[:16], item, None)
    path = Path(item)
    return _Task(_UNSAFE_ID.sub("_", path.stem) or "document", None, str(path))


def _default_extractor() -> Extractor:
    from .extract import extract

    return extract


@attrs.frozen
class LexiconExtractor:
    """Extraction with cue lexicons loaded from files, which a worker process can receive.

    A loaded lexicon cannot be sent to another process, but its paths can: each
    worker loads the lexicon once, on its first document.

    Attributes:
        paths: Lexicon files or folders, as :func:`bilateral.extract.load_lexicon` takes.
    """

    paths: tuple[str, ...]

    def __call__(self, text: str, *, document_id: str) -> Dataset:
        """Extract ``text`` with the lexicon of :attr:`paths`."""
        from .extract import extract

        result: Dataset = extract(text, document_id=document_id, lexicon=_lexicon(self.paths))
        return result


@functools.cache
def _lexicon(paths: tuple[str, ...]) -> Any:
    from .extract import load_lexicon

    return load_lexicon(*paths)


def _run(task: _Task, extractor: Extractor | None) -> Dataset | ExtractionFailure:
    """Extract one document; runs in a worker process, so it never raises."""
    try:
        text = task.text
        if text is None:
            assert task.path is not None  # noqa: S101 - a task has a text or a path
            text = Path(task.path).read_text(encoding="utf-8")
        run = extractor if extractor is not None else _default_extractor()
        return run(text, document_id=task.document_id)
    except Exception as exc:  # a failing document must not stop the others
        return ExtractionFailure(
            document_id=task.document_id,
            error=f"{type(exc).__name__}: {exc}",
            source=task.path,
            details="".join(traceback.format_exception(exc)),
        )


def _run_all(tasks: list[_Task], extractor: Extractor | None) -> list[Dataset | ExtractionFailure]:
    return [_run(task, extractor) for task in tasks]


class _Progress:
    """A one-line progress bar on standard error, redrawn at most ten times a second."""

    def __init__(self, total: int | None, stream: TextIO, *, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def update(self, *, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self.drawn >= 0.1:
            self.drawn = now
            self.draw(now)

    def draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * 24)
            line = (
                f"{self.done:>{len(str(self.total))}}/{self.total}"
                f" [{'#' * filled}{'.' * (24 - filled)}] {share:4.0%}"
            )
        else:
            line = f"{self.done} documents"
        failed = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r{line}  {rate:,.1f} docs/s{failed} ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def extract_many(
    texts_or_paths: Iterable[Source],
    workers: int | None = None,
    *,
    ordered: bool = True,
    progress: bool | None = None,
    extractor: Extractor | None = None,
    chunksize: int | None = None,
    max_pending: int | None = None,
) -> Iterator[Dataset | ExtractionFailure]:
    """Extract many documents in parallel, yielding one result per document.

    Reach for it when there are more articles than one process gets through in good
    time: it keeps every core busy, holds only a bounded number of documents in
    memory however long the input, and turns a document that fails into an
    :class:`ExtractionFailure` instead of stopping. Stream the results to disk with
    :func:`write_extraction`.

    Args:
        texts_or_paths: The documents: a :class:`str` is an article's text (its id is
            the first 16 hex digits of its SHA-256); a :class:`pathlib.Path` (any
            ``os.PathLike``) is a UTF-8 file, read in the worker (its id is the file
            stem); a ``(document_id, text)`` pair gives its own id.
        workers: Worker processes; ``None`` for one per CPU. With ``1`` everything
            runs in this process, which is easiest to debug.
        ordered: Yield results in input order (the default) or as they finish, which
            keeps workers busier when document sizes vary a lot.
        progress: Draw a progress bar on standard error; by default only when
            standard error is a terminal.
        extractor: The function to run instead of :func:`bilateral.extract.extract`,
            called as ``extractor(text, document_id=...)``; with worker processes it
            must be picklable (a module-level function).
        chunksize: Documents sent to a worker at once. By default documents are
            grouped into chunks of about 64 KB of text (at most 256 documents),
            which spreads the cost of talking to the workers over enough work.
        max_pending: Most chunks in flight at once (default four per worker): the
            bound on memory.

    Yields:
        A :class:`~bilateral.Dataset` per document, or an :class:`ExtractionFailure`.
    """
    if workers is not None and workers < 1:
        raise DataError(f"workers must be at least 1, not {workers}", path="workers")
    if chunksize is not None and chunksize < 1:
        raise DataError(f"chunksize must be at least 1, not {chunksize}", path="chunksize")
    count = workers if workers is not None else (os.cpu_count() or 1)
    total = len(texts_or_paths) if isinstance(texts_or_paths, list | tuple) else None
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(total, sys.stderr, enabled=show)
    chunks = _chunks((_task(item) for item in texts_or_paths), chunksize)
    try:
        if count == 1:
            results: Iterator[list[Dataset | ExtractionFailure]] = (
                _run_all(chunk, extractor) for chunk in chunks
            )
        else:
            pending = max_pending if max_pending is not None else 4 * count
            results = _parallel(chunks, extractor, count, max(pending, 1), ordered=ordered)
        for batch in results:
            for result in batch:
                bar.update(failed=isinstance(result, ExtractionFailure))
                yield result
    finally:
        bar.close()


_CHUNK_TEXT: Final = 64_000
"""Characters (or bytes of files) of text per chunk when no chunk size is given."""
_CHUNK_MOST: Final = 256


def _size(task: _Task) -> int:
    if task.text is not None:
        return len(task.text)
    try:
        return os.stat(task.path or "").st_size
    except OSError:
        return 0  # the worker reports the file


def _chunks(tasks: Iterator[_Task], size: int | None) -> Iterator[list[_Task]]:
    """Group tasks: ``size`` at a time, or by amount of text when ``size`` is None."""
    chunk: list[_Task] = []
    text = 0
    for task in tasks:
        chunk.append(task)
        if size is None:
            text += _size(task)
            full = text >= _CHUNK_TEXT or len(chunk) >= _CHUNK_MOST
        else:
            full = len(chunk) >= size
        if full:
            yield chunk
            chunk = []
            text = 0
    if chunk:
        yield chunk


def _parallel(
    chunks: Iterator[list[_Task]],
    extractor: Extractor | None,
    workers: int,
    max_pending: int,
    *,
    ordered: bool,
) -> Iterator[list[Dataset | ExtractionFailure]]:
    """Run chunks in a process pool, never more than ``max_pending`` at once."""
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    pool = cf.ProcessPoolExecutor(max_workers=workers)
    inflight: collections.deque[tuple[cf.Future[list[Dataset | ExtractionFailure]], list[_Task]]]
    inflight = collections.deque()

    def submit(chunk: list[_Task]) -> None:
        nonlocal pool
        try:
            future = pool.submit(_run_all, chunk, extractor)
        except BrokenProcessPool:
            # A worker died (killed, out of memory); its documents are reported as
            # failed and a fresh pool takes the rest.
            pool.shutdown(wait=False, cancel_futures=True)
            pool = cf.ProcessPoolExecutor(max_workers=workers)
            future = pool.submit(_run_all, chunk, extractor)
        inflight.append((future, chunk))

    def outcome(
        future: cf.Future[list[Dataset | ExtractionFailure]], chunk: list[_Task]
    ) -> list[Dataset | ExtractionFailure]:
        try:
            return future.result()
        except Exception as exc:  # the pool broke, or a result could not be sent back
            error = f"{type(exc).__name__}: {exc}"
            return [ExtractionFailure(t.document_id, error, t.path) for t in chunk]

    try:
        for chunk in chunks:
            while len(inflight) >= max_pending:
                yield _take(inflight, outcome, ordered=ordered)
            submit(chunk)
        while inflight:
            yield _take(inflight, outcome, ordered=ordered)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(
    inflight: collections.deque[tuple[cf.Future[Any], list[_Task]]],
    outcome: Callable[[cf.Future[Any], list[_Task]], list[Dataset | ExtractionFailure]],
    *,
    ordered: bool,
) -> list[Dataset | ExtractionFailure]:
    """Remove and return the next result: the oldest, or the first to finish."""
    import concurrent.futures as cf

    if ordered:
        future, chunk = inflight.popleft()
        return outcome(future, chunk)
    done, _ = cf.wait([f for f, _ in inflight], return_when=cf.FIRST_COMPLETED)
    for index, (future, chunk) in enumerate(inflight):
        if future in done:
            del inflight[index]
            return outcome(future, chunk)
    raise AssertionError("cf.wait returned no finished future")  # pragma: no cover


# --- sources ---------------------------------------------------------------------------


def read_articles(
    source: StrPath, *, id_field: str = "id", text_field: str = "text"
) -> Iterator[Source]:
    """Yield the articles of a folder of ``.txt`` files or of a JSON Lines file.

    A folder gives the paths of its ``*.txt`` files, sorted (each read by the worker
    that extracts it). A JSON Lines file gives ``(id, text)`` pairs from objects with
    an id and a text field; other fields are ignored. A single text file gives its
    path. Ready for :func:`extract_many`.

    Raises:
        DataError: The source cannot be read, or a line is not an article; the error
            names the file and line.
    """
    path = Path(source)
    if path.is_dir():
        yield from sorted(path.glob("*.txt"))
        return
    if path.suffix != ".jsonl":
        yield path
        return
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", file=str(path)) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise DataError(f"not valid JSON: {exc}", file=str(path), line=number) from None
            if not isinstance(value, dict):
                raise DataError("an article is a JSON object", file=str(path), line=number)
            document_id, text = value.get(id_field), value.get(text_field)
            if not isinstance(text, str):
                msg = f"an article needs a string {text_field!r} field"
                raise DataError(msg, file=str(path), line=number, path=text_field)
            if document_id is None:
                yield text
            else:
                yield (str(document_id), text)


# --- sinks -----------------------------------------------------------------------------


class _Sink:
    def add(self, data: Dataset) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _JSONLSink(_Sink):
    """One JSON Lines file; each country is written once, where first needed."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.countries: set[str] = set()
        handle.write(jsonl_header() + "\n")

    def add(self, data: Dataset) -> None:
        lines = [encode_record(c) for c in data.countries if c.code not in self.countries]
        self.countries.update(c.code for c in data.countries)
        for kind in (data.documents, data.claims, data.agreements, data.relationships):
            lines.extend(encode_record(record) for record in kind)
        lines.append("")
        self.handle.write("\n".join(lines))

    def close(self) -> None:
        self.handle.flush()


class _ParquetSink(_Sink):
    """Five Parquet files written a row group at a time, as :func:`write_parquet` lays them out."""

    def __init__(self, directory: Path) -> None:
        from ._arrow import _parquet, schemas

        self.pq = _parquet()
        self.schemas = schemas()
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.writers: dict[str, Any] = {}
        self.batch: list[Dataset] = []
        self.countries: dict[str, Country] = {}

    def add(self, data: Dataset) -> None:
        self.batch.append(data)
        for country in data.countries:
            self.countries.setdefault(country.code, country)
        if len(self.batch) >= _PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        from ._arrow import _tables

        if not self.batch:
            return
        tables = _tables(
            (),
            [d for data in self.batch for d in data.documents],
            [c for data in self.batch for c in data.claims],
            [a for data in self.batch for a in data.agreements],
            [r for data in self.batch for r in data.relationships],
        )
        self.batch = []
        for kind, table in tables.items():
            if kind == "countries" or table.num_rows == 0:
                continue
            self.writer(kind).write_table(table)

    def writer(self, kind: str) -> Any:
        if kind not in self.writers:
            path = self.directory / f"{kind}.parquet"
            self.writers[kind] = self.pq.ParquetWriter(path, self.schemas[kind])
        return self.writers[kind]

    def close(self) -> None:
        from ._arrow import _tables

        self.flush()
        countries = [lookup_country(code) for code in sorted(self.countries)]
        self.writer("countries").write_table(_tables(countries, (), (), (), ())["countries"])
        for kind in self.schemas:
            self.writer(kind).close()


def write_extraction(
    results: Iterable[Dataset | ExtractionFailure],
    target: StrPath | IO[str],
    *,
    on_failure: Callable[[ExtractionFailure], object] | None = None,
) -> ExtractionSummary:
    """Stream extraction results to JSON Lines or Parquet, in bounded memory.

    A target ending in ``.jsonl`` (or an open text file) receives one JSON Lines
    file that :func:`bilateral.read_jsonl` reads; any other path is a folder that
    receives the five Parquet files :func:`bilateral.read_parquet` reads (written a
    row group at a time). Document ids must be unique across the results.

    Args:
        results: What :func:`extract_many` yields.
        target: Where to write.
        on_failure: Called with each :class:`ExtractionFailure` (to log it, or
            write it to an errors file); by default failures are only counted.

    Returns:
        How much was written, and how many documents failed.
    """
    started = time.monotonic()
    counts = collections.Counter[str]()
    opened: IO[str] | None = None
    sink: _Sink
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        if path.suffix == ".jsonl":
            path.parent.mkdir(parents=True, exist_ok=True)
            opened = path.open("w", encoding="utf-8", newline="\n")
            sink = _JSONLSink(opened)
        else:
            sink = _ParquetSink(path)
    else:
        sink = _JSONLSink(target)
    try:
        for result in results:
            if isinstance(result, ExtractionFailure):
                counts["failed"] += 1
                if on_failure is not None:
                    on_failure(result)
                continue
            sink.add(result)
            counts["documents"] += len(result.documents)
            counts["claims"] += len(result.claims)
            counts["agreements"] += len(result.agreements)
            counts["relationships"] += len(result.relationships)
        sink.close()
    finally:
        if opened is not None:
            opened.close()
    return ExtractionSummary(
        documents=counts["documents"],
        claims=counts["claims"],
        agreements=counts["agreements"],
        relationships=counts["relationships"],
        failed=counts["failed"],
        seconds=time.monotonic() - started,
    )


# --- the command line ------------------------------------------------------------------


def configure_extract_command(parser: argparse.ArgumentParser) -> None:
    """Add the options of the many-document ``extract`` command to ``parser``."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text files, folders of .txt files, or JSON Lines files of articles"
        " (objects with an id and a text)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="a .jsonl file, or a folder that receives Parquet files"
        " (default: JSON Lines on standard output)",
    )
    parser.add_argument(
        "-j",
        "--workers",
        type=int,
        metavar="N",
        help="worker processes (default: one per CPU)",
    )
    parser.add_argument(
        "--errors",
        metavar="PATH",
        help="write each failed document's id and error to this JSON Lines file",
    )
    parser.add_argument(
        "--unordered",
        action="store_true",
        help="write documents as they finish rather than in input order",
    )
    parser.add_argument("--id-field", default="id", help="the id field of JSON Lines articles")
    parser.add_argument(
        "--text-field", default="text", help="the text field of JSON Lines articles"
    )
    parser.add_argument("--no-progress", action="store_true", help="never draw the progress bar")
    parser.add_argument(
        "--lexicon",
        action="append",
        metavar="PATH",
        help="a lexicon file or folder extending the packaged cues (repeatable)",
    )


def run_extract_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run the many-document ``extract`` command on parsed arguments.

    Extracts every input in parallel, streams the results to ``--output`` (or as
    JSON Lines to ``out``), reports each failed document on standard error (or in
    ``--errors``), and prints a one-line summary (on standard error when the data
    goes to ``out``).

    Returns:
        0 when every document was extracted, 1 when some failed (the others are
        written all the same).

    Raises:
        BilateralError: An input cannot be read, or a worker count is invalid.
    """
    stream = out if out is not None else sys.stdout

    def sources() -> Iterator[Source]:
        for name in args.inputs:
            yield from read_articles(name, id_field=args.id_field, text_field=args.text_field)

    # Closed in the finally clause below, after the results are written.
    errors = Path(args.errors).open("w", encoding="utf-8") if args.errors else None  # noqa: SIM115

    def report(failure: ExtractionFailure) -> None:
        if errors is not None:
            errors.write(failure.to_json() + "\n")
        else:
            sys.stderr.write(f"bilateral extract: {failure.document_id}: {failure.error}\n")

    lexicons = getattr(args, "lexicon", None)
    try:
        results = extract_many(
            sources(),
            workers=args.workers,
            ordered=not args.unordered,
            progress=False if args.no_progress else None,
            extractor=LexiconExtractor(tuple(lexicons)) if lexicons else None,
        )
        summary = write_extraction(results, args.output or stream, on_failure=report)
    finally:
        if errors is not None:
            errors.close()
    (stream if args.output else sys.stderr).write(
        f"{summary.documents} documents, {summary.claims} claims, {summary.agreements}"
        f" agreements, {summary.relationships} relationships written to"
        f" {args.output or 'standard output'}"
        f" in {summary.seconds:.1f} s"
        + (f"; {summary.failed} failed" if summary.failed else "")
        + "\n"
    )
    return 1 if summary.failed else 0
