"""The exception tree: every error bilateral raises derives from :class:`BilateralError`.

Each exception stores the facts it reports as attributes (the file, the line, the
field path, the offending value) and builds its message from them, so a program can
act on an error without parsing its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "AmbiguousCountryError",
    "BilateralError",
    "DataError",
    "FormatVersionError",
    "QueryError",
    "UnknownCountryError",
    "UnknownGroupError",
    "ValidationError",
]


class BilateralError(Exception):
    """Base class of every error raised by bilateral.

    Attributes:
        reason: What is wrong, without the location.
        file: The file the problem was found in, if any.
        line: The 1-based line in ``file``, where the format knows it.
        path: The field path inside the document, such as ``agreements[2].status``.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.path = path
        super().__init__(self.message)

    @property
    def location(self) -> str:
        """``file:line: path`` as far as known, or an empty string."""
        where = ""
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.path:
            where = f"{where}: {self.path}" if where else self.path
        return where

    @property
    def message(self) -> str:
        """The full message, the location followed by the reason."""
        where = self.location
        return f"{where}: {self.reason}" if where else self.reason

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (parallel extraction): keep every field.
        return (_restore, (type(self), dict(self.__dict__), self.args))

    def at(
        self, *, file: str | None = None, line: int | None = None, prefix: str | None = None
    ) -> DataError:
        """Return this problem as a :class:`DataError` located in ``file`` at ``line``.

        Loaders use this to place an error raised deep in the model (which knows only the
        field) at the file, line and full path where the bad value was read; ``prefix``
        goes before the path (``agreements[2]`` + ``status``). The reason is kept; the
        location given here replaces the error's own where both are known.
        """
        path = self.path
        if prefix and path:
            path = prefix + path if path.startswith("[") else f"{prefix}.{path}"
        elif prefix:
            path = prefix
        return DataError(
            self.reason,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
            path=path,
        )


def _restore(
    cls: type[BilateralError], fields: dict[str, object], args: tuple[object, ...]
) -> BilateralError:
    error = cls.__new__(cls)
    error.__dict__.update(fields)
    error.args = args
    return error


class DataError(BilateralError, ValueError):
    """One invalid value: a field out of range, a span that does not match its text, ..."""


class FormatVersionError(DataError):
    """A serialized dataset has a format version this release cannot read.

    Attributes:
        found: The version the data declares.
        supported: The versions this release reads.
    """

    def __init__(self, found: object, supported: Sequence[int], *, file: str | None = None) -> None:
        self.found = found
        self.supported = tuple(supported)
        versions = ", ".join(str(v) for v in self.supported)
        super().__init__(
            f"format version {found!r} is not supported (this release reads {versions})",
            file=file,
            path="format",
        )


class ValidationError(BilateralError, ValueError):
    """Several problems found together, such as every problem in one annotation file.

    Loaders and :class:`bilateral.Dataset` collect every problem before raising, so
    one run shows them all. Nothing is loaded when this is raised.

    Attributes:
        problems: The individual problems, each a :class:`BilateralError` with its own
            file, line and path.
    """

    def __init__(
        self,
        problems: Iterable[BilateralError],
        *,
        file: str | None = None,
        what: str = "data",
    ) -> None:
        self.problems = tuple(problems)
        self.what = what
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in {what}"]
        lines.extend(f"  {p.message}" for p in self.problems)
        super().__init__("\n".join(lines), file=file)

    @property
    def message(self) -> str:
        """The header line followed by one indented line per problem."""
        return self.reason


class UnknownCountryError(BilateralError, LookupError):
    """A name or code that no country in the registry answers to.

    Attributes:
        query: What was looked up.
        suggestions: Names of the closest matches, best first (may be empty).
    """

    def __init__(
        self,
        query: str,
        suggestions: Sequence[str] = (),
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        reason = f"unknown country {query!r}"
        if self.suggestions:
            reason += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(reason, file=file, line=line, path=path)


class AmbiguousCountryError(UnknownCountryError):
    """A name that stands for more than one country, such as "Congo" or "Korea".

    Attributes:
        query: What was looked up.
        candidates: The alpha-3 codes it could mean.
    """

    def __init__(
        self,
        query: str,
        candidates: Sequence[str],
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        self.candidates = tuple(candidates)
        super().__init__(query, self.candidates, file=file, line=line, path=path)
        self.reason = (
            f"{query!r} is ambiguous: it may mean any of "
            + ", ".join(self.candidates)
            + "; use a code or a full name"
        )
        self.args = (self.message,)


class QueryError(BilateralError, ValueError):
    """A query filter with a value that cannot match anything, such as a misspelt sector.

    Attributes:
        parameter: The keyword argument at fault.
        value: The value given.
        choices: The valid values, where they form a short list.
    """

    def __init__(self, parameter: str, value: object, choices: Sequence[str] = ()) -> None:
        self.parameter = parameter
        self.value = value
        self.choices = tuple(choices)
        reason = f"invalid value {value!r} for {parameter}"
        if self.choices:
            reason += "; valid choices: " + ", ".join(self.choices)
        super().__init__(reason, path=parameter)


class UnknownGroupError(BilateralError, LookupError):
    """A name or id that no group (bloc, organisation, alliance) answers to.

    Attributes:
        query: What was looked up.
        choices: The known group ids.
    """

    def __init__(self, query: str, choices: Sequence[str] = (), *, path: str | None = None) -> None:
        self.query = query
        self.choices = tuple(choices)
        reason = f"unknown group {query!r}"
        if self.choices:
            reason += "; known groups: " + ", ".join(self.choices)
        super().__init__(reason, path=path)
