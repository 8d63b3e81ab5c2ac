"""Line numbers for values in a TOML document.

:mod:`tomllib` returns plain dictionaries with no positions. Loaders need them to say
*where* a bad value is, so this module scans the text once for table headers and keys
and maps field paths such as ``claims[2].status`` or ``countries.PAK.demonyms`` to the
1-based line they are written on. It understands the layout annotators write (tables,
arrays of tables, one key per line); for anything else it falls back to the nearest
enclosing table, and to no line at all rather than a wrong one.
"""

from __future__ import annotations

import re

__all__ = ["TomlPositions", "error_line"]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _split_dotted(name: str) -> list[str]:
    pattern = r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.]+'
    return [_unquote(match.group(0)) for match in re.finditer(pattern, name)]


class TomlPositions:
    """Where each table and key of a TOML text starts.

    Args:
        text: The TOML source.
    """

    __slots__ = ("_lines",)

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        counts: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                parts = _split_dotted(header.group(2))
                name = ".".join(parts)
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = f"{name}[{index}]"
                else:
                    table = name
                self._lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                path = _unquote(key.group(1))
                full = f"{table}.{path}" if table else path
                self._lines.setdefault(full, number)

    def line(self, path: str) -> int | None:
        """Return the line of ``path``, or of its nearest enclosing table or key.

        ``claims[3].countries[1]`` falls back to ``claims[3].countries``, then to
        ``claims[3]``.
        """
        probe = path
        while probe:
            found = self._lines.get(probe)
            if found is not None:
                return found
            cut = max(probe.rfind("."), probe.rfind("["))
            if cut <= 0:
                break
            probe = probe[:cut]
        return None


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def error_line(exc: Exception) -> int | None:
    """Return the line a :class:`tomllib.TOMLDecodeError` points at, if it says."""
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    match = _AT_LINE.search(str(exc))
    return int(match.group(1)) if match else None
